from django.urls import path

from . import views

app_name = "practice"
urlpatterns = [
    path("households/door-cards/", views.door_card_sheets, name="door-cards"),
    path("h/<str:token>/", views.door, name="door"),
]

from django.urls import path

from . import views

app_name = "translations"
urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:slug>/", views.catalogue, name="catalogue"),
    path("<slug:slug>/mark/", views.mark, name="mark"),
]

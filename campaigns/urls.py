from django.urls import path

from practice.language import bilingual

from . import views

app_name = "campaigns"
# The calendar is read by villagers too (bilingual); the list and form are staff pages.
urlpatterns = [
    path("calendar/", bilingual(views.calendar), name="calendar"),
    path("", views.campaign_list, name="list"),
    path("new/", views.campaign_new, name="new"),
    path("<int:pk>/edit/", views.campaign_edit, name="edit"),
]

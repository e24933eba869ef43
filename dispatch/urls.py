from django.urls import path

from . import views

app_name = "dispatch"

urlpatterns = [
    path("submissions/", views.submission_list, name="submissions"),
    path("submissions/<int:pk>/", views.submission_detail, name="submission"),
    path("meetings/", views.meeting_list, name="meetings"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting"),
    path("meetings/<int:pk>/minutes.docx", views.meeting_docx, name="meeting-docx"),
    path("month/", views.month_view, name="month"),
]

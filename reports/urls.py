from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("monthly/", views.monthly_list, name="monthly-list"),
    path("monthly/<int:pk>/", views.monthly_detail, name="monthly-detail"),
    path("head-records/", views.head_records, name="head-records"),
    path("head-records/<int:unit_id>/", views.head_record, name="head-record"),
]

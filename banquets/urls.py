from django.urls import path

from . import views

app_name = "banquets"
urlpatterns = [
    path("", views.book, name="book"),
    path("mine/", views.mine, name="mine"),
    path("queue/", views.queue, name="queue"),
    path("bookings/<int:pk>/<str:verb>/", views.booking_action, name="booking-action"),
    path("calendar/", views.canteen_calendar, name="calendar"),
    path("violations/", views.violations, name="violations"),
    path("notice/", views.notice, name="notice"),
    path("savings/", views.savings, name="savings"),
]

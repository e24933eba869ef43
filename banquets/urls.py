from django.urls import path

from practice.language import bilingual

from . import views

app_name = "banquets"
urlpatterns = [
    path("", bilingual(views.book), name="book"),
    path("mine/", bilingual(views.mine), name="mine"),
    path("queue/", views.queue, name="queue"),
    path("council/", bilingual(views.council), name="council"),
    path("bookings/<int:pk>/<str:verb>/", views.booking_action, name="booking-action"),
    path("calendar/", bilingual(views.canteen_calendar), name="calendar"),
    path("violations/", views.violations, name="violations"),
    path("notice/", bilingual(views.notice), name="notice"),
    path("savings/", views.savings, name="savings"),
]

from django.urls import path
from rest_framework.routers import SimpleRouter

from . import api

router = SimpleRouter()
router.register("canteens", api.CanteenViewSet, basename="banquets-canteen")
router.register("bookings", api.BookingViewSet, basename="banquets-booking")
router.register("violations", api.ViolationViewSet, basename="banquets-violation")

urlpatterns = [
    path("rules/", api.RulesView.as_view(), name="banquets-rules"),
    path("check/", api.CheckView.as_view(), name="banquets-check"),
    *router.urls,
]

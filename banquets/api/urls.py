from django.urls import path
from rest_framework.routers import SimpleRouter

from practice.language import bilingual

from . import views

router = SimpleRouter()
router.register("canteens", views.CanteenViewSet, basename="banquets-canteen")
router.register("bookings", views.BookingViewSet, basename="banquets-booking")
router.register("violations", views.ViolationViewSet, basename="banquets-violation")

urlpatterns = [
    path("rules/", views.RulesView.as_view(), name="banquets-rules"),
    path("check/", bilingual(views.CheckView.as_view()), name="banquets-check"),
    *router.urls,
]

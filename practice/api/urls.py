from django.urls import path
from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter()
router.register("units", views.UnitViewSet, basename="unit")
router.register("households", views.HouseholdViewSet, basename="household")

urlpatterns = [
    path("auth/token/", views.TokenView.as_view(), name="api-token"),
    path("auth/sms/request/", views.SmsCodeRequestView.as_view(), name="api-sms-request"),
    path("auth/sms/verify/", views.SmsCodeVerifyView.as_view(), name="api-sms-verify"),
    path("me/", views.MeView.as_view(), name="api-me"),
    *router.urls,
]

from django.urls import path
from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("products", views.ProductViewSet, basename="points-product")
router.register("deposits", views.DepositViewSet, basename="points-deposit")
router.register("redemptions", views.RedemptionViewSet, basename="points-redemption")
router.register("entries", views.EntryViewSet, basename="points-entry")
router.register("households", views.HouseholdViewSet, basename="points-household")

urlpatterns = [
    path("prices/", views.PriceList.as_view(), name="points-prices"),
    *router.urls,
]

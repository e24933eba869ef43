from rest_framework.routers import SimpleRouter

from . import api_views

router = SimpleRouter()
router.register("teams", api_views.TeamViewSet, basename="team")
router.register("service-items", api_views.ServiceItemViewSet, basename="service-item")
router.register("orders", api_views.OrderViewSet, basename="order")
router.register("activities", api_views.ActivityViewSet, basename="activity")

urlpatterns = router.urls

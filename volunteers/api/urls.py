from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("teams", views.TeamViewSet, basename="team")
router.register("service-items", views.ServiceItemViewSet, basename="service-item")
router.register("orders", views.OrderViewSet, basename="order")
router.register("activities", views.ActivityViewSet, basename="activity")
router.register("volunteer-applications", views.VolunteerApplicationViewSet,
                basename="volunteer-application")

urlpatterns = router.urls

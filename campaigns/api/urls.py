from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("campaigns", views.CampaignViewSet, basename="campaign")
router.register("activity-categories", views.ActivityCategoryViewSet,
                basename="activity-category")

urlpatterns = router.urls

from rest_framework.routers import DefaultRouter

from . import views as api

router = DefaultRouter()
router.trailing_slash = "/?"
router.include_root_view = False
router.register("submissions", api.SubmissionViewSet, basename="submission")
router.register("dispatch-meetings", api.MeetingViewSet, basename="dispatch-meeting")

urlpatterns = router.urls

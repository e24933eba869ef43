from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("councils", views.CouncilViewSet, basename="council")
router.register("council-members", views.CouncilMemberViewSet, basename="council-member")
router.register("council-meetings", views.CouncilMeetingViewSet, basename="council-meeting")
router.register("compact-versions", views.CompactVersionViewSet, basename="compact-version")
router.register("council-proposals", views.ProposalViewSet, basename="council-proposal")
router.register("council-decisions", views.DecisionViewSet, basename="council-decision")
router.register("antidrug-activities", views.AntiDrugActivityViewSet,
                basename="antidrug-activity")
router.register("antidrug-visits", views.AntiDrugVisitViewSet, basename="antidrug-visit")

urlpatterns = router.urls

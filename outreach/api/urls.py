from django.urls import path
from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("posts", views.OutreachPostViewSet, basename="outreach-post")
router.register("rounds", views.OutreachRoundViewSet, basename="outreach-round")
router.register("stops", views.OutreachStopViewSet, basename="outreach-stop")

urlpatterns = [
    path("next-visit/", views.NextVisitView.as_view(), name="outreach-next-visit"),
    *router.urls,
]

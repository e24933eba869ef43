from django.urls import path
from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("cases", views.MediationCaseViewSet, basename="mediation-case")
router.register("mediators", views.MediationMediatorViewSet, basename="mediation-mediator")

urlpatterns = [
    path("counts/", views.MediationCountsView.as_view(), name="mediation-counts"),
    *router.urls,
]

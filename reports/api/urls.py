from django.urls import path
from rest_framework.routers import DefaultRouter

from . import views as api

router = DefaultRouter()
router.trailing_slash = "/?"  # both .../xlsx and .../xlsx/
router.include_root_view = False
router.register("reports/monthly", api.MonthlyReportViewSet, basename="monthly-report")
router.register("reports/runs", api.ReportRunViewSet, basename="report-run")
router.register("manual-scores", api.ManualScoreViewSet, basename="manual-score")

urlpatterns = [
    path("assessments/", api.AssessmentView.as_view(), name="assessments"),
    path("head-records/<int:unit_id>/", api.HeadRecordView.as_view(), name="head-record"),
    path("dashboard/summary/", api.DashboardSummaryView.as_view(), name="dashboard-summary"),
    *router.urls,
]

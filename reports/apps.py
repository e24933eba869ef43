from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    """Monthly dispatch reports, the annual assessment and the leaders' dashboard."""

    name = "reports"
    verbose_name = _("Monthly reports and assessment")

    def ready(self):
        from practice.navigation import register

        from . import indicators  # noqa: F401  (the network's own indicators)
        from .figures import connect_assessment_signals
        from .views import DASHBOARD_ROLES, REPORT_ROLES

        connect_assessment_signals()
        register(label=_("Dashboard"), url_name="reports:dashboard", roles=DASHBOARD_ROLES,
                 order=50)
        register(label=_("Monthly reports"), url_name="reports:monthly-list",
                 roles=REPORT_ROLES, order=60)

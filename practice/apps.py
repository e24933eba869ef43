from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticeConfig(AppConfig):
    name = "practice"
    verbose_name = _("Practice network")

    def ready(self):
        from . import outbox  # noqa: F401  (registers the outbox_flush task)
        from .navigation import register
        from .roles import ADMIN_SITE_ROLES

        register(
            label=_("Administration"), url_name="admin:index", roles=ADMIN_SITE_ROLES, order=900
        )
        # Monthly reports, assessment and dashboards: the network's own indicators, the admin
        # and the menu entries.
        from .reports import admin as _reports_admin  # noqa: F401
        from .reports import indicators as _reports_indicators  # noqa: F401
        from .reports.selectors import connect_assessment_cache_signals

        connect_assessment_cache_signals()
        from .reports.views import DASHBOARD_ROLES, REPORT_ROLES

        register(label=_("Dashboard"), url_name="reports:dashboard", roles=DASHBOARD_ROLES,
                 order=50)
        register(label=_("Monthly reports"), url_name="reports:monthly-list",
                 roles=REPORT_ROLES, order=60)
        # Ten-star households, honours, satisfaction evaluations and the public board.
        from .honours import admin as _honours_admin  # noqa: F401
        from .roles import READER_ROLES, STAFF_ROLES, Role

        honours_pages = STAFF_ROLES | READER_ROLES
        register(label=_("Ten-star households"), url_name="honours:stars",
                 roles=honours_pages, order=60)
        register(label=_("Honours"), url_name="honours:honours", roles=honours_pages, order=61)
        register(label=_("Satisfaction evaluations"), url_name="honours:evaluations",
                 roles=honours_pages, order=62)
        register(label=_("Notice board"), url_name="honours:my-board", roles=set(Role),
                 order=63)

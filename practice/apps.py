from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticeConfig(AppConfig):
    name = "practice"
    verbose_name = _("Practice network")

    def ready(self):
        from . import outbox  # noqa: F401  (registers the outbox_flush task)
        from .navigation import register
        from .roles import ADMIN_SITE_ROLES, STAFF_ROLES

        register(label=_("Household roster"), url_name="practice:household-import",
                 roles=STAFF_ROLES, order=850)
        register(
            label=_("Administration"), url_name="admin:index", roles=ADMIN_SITE_ROLES, order=900
        )

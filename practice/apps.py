from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticeConfig(AppConfig):
    name = "practice"
    verbose_name = _("Practice network")

    def ready(self):
        from . import outbox  # noqa: F401  (registers the outbox_flush task)
        from .door_cards import DOOR_STAFF_ROLES
        from .navigation import register
        from .roles import ADMIN_SITE_ROLES

        register(
            label=_("Administration"), url_name="admin:index", roles=ADMIN_SITE_ROLES, order=900
        )
        register(label=_("Door cards"), url_name="practice:door-cards", roles=DOOR_STAFF_ROLES,
                 order=35)

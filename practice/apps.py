from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticeConfig(AppConfig):
    name = "practice"
    verbose_name = _("Practice network")

    def ready(self):
        from . import language, services

        language.install()
        from django.contrib.auth.signals import user_logged_in

        user_logged_in.connect(services.on_signed_in, dispatch_uid="practice.language")
        from . import outbox, sms  # noqa: F401  (register their tasks; sms its login_code)
        from .door_cards import DOOR_STAFF_ROLES
        from .navigation import register
        from .roles import ADMIN_SITE_ROLES, STAFF_ROLES

        register(label=_("Household roster"), url_name="practice:household-import",
                 roles=STAFF_ROLES, order=850)
        register(
            label=_("Administration"), url_name="admin:index", roles=ADMIN_SITE_ROLES, order=900
        )
        register(label=_("Text messages"), url_name="sms:log", roles=STAFF_ROLES, order=890)
        register(label=_("Door cards"), url_name="practice:door-cards", roles=DOOR_STAFF_ROLES,
                 order=35)

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupervisionConfig(AppConfig):
    name = "supervision"
    verbose_name = _("Supervision")

    def ready(self):
        from practice.navigation import register
        from practice.roles import SUBTREE_ROLES

        from . import origins
        from .texts import register_templates

        register_templates()
        origins.register("visit", "supervision.FieldVisit")
        origins.register("decision", "supervision.MeetingDecision")
        register(label=_("Supervised tasks"), url_name="supervision:tasks", roles=SUBTREE_ROLES,
                 order=60)
        register(label=_("Field visits"), url_name="supervision:visits", roles=SUBTREE_ROLES,
                 order=61)
        register(label=_("Joint meetings"), url_name="supervision:meetings",
                 roles=SUBTREE_ROLES, order=62)

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DispatchConfig(AppConfig):
    """The monthly dispatch mechanism (月调度): monthly submissions and the dispatch meeting."""

    name = "dispatch"
    verbose_name = _("Monthly dispatch")

    def ready(self):
        from practice.navigation import register
        from supervision import origins

        from .texts import register_templates
        from .views import MEETING_ROLES, SUBMISSION_ROLES

        register_templates()
        # A dispatch meeting's decision can raise supervised tasks (the task form's origin).
        origins.register("dispatch", "dispatch.Decision")
        register(label=_("Monthly dispatch"), url_name="dispatch:month", roles=MEETING_ROLES,
                 order=61)
        register(label=_("Monthly submissions"), url_name="dispatch:submissions",
                 roles=SUBMISSION_ROLES, order=62)
        register(label=_("Dispatch meetings"), url_name="dispatch:meetings",
                 roles=MEETING_ROLES, order=64)

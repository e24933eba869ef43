from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MediationConfig(AppConfig):
    name = "mediation"
    verbose_name = _("Mediation")

    def ready(self):
        from practice.navigation import register
        from practice.roles import Role

        # A mediator is usually a villager: the link is on every villager's menu (the menu
        # asks the database nothing; the page tells a villager who is not one so).
        staff = {Role.STATION_STAFF, Role.TOWNSHIP_STAFF}
        register(label=_("Mediation cases"), url_name="mediation:cases", roles=staff, order=70)
        register(label=_("Mediators"), url_name="mediation:mediators",
                 roles={*staff, Role.BANNER_ADMIN, Role.LEADER}, order=71)
        register(label=_("Mediation figures"), url_name="mediation:counts",
                 roles={*staff, Role.BANNER_ADMIN, Role.LEADER}, order=72)
        register(label=_("My mediation cases"), url_name="mediation:mine",
                 roles={Role.VILLAGER, Role.VOLUNTEER}, order=73)

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "campaigns"
    verbose_name = _("Campaigns and festivals")

    def ready(self):
        from practice.navigation import register
        from practice.roles import Role, SUBTREE_ROLES

        register(label=_("Campaign calendar"), url_name="campaigns:calendar",
                 roles=set(Role.values), order=45)
        register(label=_("Campaigns and festivals"), url_name="campaigns:list",
                 roles=SUBTREE_ROLES, order=46)

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "campaigns"
    verbose_name = _("Campaigns and festivals")

    def ready(self):
        from django.db.models.signals import post_migrate

        from .models import ensure_fixed_categories

        post_migrate.connect(ensure_fixed_categories, sender=self)
        from practice.navigation import register
        from practice.roles import SUBTREE_ROLES, Role

        register(label=_("Campaign calendar"), url_name="campaigns:calendar",
                 roles=set(Role.values), order=45)
        register(label=_("Campaigns and festivals"), url_name="campaigns:list",
                 roles=SUBTREE_ROLES, order=46)

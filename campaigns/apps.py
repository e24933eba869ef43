from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "campaigns"
    verbose_name = _("Campaigns and festivals")

    def ready(self):
        from django.db.models.signals import post_migrate

        from .models import FIXED_CATEGORIES, restore_rows

        rows = [{"code": code, "name": name, "name_mn": name_mn, "order": (i + 1) * 10,
                 "is_fixed": True} for i, (code, name, name_mn) in enumerate(FIXED_CATEGORIES)]
        post_migrate.connect(restore_rows("campaigns.ActivityCategory", rows), sender=self,
                             weak=False)
        from practice.navigation import register
        from practice.roles import SUBTREE_ROLES, Role

        register(label=_("Campaign calendar"), url_name="campaigns:calendar",
                 roles=set(Role.values), order=45)
        register(label=_("Campaigns and festivals"), url_name="campaigns:list",
                 roles=SUBTREE_ROLES, order=46)

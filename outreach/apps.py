from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutreachConfig(AppConfig):
    name = "outreach"
    verbose_name = _("Mobile posts")

    def ready(self):
        from practice.navigation import register, register_home_line
        from practice.roles import SUBTREE_ROLES, Role

        register(label=_("Mobile posts"), url_name="outreach:posts", roles=SUBTREE_ROLES,
                 order=65)
        register(label=_("Next visit of the mobile post"), url_name="outreach:next-visit",
                 roles={Role.VILLAGER, Role.VOLUNTEER}, order=40)
        from .selectors import home_line

        register_home_line(home_line)

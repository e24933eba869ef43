from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HonoursConfig(AppConfig):
    """Ten-star households, honours, satisfaction evaluations and the public notice board."""

    name = "honours"
    verbose_name = _("Honours and evaluations")

    def ready(self):
        from practice.navigation import register
        from practice.roles import READER_ROLES, STAFF_ROLES, Role

        pages = STAFF_ROLES | READER_ROLES
        register(label=_("Ten-star households"), url_name="honours:stars", roles=pages, order=60)
        register(label=_("Honours"), url_name="honours:honours", roles=pages, order=61)
        register(label=_("Satisfaction evaluations"), url_name="honours:evaluations",
                 roles=pages, order=62)
        register(label=_("Notice board"), url_name="honours:my-board", roles=set(Role),
                 order=63)

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HonoursConfig(AppConfig):
    """Ten-star households, honours, satisfaction evaluations and the public notice board."""

    name = "honours"
    verbose_name = _("Honours and evaluations")

    def ready(self):
        from django.db.models.signals import post_migrate

        from campaigns.models import restore_rows

        from .models import DEFAULT_KINDS

        # The kinds every database starts with, after a migrate or a flush (a test database
        # emptied between transactional tests).
        rows = [{"code": code, "name": name, "name_mn": name_mn, "order": order,
                 "is_fixed": fixed} for code, name, name_mn, order, fixed in DEFAULT_KINDS]
        post_migrate.connect(restore_rows("honours.HonourKind", rows), sender=self, weak=False)
        from practice.navigation import register
        from practice.roles import READER_ROLES, STAFF_ROLES, Role

        pages = STAFF_ROLES | READER_ROLES
        register(label=_("Ten-star households"), url_name="honours:stars", roles=pages, order=60)
        register(label=_("Honours"), url_name="honours:honours", roles=pages, order=61)
        register(label=_("Satisfaction evaluations"), url_name="honours:evaluations",
                 roles=pages, order=62)
        register(label=_("Notice board"), url_name="honours:my-board", roles=set(Role),
                 order=63)
        # The moral review council's queue: its members are usually villagers (staff members
        # review from the household's rating page).
        register(label=_("Moral review council"), url_name="honours:review",
                 roles={Role.VILLAGER}, order=64)


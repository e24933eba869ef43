from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HonoursConfig(AppConfig):
    """Ten-star households, honours, satisfaction evaluations and the public notice board."""

    name = "honours"
    verbose_name = _("Honours and evaluations")

    def ready(self):
        from django.db.models.signals import post_migrate

        post_migrate.connect(_default_kinds, sender=self)
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


def _default_kinds(sender, apps=None, using="default", **kwargs):
    """The kinds of honour the platform starts with, after a migrate or a flush (a test
    database emptied between transactional tests), as Django does for content types."""
    from django.apps import apps as installed

    from .models import DEFAULT_KINDS

    apps = apps or installed  # a flush sends no migration state
    try:
        HonourKind = apps.get_model("honours", "HonourKind")  # noqa: N806
    except LookupError:  # migrated back to before kinds were data
        return
    for code, name, name_mn, order, fixed in DEFAULT_KINDS:
        HonourKind.objects.using(using).get_or_create(
            code=code, defaults={"name": name, "name_mn": name_mn, "order": order,
                                 "is_fixed": fixed})

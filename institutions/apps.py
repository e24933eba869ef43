from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InstitutionsConfig(AppConfig):
    name = "institutions"
    verbose_name = _("Village institutions")

    def ready(self):
        from practice.board import register_board_section
        from practice.navigation import register
        from practice.roles import SUBTREE_ROLES, Role
        from supervision import origins

        from .models import Decision
        from .selectors import board_decisions, board_institutions

        # An adopted decision of a villagers' council can raise a supervised task (the task
        # form's ``?origin=council_decision:<id>``).
        origins.register("council_decision", "institutions.Decision",
                         only=Decision.RAISES_TASKS)
        # Two sections, two queries: the compact with the councils' figures, and the
        # villagers' council's adopted decisions (no proposer, no personal data).
        register_board_section("institutions", _("Village compact and councils"),
                               board_institutions, order=35)
        register_board_section("council_decisions", _("Decisions of the villagers' council"),
                               board_decisions, order=45)
        register(label=_("Village institutions"), url_name="institutions:index",
                 roles=SUBTREE_ROLES, order=58)
        register(label=_("Our compact and councils"), url_name="institutions:mine",
                 roles={Role.VILLAGER, Role.VOLUNTEER}, order=40)

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BanquetsConfig(AppConfig):
    name = "banquets"
    verbose_name = _("Contract canteen")

    def ready(self):
        from practice.api.me import register_me_field
        from practice.navigation import register
        from practice.roles import SUBTREE_ROLES, Role

        from .selectors import sits_on_a_council, support_withheld

        villager = {Role.VILLAGER}
        register(label=_("Book the canteen"), url_name="banquets:book", roles=villager,
                 order=40)
        register(label=_("My bookings"), url_name="banquets:mine", roles=villager, order=41)
        register(label=_("Banquet approvals"), url_name="banquets:queue", roles=SUBTREE_ROLES,
                 order=40)
        # The red-and-white council's members (villagers on their phones) decide on the
        # bookings of their village: the link shows to those who sit on one.
        register(label=_("Bookings for the council"), url_name="banquets:council",
                 roles=villager, order=39, visible=sits_on_a_council)
        register(label=_("Canteen calendar"), url_name="banquets:calendar",
                 roles=villager | SUBTREE_ROLES, order=42)
        register(label=_("Violation register"), url_name="banquets:violations",
                 roles=SUBTREE_ROLES, order=43)
        register(label=_("Banquet rules notice"), url_name="banquets:notice",
                 roles=villager | SUBTREE_ROLES, order=44)

        def withheld(user):
            return support_withheld(user.household_id) if user.household_id else False

        register_me_field("banquets_support_withheld", withheld)

        # The public board shows the banquet rules in force; a household with a violation in
        # a year cannot earn that year's customs-reform star (移风易俗).
        from practice.board import register_board_section
        from practice.star_blockers import register_star_blocker

        from .selectors import board_rules, customs_reform_blocker

        register_board_section("banquet_rules", _("Banquet rules in force"), board_rules,
                               order=40)
        register_star_blocker("customs_reform", customs_reform_blocker)

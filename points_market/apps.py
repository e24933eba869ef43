from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PointsMarketConfig(AppConfig):
    name = "points_market"
    verbose_name = _("Points supermarket")

    def ready(self):
        from practice.api.me import register_me_field
        from practice.navigation import register
        from practice.roles import STAFF_ROLES, SUBTREE_ROLES, Role

        register(label=_("Points counter"), url_name="points_market:cashier",
                 roles=STAFF_ROLES, order=30)
        register(label=_("My points"), url_name="points_market:my-points",
                 roles={Role.VILLAGER}, order=30)
        register(label=_("Points supermarkets"), url_name="points_market:supermarkets",
                 roles=SUBTREE_ROLES, order=31)
        register(label=_("Points statistics"), url_name="points_market:statistics",
                 roles=SUBTREE_ROLES, order=32)
        register_me_field("points_balance", _points_balance)

        from .texts import register_templates

        register_templates()


def _points_balance(user):
    """The balance of the user's household (None without a household)."""
    if not user.household_id:
        return None
    from .models import Account

    account = Account.objects.filter(household_id=user.household_id).first()
    return account.balance if account else 0

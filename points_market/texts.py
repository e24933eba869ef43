"""The points supermarket's text messages: the weigh-in receipt a household may ask for."""

from django.utils.translation import gettext_lazy as _

from practice.sms import household_recipients, register_template, send_to_many

TEMPLATES = {
    "weigh_in_receipt": _("{supermarket}: your recyclables earned {points} points; the "
                          "household's balance is now {balance} points."),
}


def register_templates():
    for name, text in TEMPLATES.items():
        register_template(name, text)


def weigh_in_receipt(deposit, balance):
    """Text the points and the new balance to the household's phones (after the commit)."""
    return send_to_many(household_recipients(deposit.household), template="weigh_in_receipt",
                        params={"supermarket": deposit.supermarket.name,
                                "points": deposit.points, "balance": balance,
                                "deposit": deposit.pk})

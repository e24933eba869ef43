"""The weddings-and-funerals rules as one pure function.

:func:`check_booking` takes a request and the rule set in force and returns **every** broken
rule, each with the field it concerns and a Chinese message that quotes the rule set's own
figures. It reads attributes only (no database), so the booking form, the API, the admin and the
tests all call the same function and get the same answer.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from .models import Kind, Occasion


@dataclass(frozen=True)
class BookingRequest:
    occasion: str
    kind: str
    date: datetime.date | None
    tables: int
    dishes_per_table: int
    gift_limit: int
    formal_meals: int = 1


@dataclass(frozen=True)
class Violation:
    field: str
    message: str

    def as_dict(self) -> dict:
        return {"field": self.field, "message": self.message}


def occasion_label(code: str) -> str:
    try:
        return str(Occasion(code).label)
    except ValueError:
        return code


def allowed_kinds(occasion: str, ruleset) -> list[str]:
    """The kinds of event the rule set allows for ``occasion`` (empty: none at all)."""
    if occasion in ruleset.banquet_occasions:
        return [Kind.BANQUET, Kind.TEA_PARTY]
    if occasion in ruleset.tea_party_occasions:
        return [Kind.TEA_PARTY]
    return []


def fee_for(tables: int, ruleset) -> Decimal:
    """The venue fee: a fixed sum per table."""
    return (Decimal(ruleset.fee_per_table) * int(tables)).quantize(Decimal("0.01"))


def check_booking(request: BookingRequest, ruleset) -> list[Violation]:
    """Every rule of ``ruleset`` that ``request`` breaks, in the order of the form's fields."""
    problems: list[Violation] = []
    kinds = allowed_kinds(request.occasion, ruleset)
    label = occasion_label(request.occasion)
    if not kinds:
        problems.append(Violation("occasion", _(
            "Under the rules no banquet or tea party is held for %(occasion)s."
        ) % {"occasion": label}))
    elif request.kind not in kinds:
        problems.append(Violation("kind", _(
            "%(occasion)s may only be marked with a tea party, not a banquet."
        ) % {"occasion": label}))
    if request.tables > ruleset.max_tables:
        problems.append(Violation("tables", _(
            "No more than %(n)s tables may be laid."
        ) % {"n": ruleset.max_tables}))
    if request.dishes_per_table > ruleset.max_dishes_per_table:
        problems.append(Violation("dishes_per_table", _(
            "No more than %(n)s dishes per table."
        ) % {"n": ruleset.max_dishes_per_table}))
    if request.gift_limit > ruleset.max_gift:
        problems.append(Violation("gift_limit", _(
            "Gift money may not exceed %(n)s yuan."
        ) % {"n": ruleset.max_gift}))
    if ruleset.one_formal_meal and request.formal_meals > 1:
        problems.append(Violation("formal_meals", _(
            "Only one formal meal is allowed: lunch on the day; other meals are plain home meals."
        )))
    return problems


def describe(ruleset) -> list[str]:
    """The rule set in plain Chinese sentences, for the booking form and the printed notice."""
    def names(codes):
        return "、".join(occasion_label(c) for c in codes) or _("none")

    lines = [
        _("Full banquets only for: %(list)s.") % {"list": names(ruleset.banquet_occasions)},
        _("A tea party instead of a banquet for: %(list)s.")
        % {"list": names(ruleset.tea_party_occasions)},
        _("No event at all for: %(list)s.") % {"list": names(ruleset.forbidden_occasions)},
        _("At most %(tables)s tables and %(dishes)s dishes a table; gift money at most "
          "%(gift)s yuan.") % {"tables": ruleset.max_tables,
                                "dishes": ruleset.max_dishes_per_table,
                                "gift": ruleset.max_gift},
        _("The host pays a venue fee of %(fee)s yuan a table and brings the food.")
        % {"fee": _yuan(ruleset.fee_per_table)},
    ]
    if ruleset.one_formal_meal:
        lines.append(_("One formal meal only: lunch on the day; other meals are plain home "
                       "meals."))
    lines.append(_("A household that breaks the rules is recorded, and the village committee "
                   "withholds its support in its later business."))
    return lines


def _yuan(value) -> str:
    value = Decimal(value)
    return f"{value:.0f}" if value == value.to_integral() else f"{value:.2f}"

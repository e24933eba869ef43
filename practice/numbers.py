"""Integers from query strings and forms, parsed in one place.

``int()`` and ``str.isdigit()`` accept more than a person types: ``"²".isdigit()`` is true yet
``int("²")`` fails, ``int("٢٠٢٥")`` reads Arabic-Indic digits, and ``int("9" * 40)`` is past every
database's integers and ``datetime.date``'s years. :func:`parse_int` takes ASCII digits only,
within bounds; anything else is the caller's ``default``. :func:`parse_month` does the same for
a ``month=YYYY-MM`` parameter, within the months the platform has or plans.
"""

import datetime
import re

from django.utils import timezone

# The largest value of a database ``bigint`` (primary keys); the API's filters use it too.
INT_MAX = 2**63 - 1
YEAR_MIN, YEAR_MAX = 1, 9999  # what ``datetime.date`` accepts

_INTEGER = re.compile(r"[+-]?[0-9]{1,19}", re.ASCII)


def parse_int(raw, *, default=None, minimum=-INT_MAX, maximum=INT_MAX):
    """``raw`` (a string, or None) as an int within ``[minimum, maximum]``, else ``default``."""
    if raw is None:
        return default
    raw = str(raw).strip()
    if not _INTEGER.fullmatch(raw):
        return default
    value = int(raw)
    return value if minimum <= value <= maximum else default


def parse_id(raw, *, default=None):
    """A primary key: a positive integer a database column holds."""
    return parse_int(raw, default=default, minimum=1)


def parse_year(raw, *, default=None):
    """A calendar year ``datetime.date`` can hold."""
    return parse_int(raw, default=default, minimum=YEAR_MIN, maximum=YEAR_MAX)


# Months a report, calendar or statistics page may show: from the platform's earliest records
# to the end of next year (plans run that far). A month outside is not in any table.
MONTH_MIN_YEAR = 2000
_MONTH = re.compile(r"([0-9]{4})-([0-9]{1,2})", re.ASCII)


def month_range(today=None) -> tuple[datetime.date, datetime.date]:
    """The first days of the earliest and the latest month a page may show."""
    today = today or timezone.localdate()
    return datetime.date(MONTH_MIN_YEAR, 1, 1), datetime.date(today.year + 1, 12, 1)


def month_out_of_range_message(today=None) -> str:
    """What a page or the API says about a ``month`` it cannot show."""
    from django.utils.translation import gettext as _

    earliest, latest = month_range(today)
    return _("Give a month from %(first)s to %(last)s, as YYYY-MM.") % {
        "first": earliest.strftime("%Y-%m"), "last": latest.strftime("%Y-%m")}


def parse_month(raw, *, default=None, today=None):
    """``"YYYY-MM"`` as the first day of that month, within :func:`month_range`; else
    ``default``."""
    if raw is None:
        return default
    match = _MONTH.fullmatch(str(raw).strip())
    if not match or not 1 <= int(match[2]) <= 12:
        return default
    first = datetime.date(int(match[1]), int(match[2]), 1)
    earliest, latest = month_range(today)
    return first if earliest <= first <= latest else default


def add_months(day: datetime.date, months: int) -> datetime.date:
    """``day`` moved by ``months`` calendar months, on the same day of the month or the last
    day of a shorter month (31 January + 1 month = 28 or 29 February)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    following = datetime.date(year + month // 12, month % 12 + 1, 1)
    return min(day.replace(year=year, month=month, day=1) + datetime.timedelta(day.day - 1),
               following - datetime.timedelta(days=1))


def earliest_day() -> datetime.date:
    """The first day a date filter or form of the platform accepts."""
    return datetime.date(MONTH_MIN_YEAR, 1, 1)


def latest_day() -> datetime.date:
    """The last day a date filter or form of the platform accepts: the end of next year."""
    return datetime.date(timezone.localdate().year + 1, 12, 31)


def day_validators():
    """Validators of a date field (a filter's ``from``/``to``): within the days above, so a
    day's end or the next day is always a date Python and the database can hold."""
    from django.core.validators import MaxValueValidator, MinValueValidator

    return [MinValueValidator(earliest_day), MaxValueValidator(latest_day)]

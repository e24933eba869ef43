"""Integers from query strings and forms, parsed in one place.

``int()`` and ``str.isdigit()`` accept more than a person types: ``"²".isdigit()`` is true yet
``int("²")`` fails, ``int("٢٠٢٥")`` reads Arabic-Indic digits, and ``int("9" * 40)`` is past every
database's integers and ``datetime.date``'s years. :func:`parse_int` takes ASCII digits only,
within bounds; anything else is the caller's ``default``.
"""

import re

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

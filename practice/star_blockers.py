"""Rules other apps add to the ten-star rating without ``practice`` importing them.

A *star blocker* says why a household may not earn a star in a year::

    def banquet_violation(household, year):
        if Violation.objects.filter(household=household, year=year).exists():
            return "该户本年度有违规办宴记录，不能评为移风易俗星"
        return None

    register_star_blocker(STAR_CUSTOMS_REFORM, banquet_violation)

``func(household, year) -> str | None``: a reason in Chinese, or None when nothing blocks.
The evaluation services refuse a blocked star with that reason (on proposal and on approval).
"""

from __future__ import annotations

from collections.abc import Callable

_blockers: dict[str, list[Callable]] = {}


def register_star_blocker(star_code: str, func: Callable) -> None:
    funcs = _blockers.setdefault(star_code, [])
    if func not in funcs:
        funcs.append(func)


def unregister_star_blocker(star_code: str, func: Callable) -> None:
    funcs = _blockers.get(star_code, [])
    if func in funcs:
        funcs.remove(func)


def star_blocked(star_code: str, household, year: int) -> str | None:
    """The first reason a registered blocker gives, or None."""
    for func in _blockers.get(star_code, []):
        reason = func(household, year)
        if reason:
            return str(reason)
    return None

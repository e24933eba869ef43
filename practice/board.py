"""Sections of the public notice board (公示) contributed by the apps built on ``practice``.

``practice`` does not import those apps; each registers its section from its ``AppConfig.ready``::

    register_board_section("banquet_rules", _("Banquet rules in force"), rules_for_unit, order=40)

``func(unit)`` receives a village or a township and returns public-safe data: a list of dicts
(rows) or a dict, holding names and results only. As a second line of defence the board drops
any key that names a personal field (phone, address, ID number …) before it shows a section.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

logger = logging.getLogger(__name__)

# Keys that never reach the public board, whatever a section returns.
PERSONAL_KEYS = frozenset(
    {
        "phone",
        "mobile",
        "telephone",
        "address",
        "id_number",
        "id_card",
        "idcard",
        "identity_number",
        "email",
        "code",
        "code_hash",
        "password",
    }
)


@dataclass(frozen=True)
class BoardSection:
    key: str
    title: str
    func: Callable
    order: int = 100


_sections: dict[str, BoardSection] = {}


def register_board_section(key: str, title, func: Callable, order: int = 100) -> None:
    """Add (or replace, by ``key``) a section shown on every village and township board."""
    _sections[key] = BoardSection(key=key, title=title, func=func, order=order)


def unregister_board_section(key: str) -> None:
    _sections.pop(key, None)


def registered_sections() -> list[BoardSection]:
    return sorted(_sections.values(), key=lambda s: (s.order, s.key))


def scrub(value):
    """``value`` without any dict key naming a personal field, at any depth."""
    if isinstance(value, dict):
        return {
            k: scrub(v) for k, v in value.items() if str(k).lower() not in PERSONAL_KEYS
        }
    if isinstance(value, list | tuple):
        return [scrub(v) for v in value]
    return value


def sections_for(unit) -> list[dict]:
    """The registered sections' data for ``unit``: ``[{key, title, order, rows|data}]``.

    A section that fails is left out (and logged) rather than taking the public board down.
    """
    out = []
    for section in registered_sections():
        try:
            data = section.func(unit)
        except Exception:
            logger.exception("board section %s failed for unit %s", section.key, unit.pk)
            continue
        if data is None:
            continue
        data = scrub(data)
        entry = {"key": section.key, "title": str(section.title), "order": section.order}
        if isinstance(data, dict):
            entry["data"] = data
        else:
            entry["rows"] = list(data)
        out.append(entry)
    return out

"""The links on each role's home page and menu, contributed by the apps.

``practice`` does not import the apps built on it; each app registers its pages from its
``AppConfig.ready``::

    register(label=_("My orders"), url_name="volunteers:my-orders", roles={Role.VILLAGER})

``visible`` (a function of the user) narrows an entry within its roles, for a page only some
of a role's people use (the villagers who sit on a council).
An app may also add a line to the home page (``register_home_line(func)``): ``func(user)``
returns ``{"text": …, "url": …}`` (already in the page's language) or None.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse

from .roles import capacities


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    roles: frozenset
    order: int = 100
    icon: str = ""
    visible: Callable | None = None


_items: list[NavItem] = []


def register(*, label, url_name, roles, order=100, icon="", visible=None):
    item = NavItem(label=label, url_name=url_name, roles=frozenset(roles), order=order, icon=icon,
                   visible=visible)
    if item not in _items:
        _items.append(item)


def items_for(user) -> list[dict]:
    if not getattr(user, "is_authenticated", False):
        return []
    out = []
    held = capacities(user)
    # Only the links the person may follow are sorted by their label: a label is translated
    # when it is read, and nobody should pay for (or be shown) another role's words.
    mine = [item for item in _items if (user.is_superuser or not held.isdisjoint(item.roles))
            and (item.visible is None or item.visible(user))]
    for item in sorted(mine, key=lambda i: (i.order, str(i.label))):
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        out.append({"label": item.label, "url": url, "icon": item.icon})
    return out


_home_lines: list = []


def register_home_line(func):
    """``func(user) -> {"text", "url"} | None``: a line of the home page (the next visit of
    the mobile post, …)."""
    if func not in _home_lines:
        _home_lines.append(func)
    return func


def home_lines(user) -> list[dict]:
    if not getattr(user, "is_authenticated", False):
        return []
    return [line for line in (func(user) for func in _home_lines) if line]

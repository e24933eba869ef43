"""The household's door card (门牌二维码): a printed card with the household's number, the
head's name and a QR code that opens the household's page on a staff member's phone.

The QR code carries a URL with the household's id signed (``django.core.signing`` with a salt
of its own), never a name, number or phone: a card photographed on a door tells a stranger
nothing the door itself does not. The signature makes the id unguessable, so nobody reaches a
household by counting up ids; a changed or made-up token is refused (404).

What a scan opens is contributed by the apps (practice imports none of them): each registers
the household's actions from its ``AppConfig.ready``::

    door_cards.register_action(label=_("Points counter"), roles=STAFF_ROLES, on_scan=True,
                               url=lambda household: reverse("points_market:counter", ...))

Staff of the household's area (station, township, banner administrator) are sent to the first
action marked ``on_scan`` (the cashier), whose page offers the others (order for it); anyone
else sees the household's number and village and a link to sign in.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.core import signing
from django.utils.safestring import SafeString, mark_safe

from .roles import STAFF_ROLES, has_role

SALT = "practice.household-door-card"
# The staff who may print door cards and whom a scan takes to the household's counter.
DOOR_STAFF_ROLES = STAFF_ROLES
CARDS_PER_SHEET = 8  # an A4 page: two columns of four


def token_for(household) -> str:
    """The signed id a door card's QR code carries."""
    return signing.Signer(salt=SALT).sign(str(household.pk))


def household_id_from(token: str) -> int | None:
    """The household id ``token`` signs, or None for a token that was changed or made up."""
    try:
        value = signing.Signer(salt=SALT).unsign(token)
    except signing.BadSignature:
        return None
    return int(value) if value.isdigit() else None


def qr_svg(text: str) -> SafeString:
    """``text`` as a QR code in inline SVG (prints sharp at any size, needs no request per
    card): one path of the dark modules, row by row in runs."""
    import qrcode

    # Medium error correction: a card on a door weathers. One fixed mask: choosing the best of
    # the eight took 11 ms a card (3 s for a village of 300), any mask scans.
    code = qrcode.QRCode(border=2, error_correction=qrcode.constants.ERROR_CORRECT_M,
                         mask_pattern=2)
    code.add_data(text)
    code.make(fit=True)
    matrix = code.get_matrix()
    runs = []
    for y, row in enumerate(matrix):
        x = 0
        while x < len(row):
            if row[x]:
                start = x
                while x < len(row) and row[x]:
                    x += 1
                runs.append(f"M{start} {y}h{x - start}v1h-{x - start}z")
            else:
                x += 1
    size = len(matrix)
    return mark_safe(  # noqa: S308 — built here from numbers only
        f'<svg class="qr" viewBox="0 0 {size} {size}" xmlns="http://www.w3.org/2000/svg" '
        f'shape-rendering="crispEdges" role="img"><rect width="{size}" height="{size}" '
        f'fill="#fff"/><path d="{"".join(runs)}" fill="#000"/></svg>')


# --- what the apps offer for a household ----------------------------------------------------
@dataclass(frozen=True)
class HouseholdAction:
    label: str
    url: Callable  # household -> URL
    roles: frozenset
    on_scan: bool = False
    order: int = 100
    key: str = ""


_actions: list[HouseholdAction] = []


def register_action(*, label, url, roles, on_scan=False, order=100, key=""):
    """Offer a page for one household (an app's, linked by URL only)."""
    action = HouseholdAction(label=label, url=url, roles=frozenset(roles), on_scan=on_scan,
                             order=order, key=key or str(label))
    if all(a.key != action.key for a in _actions):
        _actions.append(action)


def _allowed(user, action) -> bool:
    return bool(user.is_superuser or has_role(user, *action.roles))


def actions_for(user, household, *, exclude=()) -> list[dict]:
    """The pages ``user`` may open for ``household`` (whom the caller found in their scope),
    as ``{"label", "url"}``; without those whose key is in ``exclude``."""
    return [{"label": a.label, "url": a.url(household), "key": a.key}
            for a in sorted(_actions, key=lambda a: (a.order, a.key))
            if a.key not in exclude and _allowed(user, a)]


def scan_target(user, household) -> str | None:
    """Where a scan of ``household``'s card takes ``user`` (in-area staff): the first page
    marked ``on_scan`` they may open; None when no app offers one."""
    for a in sorted(_actions, key=lambda a: (a.order, a.key)):
        if a.on_scan and _allowed(user, a):
            return a.url(household)
    return None


def sheets(cards, per_sheet=CARDS_PER_SHEET) -> list[list]:
    """``cards`` in printed pages of ``per_sheet``."""
    cards = list(cards)
    return [cards[i:i + per_sheet] for i in range(0, len(cards), per_sheet)]

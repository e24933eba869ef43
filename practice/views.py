from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.views import SpectacularSwaggerSplitView
from rest_framework.exceptions import AuthenticationFailed, NotAuthenticated

from . import door_cards
from .models import Household, Level, Unit
from .numbers import parse_int
from .pages import may_open, roles_required
from .roles import has_staff_role
from .scoping import unit_in_scope


@login_required
def home(request):
    """Each role's start page: its own links (contributed by the apps) and its place."""
    user = request.user
    context = {
        "unit": user.unit,
        "household": user.household,
        "subunit_count": (
            Unit.objects.for_user(user).count() if has_staff_role(user) else None
        ),
    }
    return render(request, "practice/home.html", context)


class ApiDocsView(SpectacularSwaggerSplitView):
    """The API's docs page. Like the schema it is for signed-in users (``SERVE_PERMISSIONS``,
    opened by ``API_DOCS_PUBLIC``); a browser that has not signed in is sent to sign in rather
    than shown a bare 401. The split view serves Swagger UI's start-up script as a file of its
    own (``?script``), so the page needs no inline script under the Content-Security-Policy."""

    def handle_exception(self, exc):
        if isinstance(exc, NotAuthenticated | AuthenticationFailed):
            return redirect_to_login(self.request.get_full_path())
        return super().handle_exception(exc)


# --- the household's door card (门牌二维码) --------------------------------------------------
def _village_to_print(request):
    """The village whose cards to print: the one asked for (404 outside the user's scope), or
    the user's own; None to choose one."""
    villages = Unit.objects.for_user(request.user).filter(level=Level.VILLAGE)
    raw = request.GET.get("village", "").strip()
    if raw:
        pk = parse_int(raw, minimum=1)
        village = villages.select_related("parent").filter(pk=pk).first() if pk else None
        if village is None:
            raise Http404(_("No such village in your area."))
        return village, villages
    unit = request.user.unit
    if unit is not None and unit.level == Level.VILLAGE:
        return unit, villages
    return None, villages


@roles_required(*door_cards.DOOR_STAFF_ROLES)
def door_card_sheets(request):
    """A village's door cards, eight to an A4 page, to print and hand out."""
    village, villages = _village_to_print(request)
    if village is None:
        return render(request, "practice/door_cards.html", {
            "villages": villages.order_by("path")})
    cards = []
    for household in Household.objects.filter(village=village).order_by("number"):
        token = door_cards.token_for(household)
        url = request.build_absolute_uri(reverse("practice:door", args=[token]))
        cards.append({"household": household, "token": token, "url": url,
                      "qr": door_cards.qr_svg(url)})
    return render(request, "practice/door_cards.html", {
        "village": village, "sheets": door_cards.sheets(cards), "count": len(cards)})


def door(request, token):
    """Where a door card's QR code points. Staff of the household's area go on to its counter
    (the page an app offers for a scan); anyone else learns only the household's number and
    village, and how to sign in."""
    pk = door_cards.household_id_from(token)
    household = (Household.objects.select_related("village__parent").filter(pk=pk).first()
                 if pk else None)
    if household is None:
        return render(request, "error.html", {"message": _(
            "This door card's code is not valid: it may have been changed or copied wrongly. "
            "Ask the village station for a new card.")}, status=404)
    user = request.user
    # Staff of the household's area: their unit's subtree holds its village (a clerk's own
    # household elsewhere does not count).
    if (may_open(user, *door_cards.DOOR_STAFF_ROLES)
            and unit_in_scope(user, household.village)):
        target = door_cards.scan_target(user, household)
        if target:
            return redirect(target)
        return render(request, "practice/door.html", {
            "household": household, "staff": True,
            "actions": door_cards.actions_for(user, household)})
    login_url = f"{reverse('login')}?{urlencode({'next': request.path})}"
    return render(request, "practice/door.html", {
        "household": household, "staff": False, "login_url": login_url})

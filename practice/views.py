from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import i18n as i18n_views
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from drf_spectacular.views import SpectacularSwaggerSplitView
from rest_framework.exceptions import AuthenticationFailed, NotAuthenticated

from . import door_cards, navigation
from .clients import client_address
from .exceptions import InvalidInput, TooManyRequests
from .models import Household, Level, Unit
from .numbers import parse_int
from .pages import may_open, roles_required
from .phone_sign_in import phone_mask, sign_in_code_request, sign_in_code_verify
from .roles import has_staff_role
from .scoping import unit_in_scope
from .services import language_set

SESSION_PHONE = "sign_in_phone"  # the number step 1 sent a code to, for step 2


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
        "home_lines": navigation.home_lines(user),
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


def _next_url(request) -> str:
    """The page to open after signing in, if it is one of ours."""
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url and url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()},
                                               require_https=request.is_secure()):
        return url
    return ""


def _with_next(url_name: str, next_url: str) -> str:
    url = reverse(url_name)
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


def _refused(request, template, context, exc):
    context["error"] = exc.message
    response = render(request, template, context, status=exc.status_code)
    if isinstance(exc, TooManyRequests):
        response["Retry-After"] = str(exc.retry_after)
    return response


@never_cache
@csrf_protect
def login_phone(request):
    """Signing in by SMS code, step 1: the mobile number (the code is texted to it)."""
    template = "registration/login_phone.html"
    next_url = _next_url(request)
    context = {"next": next_url, "phone": request.session.get(SESSION_PHONE, "")}
    if request.method == "POST":
        context["phone"] = request.POST.get("phone", "")[:32]
        try:
            phone = sign_in_code_request(phone=request.POST.get("phone"),
                                         client=client_address(request))
        except (InvalidInput, TooManyRequests) as exc:
            return _refused(request, template, context, exc)
        request.session[SESSION_PHONE] = phone
        return redirect(_with_next("login-phone-code", next_url))
    return render(request, template, context)


@never_cache
@csrf_protect
@sensitive_post_parameters("code")
def login_phone_code(request):
    """Signing in by SMS code, step 2: the code texted to the number of step 1."""
    template = "registration/login_phone_code.html"
    next_url = _next_url(request)
    phone = request.session.get(SESSION_PHONE)
    if not phone:
        return redirect(_with_next("login-phone", next_url))
    context = {"next": next_url, "phone": phone, "masked_phone": phone_mask(phone),
               "minutes": int(settings.SIGN_IN_CODE_TTL.total_seconds() // 60)}
    if request.method == "POST":
        try:
            user = sign_in_code_verify(phone=phone, code=request.POST.get("code"))
        except (InvalidInput, TooManyRequests) as exc:
            return _refused(request, template, context, exc)
        login(request, user, backend="practice.auth.UnitAwareModelBackend")
        request.session.pop(SESSION_PHONE, None)
        return redirect(next_url or settings.LOGIN_REDIRECT_URL)
    return render(request, template, context)
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


def set_language(request):
    """Django's ``set_language`` (the language cookie, then back to ``next``); a signed-in
    person's choice is also kept on the account, for their other browsers and their text
    messages."""
    response = i18n_views.set_language(request)
    code = request.POST.get("language", "")
    user = getattr(request, "user", None)
    if (request.method == "POST" and code in dict(settings.LANGUAGES)
            and user is not None and user.is_authenticated and hasattr(user, "language")):
        language_set(user=user, code=code)
    return response

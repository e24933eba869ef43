from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from drf_spectacular.views import SpectacularSwaggerSplitView
from rest_framework.exceptions import AuthenticationFailed, NotAuthenticated

from .clients import client_address
from .exceptions import InvalidInput, TooManyRequests
from .models import Unit
from .phone_sign_in import phone_mask, sign_in_code_request, sign_in_code_verify
from .roles import has_staff_role

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

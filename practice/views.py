from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import render
from drf_spectacular.views import SpectacularSwaggerSplitView
from rest_framework.exceptions import AuthenticationFailed, NotAuthenticated

from .models import Unit
from .roles import has_staff_role


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

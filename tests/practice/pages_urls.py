"""A page per domain error, for tests/practice/test_pages.py (the site's own URLs stay)."""

from django.urls import include, path

# The site's own error pages.
from config.urls import handler400, handler403, handler404, handler500  # noqa: F401
from practice.exceptions import Conflict, Forbidden, InvalidInput, NotFound
from practice.pages import roles_required
from practice.roles import Role
from practice.transitions import InvalidTransition

RAISED = {
    "invalid": InvalidInput("数量必须是整数。"),
    "forbidden": Forbidden(),
    "missing": NotFound(),
    "conflict": Conflict("积分不足。"),
    "moved": InvalidTransition("held", label="已举办"),
}


@roles_required(Role.TOWNSHIP_STAFF)
def raising(request, kind):
    raise RAISED[kind]


urlpatterns = [
    path("raise/<str:kind>/", raising),
    path("", include("config.urls")),
]

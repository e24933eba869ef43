"""Every HTML page carries the Content-Security-Policy, and our templates run no inline script.

The policy: scripts only from our own files, no plugins, no framing, forms and <base> only to
us (the browser tests check that no page violates it).
"""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from tests.platform import endpoints
from tests.platform.matrix_table import ADMIN, PAGES, ROLES
from tests.platform.test_role_scope_matrix import undone

pytestmark = pytest.mark.django_db

REQUIRED = {
    "default-src": {"'self'"},
    "script-src": {"'self'"},
    "object-src": {"'none'"},
    "frame-ancestors": {"'none'"},
    "base-uri": {"'self'"},
    "form-action": {"'self'"},
    "img-src": {"'self'", "data:"},
}
EXTRA_PAGES = [  # (role, url): third-party pages and error pages
    ("anonymous", "/accounts/login/"),
    ("anonymous", "/admin/login/"),
    ("banner_admin", "/admin/"),
    ("banner_admin", "/admin/volunteers/team/import/"),
    ("banner_admin", "/admin/volunteers/team/export/"),
    ("banner_admin", "/admin/volunteers/volunteer/import/"),
    ("banner_admin", "/admin/practice/household/add/"),
    ("banner_admin", "/api/docs/"),
    ("banner_admin", "/api/units/"),  # the browsable API
    ("villager", "/no-such-page/"),
    ("villager", "/reports/"),  # 403
]


def policy(response) -> dict[str, set[str]]:
    header = response.headers.get("Content-Security-Policy", "")
    return {part.split()[0]: set(part.split()[1:])
            for part in (p.strip() for p in header.split(";")) if part}


def _problems(url, response):
    if not response["Content-Type"].startswith("text/html"):
        return []
    got = policy(response)
    if not got:
        return [f"{url}: no Content-Security-Policy header"]
    problems = [f"{url}: {name} is {sorted(got.get(name, []))}, wants {sorted(sources)}"
                for name, sources in REQUIRED.items() if got.get(name) != sources]
    unsafe = [name for name, sources in got.items()
              if name in ("default-src", "script-src") and sources & {"'unsafe-inline'",
                                                                     "'unsafe-eval'"}]
    return problems + [f"{url}: {name} allows unsafe sources" for name in unsafe]


def _get(world, role, url, **extra):
    def call():
        client = Client(raise_request_exception=False)
        if role != "anonymous":
            client.force_login(world.user(role))
        return client.get(url, HTTP_ACCEPT="text/html", **extra)

    return undone(call)


def test_every_html_page_carries_the_policy(world):
    problems, seen = [], 0
    for key, row in sorted(PAGES.items()):
        method, name = key.split(" ", 1)
        if method != "GET":
            continue
        statuses = row.statuses()
        role = next((r for r in ROLES if statuses[r][0] == 200), "anonymous")
        url = endpoints.url_of(world, name, row, "in")
        response = _get(world, role, url)
        seen += response["Content-Type"].startswith("text/html")
        problems += _problems(url, response)
    for key in sorted(ADMIN):
        app_model = key.split(" ", 1)[1]
        app_label = ("points_market" if app_model.startswith("points_market_")
                     else app_model.split("_")[0])
        url = f"/admin/{app_label}/{app_model[len(app_label) + 1:]}/"
        role = "banner_admin" if ADMIN[key].statuses()["banner_admin"][0] == 200 else "anonymous"
        response = _get(world, role, url)
        seen += response["Content-Type"].startswith("text/html")
        problems += _problems(url, response)
    for role, url in EXTRA_PAGES:
        response = _get(world, role, url)
        assert response["Content-Type"].startswith("text/html"), url
        problems += _problems(url, response)
    assert seen > 60
    assert not problems, "\n".join(problems)


def test_the_api_docs_load_their_script_from_a_file(world):
    page = _get(world, "banner_admin", "/api/docs/")
    assert page.status_code == 200
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", page.content.decode(), re.S)
    assert scripts and all("src=" in attrs and not body.strip() for attrs, body in scripts)
    own = next(re.search(r'src="([^"]+)"', a).group(1) for a, _ in scripts if "script" in a
               and "/api/docs/" in a)
    script = _get(world, "banner_admin", own.replace("&amp;", "&"))
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")
    assert "SwaggerUIBundle" in script.content.decode()


def _templates():
    roots = [Path(settings.BASE_DIR) / "templates"]
    roots += [p for p in Path(settings.BASE_DIR).glob("*/templates") if ".venv" not in p.parts]
    return [t for root in roots for t in root.rglob("*.html")]


def test_no_template_has_an_inline_script_or_handler():
    templates = _templates()
    assert len(templates) > 40
    problems = []
    for template in templates:
        text = template.read_text()
        for match in re.finditer(r"<script(?![^>]*\bsrc=)[^>]*>", text):
            problems.append(f"{template}: inline {match.group(0)}")
        for match in re.finditer(r"\son[a-z]+\s*=", text):
            problems.append(f"{template}: handler {match.group(0).strip()}")
        if "javascript:" in text:
            problems.append(f"{template}: javascript: URL")
        if re.search(r"\sstyle=", text) or "<style" in text:
            problems.append(f"{template}: inline style (keep ours in static CSS)")
    assert not problems, "\n".join(problems)

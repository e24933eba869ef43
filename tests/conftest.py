import os
import shutil

import pytest
from rest_framework.test import APIClient

from tests.factories import make_network

IN_CI = os.environ.get("CI", "").lower() == "true"
# In CI nothing may pass by being skipped, except tests carrying a marker named here: .ci/run's
# embedded pass (no DATABASE_URL) sets CI_MAY_SKIP=postgres, its full pass sets nothing.
CI_MAY_SKIP = set(os.environ.get("CI_MAY_SKIP", "").split())
REQUIREMENTS = {  # marker → what a test carrying it needs
    "postgres": "needs PostgreSQL: set DATABASE_URL=postgres://…",
    "browser": "needs Debian's chromium (apt-get install chromium)",
}


def skip_or_fail(reason: str, marker: str | None = None):
    """Skip on a newcomer's machine; in CI fail, unless ``marker`` is one CI_MAY_SKIP names."""
    if IN_CI and marker not in CI_MAY_SKIP:
        pytest.fail(f"required in CI but missing: {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(autouse=True)
def _requirements(request):
    if request.node.get_closest_marker("postgres"):
        from django.db import connection

        if connection.vendor != "postgresql":
            skip_or_fail(REQUIREMENTS["postgres"], "postgres")
    if request.node.get_closest_marker("browser") and not (
        shutil.which("chromium") or os.path.exists("/usr/bin/chromium")
    ):
        skip_or_fail(REQUIREMENTS["browser"], "browser")


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Every test starts with an empty cache (Redis in CI, local memory elsewhere)."""
    from django.core.cache import cache

    cache.clear()
    yield


_FORBIDDEN_SKIPS: list[str] = []


def pytest_runtest_logreport(report):
    """In CI, note every skip of a test that carries none of the markers CI_MAY_SKIP names
    (also skips that did not go through skip_or_fail); with xdist this runs in the controller
    too, for the reports of every worker."""
    xfail = hasattr(report, "wasxfail")
    if IN_CI and report.skipped and not xfail and not CI_MAY_SKIP & set(report.keywords):
        _FORBIDDEN_SKIPS.append(report.nodeid)


def pytest_terminal_summary(terminalreporter):
    if _FORBIDDEN_SKIPS:
        allowed = ", ".join(sorted(CI_MAY_SKIP)) or "none"
        terminalreporter.section("skips not allowed in CI", red=True)
        terminalreporter.line(f"only tests marked {allowed} may skip (CI_MAY_SKIP); these did:")
        for nodeid in _FORBIDDEN_SKIPS:
            terminalreporter.line(f"  {nodeid}")


def pytest_sessionfinish(session, exitstatus):
    if _FORBIDDEN_SKIPS and session.exitstatus == 0:
        session.exitstatus = 1


@pytest.fixture
def net(db):
    return make_network()


@pytest.fixture
def api():
    """``api(user)`` → an APIClient logged in as ``user`` (or anonymous with None)."""

    def make(user=None):
        client = APIClient()
        if user is not None:
            client.force_authenticate(user)
        return client

    return make


@pytest.fixture
def web(client):
    """``web(user)`` → Django's test client with a session for ``user``."""
    from django.test import Client

    def make(user=None):
        c = Client()
        if user is not None:
            c.force_login(user)
        return c

    return make


@pytest.fixture(scope="session")
def chromium():
    """Headless Debian chromium driven by Playwright; never downloads a browser."""
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    # Let tests see and route the requests of service workers (the offline counter's), so that
    # offline mode reaches them too (go_offline below).
    os.environ.setdefault("PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS", "1")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        skip_or_fail("playwright is not installed", "browser")
    if not os.path.exists("/usr/bin/chromium"):
        skip_or_fail(REQUIREMENTS["browser"], "browser")
    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path="/usr/bin/chromium",
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield b
        b.close()


# Reports every Content-Security-Policy violation of a page to the test (Playwright's init
# scripts and bindings are not subject to the page's policy).
_REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolation(`${e.effectiveDirective} blocked ${e.blockedURI || "inline"} `
                        + `at ${e.sourceFile || document.URL}:${e.lineNumber}`);
}, true);
"""


class CSPGuardedBrowser:
    """The browser as a test sees it: every context it opens records the page's CSP violations
    (``securitypolicyviolation`` events and chromium's console reports) in ``violations``."""

    def __init__(self, browser):
        self._browser = browser
        self.violations: list[str] = []

    def __getattr__(self, name):
        return getattr(self._browser, name)

    def new_context(self, **kwargs):
        context = self._browser.new_context(**kwargs)
        context.expose_binding("__cspViolation",
                               lambda source, text: self.violations.append(text))
        context.add_init_script(_REPORT_VIOLATIONS)
        context.on("console", self._console)
        return context

    def new_page(self, **kwargs):
        return self.new_context(**kwargs).new_page()

    def _console(self, message):
        if "Content Security Policy" in message.text:
            self.violations.append(f"console: {message.text}")


@pytest.fixture
def browser(chromium):
    """The shared chromium; a test fails if any page it opened violated the
    Content-Security-Policy (tests that provoke one on purpose clear ``violations``)."""
    guarded = CSPGuardedBrowser(chromium)
    yield guarded
    if guarded.violations:
        pytest.fail("Content-Security-Policy violations:\n" + "\n".join(guarded.violations),
                    pytrace=False)


def _no_network_for_service_workers(route):
    from playwright.sync_api import Error

    try:
        route.request.frame  # noqa: B018 (a service worker's request has none: it raises)
    except Error:
        route.abort("internetdisconnected")
    else:
        route.continue_()


def go_offline(context):
    """Playwright's offline mode, reaching the pages' service workers too (``set_offline``
    alone leaves their requests on the network)."""
    context.set_offline(True)
    context.route("**/*", _no_network_for_service_workers)


def go_online(context):
    context.unroute("**/*", _no_network_for_service_workers)
    context.set_offline(False)


SCREENSHOTS = os.environ.get("SCREENSHOT_DIR", "test-artifacts/screenshots")


@pytest.fixture
def browser_login(live_server, browser):
    """``browser_login(user, viewport=(w, h))`` → a Playwright page logged in as ``user``."""
    from tests.factories import PASSWORD

    pages = []

    def make(user, viewport=(390, 844)):
        context = browser.new_context(
            viewport={"width": viewport[0], "height": viewport[1]}, locale="zh-CN"
        )
        page = context.new_page()
        page.console_errors = []
        page.on("console", lambda m: m.type == "error" and page.console_errors.append(m.text))
        page.goto(f"{live_server.url}/accounts/login/")
        page.fill("input[name=username]", user.username)
        page.fill("input[name=password]", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_load_state()
        pages.append(context)
        return page

    yield make
    for c in pages:
        c.close()


def save_screenshot(page, name):
    os.makedirs(SCREENSHOTS, exist_ok=True)
    page.screenshot(path=os.path.join(SCREENSHOTS, f"{name}.png"), full_page=True)


@pytest.fixture
def broker(settings):
    """``point_to(url)`` moves Celery (non-eager) to a broker; yields it and the real Redis URL.

    Tests point it at a dead port to play an outage, then back at Redis.
    """
    import redis
    from celery import current_app

    # Without REDIS_URL (the embedded pass) each xdist worker still takes a Redis database of
    # its own, as config/settings.py gives them with it: a worker started by one test must not
    # take the tasks another worker's test is waiting for.
    worker = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or 0)
    url = settings.REDIS_URL or f"redis://127.0.0.1:6379/{(15 - worker) % 16}"
    try:
        redis.Redis.from_url(url).ping()
    except redis.exceptions.ConnectionError:
        skip_or_fail("needs Redis (REDIS_URL)")
    conf = current_app.conf
    saved = (conf.broker_url, conf.task_always_eager)

    def point_to(target):
        # Settings come through the CELERY_ namespace, so override them under that name.
        conf.update(CELERY_BROKER_URL=target)
        current_app._pool = None
        current_app.amqp._producer_pool = None

    conf.update(CELERY_TASK_ALWAYS_EAGER=False)
    yield point_to, url
    conf.update(CELERY_TASK_ALWAYS_EAGER=saved[1])
    point_to(saved[0])


@pytest.fixture
def sms_gateway(settings):
    """A local HTTP SMS relay (tests/sms_gateway.py); the platform sends through it."""
    from tests.sms_gateway import start

    gateway, server = start("http")
    settings.SMS_BACKEND = "http"
    settings.SMS_HTTP_URL = f"http://{gateway.url}/sms/send"
    settings.SMS_HTTP_TOKEN = "relay-token"  # noqa: S105
    settings.SMS_HTTP_TIMEOUT = 5
    yield gateway
    server.shutdown()
    server.server_close()


@pytest.fixture
def aliyun_gateway(settings):
    """A local server speaking Alibaba Cloud's SendSms RPC; the aliyun backend sends to it."""
    from tests.sms_gateway import start

    gateway, server = start("aliyun")
    settings.SMS_BACKEND = "aliyun"
    settings.SMS_ALIYUN_ENDPOINT = gateway.url
    settings.SMS_ALIYUN_PROTOCOL = "http"
    settings.SMS_ALIYUN_ACCESS_KEY_ID = "test-key-id"
    settings.SMS_ALIYUN_ACCESS_KEY_SECRET = "test-key-secret"  # noqa: S105
    settings.SMS_ALIYUN_SIGN_NAME = "新时代文明实践"
    settings.SMS_HTTP_TIMEOUT = 5
    yield gateway
    server.shutdown()
    server.server_close()


@pytest.fixture
def daytime(monkeypatch):
    """Outside the SMS quiet hours whatever the clock says: messages go at once."""
    from django.conf import settings

    monkeypatch.setattr(settings, "SMS_QUIET_START_HOUR", 0)
    monkeypatch.setattr(settings, "SMS_QUIET_END_HOUR", 0)

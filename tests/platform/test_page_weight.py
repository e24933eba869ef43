"""The villager's and the cashier's pages are light enough for a village's mobile link: each
under 150 KB transferred on a first load (cache empty), compressed, counting everything the
browser fetches (HTML, CSS, JS, images, fonts), with Chinese and with Mongolian chosen.

The server is served as production serves it: static files collected with
CompressedManifestStaticFilesStorage and answered by WhiteNoise (pre-compressed, hashed names),
pages through the whole middleware stack (GZipMiddleware). Bytes only: the times are figures
of ``python -m bench.page_weight``, not assertions.
"""

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.db import connections
from django.test import override_settings
from django.test.testcases import LiveServerThread

from bench.page_weight import LANGUAGES, PAGE_BUDGET, PAGES, kib, load, page_paths, sign_in
from tests.factories import PASSWORD
from tests.platform.world import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


COMPRESSED = ("gzip", "br")  # WhiteNoise writes .br files too when Brotli is installed
STATIC_STORAGE = {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}


@pytest.fixture(scope="session")
def collected_static(tmp_path_factory):
    """``collectstatic`` as production runs it: hashed names, a .gz beside each text file."""
    root = tmp_path_factory.mktemp("staticfiles")
    with override_settings(STATIC_ROOT=root,
                           STORAGES={**django_settings.STORAGES, "staticfiles": STATIC_STORAGE}):
        call_command("collectstatic", interactive=False, verbosity=0)
    return root


@pytest.fixture
def production_server(settings, collected_static, transactional_db):
    """The URL of a live server that serves static files as production does."""
    settings.STATIC_ROOT = collected_static
    settings.STORAGES = {**settings.STORAGES, "staticfiles": STATIC_STORAGE}
    settings.WHITENOISE_USE_FINDERS = False
    settings.WHITENOISE_AUTOREFRESH = False
    # Every request goes through the WSGI application (WhiteNoise included), not Django's
    # test static handler, which would serve the files uncompressed.
    shared = {c.alias: c for c in connections.all()
              if c.vendor == "sqlite" and c.is_in_memory_db()}
    thread = LiveServerThread("127.0.0.1", static_handler=lambda app: app,
                              connections_override=shared, port=0)
    thread.daemon = True
    for conn in shared.values():
        conn.inc_thread_sharing()
    thread.start()
    thread.is_ready.wait()
    try:
        if thread.error:
            raise thread.error
        yield f"http://127.0.0.1:{thread.port}"
    finally:
        thread.terminate()
        for conn in shared.values():
            conn.dec_thread_sharing()


def test_villager_and_cashier_pages_are_under_150_kb_on_first_load(browser, production_server):
    world = build_world()
    paths = page_paths(village=world.unit_in, evaluation=world.evaluation_in,
                       household=world.household_in)
    users = {"villager": world.user("villager"), "cashier": world.user("station_staff")}
    over, uncompressed, charts, report = [], [], [], []
    for language in LANGUAGES:
        contexts = {role: sign_in(browser, production_server, user.username, PASSWORD, language)
                    for role, user in users.items()}
        for page in PAGES:
            first = load(contexts[page.role], production_server + paths[page.name],
                         ready=page.ready)
            line = f"{page.label} ({language}): {kib(first.bytes)} KB"
            report.append(line)
            if first.bytes >= PAGE_BUDGET:
                over.append(f"{line}\n{first.describe()}")
            # Text goes compressed: the page itself and its styles and scripts.
            uncompressed += [
                f"{page.label} ({language}): {r.kind} {r.url} ({r.body_bytes} B)"
                for r in first.resources
                if r.kind in ("document", "stylesheet", "script") and r.body_bytes > 1024
                and r.encoding not in COMPRESSED]
            charts += [f"{page.label}: {r.url}" for r in first.resources if "echarts" in r.url]
        for context in contexts.values():
            context.close()
    assert not over, "over 150 KB on first load:\n" + "\n".join(over)
    assert not uncompressed, "sent uncompressed:\n" + "\n".join(uncompressed)
    assert not charts, "ECharts is for the dashboards only:\n" + "\n".join(charts)
    # Every page was measured (a page that failed to load would have raised).
    assert len(report) == len(PAGES) * len(LANGUAGES), report


def test_the_leaders_dashboard_still_draws_its_charts_with_echarts(browser, production_server):
    """ECharts stays where it belongs: the dashboard fetches it (compressed)."""
    from django.urls import reverse

    world = build_world()
    context = sign_in(browser, production_server, world.user("leader").username, PASSWORD,
                      "zh-hans")
    dashboard = load(context, production_server + reverse("reports:dashboard"), ready="main h1")
    context.close()
    charts = [r for r in dashboard.resources if "echarts" in r.url]
    assert charts and charts[0].encoding in COMPRESSED, dashboard.describe()

"""Page weight: what the villager's and the cashier's pages cost a phone on a village's link.

For every page of PAGES it opens the page in Debian's chromium (Playwright) with the browser
cache disabled, as a first visit does, and adds up the bytes that came over the wire for
everything the page fetched (HTML, CSS, JS, images, fonts: ``Network.loadingFinished``'s
``encodedDataLength``, i.e. compressed bodies and their headers). Then it opens the page again
under a throttled 3G-like link (``Network.emulateNetworkConditions``: 400 kbit/s down and up,
400 ms latency) and times it to *usable*: from the start of the navigation until
DOMContentLoaded has fired (every script ran) and the page's main element (its form's submit
button, or the heading and content of a page that is read) is visible (styles applied). Each
page is measured with Chinese and with Mongolian chosen (the Mongolian web font is fetched only
for pages with Mongolian text).

The server is production's: DEBUG off, gunicorn, static files collected with
CompressedManifestStaticFilesStorage and served by WhiteNoise (pre-compressed .gz), pages
gzip-compressed by GZipMiddleware, on a fresh SQLite copy of ``seed_demo`` (accounts villager1
and station1). The table is printed and written to bench/results/page_weight.md.

Usage: python -m bench.page_weight [--runs 1]   (make page-weight)
tests/platform/test_page_weight.py asserts the same measure against PAGE_BUDGET.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
PORT = int(os.environ.get("PAGE_WEIGHT_PORT", "8766"))
PAGE_BUDGET = 150 * 1024  # bytes transferred on a first load, compressed
# 3G-like: 400 kbit/s each way, 400 ms round trip added to every request.
THROTTLE = {"offline": False, "latency": 400, "downloadThroughput": 400_000 / 8,
            "uploadThroughput": 400_000 / 8}
LANGUAGES = ("zh-hans", "mn-mong")


@dataclass(frozen=True)
class Page:
    label: str
    role: str  # "villager" or "cashier": whose account opens it
    name: str  # url name
    ready: str  # the main element: visible means usable


PAGES = [
    Page("home", "villager", "home", ".main-tasks"),
    Page("service menu", "villager", "volunteers:menu", "main h1"),
    Page("order form", "villager", "volunteers:order-new", "#order-form button[type=submit]"),
    Page("my orders", "villager", "volunteers:my-orders", "main h1"),
    Page("my points", "villager", "points_market:my-points", "main h1"),
    Page("banquet form", "villager", "banquets:book", "#booking-form button[type=submit]"),
    Page("public board", "villager", "honours:board", "main h1"),
    Page("vote", "villager", "honours:vote", "main form button[type=submit]"),
    Page("cashier", "cashier", "points_market:cashier", ".pm-search button[type=submit]"),
    Page("counter", "cashier", "points_market:counter", "#confirm-deposit"),
]


@dataclass
class Resource:
    kind: str  # CDP's resource type: document, stylesheet, script, font, image, fetch, …
    url: str
    bytes: int  # over the wire: compressed body and headers
    body_bytes: int  # the body once decompressed
    encoding: str  # Content-Encoding ("" when none)


@dataclass
class Load:
    """One page load: what each fetched resource cost, and the time to usable (ms)."""

    url: str
    resources: list[Resource] = field(default_factory=list)
    usable_ms: float | None = None
    dom_content_loaded_ms: float | None = None

    @property
    def bytes(self) -> int:
        return sum(r.bytes for r in self.resources)

    @property
    def body_bytes(self) -> int:
        return sum(r.body_bytes for r in self.resources)

    def by_kind(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for r in self.resources:
            out[r.kind] = out.get(r.kind, 0) + r.bytes
        return out

    def describe(self) -> str:
        return "\n".join(
            f"    {r.bytes:>8} B  ({r.body_bytes:>8} B {r.encoding or 'identity':<8}) "
            f"{r.kind:<10} {r.url[:100]}"
            for r in sorted(self.resources, key=lambda r: -r.bytes))


def load(context, url: str, *, ready: str, throttle: bool = False) -> Load:
    """Open ``url`` in a new tab of ``context`` with the cache disabled and count its bytes;
    with ``throttle``, under the 3G-like link. Waits until the network is idle, so that what
    the page fetches after it is usable (a font, a late script) counts too."""
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    seen: dict[str, dict] = {}

    def entry(event):
        return seen.setdefault(event["requestId"], {"kind": "other", "url": "?", "bytes": 0,
                                                    "body": 0, "encoding": "", "done": False})

    def response(event):
        headers = {k.lower(): v for k, v in event["response"]["headers"].items()}
        entry(event).update(kind=event["type"].lower(), url=event["response"]["url"],
                            encoding=headers.get("content-encoding", ""))

    def data(event):
        entry(event)["body"] += int(event["dataLength"])

    def finished(event):
        entry(event).update(bytes=int(event["encodedDataLength"]), done=True)

    cdp.on("Network.responseReceived", response)
    cdp.on("Network.dataReceived", data)
    cdp.on("Network.loadingFinished", finished)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    if throttle:
        cdp.send("Network.emulateNetworkConditions", THROTTLE)
    result = Load(url)
    try:
        page.goto(url, wait_until="domcontentloaded", timeout=120_000)
        page.wait_for_selector(ready, state="visible", timeout=60_000)
        usable = page.evaluate("performance.now()")
        dcl = page.evaluate(
            "performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd")
        result.usable_ms, result.dom_content_loaded_ms = max(usable, dcl), dcl
        page.wait_for_load_state("networkidle", timeout=120_000)
    finally:
        result.resources = [
            Resource(e["kind"], e["url"], e["bytes"], e["body"], e["encoding"])
            for e in seen.values() if e["done"] and not e["url"].startswith("data:")]
        cdp.detach()
        page.close()
    return result


def page_paths(*, village, evaluation, household) -> dict[str, str]:
    """The path of every page of PAGES: the public board of ``village``, the vote of
    ``evaluation`` (an open one) and the counter of ``household``."""
    from django.urls import reverse

    objects = {"honours:board": village, "honours:vote": evaluation,
               "points_market:counter": household}
    return {p.name: reverse(p.name, kwargs={"pk": objects[p.name].pk} if p.name in objects
                            else None) for p in PAGES}


def sign_in(browser, base_url: str, username: str, password: str, language: str):
    """A browser context signed in as ``username`` with ``language`` chosen (the cookie). Service
    workers are blocked: the offline counter's worker would otherwise answer later pages from
    its cache, and a first load is what is measured."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN",
                                  service_workers="block")
    context.add_cookies([{"name": "language", "value": language, "url": base_url}])
    page = context.new_page()
    page.goto(f"{base_url}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_load_state()
    if "/accounts/login/" in page.url:
        raise RuntimeError(f"{username} could not sign in")
    page.close()
    # Signing in brings back the language the account chose before (an earlier run's): the
    # choice measured here is set again.
    context.add_cookies([{"name": "language", "value": language, "url": base_url}])
    return context


def launch(playwright):
    return playwright.chromium.launch(
        executable_path="/usr/bin/chromium", headless=True,
        args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
              "--disable-component-update", "--disable-sync", "--no-first-run"])


def kib(size: int) -> str:
    return f"{size / 1024:.1f}"


# --- the bench: a production-like server on the demo data --------------------------------

def _server_env(database: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "DATABASE_URL")}
    env.update({
        "DATABASE_URL": f"sqlite:///{database}", "DEBUG": "0", "TESTING": "0",
        "SECRET_KEY": "page-weight-bench-" + "x" * 40, "ALLOWED_HOSTS": "127.0.0.1,localhost",
        # Plain HTTP on 127.0.0.1: production's HTTPS redirect and secure cookies are off.
        "SECURE_SSL_REDIRECT": "0", "SESSION_COOKIE_SECURE": "0", "CSRF_COOKIE_SECURE": "0",
        "SECURE_HSTS_SECONDS": "0", "DEMO_PASSWORD": "Bench-password-2026",
        "AXES_FAILURE_LIMIT": "1000", "LOG_LEVEL": "WARNING",
    })
    return env


def _manage(env, *args):
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True,
                   stdout=subprocess.DEVNULL)


def _urls(env) -> dict[str, str]:
    """The path of every page of PAGES on the demo data (villager1's and station1's)."""
    code = r"""
import django, json
django.setup()
from bench.page_weight import page_paths
from honours.models import SatisfactionEvaluation
from practice.models import Household, User
villager = User.objects.get(username="villager1")
station = User.objects.get(username="station1")
village = villager.household.village
evaluations = SatisfactionEvaluation.objects.filter(status="open").order_by("-pk")
print(json.dumps(page_paths(
    village=village,
    evaluation=evaluations.filter(village=village).first() or evaluations.first(),
    household=Household.objects.for_user(station).order_by("pk").first())))
"""
    env = {**env, "DJANGO_SETTINGS_MODULE": "config.settings"}
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=True,
                         capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def _wait_up(url: str, server) -> None:
    for _ in range(200):
        if server.poll() is not None:
            raise RuntimeError("gunicorn exited")
        try:
            urllib.request.urlopen(url, timeout=2)  # noqa: S310 (our own server)
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("gunicorn did not answer")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=1,
                        help="throttled loads per page and language (the median is shown)")
    parser.add_argument("--output", default=str(RESULTS / "page_weight.md"))
    parser.add_argument("--verbose", action="store_true", help="list every resource's bytes")
    args = parser.parse_args(argv)

    from playwright.sync_api import sync_playwright

    scratch = Path(tempfile.mkdtemp(prefix="page-weight-"))
    env = _server_env(scratch / "demo.sqlite3")
    server = None
    try:
        print("seeding the demo data and collecting static files …", flush=True)
        _manage(env, "migrate", "--noinput")
        _manage(env, "seed_demo", "--force")
        _manage(env, "collectstatic", "--noinput", "--clear")
        paths = _urls(env)
        base = f"http://127.0.0.1:{PORT}"
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "config.wsgi", "-b", f"127.0.0.1:{PORT}",
             "-w", "2", "--log-level", "warning"], cwd=ROOT, env=env)
        _wait_up(f"{base}/accounts/login/", server)
        rows = []
        with sync_playwright() as p:
            browser = launch(p)
            for language in LANGUAGES:
                contexts = {
                    "villager": sign_in(browser, base, "villager1", env["DEMO_PASSWORD"],
                                        language),
                    "cashier": sign_in(browser, base, "station1", env["DEMO_PASSWORD"],
                                       language),
                }
                for page in PAGES:
                    url = base + paths[page.name]
                    first = load(contexts[page.role], url, ready=page.ready)
                    timed = sorted(
                        (load(contexts[page.role], url, ready=page.ready, throttle=True)
                         for _ in range(args.runs)), key=lambda r: r.usable_ms)
                    median = timed[len(timed) // 2]
                    rows.append((page, language, first, median))
                    print(f"{page.label:<14} {language:<8} {kib(first.bytes):>7} KB "
                          f"{median.usable_ms / 1000:6.2f} s", flush=True)
                    if args.verbose:
                        print(first.describe(), flush=True)
                for context in contexts.values():
                    context.close()
            browser.close()
        table = _table(rows, args.runs)
        print()
        print(table)
        Path(args.output).parent.mkdir(parents=True, exist_ok=True)
        Path(args.output).write_text(table + "\n", encoding="utf-8")
        print(f"\nwritten to {args.output}")
        return 0 if all(first.bytes < PAGE_BUDGET for _p, _l, first, _m in rows) else 1
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        shutil.rmtree(scratch, ignore_errors=True)


def _table(rows, runs: int) -> str:
    lines = [
        "# Page weight: first load, compressed, and time to usable on a 3G-like link",
        "",
        f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} with "
        "`python -m bench.page_weight` (Debian chromium, cache disabled; gunicorn, DEBUG off, "
        "WhiteNoise with compressed static files, GZipMiddleware; seed_demo data).",
        f"Budget: {PAGE_BUDGET // 1024} KB transferred. Usable = DOMContentLoaded fired and the "
        "page's main form button (or heading) visible, from navigation start, under 400 kbit/s "
        f"down and up with 400 ms latency (median of {runs}).",
        "",
        "| page | language | requests | HTML KB | CSS KB | JS KB | fonts KB | other KB "
        "| total KB | uncompressed KB | usable (3G) s | DOMContentLoaded (3G) s |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for page, language, first, timed in rows:
        kinds = first.by_kind()
        html, css = kinds.pop("document", 0), kinds.pop("stylesheet", 0)
        js, font = kinds.pop("script", 0), kinds.pop("font", 0)
        other = sum(kinds.values())
        lines.append(
            f"| {page.label} | {language} | {len(first.resources)} | {kib(html)} | {kib(css)} "
            f"| {kib(js)} | {kib(font)} | {kib(other)} | **{kib(first.bytes)}** "
            f"| {kib(first.body_bytes)} | {timed.usable_ms / 1000:.2f} "
            f"| {timed.dom_content_loaded_ms / 1000:.2f} |")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())

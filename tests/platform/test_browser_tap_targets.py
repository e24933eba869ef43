"""On a phone (390×844) every page a villager, a volunteer and a station clerk reach has tap
targets a thumb can hit: every button, form control and link that is not part of running text
at least 44×44 px (a checkbox counts with its label), and a base font of at least 16 px; and
nothing is wider than the screen."""

import pytest

from tests.platform import endpoints
from tests.platform.matrix_table import PAGES
from tests.platform.world import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
ROLES = ("villager", "volunteer", "station_staff")

MEASURE = """() => {
  const bad = [];
  const shown = el => {
    const r = el.getBoundingClientRect(), s = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && s.visibility !== 'hidden';
  };
  const text = el => (el.innerText || el.value || el.name || el.id || '').trim().slice(0, 24);
  for (const el of document.querySelectorAll(
      'button, input:not([type=hidden]), select, textarea, a[href], summary')) {
    if (!shown(el)) continue;
    let box = el.getBoundingClientRect();
    if (el.matches('input[type=checkbox], input[type=radio]') && el.closest('label'))
      box = el.closest('label').getBoundingClientRect();
    if (el.matches('a[href]')) {
      const prose = el.parentElement.closest('p, dd, figcaption, small, .muted, blockquote');
      if (prose && prose.innerText.trim() !== el.innerText.trim()) continue;  // running text
    }
    const size = `${Math.round(box.width)}x${Math.round(box.height)}`;
    if (box.width < 43.5 || box.height < 43.5)
      bad.push(`${el.tagName.toLowerCase()} "${text(el)}" ${size}`);
  }
  const font = parseFloat(getComputedStyle(document.body).fontSize);
  if (font < 16) bad.push(`base font ${font}px`);
  const width = document.documentElement.scrollWidth;
  if (width > 391) bad.push(`page ${width}px wide`);
  return bad;
}"""


def _pages(world, role):
    index = ["anonymous", "villager", "volunteer", "station_staff"].index(role)
    for key, row in sorted(PAGES.items()):
        method, name = key.split(" ", 1)
        if method != "GET" or row.expect.split()[index].split("/")[0] != "200":
            continue
        query = row.query(world, "in") if row.query else None
        yield key, endpoints.url_of(world, name, row, "in"), query


def test_every_tap_target_is_big_enough_on_a_phone(browser_login, live_server):
    from playwright.sync_api import Error as PlaywrightError

    world = build_world()
    problems = []
    for role in ROLES:
        page = browser_login(world.user(role), viewport=(390, 844))
        for key, path, query in _pages(world, role):
            url = f"{live_server.url}{path}"
            if query:
                url += "?" + "&".join(f"{k}={v}" for k, v in query.items())
            try:
                page.goto(url)
            except PlaywrightError as exc:
                if "Download is starting" in str(exc):
                    continue  # a file to download (a roster template), not a page to measure
                raise
            page.wait_for_load_state()
            problems += [f"{role} {key}: {p}" for p in page.evaluate(MEASURE)]
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems)

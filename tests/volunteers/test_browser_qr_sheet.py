"""The printable station QR codes: every code stays inside its tile and no tile overlaps
another, on a phone, on a desktop and printed to A4 by Chromium."""

import pytest

from practice.models import Level, SiteKind, Unit
from tests.conftest import save_screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OVERLAPS = """() => {
  const boxes = [...document.querySelectorAll('.qr-tile')].map(t => {
    const r = t.getBoundingClientRect(), i = t.querySelector('img').getBoundingClientRect();
    return {t: [r.left, r.top, r.right, r.bottom], i: [i.left, i.top, i.right, i.bottom]};
  });
  const problems = [];
  boxes.forEach((b, n) => {
    const [l, t, r, btm] = b.t, [il, it, ir, ib] = b.i;
    if (il < l - 0.5 || ir > r + 0.5 || it < t - 0.5 || ib > btm + 0.5)
      problems.push(`code ${n} spills out of its tile`);
    if (ir - il < 60) problems.push(`code ${n} is only ${ir - il}px wide`);
    boxes.forEach((o, m) => {
      if (m <= n) return;
      const [ol, ot, or, ob] = o.t;
      if (l < or - 0.5 && ol < r - 0.5 && t < ob - 0.5 && ot < btm - 0.5)
        problems.push(`tiles ${n} and ${m} overlap`);
    });
  });
  return {count: boxes.length, problems};
}"""


@pytest.fixture
def stations(net):
    for n in range(2, 9):  # township t1 gets nine villages with long names
        Unit.objects.create(code=f"T1V{n + 1}", name=f"乌兰敖道苏木第{n}嘎查（东片区）",
                            level=Level.VILLAGE, site_kind=SiteKind.STATION, parent=net.t1)
    return net


@pytest.mark.parametrize("size, viewport", [("phone", (390, 844)), ("desktop", (1366, 768))])
def test_the_codes_stay_in_their_tiles_on_screen(stations, browser_login, live_server, size,
                                                 viewport):
    page = browser_login(stations.township_staff, viewport=viewport)
    page.goto(f"{live_server.url}/volunteers/staff/qr/")
    page.wait_for_load_state("networkidle")
    found = page.evaluate(OVERLAPS)
    assert found["count"] == 9 and found["problems"] == []
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport[0]
    save_screenshot(page, f"volunteers-qr-sheet-{size}")


def test_the_codes_print_on_a4_without_overlapping(stations, browser_login, live_server, tmp_path):
    page = browser_login(stations.township_staff, viewport=(1366, 768))
    page.goto(f"{live_server.url}/volunteers/staff/qr/")
    page.wait_for_load_state("networkidle")
    pdf = page.pdf(path=str(tmp_path / "qr.pdf"), format="A4", print_background=True)
    assert pdf.startswith(b"%PDF") and pdf.count(b"/Type /Page") >= 2  # pages and their tree
    page.emulate_media(media="print")
    page.set_viewport_size({"width": 794, "height": 1123})  # A4 at 96 dpi
    found = page.evaluate(OVERLAPS)
    assert found["count"] == 9 and found["problems"] == []
    assert page.locator(".topbar").is_hidden() and page.locator(".sitefoot").is_hidden()

"""The unread-notification badge in the page header must be readable on every page a
villager opens: its text against its background reaches the WCAG AA ratio of 4.5:1."""

import re

import pytest

from tests.conftest import save_screenshot
from volunteers.models import Notification

PAGES = [("home", "/"), ("volunteers", "/volunteers/"), ("points", "/points/my/"),
         ("banquets", "/banquets/mine/")]

# The badge's text colour and the background layers behind it, innermost first, up to the
# first opaque one (a transparent badge shows whatever its ancestors paint).
_COLOURS = """(el) => {
  const layers = [];
  for (let node = el; node; node = node.parentElement) {
    const bg = getComputedStyle(node).backgroundColor;
    layers.push(bg);
    if (!bg.startsWith("rgba")) break;
  }
  return {color: getComputedStyle(el).color, layers: layers};
}"""


def rgba(css):
    values = [float(v) for v in re.findall(r"[\d.]+", css)]
    return (*values[:3], values[3] if len(values) > 3 else 1.0)


def flatten(layers):
    """The colour the eye sees: the layers composited over white, the outermost first."""
    r, g, b = 255.0, 255.0, 255.0
    for css in reversed(layers):
        lr, lg, lb, a = rgba(css)
        r, g, b = lr * a + r * (1 - a), lg * a + g * (1 - a), lb * a + b * (1 - a)
    return r, g, b


def luminance(rgb):
    def channel(c):
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(fg, bg):
    hi, lo = sorted((luminance(fg), luminance(bg)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_the_contrast_formula_matches_the_wcag_reference_values():
    assert round(contrast((0, 0, 0), (255, 255, 255)), 1) == 21.0
    assert contrast((255, 255, 255), (238, 238, 238)) < 1.2
    assert flatten(["rgba(0, 0, 0, 0)", "rgb(192, 57, 43)"]) == (192, 57, 43)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_villager_can_read_the_unread_badge_on_every_page(vnet, browser_login, live_server):
    Notification.objects.create(user=vnet.villager, message="您的订单已完成，请评价服务。")
    page = browser_login(vnet.villager, viewport=(390, 844))
    ratios = {}
    for name, path in PAGES:
        page.goto(f"{live_server.url}{path}")
        badge = page.locator(".topbar .badge")
        assert badge.count() == 1, f"{path}: no unread badge in the header"
        assert "1" in badge.inner_text()
        colours = badge.evaluate(_COLOURS)
        ratios[path] = contrast(rgba(colours["color"]), flatten(colours["layers"]))
        save_screenshot(page, f"unread-badge-{name}-phone")
    assert all(r >= 4.5 for r in ratios.values()), ratios

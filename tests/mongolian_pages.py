"""What the browser tests of the Mongolian pages check alike: the page's text is drawn with the
font the project serves ("Practice Mongolian", static/fonts), not a fallback with missing-glyph
boxes, and no Mongolian word is broken across lines."""

from django.conf import settings

from practice.language import MONGOLIAN

FONT_LOADED = ("document.fonts.ready.then(() => [...document.fonts].filter(f => "
               "f.family.includes('Practice Mongolian') && f.status === 'loaded').length)")
# Every run of Mongolian letters (a word) lies on one line: one box for its range.
BROKEN_WORDS = """() => {
  const broken = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const word = /[\\u1800-\\u18AF\\u202F\\u180E]+/g;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.parentElement || !node.parentElement.offsetParent) continue;
    for (const m of node.data.matchAll(word)) {
      const range = document.createRange();
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      const tops = new Set([...range.getClientRects()].filter(r => r.width > 0)
                           .map(r => Math.round(r.top)));
      if (tops.size > 1) broken.push(m[0]);
    }
  }
  return broken;
}"""


def choose_mongolian(page):
    """The switcher at the foot of the page."""
    page.select_option("#language-choice", MONGOLIAN)
    page.click(".langform button[type=submit]")
    page.wait_for_load_state()


def prefer_mongolian(context, url):
    """The browser comes with Mongolian already chosen (the language cookie)."""
    context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": MONGOLIAN,
                          "url": url}])


def served_font_draws(page, text) -> bool:
    """The served font has loaded and has every glyph of ``text``."""
    return page.evaluate(FONT_LOADED) > 0 and page.evaluate(
        "t => document.fonts.check('16px \"Practice Mongolian\"', t)", text)


def drawn_with_the_served_font(page, selector):
    """The first element ``selector`` finds is set in the served font, which draws its text."""
    element = page.locator(selector).first
    assert served_font_draws(page, element.inner_text())
    assert "Practice Mongolian" in element.evaluate("e => getComputedStyle(e).fontFamily")

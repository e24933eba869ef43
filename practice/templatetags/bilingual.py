"""Names and texts in the page's language, and Mongolian beside Chinese on printouts.

``{% load bilingual %}``

- ``{{ unit|local_name }}``: a name in the page's language (practice/language.py: the Mongolian
  name in the Mongolian interface, else the Chinese); ``{{ unit|local_full_name }}`` the same for
  a unit's full name (township and village).
- ``{{ unit|mongolian_name }}``: the Mongolian name alone ("" without one), for a printout's
  Mongolian column, which never shows a Chinese name turned on its side.
- ``{% mongolian %}…{% endmongolian %}``: the enclosed template in Mongolian, whatever the page
  speaks (a printout's Mongolian column beside its Chinese). ``{% mongolian vertical %}`` also
  wraps it in ``<div class="mong-vertical" lang="mn-mong">`` (vertical lines, top to bottom,
  running left to right: static/css/app.css). The Chinese side of a printout read by someone who
  chose Mongolian is kept Chinese with Django's ``{% language "zh-hans" %}``.
"""

from django import template
from django.utils import translation
from django.utils.html import format_html

from practice import language

register = template.Library()


@register.filter
def local_name(obj) -> str:
    return language.local_name(obj)


@register.filter
def local_full_name(unit) -> str:
    """Like ``Unit.full_name`` (the ancestors below the banner and the unit), each name in the
    page's language."""
    if unit is None:
        return ""
    names = []
    current = unit
    while current is not None and current.depth > 0:
        names.append(language.local_name(current))
        current = current.parent if current.depth > 1 else None
    return " ".join(reversed(names)) or language.local_name(unit)


@register.filter
def mongolian_name(obj) -> str:
    return getattr(obj, "name_mn", "") or ""


class MongolianNode(template.Node):
    def __init__(self, nodelist, vertical):
        self.nodelist = nodelist
        self.vertical = vertical

    def render(self, context):
        with translation.override(language.MONGOLIAN):
            text = self.nodelist.render(context)
        if self.vertical:
            return format_html('<div class="mong-vertical" lang="{}">{}</div>',
                               language.MONGOLIAN, text)
        return text


@register.tag
def mongolian(parser, token):
    bits = token.split_contents()
    if len(bits) > 2 or (len(bits) == 2 and bits[1] != "vertical"):
        raise template.TemplateSyntaxError("{% mongolian %} or {% mongolian vertical %}")
    nodelist = parser.parse(("endmongolian",))
    parser.delete_first_token()
    return MongolianNode(nodelist, vertical=len(bits) == 2)

"""Printed materials in both scripts: the Chinese text, and the Mongolian text set vertically
beside it, whatever language the page speaks.

``{% load mongolian_print %}``

* ``{% mongolian %}…{% endmongolian %}`` renders its contents in Mongolian (traditional
  script); Django's ``{% language "zh-hans" %}`` renders in Chinese. Strings without a Mongolian
  translation fall back to Chinese, as everywhere (practice/language.py).
* ``{{ thing|name_here }}``: the name in the language being rendered (the Mongolian name inside
  ``{% mongolian %}`` where there is one, else the Chinese), for model objects and for the rows
  of ``selectors.categories_with_prices`` alike.
* ``{{ product.unit|goods_unit }}``: a unit of goods (瓶, 袋 …) in the language being rendered,
  when it is one of the common ones; anything else as it was written.
"""

from collections.abc import Mapping

from django import template
from django.utils import translation
from django.utils.translation import pgettext_lazy

from practice import language
from practice.templatetags import bilingual

register = template.Library()


# The block tag is the project's own (practice/templatetags/bilingual.py); a Chinese block is
# Django's ``{% language "zh-hans" %}``.
register.tag("mongolian", bilingual.mongolian)


@register.filter
def name_here(thing) -> str:
    if isinstance(thing, Mapping):
        if translation.get_language() == language.MONGOLIAN and thing.get("name_mn"):
            return thing["name_mn"]
        return thing.get("name", "")
    return language.local_name(thing)


# The units goods are usually counted in, as the cashier writes them in Chinese.
GOODS_UNITS = {
    "瓶": pgettext_lazy("unit of goods", "bottle"),
    "袋": pgettext_lazy("unit of goods", "bag"),
    "桶": pgettext_lazy("unit of goods", "barrel"),
    "块": pgettext_lazy("unit of goods", "bar"),
    "条": pgettext_lazy("unit of goods", "piece"),
    "卷": pgettext_lazy("unit of goods", "roll"),
    "包": pgettext_lazy("unit of goods", "pack"),
    "盒": pgettext_lazy("unit of goods", "box"),
    "个": pgettext_lazy("unit of goods", "piece"),
    "斤": pgettext_lazy("unit of goods", "jin"),
    "升": pgettext_lazy("unit of goods", "litre"),
}


@register.filter
def goods_unit(unit: str) -> str:
    """A common unit, alone or with its size in brackets (桶（5升）), in the language being
    rendered; any other unit as written."""
    if translation.get_language() != language.MONGOLIAN:
        return unit
    word, bracket, rest = (unit or "").partition("（")
    if word.strip() not in GOODS_UNITS:
        return unit
    size = rest.rstrip("）")
    for chinese in ("升", "斤"):
        size = size.replace(chinese, f" {GOODS_UNITS[chinese]}")
    size = size.strip()
    label = str(GOODS_UNITS[word.strip()])
    return f"{label} ({size})" if bracket and size else label

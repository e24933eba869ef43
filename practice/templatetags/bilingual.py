"""``{% load bilingual %}{{ unit|local_name }}``: a name in the page's language
(practice/language.py: the Mongolian name in the Mongolian interface, else the Chinese)."""

from django import template

from practice import language

register = template.Library()


@register.filter
def local_name(obj) -> str:
    return language.local_name(obj)

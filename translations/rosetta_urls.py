"""Rosetta's pages, each behind the translators' guard: a visitor is sent to sign in and any
other account gets our 403 page (rosetta alone would send both to the login page). The names
stay rosetta's own, which its views and templates reverse.

Rosetta counts as "project" catalogues only those beside the settings package (config/), so it
files the apps' catalogues under "third party"; its start page therefore lists them all
(``po_filter=all``), which with ``ROSETTA_LANGUAGES`` and ``ROSETTA_EXCLUDED_APPLICATIONS``
are the project's Mongolian catalogues alone.
"""

from django.urls import re_path, reverse_lazy
from django.views.generic.base import RedirectView
from rosetta import urls as rosetta_urls

from .access import translators_only

START = reverse_lazy("rosetta-file-list", kwargs={"po_filter": "all"})
REDIRECTS = {"rosetta-old-home-redirect", "rosetta-file-list-redirect"}

urlpatterns = [
    re_path(p.pattern.regex.pattern,
            translators_only(RedirectView.as_view(url=START, permanent=False)
                             if p.name in REDIRECTS else p.callback),
            name=p.name)
    for p in rosetta_urls.urlpatterns
]

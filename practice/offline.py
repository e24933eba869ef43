"""The offline counter and check-in: the service worker and the web app manifest, served at the
site root so that the worker's scope covers every page (it keeps only the counter's and the
check-in's pages, their static files and the station's last-known data; README: "The counter
and the check-in offline")."""

from django.http import JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

# Bump when the worker's way of caching changes: the new worker drops the older caches.
CACHE_NAME = "civic-offline-v1"


def _static_files():
    return [static(name) for name in (
        "css/app.css", "js/page.js", "js/offline.js", "points_market/points.css",
        "points_market/counter.js", "volunteers/volunteers.css")]


@require_GET
def service_worker(request):
    response = render(request, "offline/sw.js", {
        "cache_name": CACHE_NAME,
        "static_files": _static_files(),
        "counter_shell": reverse("points_market:counter-offline"),
        "checkin_shell": reverse("volunteers:checkin-offline"),
        "station_data": reverse("points_market:station-data"),
        "login": reverse("login"),
    }, content_type="text/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = "/"
    response["Cache-Control"] = "no-cache"
    return response


@require_GET
def web_manifest(request):
    response = JsonResponse({
        "name": _("New Era Civilization Practice"),
        "short_name": _("Civilization practice"),
        "start_url": reverse("points_market:cashier"),
        "scope": "/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#b71c1c",
        "lang": "zh-Hans",
        "icons": [],
    }, json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = "application/manifest+json"
    return response

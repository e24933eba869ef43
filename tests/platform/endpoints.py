"""Every endpoint the URL configuration serves, found by walking the resolver."""

import re

from django.contrib import admin
from django.urls import URLPattern, URLResolver, get_resolver, reverse

SKIP_METHODS = {"options", "head", "trace"}


def walk(patterns=None, prefix="", namespace=None):
    """Yield ``(route, name, callback)`` for every URL pattern, through every include."""
    if patterns is None:
        patterns = get_resolver().url_patterns
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = namespace
            if p.namespace:
                ns = f"{namespace}:{p.namespace}" if namespace else p.namespace
            yield from walk(p.url_patterns, prefix + str(p.pattern), ns)
        elif isinstance(p, URLPattern):
            name = f"{namespace}:{p.name}" if namespace and p.name else p.name
            yield prefix + str(p.pattern), name, p.callback


def _methods(callback):
    actions = getattr(callback, "actions", None)
    if actions:  # a DRF router's viewset route: {"get": "list", "post": "create"}
        # (DRF adds "head" to this dict on the first request: it mirrors "get")
        return sorted(m for m in actions if m not in SKIP_METHODS)
    cls = getattr(callback, "cls", None) or getattr(callback, "view_class", None)
    if cls is None:
        return None
    return sorted(m for m in cls.http_method_names if m not in SKIP_METHODS and hasattr(cls, m))


def api_operations() -> set[str]:
    """``"METHOD name"`` of every operation under /api/ (format-suffix twins fold in)."""
    found = set()
    for route, name, callback in walk():
        if not route.startswith("api/"):
            continue
        assert name, f"unnamed API route {route}: name it so the matrix can cover it"
        for method in _methods(callback) or ["get"]:
            found.add(f"{method.upper()} {name}")
    return found


def page_names() -> set[str]:
    """The name of every web page (everything outside /api/, /admin/ and media)."""
    found = set()
    for route, name, _callback in walk():
        if route.startswith(("api/", "admin/", "^media/")) or route.startswith("^static/"):
            continue
        assert name, f"unnamed page route {route}: name it so the matrix can cover it"
        found.add(name)
    return found


def admin_models() -> set[str]:
    """``"admin <app>_<model>"`` of every model registered with the admin site."""
    return {f"admin {m._meta.app_label}_{m._meta.model_name}" for m in admin.site._registry}


def url_of(world, name, row, side):
    """The URL of the matrix row ``row`` (named ``name``) for the object on ``side``."""
    kwargs = {}
    if row.obj:
        kwargs["pk"] = world.pick(row.obj, side).pk
    if row.kwargs:
        kwargs.update(row.kwargs(world, side))
    return reverse(name, kwargs=kwargs or None)


def admin_urls() -> list[str]:
    """A concrete URL for every route of the admin site: ``1`` for each path parameter (a
    visitor is turned away before any object is read) and every app of the app-list route."""
    urls = []
    for route, _name, _callback in walk():
        if not route.startswith("admin/"):
            continue
        match = re.search(r"\(\?P<app_label>([^)]*)\)", route)
        if match:
            start = route.index("^")
            urls += [f"/{route[:start]}{label}/" for label in match.group(1).split("|")]
            continue
        urls.append("/" + re.sub(r"<(?:\w+:)?\w+>", "1", route))
    return urls

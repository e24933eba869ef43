"""What a supervised task can be raised from, as the task form names it: ``?origin=<kind>:<id>``.

supervision registers its own kinds (a field visit, a joint meeting's decision); an app built
on it registers its own from its ``AppConfig.ready`` (dispatch: a dispatch meeting's decision),
so that supervision never imports the apps around it. A kind's model must be scoped
(``objects.for_user``): the form finds the origin among what the user may see.
"""

from django.apps import apps
from django.http import Http404

from practice.numbers import parse_id

_kinds: dict[str, tuple[str, dict]] = {}


def register(kind: str, model: str, *, only: dict | None = None) -> None:
    """``model`` as ``"app_label.ModelName"``; ``only``: the lookups an object must match to
    raise a task (an adopted decision, not a rejected one)."""
    _kinds[kind] = (model, only or {})


def resolve(user, raw: str):
    """``(raw, object)`` for ``"<kind>:<id>"``, ``("", None)`` for nothing; 404 for an origin
    the user may not see or that does not exist."""
    kind, _sep, pk = (raw or "").partition(":")
    if kind not in _kinds:
        return "", None
    model, only = _kinds[kind]
    origin = (apps.get_model(model).objects.for_user(user)
              .filter(pk=parse_id(pk, default=0), **only).first())
    if origin is None:
        raise Http404
    return raw, origin


def suggested(origin) -> dict:
    """What the task form can take from the origin: its text as the task and its unit."""
    values = {}
    text = getattr(origin, "text", "")
    if text:
        values["title"] = text[:200]
    if getattr(origin, "unit_id", None):
        values["unit"] = str(origin.unit_id)
    return values

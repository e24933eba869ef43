from . import language
from .navigation import items_for


def languages(request):
    return {"language_choices": language.offered_choices(request)}


def navigation(request):
    user = getattr(request, "user", None)
    return {"nav_items": items_for(user) if user is not None else []}

"""Extra fields of ``GET /api/me/`` contributed by other apps.

``practice`` knows nothing of the apps built on it; an app adds its fields from its
``AppConfig.ready`` with :func:`register_me_field` (for example the volunteer id and teams).
"""

from collections.abc import Callable

_fields: dict[str, Callable] = {}


def register_me_field(name: str, func: Callable) -> None:
    """``func(user)`` returns a JSON-serialisable value for the field ``name``."""
    _fields[name] = func


def extra_fields(user) -> dict:
    return {name: func(user) for name, func in _fields.items()}

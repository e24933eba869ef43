"""The authentication backend: Django's, loading the user's unit with the user.

Every scoped query reads ``user.unit``; loading it with the session's user saves a query on
every page.
"""

import hashlib

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache

from . import generations


class UnitAwareModelBackend(ModelBackend):
    def get_user(self, user_id):
        from .models import User

        user = User._default_manager.select_related("unit").filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None


# --- API tokens ---------------------------------------------------------------------------
# Every API request authenticates by token. Looking the token up with its user and unit is a
# three-table query that costs about a third of a small request, so the answer is kept in the
# shared cache for AUTH_TOKEN_CACHE_SECONDS. Any saved or deleted user, unit or token moves a
# generation number (at once and again when the transaction commits): entries of an older
# generation are ignored, so a change of role, unit, password or activity applies to the next
# request. Writes that bypass signals (queryset.update() on users) apply within the TTL.
_GENERATION_KEY = "auth:generation"


def _entry_key(key: str) -> str:
    return "auth:token:" + hashlib.sha256(key.encode()).hexdigest()[:40]


def token_lookup(key: str):
    """The token ``key`` with its user and the user's unit loaded, or None."""
    from rest_framework.authtoken.models import Token

    ttl = settings.AUTH_TOKEN_CACHE_SECONDS
    if ttl:
        entry_key = _entry_key(key)
        got = generations.get_many([_GENERATION_KEY, entry_key])
        generation = got.get(_GENERATION_KEY, 0)
        entry = got.get(entry_key)
        if entry is not None and entry[0] == generation:
            return entry[1]
    token = Token.objects.select_related("user__unit").filter(key=key).first()
    if ttl and token is not None:
        # The password hash stays out of the cache: without it the field is deferred, so code
        # that ever needs it reads it from the database, and a save() leaves it as it is.
        token.user.__dict__.pop("password", None)
        cache.set(entry_key, (generation, token), ttl)
    return token


def connect_auth_cache_signals() -> None:
    from rest_framework.authtoken.models import Token

    from .models import Unit, User

    generations.bump_on_change(_GENERATION_KEY, User, Unit, Token)

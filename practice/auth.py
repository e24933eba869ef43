"""The authentication backend: Django's, loading the user's unit with the user.

Every scoped query reads ``user.unit``; loading it with the session's user saves a query on
every page.
"""

from django.contrib.auth.backends import ModelBackend


class UnitAwareModelBackend(ModelBackend):
    def get_user(self, user_id):
        from .models import User

        user = User._default_manager.select_related("unit").filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None

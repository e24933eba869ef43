"""Authentication: Django's model backend and DRF's token, each loading the user's unit with
the user, since every scoped query reads ``user.unit``."""

from django.contrib.auth.backends import ModelBackend


class UnitAwareModelBackend(ModelBackend):
    def get_user(self, user_id):
        from .models import User

        user = User._default_manager.select_related("unit").filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None

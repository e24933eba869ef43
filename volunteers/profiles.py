"""The account side of a volunteer profile: ``User.has_volunteer_profile`` follows
``Volunteer.user``, so that an account linked to a profile acts as a volunteer too (one person,
one account: practice.roles.capacities) without a query on every request.

Kept on every save and delete of a volunteer through the model's signals; ``bulk_create`` and
queryset updates skip them, so code that links accounts in bulk calls :func:`resync` after.
"""

from django.contrib.auth import get_user_model
from django.db.models.signals import post_delete, post_init, post_save

from .models import Volunteer


def resync(user_ids) -> None:
    """Set the flag of ``user_ids`` to whether each has a volunteer profile now."""
    ids = {pk for pk in user_ids if pk is not None}
    if not ids:
        return
    User = get_user_model()
    linked = set(Volunteer.objects.filter(user_id__in=ids).values_list("user_id", flat=True))
    User.objects.filter(pk__in=linked, has_volunteer_profile=False).update(
        has_volunteer_profile=True)
    User.objects.filter(pk__in=ids - linked, has_volunteer_profile=True).update(
        has_volunteer_profile=False)


def _remember_user(sender, instance, **kwargs):
    instance._loaded_user_id = instance.user_id


def _saved(sender, instance, **kwargs):
    resync({instance.user_id, getattr(instance, "_loaded_user_id", None)})
    instance._loaded_user_id = instance.user_id


def _deleted(sender, instance, **kwargs):
    resync({instance.user_id})


def connect() -> None:
    post_init.connect(_remember_user, sender=Volunteer, dispatch_uid="volunteer_user_loaded")
    post_save.connect(_saved, sender=Volunteer, dispatch_uid="volunteer_user_saved")
    post_delete.connect(_deleted, sender=Volunteer, dispatch_uid="volunteer_user_deleted")

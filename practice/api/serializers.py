import copy

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from practice.models import Household, Unit, User


class ModelSerializer(serializers.ModelSerializer):
    """DRF's ModelSerializer with its fields built from the model once per class.

    DRF introspects the model again for every serializer instance — every request, every nested
    serializer — which cost about a fifth of a small API request. The built fields are kept on
    the class, and each instance gets its own copies, as DRF does with declared fields. Every
    model serializer of the project derives from this one.
    """

    def get_fields(self):
        cls = type(self)
        prototype = cls.__dict__.get("_prototype_fields")
        if prototype is None:
            prototype = super().get_fields()
            cls._prototype_fields = prototype
        return {name: _fresh(field) for name, field in prototype.items()}


def _fresh(field):
    """A copy of a prototype field for one serializer instance. A plain field only gets its
    name and parent when bound, so a shallow copy will do (several times cheaper than DRF's
    deep copy, which runs the field's ``__init__`` again); a field holding other fields or a
    queryset (nested serializers, relations, lists) is deep-copied as DRF does."""
    if isinstance(field, serializers.BaseSerializer | serializers.RelatedField) or hasattr(
        field, "child") or hasattr(field, "child_relation"):
        return copy.deepcopy(field)
    return copy.copy(field)


class UnitBriefSerializer(ModelSerializer):
    class Meta:
        model = Unit
        fields = ["id", "name", "level"]


class UnitSerializer(ModelSerializer):
    head_name = serializers.SerializerMethodField(label=_("head (一把手)"))

    class Meta:
        model = Unit
        fields = [
            "id",
            "code",
            "name",
            "level",
            "site_kind",
            "parent",
            "township",
            "head",
            "head_name",
            "address",
            "depth",
        ]

    def get_head_name(self, obj) -> str | None:
        return str(obj.head) if obj.head_id else None


class HouseholdSerializer(ModelSerializer):
    village = UnitBriefSerializer(read_only=True)
    # Read-only: "" (no phone given) is a valid value here, which the model's mobile-number
    # pattern in the schema would deny.
    phone = serializers.CharField(read_only=True)

    class Meta:
        model = Household
        fields = ["id", "number", "head_name", "address", "phone", "village", "created_at"]


class MeSerializer(ModelSerializer):
    # Staff have no household, and an account may have no unit yet: both may be null.
    unit = UnitBriefSerializer(read_only=True, allow_null=True)
    household = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)

    class Meta:
        model = User
        fields = ["id", "username", "real_name", "role", "unit", "household"]


class TokenRequestSerializer(serializers.Serializer):
    username = serializers.CharField(label=_("username"))
    password = serializers.CharField(label=_("password"), style={"input_type": "password"})


class TokenResponseSerializer(serializers.Serializer):
    token = serializers.CharField()

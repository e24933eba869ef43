import copy
from collections.abc import Mapping
from datetime import datetime
from functools import cache

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Model
from django.db.models.manager import BaseManager
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import ISO_8601, serializers
from rest_framework.fields import SkipField, is_simple_callable
from rest_framework.relations import PKOnlyObject
from rest_framework.settings import api_settings

from practice.models import Household, Unit, User


class FastRepresentationMixin:
    """DRF's ``to_representation`` without its per-field generality where it is not needed.

    For each value DRF walks the field's source through ``fields.get_attribute`` (an abstract
    ``Mapping`` check and a signature inspection per attribute): a quarter of rendering a page
    of orders, half of a page of households. Here a field whose source is one plain attribute
    of a model instance reads it with ``getattr`` (and calls it when it is a method without
    arguments, as DRF does, asking that once per class); anything else — a dotted source,
    ``*``, a field with its own ``get_attribute``, a missing attribute, a dict — takes DRF's own
    path, so the output is the same (tests/platform/test_fast_serializers.py).

    **Compiled classes.** DRF also builds every serializer's fields again for every instance:
    for a page of orders, the order serializer and its five nested ones, each field copied and
    bound, every request (a quarter of the page's rendering). When everything a class renders
    depends on the row alone — fields whose rendering reads nothing but the value (the types
    of ``_CONTEXT_FREE``), nested serializers that are themselves such classes, and method
    fields, which are asked of the serializer at hand (for a nested one, the bound serializer
    DRF would have asked, whose context is the root's) — its plan is made once per class from a
    prototype instance and rendered without building fields (``_compiled``) except where a
    method asks for them. Classes that change their fields per instance (their own
    ``__init__`` or ``get_fields``) or render anything else (a file's URL needs the request)
    keep the per-instance plan.
    """

    def _representation_plan(self):
        plan = self.__dict__.get("_plan")
        if plan is None:
            plan = self.__dict__["_plan"] = _plan(self, compiled=False)
        return plan

    def to_representation(self, instance):
        if isinstance(instance, Model):
            compiled = _compiled(type(self))
            if compiled is not None and (compiled.model is None
                                         or isinstance(instance, compiled.model)):
                return _render(compiled.plan, instance, self, True)
        elif isinstance(instance, Mapping):
            return super().to_representation(instance)
        model = getattr(getattr(self, "Meta", None), "model", None)
        own_model = model is not None and isinstance(instance, model)
        return _render(self._representation_plan(), instance, self, own_model)


# Fields whose rendering of a value of exactly this type is the value itself.
_NATIVE = {serializers.CharField: str, serializers.IntegerField: int,
           serializers.BooleanField: bool, serializers.FloatField: float}

# Plan entry kinds beyond a field's own ``to_representation``.
_NESTED, _MANY, _METHOD = 1, 2, 3


class _Compiled:
    __slots__ = ("model", "plan", "nestable", "asks_owner")

    def __init__(self, model, plan, nestable, asks_owner):
        self.model, self.plan, self.nestable = model, plan, nestable
        self.asks_owner = asks_owner


_compiled_classes: dict[type, _Compiled | None] = {}


def _compiled(cls) -> _Compiled | None:
    """The plan of ``cls`` made once for the class, or None when it must be made per instance.
    ``nestable``: may a parent's compiled plan render it (no ``to_representation`` of its own);
    ``asks_owner``: does it, or a serializer nested in it, have method fields, which are asked
    of the serializer instance at hand."""
    if cls in _compiled_classes:
        return _compiled_classes[cls]
    compiled = None
    if (cls.__init__ is serializers.BaseSerializer.__init__
            and cls.fields is serializers.Serializer.fields
            and cls.get_fields in (ModelSerializer.get_fields, serializers.Serializer.get_fields)
            and cls._readable_fields is serializers.Serializer._readable_fields):
        plan = _plan(cls(), compiled=True)
        if plan is not None:
            nestable = cls.to_representation is FastRepresentationMixin.to_representation
            asks_owner = any(entry[7] == _METHOD or (entry[8] is not None and entry[8].asks_owner)
                             for entry in plan)
            compiled = _Compiled(getattr(getattr(cls, "Meta", None), "model", None), plan,
                                 nestable, asks_owner)
    _compiled_classes[cls] = compiled
    return compiled


def _plan(serializer, *, compiled: bool):
    """(name, attr, field, simple_callable, fk_attname, plain_datetime, native, kind, child)
    for each readable field; with ``compiled``, None when a field's rendering may depend on
    more than its value."""
    model = getattr(getattr(serializer, "Meta", None), "model", None)
    plan = []
    for field in serializer._readable_fields:
        simple = (type(field).get_attribute is serializers.Field.get_attribute
                  and len(field.source_attrs) == 1)
        kind = child = None
        if compiled:
            kind, child = _compiled_kind(field)
            if kind is False:
                return None
        plan.append((field.field_name, field.source_attrs[0] if simple else None, field, {},
                     _foreign_key_attname(model, field), _plain_datetime(field),
                     _NATIVE.get(type(field)), kind, child))
    return plan


def _compiled_kind(field):
    """How a compiled plan renders ``field``: (kind, child plan) — (None, None) for the field's
    own ``to_representation``, (False, None) when it cannot."""
    if (type(field).to_representation in _CONTEXT_FREE
            and type(field).get_attribute in _PLAIN_GET_ATTRIBUTE):
        return None, None
    if type(field) is serializers.SerializerMethodField:
        return _METHOD, None
    if type(field) is serializers.ListSerializer and field.source_attrs:
        child = _compiled(type(field.child))
        return (_MANY, child) if child is not None and child.nestable else (False, None)
    if isinstance(field, FastRepresentationMixin) and field.source_attrs:
        child = _compiled(type(field))
        return (_NESTED, child) if child is not None and child.nestable else (False, None)
    return False, None


def _render(plan, instance, owner, own_model):
    """One row: ``owner`` is the serializer rendering it (None for a nested class that asks
    nothing of it), ``own_model`` whether ``instance`` is of its model (keys of foreign keys
    are then read off the row)."""
    ret = {}
    zone = None
    for (name, attr, field, simple_callable, fk_attname, plain_datetime, native, kind,
         child) in plan:
        if fk_attname is not None and own_model:
            # A primary-key relation renders the key the row holds (``village_id``).
            ret[name] = getattr(instance, fk_attname)
            continue
        try:
            if attr is None:
                attribute = field.get_attribute(instance)
            else:
                attribute = getattr(instance, attr, _MISSING)
                if attribute is _MISSING:
                    attribute = field.get_attribute(instance)
                elif callable(attribute):
                    attribute = _call(attribute, instance, field, simple_callable)
        except SkipField:
            continue
        if native is not None and type(attribute) is native:
            # DRF's CharField gives str(value), IntegerField int(value), BooleanField the
            # bool itself: for a value of exactly that type, the value.
            ret[name] = attribute
            continue
        if plain_datetime and isinstance(attribute, datetime) and attribute.tzinfo:
            # DRF asks for the current time zone once per value (a context-local lookup):
            # a tenth of a page of orders. Same output, asked once per row.
            if zone is None:
                zone = timezone.get_current_timezone()
            text = attribute.astimezone(zone).isoformat()
            ret[name] = text[:-6] + "Z" if text.endswith("+00:00") else text
            continue
        if kind == _METHOD:
            # Asked of the serializer at hand, whose context the method may read.
            ret[name] = getattr(owner, field.method_name)(attribute)
            continue
        check_for_none = attribute.pk if isinstance(attribute, PKOnlyObject) else attribute
        if check_for_none is None:
            ret[name] = None
        elif kind == _NESTED:
            ret[name] = _render(child.plan, attribute,
                                _bound(owner, name, field) if child.asks_owner else None,
                                child.model is None or isinstance(attribute, child.model))
        elif kind == _MANY:
            rows = attribute.all() if isinstance(attribute, BaseManager) else attribute
            child_owner = _bound(owner, name, field).child if child.asks_owner else None
            ret[name] = [_render(child.plan, row, child_owner, child.model is None
                                 or isinstance(row, child.model)) for row in rows]
        else:
            ret[name] = field.to_representation(attribute)
    return ret


def _bound(owner, name, prototype_field):
    """``owner.fields[name]``: the nested serializer bound to ``owner``, as DRF makes it, but
    without building ``owner``'s other fields when they were not built."""
    fields = owner.__dict__.get("fields")
    if fields is not None:
        return fields[name]
    bound = owner.__dict__.setdefault("_bound_nested", {})
    field = bound.get(name)
    if field is None:
        field = bound[name] = _fresh(prototype_field)
        field.bind(field_name=name, parent=owner)
    return field


def _plain_datetime(field) -> bool:
    """Does ``field`` render an aware datetime as DRF's DateTimeField does by default (ISO 8601
    in the current time zone)?"""
    return (type(field) is serializers.DateTimeField and settings.USE_TZ
            and not hasattr(field, "timezone")
            and str(getattr(field, "format", api_settings.DATETIME_FORMAT)).lower() == ISO_8601)


def _foreign_key_attname(model, field) -> str | None:
    """The column (``village_id``) that a plain ``PrimaryKeyRelatedField`` over a foreign key
    of ``model`` renders: DRF reads the same value through ``serializable_value`` and wraps it
    in a ``PKOnlyObject`` for every row."""
    if (model is None or type(field) is not serializers.PrimaryKeyRelatedField
            or field.pk_field is not None or len(field.source_attrs) != 1):
        return None
    try:
        model_field = model._meta.get_field(field.source_attrs[0])
    except FieldDoesNotExist:
        return None
    if not model_field.concrete or not (model_field.many_to_one or model_field.one_to_one):
        return None
    return model_field.attname


_MISSING = object()

# Fields whose rendering reads nothing but the value and the field's own arguments, by their
# ``to_representation`` (so that a subclass changing only its arguments, a ChoiceField of
# fixed choices, counts as well), and the ``get_attribute`` they may have.
_CONTEXT_FREE = {
    cls.to_representation for cls in (
        serializers.CharField, serializers.IntegerField, serializers.FloatField,
        serializers.BooleanField, serializers.DecimalField, serializers.DateTimeField,
        serializers.DateField, serializers.TimeField, serializers.DurationField,
        serializers.ChoiceField, serializers.MultipleChoiceField, serializers.UUIDField,
        serializers.JSONField, serializers.ReadOnlyField, serializers.PrimaryKeyRelatedField)
}
_PLAIN_GET_ATTRIBUTE = {serializers.Field.get_attribute, serializers.RelatedField.get_attribute}


def _call(method, instance, field, simple_callable: dict):
    """What DRF makes of a callable source (``get_kind_display``): its result when it takes no
    argument, else the callable itself. Whether it takes one is asked once per class of
    instance (DRF inspects the signature for every value); an error takes DRF's own path."""
    simple = simple_callable.get(type(instance))
    if simple is None:
        simple = simple_callable[type(instance)] = is_simple_callable(method)
    if not simple:
        return method
    try:
        return method()
    except Exception:  # noqa: BLE001 — DRF's path raises or defaults as it always does
        return field.get_attribute(instance)


class Serializer(FastRepresentationMixin, serializers.Serializer):
    """DRF's Serializer with the faster rendering of :class:`FastRepresentationMixin`."""


class ModelSerializer(FastRepresentationMixin, serializers.ModelSerializer):
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
    queryset (nested serializers, relations, lists) is made again from the arguments it was
    made with, as DRF's deep copy does; those arguments are deep-copied only when one of them
    is itself a field (a list's child), since DRF's deep copy of a translated label or a
    queryset was a tenth of a page of finished orders."""
    if isinstance(field, serializers.BaseSerializer | serializers.RelatedField) or hasattr(
        field, "child") or hasattr(field, "child_relation"):
        arguments = (*field._args, *field._kwargs.values())
        if any(isinstance(value, serializers.Field) for value in arguments):
            return copy.deepcopy(field)
        return field.__class__(*field._args, **field._kwargs)
    return copy.copy(field)


@extend_schema_field(OpenApiTypes.STR)
class ChoiceLabelField(serializers.Field):
    """The label of a model field's choice in the request's language: ``kind_display =
    ChoiceLabelField(source="kind")`` gives what ``get_kind_display()`` gives.

    Django's ``get_FOO_display`` rebuilds a hashable copy of all the field's choices for every
    call, translating every label on the way: 15 % of a page of 20 ledger entries. Here the
    value → label table is built once per model field, and only the label shown is translated.
    """

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, value):
        model = self.parent.Meta.model
        label = _choice_labels(model._meta.get_field(self.source)).get(value, value)
        return str(label)


_CONTEXT_FREE.add(ChoiceLabelField.to_representation)


@cache
def _choice_labels(model_field) -> dict:
    return dict(model_field.flatchoices)


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

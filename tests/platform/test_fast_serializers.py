"""The project's serializers render exactly what DRF's own code would (practice/api/serializers.py
takes shortcuts in building fields and reading attributes), for every serializer of the project
and every object of its model in a small network with orders, ledgers and bookings."""

import pytest
from django.urls import get_resolver
from rest_framework import serializers

from practice.api.serializers import FastRepresentationMixin, ModelSerializer

pytestmark = pytest.mark.django_db


def project_serializers():
    get_resolver().url_patterns  # import every API module  # noqa: B018
    found, todo = [], [ModelSerializer]
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        if cls is not ModelSerializer and getattr(getattr(cls, "Meta", None), "model", None):
            found.append(cls)
    return found


def drf_representation(serializer, instance):
    return serializers.Serializer.to_representation(serializer, instance)


def test_every_serializer_renders_as_drf_does(net, api):
    from volunteers.models import ServiceItem

    # Some rows of the apps' models: an order with its events, a points deposit.
    item = ServiceItem.objects.create(name="修理电器", category="life", unit=net.v11)
    created = api(net.villager).post("/api/orders/", {"service_item": item.pk,
                                                      "description": "电视坏了"}, format="json")
    assert created.status_code == 201
    compared = 0
    for cls in project_serializers():
        model = cls.Meta.model
        for instance in model._default_manager.all()[:5]:
            fast = cls(instance, context={"request": None})
            drf = cls(instance, context={"request": None})
            try:
                expected = drf_representation(drf, instance)
            except Exception as exc:  # noqa: BLE001 — a serializer meant for other objects
                with pytest.raises(type(exc)):
                    FastRepresentationMixin.to_representation(fast, instance)
                continue
            assert FastRepresentationMixin.to_representation(fast, instance) == expected, cls
            compared += 1
    assert compared >= 10


def test_fields_are_built_once_per_class_and_copied_per_instance(net):
    from practice.api.serializers import HouseholdSerializer

    first, second = HouseholdSerializer(net.h11), HouseholdSerializer(net.h12)
    assert first.fields["number"] is not second.fields["number"]
    assert first.fields["village"] is not second.fields["village"]
    assert first.fields["number"].parent is first and second.fields["number"].parent is second
    prototype = HouseholdSerializer.__dict__["_prototype_fields"]
    assert first.fields["number"] is not prototype["number"]
    assert first.data["number"] == "T1V1-0001" and second.data["number"] == "T1V2-0001"


class UnitShapes(ModelSerializer):
    """Every kind of source the fast path must hand back to DRF."""

    level_name = serializers.CharField(source="get_level_display")  # a method
    parent_name = serializers.CharField(source="parent.name", default=None)  # dotted, may miss
    whole = serializers.SerializerMethodField()  # source "*"
    parent = serializers.PrimaryKeyRelatedField(read_only=True)  # its own get_attribute

    class Meta:
        from practice.models import Unit

        model = Unit
        fields = ["id", "code", "level_name", "parent_name", "whole", "parent", "path"]

    def get_whole(self, obj):
        return obj.code.lower()


def test_the_shapes_drf_handles_itself_render_the_same(net):
    from practice.models import Unit

    for unit in Unit.objects.order_by("path"):
        fast, drf = UnitShapes(unit), UnitShapes(unit)
        expected = drf_representation(drf, unit)
        assert FastRepresentationMixin.to_representation(fast, unit) == expected
    assert UnitShapes(net.v11).data["level_name"] == "嘎查村"
    assert UnitShapes(net.banner).data["parent_name"] is None


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_choice_labels_read_as_get_foo_display_does(language):
    from django.utils import translation

    from practice.api.serializers import ChoiceLabelField

    checked = 0
    for cls in project_serializers():
        for name, field in cls().fields.items():
            if not isinstance(field, ChoiceLabelField):
                continue
            model = cls.Meta.model
            model_field = model._meta.get_field(field.source)
            for value, _label in model_field.flatchoices:
                instance = model(**{model_field.attname: value})
                with translation.override(language):
                    expected = getattr(instance, f"get_{field.source}_display")()
                    assert field.to_representation(value) == expected, (cls, name, value)
                    assert isinstance(field.to_representation(value), str)
                checked += 1
    # The ledger's kinds, the bookings' occasions, kinds and statuses, the violations' rules,
    # the honours' kinds and the evaluations' statuses.
    assert checked >= 20

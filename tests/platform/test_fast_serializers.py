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


# --- classes rendered from a plan made once per class ----------------------------------------


def test_a_page_of_orders_renders_without_building_fields(net, api):
    from volunteers.models import Order, ServiceItem
    from volunteers.serializers import OrderSerializer

    item = ServiceItem.objects.create(name="修理电器", category="life", unit=net.v11)
    for text in ("电视坏了", "水管漏了"):
        assert api(net.villager).post("/api/orders/", {"service_item": item.pk,
                                                       "description": text},
                                      format="json").status_code == 201
    orders = list(Order.objects.order_by("-id"))
    page = OrderSerializer(orders, many=True)
    rendered = page.data
    # Neither the order serializer nor its nested ones built their fields for this page.
    assert "fields" not in page.child.__dict__
    assert [row["description"] for row in rendered] == ["水管漏了", "电视坏了"]
    assert rendered[0]["village"] == {"id": net.v11.pk, "name": net.v11.name,
                                      "level": "village"}
    assert rendered[0]["service_item"] == {"id": item.pk, "name": "修理电器",
                                           "category": "life"}
    expected = [drf_representation(OrderSerializer(order), order) for order in orders]
    assert rendered == expected


class UnitWithContext(ModelSerializer):
    """A method field reads the context of the serializer at hand."""

    asked_by = serializers.SerializerMethodField()

    class Meta:
        from practice.models import Unit

        model = Unit
        fields = ["id", "asked_by"]

    def get_asked_by(self, obj):
        return f"{self.context['who']}:{obj.pk}"


def test_method_fields_of_a_compiled_class_read_the_serializers_own_context(net):
    first = UnitWithContext([net.v11, net.v12], many=True, context={"who": "甲"}).data
    second = UnitWithContext(net.v11, context={"who": "乙"}).data
    assert [row["asked_by"] for row in first] == [f"甲:{net.v11.pk}", f"甲:{net.v12.pk}"]
    assert second["asked_by"] == f"乙:{net.v11.pk}"


class Holder(ModelSerializer):
    """Nests a serializer with a method field, once and as a list."""

    village = UnitWithContext(read_only=True)
    neighbours = UnitWithContext(many=True, read_only=True, source="village.children")

    class Meta:
        from practice.models import Household

        model = Household
        fields = ["id", "village", "neighbours"]


class FewerFieldsForSome(ModelSerializer):
    """Drops a field by its context: its fields cannot be made once for the class."""

    class Meta:
        from practice.models import Unit

        model = Unit
        fields = ["id", "code", "name"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.context.get("brief"):
            self.fields.pop("code")


def test_nested_method_fields_are_asked_of_the_serializer_drf_would_ask(net):
    from practice.api.serializers import _compiled

    assert _compiled(Holder) is not None and _compiled(Holder).asks_owner
    page = Holder([net.h11, net.h12], many=True, context={"who": "丙"})
    rendered = page.data
    assert "fields" not in page.child.__dict__  # only the nested serializers were bound
    assert rendered[0]["village"]["asked_by"] == f"丙:{net.v11.pk}"
    assert rendered[1]["village"]["asked_by"] == f"丙:{net.v12.pk}"
    assert rendered[0]["neighbours"] == [{"id": base.pk, "asked_by": f"丙:{base.pk}"}
                                         for base in net.v11.children.all()]
    assert rendered[0]["neighbours"]
    drf = Holder(net.h11, context={"who": "丙"})
    assert rendered[0] == drf_representation(drf, net.h11)


def test_classes_that_change_their_fields_per_instance_keep_the_per_instance_plan(net):
    from practice.api.serializers import _compiled

    assert _compiled(FewerFieldsForSome) is None
    assert FewerFieldsForSome(net.v11, context={"brief": True}).data == {
        "id": net.v11.pk, "name": net.v11.name}
    assert FewerFieldsForSome(net.v11).data["code"] == net.v11.code

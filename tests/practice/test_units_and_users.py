import pytest
from django.core.exceptions import ValidationError

from practice.models import Unit, User

pytestmark = pytest.mark.django_db


def test_subtree_is_one_query(net, django_assert_num_queries):
    with django_assert_num_queries(1):
        names = {u.name for u in Unit.objects.subtree(net.t1)}
    assert names == {
        "查日苏镇",
        "沃德嘎查",
        "伊胡塔嘎查",
        "志愿土豆种植基地",
        "查日苏镇文明实践驿站",
    }


def test_paths_and_townships(net):
    assert net.b111.path == "B/T1/T1V1/T1V1B1/"
    assert net.b111.township_id == net.t1.pk
    assert Unit.objects.get(pk=net.t1.pk).township_id == net.t1.pk
    assert net.banner.township_id is None
    assert net.v11.full_name == "查日苏镇 沃德嘎查"


def test_moving_a_village_moves_its_subtree(net):
    net.v11.parent = net.t2
    net.v11.save()
    base = Unit.objects.get(pk=net.b111.pk)
    assert base.path == "B/T2/T1V1/T1V1B1/"
    assert base.township_id == net.t2.pk
    assert net.b111 in Unit.objects.subtree(net.t2)


def test_a_village_cannot_hang_under_the_banner(net):
    unit = Unit(code="X", name="错", level="village", parent=net.banner)
    with pytest.raises(ValidationError) as exc:
        unit.full_clean()
    assert "parent" in exc.value.message_dict


def test_a_unit_cannot_move_below_itself(net):
    net.t1.parent = net.v11
    with pytest.raises(ValidationError):
        net.t1.clean()


@pytest.mark.parametrize("phone", ["12345678901", "1380000000", "23800000000", "1380000000a"])
def test_phone_must_be_a_mainland_mobile(net, phone):
    net.villager.phone = phone
    with pytest.raises(ValidationError) as exc:
        net.villager.full_clean()
    assert "phone" in exc.value.message_dict


def test_phone_is_unique_when_given_and_blank_is_allowed_twice(net):
    net.villager_b.phone = ""
    net.villager_b.save()
    net.villager_other.phone = ""
    net.villager_other.save()
    assert User.objects.filter(phone__isnull=True).count() >= 2
    net.villager_b.phone = net.villager.phone
    with pytest.raises(ValidationError):
        net.villager_b.full_clean()


def test_admin_flag_follows_the_role(net):
    assert net.township_staff.is_staff
    assert not net.villager.is_staff
    assert not net.volunteer.is_staff


def test_str_is_readable(net):
    assert str(net.v11) == "沃德嘎查"
    assert str(net.h11) == "T1V1-0001 包金山"

"""A small network with one person of every role, built fresh for each test.

Layout (codes in brackets)::

    banner [B]
    ├── township t1 [T1]        ├── township t2 [T2]
    │   ├── village v11 [T1V1]   │   └── village v21 [T2V1]
    │   │   └── base b111        │
    │   └── village v12 [T1V2]   │

Households h11 (v11), h12 (v12), h21 (v21). People: ``villager`` (h11), ``villager_b`` (h12),
``villager_other`` (h21), ``volunteer`` (v11), ``station_staff`` (v11), ``station_staff_other``
(v21), ``township_staff`` (t1), ``township_staff_other`` (t2), ``township_leader`` (t1),
``leader`` (banner), ``reviewer`` (banner), ``banner_admin`` (banner).
"""

from types import SimpleNamespace

from practice.models import Household, Level, SiteKind, Unit, User
from practice.roles import Role

PASSWORD = "Correct-Horse-2026"  # noqa: S105


def make_user(username, role, unit=None, household=None, **extra):
    user = User(username=username, role=role, unit=unit, household=household,
                real_name=extra.pop("real_name", username), **extra)
    user.set_password(PASSWORD)
    user.save()
    return user


def make_network():
    n = SimpleNamespace()
    n.banner = Unit.objects.create(code="B", name="测试旗", level=Level.BANNER,
                                   site_kind=SiteKind.CENTRE)
    n.t1 = Unit.objects.create(code="T1", name="查日苏镇", level=Level.TOWNSHIP,
                               site_kind=SiteKind.INSTITUTE, parent=n.banner)
    n.t2 = Unit.objects.create(code="T2", name="努古斯台镇", level=Level.TOWNSHIP,
                               site_kind=SiteKind.INSTITUTE, parent=n.banner)
    n.v11 = Unit.objects.create(code="T1V1", name="沃德嘎查", level=Level.VILLAGE,
                                site_kind=SiteKind.STATION, parent=n.t1)
    n.v12 = Unit.objects.create(code="T1V2", name="伊胡塔嘎查", level=Level.VILLAGE,
                                site_kind=SiteKind.STATION, parent=n.t1)
    n.v21 = Unit.objects.create(code="T2V1", name="柴达木嘎查", level=Level.VILLAGE,
                                site_kind=SiteKind.STATION, parent=n.t2)
    n.b111 = Unit.objects.create(code="T1V1B1", name="志愿土豆种植基地", level=Level.BASE,
                                 parent=n.v11)
    n.post1 = Unit.objects.create(code="T1P1", name="查日苏镇文明实践驿站", level=Level.BASE,
                                  site_kind=SiteKind.POST, parent=n.t1)
    n.h11 = Household.objects.create(village=n.v11, number="T1V1-0001", head_name="包金山")
    n.h12 = Household.objects.create(village=n.v12, number="T1V2-0001", head_name="王玉梅")
    n.h21 = Household.objects.create(village=n.v21, number="T2V1-0001", head_name="乌云")
    n.villager = make_user("villager", Role.VILLAGER, n.v11, n.h11, phone="13800000001")
    n.villager_b = make_user("villager_b", Role.VILLAGER, n.v12, n.h12)
    n.villager_other = make_user("villager_other", Role.VILLAGER, n.v21, n.h21)
    n.volunteer = make_user("volunteer", Role.VOLUNTEER, n.v11, phone="13800000002")
    n.station_staff = make_user("station_staff", Role.STATION_STAFF, n.v11)
    n.station_staff_other = make_user("station_staff_other", Role.STATION_STAFF, n.v21)
    n.township_staff = make_user("township_staff", Role.TOWNSHIP_STAFF, n.t1)
    n.township_staff_other = make_user("township_staff_other", Role.TOWNSHIP_STAFF, n.t2)
    n.township_leader = make_user("township_leader", Role.LEADER, n.t1)
    n.leader = make_user("leader", Role.LEADER, n.banner)
    n.reviewer = make_user("reviewer", Role.REVIEWER, n.banner)
    n.banner_admin = make_user("banner_admin", Role.BANNER_ADMIN, n.banner)
    return n

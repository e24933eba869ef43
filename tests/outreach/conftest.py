import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from outreach import services
from outreach.models import Round, Stop
from practice.models import Level, SiteKind, Unit
from practice.roles import Role
from tests.factories import make_user
from volunteers.models import ServiceItem, Team


def next_month() -> datetime.date:
    today = timezone.localdate()
    return (today.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)


def png(name="photo.png"):
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "red").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), "image/png")


@pytest.fixture
def onet(net):
    """The network with a mobile post in each township, a team and a menu at the first, and
    station staff of the post itself."""
    net.m1 = Unit.objects.create(code="T1M1", name="查日苏镇流动驿站", level=Level.BASE,
                                 site_kind=SiteKind.MOBILE_POST, parent=net.t1)
    net.m2 = Unit.objects.create(code="T2M1", name="努古斯台镇流动驿站", level=Level.BASE,
                                 site_kind=SiteKind.MOBILE_POST, parent=net.t2)
    net.team = Team.objects.create(name="流动驿站服务队", unit=net.m1)
    net.haircut = ServiceItem.objects.create(name="理发", category="elderly", unit=net.m1)
    net.checkup = ServiceItem.objects.create(name="量血压", category="health", unit=net.m1)
    net.other_item = ServiceItem.objects.create(name="修家电", category="repair", unit=net.m2)
    net.post_staff = make_user("post_staff", Role.STATION_STAFF, net.m1)
    net.month = next_month()
    return net


def stop_data(net, **kw):
    data = {"date": net.month.replace(day=10), "starts_at": "09:00", "ends_at": "11:00",
            "place_kind": "hamlet", "village": net.v11.pk, "place": "村委会广场",
            "services": [net.haircut.pk]}
    data.update(kw)
    return data


def plan(net, stops=(), actor=None, month=None):
    month = month or net.month
    return services.round_plan(actor=actor or net.township_staff, post=net.m1,
                               year=month.year, month=month.month, stops=list(stops))


def past_stop(net, *, days_ago=1, village=None, group="", post=None):
    """A stop made some days ago (written directly: planning refuses past days)."""
    post = post or net.m1
    day = timezone.localdate() - datetime.timedelta(days=days_ago)
    round_, _ = Round.objects.get_or_create(post=post, month=day.replace(day=1))
    return Stop.objects.create(round=round_, post=post, date=day,
                               starts_at=datetime.time(9), ends_at=datetime.time(11),
                               village=village or net.v11, group=group, place="文化广场")

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from supervision import services


@pytest.fixture
def snet(net):
    """The network with heads (一把手): the banner's, the townships', a village's."""
    net.t1.head = net.township_leader
    net.t1.save()
    net.banner.head = net.banner_admin
    net.banner.save()
    net.v11.head = net.station_staff
    net.v11.save()
    net.today = timezone.localdate()
    return net


def png(name="photo.png", color="red"):
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), color).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), "image/png")


def make_task(net, *, unit=None, actor=None, days=10, title="整治村容村貌", **kw):
    return services.task_create(
        actor=actor or net.banner_admin, title=title, unit=unit or net.t1,
        deadline=timezone.localdate() + datetime.timedelta(days=days), **kw)

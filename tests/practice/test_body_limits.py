"""Request bodies are capped (``DATA_UPLOAD_MAX_MEMORY_SIZE``): a 30 MB body is refused with 413
and a Chinese message before the server reads it, on the API (JSON and form bodies) and on the
pages' forms; a body just under the cap is handled as usual, photos keep their own limit."""

import io
import json
import os

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image
from rest_framework.test import APIClient

from tests.activities.conftest import act, plan  # noqa: F401 (fixtures)
from tests.points_market.conftest import make_market
from tests.volunteers.conftest import vnet  # noqa: F401 (the fixture)

pytestmark = pytest.mark.django_db
HUGE = 30 * 1024 * 1024


class Endless:
    """A request body of ``size`` bytes made on demand; counts what the server read of it."""

    def __init__(self, size, chunk=b" "):
        self.size, self.chunk, self.read_bytes = size, chunk, 0

    def read(self, n=-1):
        left = self.size - self.read_bytes
        n = left if n is None or n < 0 else min(n, left)
        self.read_bytes += n
        return self.chunk * n

    def readline(self, n=-1):
        return self.read(n)


def post_endless(client, url, content_type, body, **extra):
    return client.generic("POST", url, b"", content_type=content_type,
                          **{"wsgi.input": body, "CONTENT_LENGTH": str(body.size),
                             "CONTENT_TYPE": content_type, **extra})


def deposit(market, household, padding=0):
    body = json.dumps({"household": household.pk,
                       "lines": [{"category": market.newspaper.pk, "weight_jin": "10"}]})
    return body[:-1] + " " * padding + "}"


@pytest.mark.parametrize("content_type", ["application/json", "application/x-www-form-urlencoded"])
def test_a_30_mb_api_body_is_refused_before_it_is_read(net, content_type):
    make_market(net)
    client = APIClient(raise_request_exception=False)
    client.force_authenticate(net.station_staff)
    body = Endless(HUGE)
    response = post_endless(client, "/api/points/deposits/", content_type, body)
    assert response.status_code == 413, response.content[:300]
    assert "请求内容过大" in response.json()["detail"]
    assert body.read_bytes <= settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1


def test_a_json_body_just_under_the_cap_is_handled(net):
    market = make_market(net)
    client = APIClient()
    client.force_authenticate(net.station_staff)
    small = deposit(market, net.h11)
    body = deposit(market, net.h11, settings.DATA_UPLOAD_MAX_MEMORY_SIZE - len(small) - 10)
    assert len(body) < settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    response = client.post("/api/points/deposits/", body, content_type="application/json")
    assert response.status_code == 201, response.content[:300]
    assert response.json()["points"] == 80


def test_a_30_mb_form_post_is_our_chinese_413_page(net):
    body = Endless(HUGE, chunk=b"a")
    response = post_endless(Client(raise_request_exception=False), "/accounts/login/",
                            "application/x-www-form-urlencoded", body)
    assert response.status_code == 413
    assert "请求内容过大" in response.content.decode()
    assert body.read_bytes <= settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1


def test_a_photo_larger_than_the_body_cap_still_uploads(vnet, act, settings, tmp_path):  # noqa: F811
    settings.MEDIA_ROOT = tmp_path
    buffer = io.BytesIO()
    Image.frombytes("RGB", (1000, 1000), os.urandom(3_000_000)).save(buffer, format="PNG")
    size = buffer.tell()
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE < size < settings.VOLUNTEERS_PHOTO_MAX_BYTES
    client = APIClient()
    client.force_authenticate(vnet.station_staff)
    response = client.post(f"/api/activities/{act.pk}/photos/", {
        "image": SimpleUploadedFile("p.png", buffer.getvalue(), content_type="image/png"),
        "caption": "清扫"}, format="multipart")
    assert response.status_code == 201, response.content[:300]

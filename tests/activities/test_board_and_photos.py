"""Upcoming activities on the public board (public fields only) and photo uploads."""

import io
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from volunteers.models import ActivityPhoto

pytestmark = pytest.mark.django_db


def test_upcoming_activities_show_on_the_village_and_township_boards(vnet, plan, api):
    soon = timezone.now() + timedelta(days=3)
    plan(title="法治讲座进嘎查", place="沃德嘎查党群服务中心", starts_at=soon,
         ends_at=soon + timedelta(hours=2), description="联系人电话13912345678")
    plan(title="乌兰牧骑演出", unit=vnet.v21, actor=vnet.station_staff_other, teams=[],
         starts_at=soon, ends_at=soon + timedelta(hours=2))
    body = api().get(f"/api/public/units/{vnet.v11.pk}/board/").json()
    section = next(s for s in body["sections"] if s["key"] == "upcoming_activities")
    assert [r["title"] for r in section["rows"]] == ["法治讲座进嘎查"]
    assert set(section["rows"][0]) == {"title", "date", "place", "category"}
    assert section["rows"][0]["category"] == "移风易俗"
    township = api().get(f"/api/public/units/{vnet.t1.pk}/board/").json()
    assert "法治讲座进嘎查" in str(township) and "乌兰牧骑演出" not in str(township)
    assert "13912345678" not in str(body)


def _png(size=(40, 30)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "red").save(buffer, format="PNG")
    return SimpleUploadedFile("photo.png", buffer.getvalue(), content_type="image/png")


def test_staff_upload_a_photo(vnet, act, api, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    r = api(vnet.station_staff).post(f"/api/activities/{act.pk}/photos/",
                                     {"image": _png(), "caption": "合影"}, format="multipart")
    assert r.status_code == 201, r.content
    photo = ActivityPhoto.objects.get()
    assert (tmp_path / photo.image.name).exists()
    detail = api(vnet.villager).get(f"/api/activities/{act.pk}/").json()
    assert detail["photos"][0]["caption"] == "合影"


def test_a_file_that_is_not_a_picture_is_refused(vnet, act, api, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    fake = SimpleUploadedFile("photo.jpg", b"#!/bin/sh\necho hi\n", content_type="image/jpeg")
    r = api(vnet.station_staff).post(f"/api/activities/{act.pk}/photos/", {"image": fake},
                                     format="multipart")
    assert r.status_code == 400 and "image" in r.json()
    assert "不是图片" in r.json()["image"][0]
    assert not ActivityPhoto.objects.exists()


def test_a_photo_too_large_is_refused(vnet, act, api, tmp_path, settings):
    # Through the settings fixture alone: mixed with override_settings, the fixture's undo put
    # the 1,000-byte limit back for every later test of the process.
    settings.MEDIA_ROOT = tmp_path
    settings.VOLUNTEERS_PHOTO_MAX_BYTES = 1000
    r = api(vnet.station_staff).post(f"/api/activities/{act.pk}/photos/",
                                     {"image": _png((400, 400))}, format="multipart")
    assert r.status_code == 400 and "过大" in r.json()["image"][0]
    assert not ActivityPhoto.objects.exists()


def test_only_staff_upload_photos(vnet, act, api):
    r = api(vnet.volunteer).post(f"/api/activities/{act.pk}/photos/", {"image": _png()},
                                 format="multipart")
    assert r.status_code == 403

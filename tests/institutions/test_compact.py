"""The village compact: versions numbered per village, the newest adopted in force, an adopted
version never changed (a new one replaces it), history kept, shown to the public."""

import pytest

from institutions import selectors, services
from institutions.models import CompactVersion
from practice.exceptions import Forbidden, InvalidInput

pytestmark = pytest.mark.django_db


def adopt(net, day, text="一、红白事简办。", village=None, actor=None):
    return services.compact_adopt(actor=actor or net.station_staff, village=village or net.v11,
                                  text=text, adopted_on=day, minutes="村民大会到会80人，通过。")


def test_each_new_version_replaces_the_one_in_force_and_the_old_ones_stay(net, ago):
    first = adopt(net, ago(400), "一、旧规。")
    second = adopt(net, ago(10), "一、新规。")
    assert (first.number, second.number) == (1, 2)
    assert selectors.current_compact(net.v11.pk) == second
    assert CompactVersion.objects.filter(village=net.v11).count() == 2
    first.refresh_from_db()
    assert first.text == "一、旧规。"


def test_versions_are_numbered_per_village(net, today):
    adopt(net, today)
    other = adopt(net, today, village=net.v21, actor=net.station_staff_other)
    assert other.number == 1


def test_a_new_version_cannot_predate_the_one_in_force(net, ago):
    adopt(net, ago(5))
    with pytest.raises(InvalidInput) as err:
        adopt(net, ago(30))
    assert "现行版本" in str(err.value.message) or "version in force" in str(err.value.message)


def test_a_future_adoption_and_an_empty_text_are_refused_in_chinese(net, today, web):
    import datetime

    with pytest.raises(InvalidInput):
        adopt(net, today + datetime.timedelta(days=3))
    response = web(net.station_staff).post(
        f"/institutions/compact/{net.v11.pk}/new/",
        {"text": "", "adopted_on": today.isoformat(), "minutes": "通过"})
    assert response.status_code == 400
    assert "必填" in response.content.decode() or "请" in response.content.decode()


def test_staff_of_another_township_may_not_write_a_village_compact(net, today):
    with pytest.raises(Forbidden):
        adopt(net, today, actor=net.township_staff_other)
    with pytest.raises(Forbidden):
        adopt(net, today, actor=net.villager)


def test_staff_record_a_version_with_the_minutes_photo_on_the_page(net, today, web, settings,
                                                                     tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    response = web(net.township_staff).post(
        f"/institutions/compact/{net.v11.pk}/new/",
        {"text": "一、禁赌。\n二、简办。", "adopted_on": today.isoformat(),
         "minutes": "到会78人，一致通过。",
         "minutes_file": SimpleUploadedFile("m.jpg", b"\xff\xd8jpegdata", "image/jpeg")})
    assert response.status_code == 302
    version = selectors.current_compact(net.v11.pk)
    assert version.minutes_file and version.created_by == net.township_staff


def test_the_public_reads_the_compact_with_its_history_and_the_banquet_rules_link(net, ago,
                                                                                   client):
    adopt(net, ago(400), "一、旧规矩。")
    adopt(net, ago(3), "一、新规矩。")
    page = client.get(f"/institutions/compact/{net.v11.pk}/").content.decode()
    assert "新规矩" in page and "旧规矩" in page
    assert f"/banquets/notice/?village={net.v11.pk}" in page


def test_the_admin_cannot_change_an_adopted_version(net, today, web):
    version = adopt(net, today)
    response = web(net.banner_admin).post(
        f"/admin/institutions/compactversion/{version.pk}/change/",
        {"village": net.v11.pk, "number": 1, "text": "改过的", "adopted_on": today.isoformat(),
         "minutes": "x"})
    version.refresh_from_db()
    assert version.text != "改过的"
    assert response.status_code in (302, 403, 200)

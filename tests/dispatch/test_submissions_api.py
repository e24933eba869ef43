"""The submissions API: who may do what, Chinese 400s, scoping, the township's villages."""

import pytest

from dispatch import services
from tests.dispatch.conftest import MONTH, filled, submission

pytestmark = pytest.mark.django_db


def test_only_the_head_or_the_banners_administrators_sign_off(month, api):
    net = month
    sub = services.submission_submit(filled(submission(net.t1), net.township_staff),
                                     actor=net.township_staff)
    for user in (net.township_staff, net.leader, net.t2_head):
        r = api(user).post(f"/api/submissions/{sub.pk}/sign-off/")
        assert r.status_code in (403, 404), (user, r.content)
    r = api(net.township_staff).post(f"/api/submissions/{sub.pk}/sign-off/")
    assert "一把手" in r.json()["detail"]
    assert api(net.banner_admin).post(f"/api/submissions/{sub.pk}/sign-off/").status_code == 200


def test_a_villages_submission_is_signed_off_by_its_head_or_its_townships(month, api):
    net = month
    v11 = services.submission_submit(filled(submission(net.v11), net.station_staff),
                                     actor=net.station_staff)
    v12 = services.submission_submit(filled(submission(net.v12), net.township_staff),
                                     actor=net.township_staff)
    assert api(net.v11_head).post(f"/api/submissions/{v11.pk}/sign-off/").status_code == 200
    assert api(net.t1_head).post(f"/api/submissions/{v12.pk}/sign-off/").status_code == 200


def test_the_head_returns_it_with_a_reason_and_staff_change_it_again(month, api):
    net = month
    sub = services.submission_submit(filled(submission(net.t1), net.township_staff),
                                     actor=net.township_staff)
    head = api(net.t1_head)
    r = head.post(f"/api/submissions/{sub.pk}/return/", {"reason": ""}, format="json")
    assert r.status_code == 400
    assert "reason" in r.json()
    r = head.post(f"/api/submissions/{sub.pk}/return/", {"reason": "数据需要核实"},
                  format="json")
    assert r.status_code == 200
    assert (r.json()["status"], r.json()["return_reason"]) == ("draft", "数据需要核实")
    assert sub.events.last().note == "数据需要核实"
    r = api(net.township_staff).patch(f"/api/submissions/{sub.pk}/", {"work_done": "已核实"},
                                      format="json")
    assert r.status_code == 200


def test_text_changes_only_in_draft(month, api):
    net = month
    sub = services.submission_submit(filled(submission(net.t1), net.township_staff),
                                     actor=net.township_staff)
    r = api(net.township_staff).patch(f"/api/submissions/{sub.pk}/", {"work_done": "改"},
                                      format="json")
    assert r.status_code == 409
    assert r.json()["code"] == "invalid_transition"
    assert "草稿" in r.json()["detail"]
    r = api(net.township_staff).post(f"/api/submissions/{sub.pk}/submit/")
    assert (r.status_code, r.json()["status"]) == (409, "submitted")


@pytest.mark.parametrize("body, field", [
    ({"work_done": "x" * 4001}, "work_done"),
    ({"work_done": ["a"]}, "work_done"),
    ({"status": "signed_off"}, "status"),
    ({"figures": []}, "figures"),
])
def test_bad_input_gets_a_chinese_400(month, api, body, field):
    sub = submission(month.t1)
    r = api(month.township_staff).patch(f"/api/submissions/{sub.pk}/", body, format="json")
    assert r.status_code == 400
    message = " ".join(r.json()[field])
    assert any("\u4e00" <= ch <= "\u9fff" for ch in message), message


def test_an_empty_draft_cannot_be_submitted(month, api):
    sub = submission(month.t1)
    r = api(month.township_staff).post(f"/api/submissions/{sub.pk}/submit/")
    assert r.status_code == 400
    assert "必填" in r.json()["work_done"][0]


def test_the_list_is_scoped_and_filtered(month, api):
    net = month
    ids = {s["unit"]["name"] for s in api(net.township_staff).get(
        "/api/submissions/").json()["results"]}
    assert ids == {"查日苏镇", "沃德嘎查", "伊胡塔嘎查"}
    ids = {s["unit"]["name"] for s in api(net.station_staff).get(
        "/api/submissions/").json()["results"]}
    assert ids == {"沃德嘎查"}
    r = api(net.leader).get("/api/submissions/", {"unit": net.t2.pk, "year": MONTH[0],
                                                  "month": MONTH[1]})
    assert [s["unit"]["id"] for s in r.json()["results"]] == [net.t2.pk]
    assert api(net.leader).get("/api/submissions/", {"year": 2024}).json()["count"] == 0
    r = api(net.leader).get("/api/submissions/", {"year": "abc"})
    assert r.status_code == 400
    other = submission(net.t2)
    assert api(net.township_staff).get(f"/api/submissions/{other.pk}/").status_code == 404
    assert api(net.villager).get("/api/submissions/").status_code == 403


def test_a_townships_submission_lists_its_villages(month, api):
    net = month
    services.submission_submit(filled(submission(net.v11), net.station_staff),
                               actor=net.station_staff)
    body = api(net.leader).get(f"/api/submissions/{submission(net.t1).pk}/").json()
    assert [(v["unit"], v["status"]) for v in body["villages"]] == [
        ("沃德嘎查", "submitted"), ("伊胡塔嘎查", "draft")]
    assert body["villages"][1]["standing"] == "missing"


def test_submitting_tells_the_head(month):
    from volunteers.models import Notification

    net = month
    services.submission_submit(filled(submission(net.t1), net.township_staff),
                               actor=net.township_staff)
    message = Notification.objects.get(user=net.t1_head).message
    assert "查日苏镇" in message and "签发" in message

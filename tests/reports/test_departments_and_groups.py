"""Banner departments (旗直单位) are assessed in their own group and never listed as townships;
manual scores carry a note, evidence, who and when; a head's record is seen by the banner's
administrators and leaders, and by the head."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from PIL import Image

from practice.exceptions import InvalidInput
from practice.models import Level, Unit
from practice.roles import Role
from reports import selectors, services
from reports.models import Assessment, AssessmentGroup, ManualItem, ManualScore, MonthlyReport
from tests.factories import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def depts(net, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    d = {}
    for code, name in (("D1", "旗委宣传部"), ("D2", "旗民政局")):
        unit = Unit.objects.create(code=code, name=name, level=Level.DEPARTMENT,
                                   parent=net.banner)
        head = make_user(f"head-{code.lower()}", Role.LEADER, unit, real_name=f"{name}部长")
        unit.head = head
        unit.save()
        d[code] = unit
    d["staff"] = make_user("dept-staff", Role.TOWNSHIP_STAFF, d["D1"])
    return d


def _assessments(net, depts, year=2025):
    towns = Assessment.objects.create(unit=net.banner, year=year)
    deps = Assessment.objects.create(unit=net.banner, year=year,
                                     group=AssessmentGroup.DEPARTMENTS)
    towns.item = ManualItem.objects.create(assessment=towns, name="督查检查", max_score=10)
    deps.item = ManualItem.objects.create(assessment=deps, name="履职", max_score=20)
    for unit, score in ((net.t1, 4), (net.t2, 9)):
        services.manual_score_set(towns.item, unit, score=score, note="台账",
                                  actor=net.banner_admin)
    for unit, score in ((depts["D1"], 18), (depts["D2"], 12)):
        services.manual_score_set(deps.item, unit, score=score, note="履职到位",
                                  actor=net.banner_admin)
    return towns, deps


def _png(name="site.png"):
    buf = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buf, format="PNG")
    return SimpleUploadedFile(name, buf.getvalue(), content_type="image/png")


# --- departments are not townships ---------------------------------------------------------
def test_the_public_board_lists_townships_but_no_department(net, depts, client):
    page = client.get("/board/").content.decode()
    assert net.t1.name in page and depts["D1"].name not in page


def test_monthly_reports_are_built_for_the_banner_and_townships_only(net, depts, web):
    services.monthly_reports_build(2025, 3)
    units = set(MonthlyReport.objects.values_list("unit__code", flat=True))
    assert units == {"B", "T1", "T2"}
    page = web(net.banner_admin).get("/reports/monthly/").content.decode()
    assert "查日苏镇" in page and depts["D1"].name not in page


def test_the_dashboard_lists_departments_apart_from_the_townships(net, depts, api, web):
    data = api(net.leader).get("/api/dashboard/summary/", {"year": 2025}).json()
    assert [c["code"] for c in data["children"]] == ["T1", "T2"]
    assert [c["code"] for c in data["departments"]] == ["D1", "D2"]
    page = web(net.leader).get("/reports/?year=2025").content.decode()
    assert 'id="departments-table"' in page


def test_each_group_is_scored_and_ranked_within_itself(net, depts, api):
    _assessments(net, depts)
    towns = api(net.leader).get("/api/assessments/", {"year": 2025}).json()
    assert towns["group"] == "townships"
    assert [(r["code"], r["rank"]) for r in towns["townships"]] == [("T2", 1), ("T1", 2)]
    deps = api(net.leader).get("/api/assessments/", {"year": 2025, "group": "departments"})
    assert deps.status_code == 200
    rows = deps.json()["departments"]
    assert [(r["code"], r["rank"], r["head"]) for r in rows] == [
        ("D1", 1, "旗委宣传部部长"), ("D2", 2, "旗民政局部长")]
    assert "townships" not in deps.json()
    summary = api(net.leader).get("/api/dashboard/summary/", {"year": 2025}).json()
    assert [r["code"] for r in summary["ranking"]["townships"]] == ["T2", "T1"]
    assert [r["code"] for r in summary["department_ranking"]["departments"]] == ["D1", "D2"]


def test_an_unknown_group_is_refused_in_chinese(net, api):
    response = api(net.leader).get("/api/assessments/", {"group": "villages"})
    assert response.status_code == 400
    assert "苏木镇" in str(response.json())


def test_a_department_cannot_be_scored_in_the_townships_assessment(net, depts):
    towns, deps = _assessments(net, depts)
    with pytest.raises(InvalidInput):
        services.manual_score_set(towns.item, depts["D1"], score=1, note="x",
                                  actor=net.banner_admin)
    with pytest.raises(InvalidInput):
        services.manual_score_set(deps.item, net.t1, score=1, note="x", actor=net.banner_admin)


def test_one_assessment_per_unit_year_and_group(net):
    Assessment.objects.create(unit=net.banner, year=2025)
    Assessment.objects.create(unit=net.banner, year=2025, group=AssessmentGroup.DEPARTMENTS)
    with pytest.raises(IntegrityError), transaction.atomic():
        Assessment.objects.create(unit=net.banner, year=2025, group=AssessmentGroup.DEPARTMENTS)


def test_default_items_skip_indicators_no_app_registers(net):
    a = Assessment.objects.create(unit=net.banner, year=2025, group=AssessmentGroup.DEPARTMENTS)
    services.assessment_defaults_apply(a)
    services.assessment_defaults_apply(a)  # twice: nothing doubles
    from practice.indicators import all_indicators

    known = {i.code for i in all_indicators()}
    assert set(a.items.values_list("code", flat=True)) == {
        code for code, _w, _h in services.DEFAULT_ITEMS[AssessmentGroup.DEPARTMENTS]
        if code in known}
    assert a.manual_items.count() == 2


# --- manual scores: a note, evidence, who and when ------------------------------------------
def test_a_manual_score_without_a_note_is_refused_in_chinese(net, depts, api):
    towns, _deps = _assessments(net, depts)
    response = api(net.banner_admin).post(
        "/api/manual-scores/", {"item": towns.item.pk, "unit": net.t1.pk, "score": "7",
                                "note": "  "}, format="json")
    assert response.status_code == 400
    assert response.json()["note"] == ["请在备注中说明评分理由。"]
    assert ManualScore.objects.get(item=towns.item, unit=net.t1).score == 4


def test_a_manual_score_keeps_its_evidence_and_who_scored_it_when(net, depts, api):
    _towns, deps = _assessments(net, depts)
    pdf = SimpleUploadedFile("督查报告.pdf", b"%PDF-1.4 demo", content_type="application/pdf")
    response = api(net.banner_admin).post(
        "/api/manual-scores/",
        {"item": deps.item.pk, "unit": depts["D2"].pk, "score": "15", "note": "现场查看",
         "evidence": [pdf, _png()]}, format="multipart")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["score"] == 15 and body["note"] == "现场查看"
    assert body["scored_by"] == "banner_admin" and body["scored_at"]
    assert sorted(e["name"] for e in body["evidence"]) == ["site.png", "督查报告.pdf"]
    score = ManualScore.objects.get(item=deps.item, unit=depts["D2"])
    assert score.scored_by == net.banner_admin and score.evidence.count() == 2
    listed = api(net.leader).get("/api/manual-scores/", {"assessment": deps.pk}).json()
    assert {r["unit"]["id"] for r in listed["results"]} == {depts["D1"].pk, depts["D2"].pk}


def test_evidence_that_is_not_a_document_or_photo_is_refused(net, depts, api):
    towns, _deps = _assessments(net, depts)
    fake = SimpleUploadedFile("photo.png", b"not a picture", content_type="image/png")
    exe = SimpleUploadedFile("tool.exe", b"MZ", content_type="application/octet-stream")
    for upload in (fake, exe):
        response = api(net.banner_admin).post(
            "/api/manual-scores/", {"item": towns.item.pk, "unit": net.t1.pk, "score": "5",
                                    "note": "理由", "evidence": [upload]}, format="multipart")
        assert response.status_code == 400 and "evidence" in response.json()


def test_the_admin_requires_a_note_and_keeps_evidence_and_the_scorer(net, depts, web):
    _towns, deps = _assessments(net, depts)
    item = ManualItem.objects.create(assessment=deps, name="出席会议", max_score=5)
    client = web(net.banner_admin)
    url = "/admin/reports/manualscore/add/"
    form = {"item": item.pk, "unit": depts["D1"].pk, "score": "4",
            "evidence-TOTAL_FORMS": 0, "evidence-INITIAL_FORMS": 0}
    response = client.post(url, {**form, "note": ""})
    assert response.status_code == 200
    assert not ManualScore.objects.filter(item=item).exists()
    response = client.post(url, {**form, "note": "全勤", "evidence": [_png()]})
    assert response.status_code == 302
    score = ManualScore.objects.get(item=item, unit=depts["D1"])
    assert score.score == 4 and score.note == "全勤" and score.scored_by == net.banner_admin
    assert score.scored_at is not None and score.evidence.count() == 1
    assert client.get(f"/admin/reports/manualscore/{score.pk}/change/").status_code == 200


# --- the head's record ------------------------------------------------------------------------
def test_a_head_record_shows_each_year_with_the_head_at_the_time(net, depts, api):
    last, _ = _assessments(net, depts, year=2024)
    _last_deps = Assessment.objects.get(year=2024, group=AssessmentGroup.DEPARTMENTS)
    services.assessment_finalise(_last_deps, actor=net.banner_admin)
    _assessments(net, depts, year=2025)
    new_head = make_user("new-head", Role.LEADER, depts["D1"], real_name="新部长")
    Unit.objects.filter(pk=depts["D1"].pk).update(head=new_head)
    record = api(net.banner_admin).get(f"/api/head-records/{depts['D1'].pk}/").json()
    assert record["group"] == "departments"
    years = {y["year"]: y for y in record["years"]}
    assert years[2024]["head"] == "旗委宣传部部长" and years[2024]["finalised"]
    assert years[2025]["head"] == "新部长" and not years[2025]["finalised"]
    assert years[2025]["rank"] == 1 and years[2025]["of"] == 2 and years[2025]["score"] == 18
    # The department has no supervised task: none overdue, none closed.
    assert years[2025]["figures"]["supervision.tasks_overdue"] == 0


def test_the_head_record_page_prints(net, depts, web):
    _assessments(net, depts)
    page = web(net.leader).get(f"/reports/head-records/{depts['D2'].pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "旗民政局部长" in html and "head_record.css" in html and "data-print" in html
    index = web(net.leader).get("/reports/head-records/").content.decode()
    assert depts["D1"].name in index and net.t1.name in index


@pytest.mark.parametrize(("who", "unit", "status"), [
    ("banner_admin", "D1", 200), ("leader", "D2", 200), ("leader", "T1", 200),
    ("head_d1", "D1", 200), ("head_d1", "D2", 404), ("head_d1", "T1", 404),
    ("staff_d1", "D1", 403), ("township_staff", "T1", 403), ("township_staff", "T2", 404),
    ("reviewer", "D1", 403), ("township_leader", "T1", 403),
])
def test_who_sees_a_head_record(net, depts, api, who, unit, status):
    _assessments(net, depts)
    users = {"head_d1": depts["D1"].head, "staff_d1": depts["staff"]}
    user = users.get(who) or getattr(net, who)
    target = depts.get(unit) or getattr(net, unit.lower())
    assert api(user).get(f"/api/head-records/{target.pk}/").status_code == status


def test_a_township_head_sees_their_own_record(net, depts, api, web):
    Unit.objects.filter(pk=net.t1.pk).update(head=net.township_leader)
    _assessments(net, depts)
    assert api(net.township_leader).get(f"/api/head-records/{net.t1.pk}/").status_code == 200
    index = web(net.township_leader).get("/reports/head-records/")
    assert index.status_code == 200 and net.t1.name in index.content.decode()
    assert net.t2.name not in index.content.decode()


def test_a_village_has_no_head_record(net, api):
    assert api(net.banner_admin).get(f"/api/head-records/{net.v11.pk}/").status_code == 404


def test_results_of_before_the_groups_read_as_townships(net):
    a = Assessment.objects.create(unit=net.banner, year=2023, finalised=True, snapshot={
        "id": 1, "year": 2023, "title": "旧", "finalised": True, "items": [],
        "manual_items": [], "townships": [{"unit_id": net.t1.pk, "code": "T1", "name": "查日苏镇",
                                           "head": "老镇长", "score": 50.0, "rank": 1}]})
    assert selectors.result_rows(selectors.assessment_results(a))[0]["head"] == "老镇长"
    record = selectors.head_record(net.t1)
    assert record["years"][0]["head"] == "老镇长" and record["years"][0]["score"] == 50.0


def test_a_department_sees_its_own_row_of_the_departments_ranking(net, depts, api, web):
    _assessments(net, depts)
    data = api(depts["staff"]).get("/api/dashboard/summary/", {"year": 2025}).json()
    assert data["unit"]["code"] == "D1" and data["children"] == []
    assert data["ranking"]["townships"] == []
    assert [r["code"] for r in data["department_ranking"]["departments"]] == ["D1"]
    assert web(depts["staff"]).get("/reports/?year=2025").status_code == 200


def test_a_new_assessment_in_the_admin_gets_its_groups_default_items(net, web):
    client = web(net.banner_admin)
    response = client.post("/admin/reports/assessment/add/", {
        "unit": net.banner.pk, "year": 2025, "group": "departments", "title": "",
        "items-TOTAL_FORMS": 0, "items-INITIAL_FORMS": 0,
        "manual_items-TOTAL_FORMS": 0, "manual_items-INITIAL_FORMS": 0})
    assert response.status_code == 302, response.content.decode()[:2000]
    a = Assessment.objects.get(year=2025, group="departments")
    assert sorted(a.manual_items.values_list("name", flat=True)) == sorted(
        name for name, _max in services.DEFAULT_MANUAL[AssessmentGroup.DEPARTMENTS])
    assert client.get("/admin/reports/assessment/?group__exact=departments").status_code == 200


def test_the_monthly_reports_admin_filters_by_the_report_levels_only(net, depts, web):
    services.monthly_reports_build(2025, 3)
    client = web(net.banner_admin)
    page = client.get("/admin/reports/monthlyreport/").content.decode()
    assert "?level=township" in page and "?level=department" not in page
    page = client.get("/admin/reports/monthlyreport/?level=township").content.decode()
    assert "查日苏镇" in page and "测试旗 2025" not in page

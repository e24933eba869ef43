"""Household roster import: preview, errors by Excel row, conflicts, confirm, idempotency."""

import pytest
from django.urls import reverse

from practice import rosters
from practice.models import Household, HouseholdImport, User
from practice.roles import Role
from tests.factories import make_user

from .conftest import xlsx

pytestmark = pytest.mark.django_db


def _preview(net, rows, actor=None, village=None):
    return rosters.household_import_create(actor=actor or net.station_staff, upload=xlsx(rows),
                                           village=village)


def _confirm(imp, actor, capture):
    with capture(execute=True):
        rosters.household_import_confirm(imp, actor=actor)
    imp.refresh_from_db()
    return imp


def test_the_preview_sorts_rows_into_new_changed_unchanged_and_not_in_file(net):
    Household.objects.create(village=net.v11, number="T1V1-0002", head_name="王芳",
                             phone="13700000002", group="一组", population=3)
    Household.objects.create(village=net.v11, number="T1V1-0003", head_name="李强")
    imp = _preview(net, [
        ["T1V1-0002", "王芳", "13700000002", "一组", 3, ""],  # unchanged
        ["T1V1-0003", "李强", "", "二组", 2, "低保、残疾"],  # changed
        ["T1V1-0010", "其其格", "13700000010", "三组", 4, "五保"],  # new
    ])
    counts = imp.preview["counts"]
    assert (counts["new"], counts["changed"], counts["unchanged"]) == (1, 1, 1)
    assert counts["errors"] == counts["conflicts"] == 0
    # h11 (T1V1-0001) is not in the file: listed, left alone.
    assert counts["not_in_file"] == 1
    assert imp.preview["not_in_file"][0]["number"] == "T1V1-0001"
    changed = imp.preview["changed"][0]
    assert changed["row"] == 3 and ["特殊家庭", "—", "低保、残疾"] in changed["changes"]
    assert imp.preview["new"][0] == {"row": 4, "number": "T1V1-0010", "head_name": "其其格",
                                     "phone": "13700000010", "village": "沃德嘎查"}
    assert not Household.objects.filter(number="T1V1-0010").exists()


def test_errors_name_their_excel_row_in_chinese_and_block_the_import(net, upload):
    response = upload(net.station_staff, [
        ["T1V1-0020", "", "13700000020", "", 2, ""],
        ["T1V1-0021", "巴特尔", "12345", "", "两", "贫困"],
        [None, None, None, None, None, None],
        ["T1V1-0021", "巴特尔", "", "", 2, ""],
    ])
    imp = HouseholdImport.objects.get()
    errors = {(e["row"], e["message"]) for e in imp.preview["errors"]}
    rows = sorted({row for row, _m in errors})
    assert rows == [2, 3, 5]
    text = response.content.decode()
    assert "户主姓名" in text and "不是有效的11位手机号" in text
    assert "1到99" in text and "未知的特殊家庭类别“贫困”" in text
    assert "与第3行重复" in text
    assert rosters.import_blocked(imp)
    assert 'id="confirm-import"' not in text
    assert not Household.objects.filter(number__startswith="T1V1-002").exists()


def test_a_phone_on_two_rows_or_of_another_account_is_a_conflict_never_guessed(net):
    make_user("13700000099", Role.VOLUNTEER, net.v11, phone="13700000099")
    imp = _preview(net, [
        ["T1V1-0030", "甲", "13700000030", "", 1, ""],
        ["T1V1-0031", "乙", "13700000030", "", 1, ""],
        ["T1V1-0032", "丙", "13700000099", "", 1, ""],
        ["T1V1-0033", "丁", net.villager.phone, "", 1, ""],  # villager's account is of h11
    ])
    conflicts = imp.preview["conflicts"]
    assert [c["row"] for c in conflicts] == [2, 3, 4, 5]
    assert "第2、3行" not in conflicts[0]["message"]  # rows are listed as numbers
    assert "2、3" in conflicts[0]["message"]
    assert "户号 T1V1-0001" in conflicts[3]["message"]
    assert rosters.import_blocked(imp)


def test_confirm_applies_and_makes_villager_accounts(net, django_capture_on_commit_callbacks):
    imp = _preview(net, [
        ["T1V1-0040", "其其格", "13700000040", "一组", 4, "低保,独居老人"],
        ["T1V1-0041", "图雅", "", "二组", 1, ""],
    ])
    imp = _confirm(imp, net.station_staff, django_capture_on_commit_callbacks)
    assert imp.state == HouseholdImport.State.DONE and imp.progress == 100
    h = Household.objects.get(number="T1V1-0040")
    assert (h.village, h.group, h.population) == (net.v11, "一组", 4)
    assert h.low_income and h.elderly_alone and not h.disability
    account = User.objects.get(phone="13700000040")
    assert account.username == "13700000040" and account.role == Role.VILLAGER
    assert account.household == h and account.unit == net.v11
    assert not account.has_usable_password() and not account.is_staff
    assert not User.objects.filter(household__number="T1V1-0041").exists()


def test_the_same_file_twice_changes_nothing(net, django_capture_on_commit_callbacks):
    rows = [["T1V1-0050", "其其格", "13700000050", "一组", 4, "五保"],
            ["T1V1-0001", "包金山", net.villager.phone, "", None, ""]]
    _confirm(_preview(net, rows), net.station_staff, django_capture_on_commit_callbacks)
    households = list(Household.objects.order_by("pk").values())
    users = list(User.objects.order_by("pk").values())
    second = _preview(net, rows)
    counts = second.preview["counts"]
    assert (counts["new"], counts["changed"], counts["accounts_new"]) == (0, 0, 0)
    assert counts["unchanged"] == 2
    second = _confirm(second, net.station_staff, django_capture_on_commit_callbacks)
    assert second.result["new"] == second.result["changed"] == 0
    assert list(Household.objects.order_by("pk").values()) == households
    assert list(User.objects.order_by("pk").values()) == users


def test_a_changed_phone_moves_the_old_account_out(net, django_capture_on_commit_callbacks):
    old = net.villager  # h11's account, phone 13800000001
    Household.objects.filter(pk=net.h11.pk).update(phone=old.phone)
    imp = _preview(net, [["T1V1-0001", "包金山", "13700000060", "", None, ""]])
    assert imp.preview["counts"]["accounts_leaving"] == 1
    _confirm(imp, net.station_staff, django_capture_on_commit_callbacks)
    old.refresh_from_db()
    assert old.household is None and not old.is_active
    assert User.objects.get(phone="13700000060").household == net.h11


def test_an_account_with_a_volunteer_profile_leaves_but_keeps_signing_in(
        net, django_capture_on_commit_callbacks):
    from volunteers.models import Volunteer

    Household.objects.filter(pk=net.h11.pk).update(phone=net.villager.phone)
    Volunteer.objects.create(name="包金山", unit=net.v11, user=net.villager,
                             registered_on="2024-01-01")
    _confirm(_preview(net, [["T1V1-0001", "包金山", "13700000061", "", None, ""]]),
             net.station_staff, django_capture_on_commit_callbacks)
    net.villager.refresh_from_db()
    assert net.villager.household is None and net.villager.is_active
    assert net.villager.role == Role.VOLUNTEER


def test_a_whole_area_import_takes_the_village_from_the_number(net):
    imp = _preview(net, [["T1V2-0007", "王玉梅", "", "", 2, ""],
                         ["T9V9-0001", "外人", "", "", 2, ""]], actor=net.township_staff)
    assert imp.preview["counts"]["new"] == 1
    assert imp.preview["new"][0]["village"] == "伊胡塔嘎查"
    assert [e["row"] for e in imp.preview["errors"]] == [3]


def test_a_number_of_another_township_is_an_error_not_a_move(net):
    imp = _preview(net, [["T2V1-0001", "乌云", "", "", 2, ""]])
    assert imp.preview["errors"][0]["row"] == 2
    assert "辖区外" in imp.preview["errors"][0]["message"]
    assert Household.objects.get(number="T2V1-0001").village == net.v21


def test_station_staff_of_another_township_cannot_see_or_confirm_the_import(net, web):
    imp = _preview(net, [["T1V1-0070", "其其格", "", "", 1, ""]])
    other = web(net.station_staff_other)
    assert other.get(reverse("practice:household-import-detail", args=[imp.pk])).status_code \
        == 404
    assert other.post(reverse("practice:household-import-confirm", args=[imp.pk])).status_code \
        == 404
    assert web(net.township_staff_other).get(
        reverse("practice:household-import-detail", args=[imp.pk])).status_code == 404
    assert web(net.leader).get(reverse("practice:household-import")).status_code == 403
    imp.refresh_from_db()
    assert imp.state == HouseholdImport.State.PREVIEW


def test_township_staff_cannot_import_into_another_townships_village(net, upload):
    response = upload(net.township_staff, [["T2V1-0009", "乌云", "", "", 1, ""]],
                      village=net.v21, follow=False)
    assert response.status_code == 400
    assert not HouseholdImport.objects.exists()


def test_the_template_downloads_and_imports_without_errors(net, web):
    response = web(net.station_staff).get(reverse("practice:household-import-template"))
    assert response.status_code == 200
    from django.core.files.uploadedfile import SimpleUploadedFile

    imp = rosters.household_import_create(
        actor=net.township_staff, village=net.v11,
        upload=SimpleUploadedFile("t.xlsx", response.content))
    assert imp.preview["counts"]["errors"] == 0, imp.preview["errors"]
    assert imp.preview["counts"]["new"] == 2


@pytest.mark.parametrize("content, message", [
    (b"not a workbook at all", "不是 Excel"),
    (b"", "空文件"),
])
def test_broken_files_get_a_chinese_message_not_a_500(net, upload, content, message):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = upload(net.station_staff, [], file=SimpleUploadedFile("r.xlsx", content),
                      follow=False)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_missing_columns_and_an_empty_sheet_are_named(net, upload):
    response = upload(net.station_staff, [["T1V1-0001", "包金山"]], follow=False,
                      file=xlsx([["T1V1-0001", "包金山"]], headers=["户号", "户主姓名"]))
    assert response.status_code == 400
    assert "缺少这些列：手机号、组/自然村、人口、特殊家庭" in response.content.decode()
    response = upload(net.station_staff, [], file=xlsx([], headers=None), follow=False)
    assert response.status_code == 400 and "文件是空的" in response.content.decode()
    response = upload(net.station_staff, [], file=xlsx([]), follow=False)
    assert response.status_code == 400 and "表头下没有农户" in response.content.decode()


def test_too_many_rows_are_refused(net, monkeypatch):
    monkeypatch.setattr(rosters, "MAX_ROWS", 3)
    with pytest.raises(rosters.InvalidInput) as error:
        _preview(net, [[f"T1V1-{i:04d}", "某", "", "", 1, ""] for i in range(5)])
    assert "超过 3 行" in str(error.value.message)


def test_the_apply_task_run_twice_writes_once(net, django_capture_on_commit_callbacks):
    imp = _confirm(_preview(net, [["T1V1-0080", "其其格", "13700000080", "", 2, ""]]),
                   net.station_staff, django_capture_on_commit_callbacks)
    from practice.tasks import household_import_apply

    assert household_import_apply(imp.pk) == HouseholdImport.State.DONE
    assert Household.objects.filter(number="T1V1-0080").count() == 1
    assert User.objects.filter(phone="13700000080").count() == 1


def test_a_conflict_that_arises_after_the_preview_writes_nothing(
        net, django_capture_on_commit_callbacks):
    imp = _preview(net, [["T1V1-0090", "其其格", "13700000090", "", 2, ""],
                         ["T1V1-0091", "图雅", "13700000091", "", 2, ""]])
    make_user("13700000091", Role.STATION_STAFF, net.v11, phone="13700000091")
    imp = _confirm(imp, net.station_staff, django_capture_on_commit_callbacks)
    assert imp.state == HouseholdImport.State.FAILED and "重新上传" in imp.error
    assert imp.preview["counts"]["conflicts"] == 1
    assert not Household.objects.filter(number__in=["T1V1-0090", "T1V1-0091"]).exists()
    assert not User.objects.filter(phone="13700000090").exists()


def test_a_huge_file_is_refused_before_it_is_read(net, monkeypatch):
    monkeypatch.setattr(rosters, "MAX_BYTES", 1000)
    with pytest.raises(rosters.InvalidInput) as error:
        _preview(net, [[f"T1V1-{i:04d}", "某", "", "", 1, ""] for i in range(200)])
    assert "文件太大" in str(error.value.message)


def test_households_are_found_by_special_family_flag(net, api):
    Household.objects.filter(pk=net.h11.pk).update(elderly_alone=True)
    Household.objects.filter(pk=net.h12.pk).update(disability=True)
    response = api(net.township_staff).get("/api/households/",
                                           {"special": ["elderly_alone", "disability"]})
    assert {h["number"] for h in response.json()["results"]} == {"T1V1-0001", "T1V2-0001"}
    response = api(net.township_staff).get("/api/households/", {"special": "elderly_alone"})
    assert [h["elderly_alone"] for h in response.json()["results"]] == [True]


def test_the_area_roster_exported_and_imported_again_changes_nothing(
        net, web, django_capture_on_commit_callbacks):
    first = _preview(net, [["T1V1-0200", "其其格", "13700000200", "一组", 4, "低保、残疾"],
                            ["T1V1-0201", "图雅", "", "", None, ""]])
    assert not rosters.import_blocked(first), first.preview
    _confirm(first, net.station_staff, django_capture_on_commit_callbacks)
    Household.objects.filter(pk=net.h12.pk).update(group="哈拉嘎", five_guarantees=True)
    # Formula-like text goes out as text and comes back as the same text.
    Household.objects.filter(number="T1V1-0200").update(head_name="=其其格")
    households = list(Household.objects.order_by("pk").values())
    response = web(net.township_staff).get(reverse("practice:household-export"))
    assert response.status_code == 200
    users = list(User.objects.order_by("pk").values())  # after the sign-in of the download
    from django.core.files.uploadedfile import SimpleUploadedFile

    again = rosters.household_import_create(
        actor=net.township_staff, upload=SimpleUploadedFile("area.xlsx", response.content))
    counts = again.preview["counts"]
    assert counts == {"new": 0, "changed": 0, "unchanged": 4, "not_in_file": 0, "errors": 0,
                      "conflicts": 0, "accounts_new": 0, "accounts_leaving": 0}
    _confirm(again, net.township_staff, django_capture_on_commit_callbacks)
    assert list(Household.objects.order_by("pk").values()) == households
    assert list(User.objects.order_by("pk").values()) == users
    # Another township's households are not in the file.
    assert b"T2V1-0001" not in response.content


def test_a_workbook_that_unpacks_to_too_much_is_refused(net, monkeypatch):
    monkeypatch.setattr(rosters, "MAX_UNPACKED", 2000)
    with pytest.raises(rosters.InvalidInput) as error:
        _preview(net, [["T1V1-0001", "包金山", "", "", 1, ""]])
    assert "文件太大" in str(error.value.message)

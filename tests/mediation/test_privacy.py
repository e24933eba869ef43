"""Who sees a case — all of it, parties included: its village's station staff, its township's
staff and its own mediator. Nobody else: not another mediator of the village, not other
villagers or volunteers, not leaders or the banner's administrators (they read counts), not
reviewers (nothing at all)."""

import pytest

from mediation import services
from mediation.models import CaseEvent, CaseSession, MediationCase
from practice.models import Unit
from practice.roles import Role
from tests.factories import make_user
from tests.mediation.conftest import PARTIES

pytestmark = pytest.mark.django_db

SEE_CASE = ["station_staff", "township_staff", "villager"]
NOT_CASE = ["villager_b11", "villager_b", "villager_other", "volunteer",
            "station_staff_other", "township_staff_other", "township_leader", "leader",
            "reviewer", "banner_admin"]


@pytest.mark.parametrize("who", SEE_CASE)
def test_the_cases_viewers_read_it_whole_by_api_and_page(mnet, api, web, who):
    user = getattr(mnet, who)
    answer = api(user).get(f"/api/mediation/cases/{mnet.case.pk}/")
    assert answer.status_code == 200
    assert answer.json()["parties"] == PARTIES
    listed = api(user).get("/api/mediation/cases/").json()
    ids = {row["id"] for row in listed["results"]}
    assert mnet.case.pk in ids and mnet.case_other.pk not in ids
    page = "mine-case" if who == "villager" else "case"
    response = web(user).get(f"/mediation/{'mine' if who == 'villager' else 'cases'}/"
                             f"{mnet.case.pk}/")
    assert response.status_code == 200, page
    assert "张秘密" in response.content.decode()


@pytest.mark.parametrize("who", NOT_CASE)
def test_nobody_else_gets_the_case_in_any_form(mnet, api, web, who):
    user = getattr(mnet, who)
    services.case_add_session(mnet.case, actor=mnet.villager, note="上门调解")
    assert not MediationCase.objects.for_user(user).filter(pk=mnet.case.pk).exists()
    for model in (CaseSession, CaseEvent):
        assert not model.objects.for_user(user).filter(case=mnet.case).exists(), model
    answer = api(user).get(f"/api/mediation/cases/{mnet.case.pk}/")
    assert answer.status_code in (403, 404)
    listed = api(user).get("/api/mediation/cases/")
    if listed.status_code == 200:
        assert mnet.case.pk not in {row["id"] for row in listed.json()["results"]}
    for url in (f"/mediation/cases/{mnet.case.pk}/", f"/mediation/mine/{mnet.case.pk}/",
                "/mediation/cases/", "/mediation/mine/"):
        response = web(user).get(url)
        assert "张秘密" not in response.content.decode(), url


def test_a_villager_who_mediates_the_case_sees_it_and_another_villager_does_not(mnet, api):
    """The villager of h11 is the case's mediator; the other villager of the same village is a
    mediator too, of other cases, and sees none of this one."""
    assert api(mnet.villager).get(f"/api/mediation/cases/{mnet.case.pk}/").status_code == 200
    assert api(mnet.villager_b11).get(
        f"/api/mediation/cases/{mnet.case.pk}/").status_code == 404
    own = services.case_open(actor=mnet.station_staff, village=mnet.v11, kind="debts",
                             parties="王五", summary="借款", mediator=mnet.mediator_b)
    ids = {row["id"] for row in api(mnet.villager_b11).get(
        "/api/mediation/cases/").json()["results"]}
    assert ids == {own.pk}


def test_the_mediators_phone_list_shows_only_their_own_cases(mnet, web):
    response = web(mnet.villager).get("/mediation/mine/")
    assert response.status_code == 200
    assert f"/mediation/mine/{mnet.case.pk}/" in response.content.decode()
    assert f"/mediation/mine/{mnet.case_other.pk}/" not in response.content.decode()
    other = web(mnet.volunteer).get("/mediation/mine/")
    assert other.status_code == 200
    assert "/mediation/mine/" + str(mnet.case.pk) not in other.content.decode()


def test_station_staff_who_are_not_the_mediator_use_the_staff_pages_not_the_mediators(
        mnet, web):
    assert web(mnet.station_staff).get(f"/mediation/mine/{mnet.case.pk}/").status_code == 404
    assert web(mnet.station_staff).get(f"/mediation/cases/{mnet.case.pk}/").status_code == 200


def test_township_staff_see_the_cases_of_their_township_only(mnet):
    seen = set(MediationCase.objects.for_user(mnet.township_staff).values_list("pk", flat=True))
    assert seen == {mnet.case.pk}
    seen = set(MediationCase.objects.for_user(mnet.township_staff_other)
               .values_list("pk", flat=True))
    assert seen == {mnet.case_other.pk}


def test_staff_of_the_banner_with_a_township_role_see_no_village_below_another_township(mnet):
    """Township staff see the villages directly under their own unit, never a subtree
    reached some other way (a misfiled account at the banner sees nothing)."""
    misfiled = make_user("misfiled", Role.TOWNSHIP_STAFF, Unit.objects.get(code="B"))
    assert not MediationCase.objects.for_user(misfiled).exists()


def test_leaders_and_the_banner_admin_are_sent_to_the_counts(mnet, web, api):
    for user in (mnet.leader, mnet.banner_admin, mnet.township_leader):
        assert web(user).get("/mediation/cases/").status_code == 403
        assert api(user).get("/api/mediation/cases/").status_code == 403
        assert api(user).get("/api/mediation/counts/").status_code == 200


def test_the_admin_shows_cases_to_their_viewers_only(mnet, web):
    url = f"/admin/mediation/mediationcase/{mnet.case.pk}/change/"
    assert "张秘密" in web(mnet.station_staff).get(url).content.decode()
    for user in (mnet.station_staff_other, mnet.township_staff_other):
        response = web(user).get(url)
        assert "张秘密" not in response.content.decode()
    for user in (mnet.leader, mnet.banner_admin, mnet.reviewer):
        response = web(user).get("/admin/mediation/mediationcase/")
        assert response.status_code == 403
        assert "张秘密" not in web(user).get(url).content.decode()


def test_the_case_list_never_shows_parties(mnet, web):
    body = web(mnet.township_staff).get("/mediation/cases/").content.decode()
    assert f"/mediation/cases/{mnet.case.pk}/" in body
    assert "张秘密" not in body


def test_the_mediators_notification_names_the_village_not_the_parties(
        mnet, django_capture_on_commit_callbacks):
    from volunteers.models import Notification

    with django_capture_on_commit_callbacks(execute=True):
        services.case_open(actor=mnet.station_staff, village=mnet.v11, kind="family",
                           parties="孙机密 13700000000", summary="赡养纠纷",
                           mediator=mnet.mediator_b)
    messages = list(Notification.objects.filter(user=mnet.villager_b11)
                    .values_list("message", flat=True))
    assert any("沃德嘎查" in m for m in messages)
    assert not any("孙机密" in m or "赡养" in m for m in messages)

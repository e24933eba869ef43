"""The ten-star rating: stars per year, the proposal → approval → notice → final flow by role."""

from datetime import timedelta

import pytest
from django.utils import timezone

from honours import services
from honours.models import Honour, HonourKind, Star, StarEvaluationStatus
from practice.exceptions import Conflict, Forbidden, InvalidInput, NotFound
from tests.honours.conftest import ALL_STARS, YEAR

pytestmark = pytest.mark.django_db
S = StarEvaluationStatus


def test_a_year_gets_the_default_ten_stars():
    stars = services.star_list_ensure(YEAR)
    assert [s.name for s in stars] == [
        "爱国守法", "诚信友善", "勤劳致富", "孝老爱亲", "移风易俗",
        "环境卫生", "遵纪守法", "团结互助", "文明礼貌", "学习进取",
    ]
    assert len(services.star_list_ensure(YEAR)) == 10


def test_the_banner_admin_configures_a_year_and_other_roles_may_not(net):
    with pytest.raises(Forbidden):
        services.star_list_set(actor=net.township_staff, year=YEAR, stars=[("a", "甲")])
    stars = services.star_list_set(
        actor=net.banner_admin, year=YEAR, stars=[("a", "甲星"), ("b", "乙星")]
    )
    assert [s.code for s in stars] == ["a", "b"]
    assert Star.objects.filter(year=YEAR - 1).count() == 0  # other years untouched


def test_a_household_with_all_stars_is_a_ten_star_household(propose):
    assert propose().is_ten_star
    assert propose().star_count == 10


def test_nine_stars_are_not_ten(net, propose):
    evaluation = propose(codes=ALL_STARS[:9])
    assert evaluation.star_count == 9 and not evaluation.is_ten_star


def test_with_a_configured_list_all_its_stars_make_the_household_ten_star(net, propose):
    services.star_list_set(actor=net.banner_admin, year=YEAR, stars=[("a", "甲"), ("b", "乙")])
    assert propose(codes=["a", "b"]).is_ten_star


def test_the_year_list_is_frozen_once_households_are_rated(net, propose):
    propose()
    with pytest.raises(Conflict):
        services.star_list_set(actor=net.banner_admin, year=YEAR, stars=[("a", "甲")])


def test_unknown_stars_are_refused_naming_the_field(propose):
    with pytest.raises(InvalidInput) as err:
        propose(codes=["patriotic", "flying"])
    assert err.value.field == "stars"


@pytest.mark.parametrize("who", ["township_staff", "banner_admin", "villager", "leader"])
def test_only_station_staff_propose(net, propose, who):
    with pytest.raises(Forbidden):
        propose(actor=getattr(net, who))


def test_station_staff_propose_only_in_their_village(net, propose):
    with pytest.raises(NotFound):
        propose(household=net.h12)


@pytest.mark.parametrize("who", ["station_staff", "villager", "leader"])
def test_only_township_staff_approve(net, propose, who):
    evaluation = propose()
    with pytest.raises(Forbidden):
        services.star_evaluation_approve(evaluation, actor=getattr(net, who))


def test_another_townships_staff_cannot_approve(net, propose):
    with pytest.raises(NotFound):
        services.star_evaluation_approve(propose(), actor=net.township_staff_other)


def test_approval_starts_the_public_notice(net, in_notice):
    assert in_notice.status == S.IN_NOTICE
    assert in_notice.approved_by == net.township_staff
    assert in_notice.notice_ends_at > timezone.now() + timedelta(days=6)
    assert [e.action for e in in_notice.events.all()] == ["propose", "approve"]


def test_a_returned_proposal_can_be_revised_and_proposed_again(net, propose):
    evaluation = propose()
    services.star_evaluation_return(evaluation, actor=net.township_staff, reason="材料不全")
    evaluation.refresh_from_db()
    assert evaluation.status == S.RETURNED
    evaluation = propose(codes=ALL_STARS[:8])
    assert evaluation.status == S.PROPOSED and evaluation.star_count == 8


def test_a_rating_in_notice_cannot_be_revised(propose, in_notice):
    with pytest.raises(Conflict):
        propose(codes=ALL_STARS[:3])


def test_a_villager_of_the_village_files_an_objection_and_staff_answer_it(net, in_notice):
    objection = services.star_objection_file(
        in_notice, actor=net.villager, text="该户环境卫生不达标"
    )
    services.star_objection_answer(
        objection, actor=net.station_staff, answer="经核实属实", upheld=True
    )
    in_notice.refresh_from_db()
    assert in_notice.status == S.RETURNED


def test_a_villager_of_another_village_cannot_object(net, in_notice):
    with pytest.raises(NotFound):
        services.star_objection_file(in_notice, actor=net.villager_b, text="不同意")


def test_finalizing_waits_for_the_notice_period_and_open_objections(net, in_notice):
    objection = services.star_objection_file(in_notice, actor=net.villager, text="有异议")
    with pytest.raises(Conflict) as err:
        services.star_evaluation_finalize(in_notice, actor=net.township_staff)
    assert err.value.code == "notice_running"
    later = in_notice.notice_ends_at + timedelta(minutes=1)
    with pytest.raises(Conflict) as err:
        services.star_evaluation_finalize(in_notice, actor=net.township_staff, now=later)
    assert err.value.code == "objections_open"
    services.star_objection_answer(
        objection, actor=net.township_staff, answer="不属实", upheld=False
    )
    evaluation = services.star_evaluation_finalize(in_notice, actor=net.township_staff, now=later)
    assert evaluation.status == S.FINAL


def test_a_final_ten_star_rating_names_a_ten_star_household(net, in_notice):
    later = in_notice.notice_ends_at + timedelta(minutes=1)
    services.star_evaluation_finalize(in_notice, actor=net.township_staff, now=later)
    honour = Honour.objects.get(kind=HonourKind.TEN_STAR, household=net.h11, year=YEAR)
    assert honour.person_name == net.h11.head_name and honour.village == net.v11


def test_no_objection_after_the_notice_period(net, in_notice):
    type(in_notice).objects.filter(pk=in_notice.pk).update(
        notice_ends_at=timezone.now() - timedelta(seconds=1)
    )
    in_notice.refresh_from_db()
    with pytest.raises(Conflict):
        services.star_objection_file(in_notice, actor=net.villager, text="晚了")


def test_a_final_rating_cannot_change(net, in_notice, propose):
    later = in_notice.notice_ends_at + timedelta(minutes=1)
    services.star_evaluation_finalize(in_notice, actor=net.township_staff, now=later)
    with pytest.raises(Conflict):
        propose(codes=ALL_STARS[:2])
    with pytest.raises(Conflict):
        services.star_evaluation_approve(in_notice, actor=net.township_staff)


def test_honours_by_staff_of_the_village(net):
    honour = services.honour_award(
        actor=net.station_staff, village=net.v11, year=YEAR, kind=HonourKind.BEAUTIFUL_FAMILY,
        household=net.h11,
    )
    assert honour.person_name == net.h11.head_name and honour.certificate_no
    with pytest.raises(Conflict):
        services.honour_award(
            actor=net.station_staff, village=net.v11, year=YEAR,
            kind=HonourKind.BEAUTIFUL_FAMILY, household=net.h11,
        )
    with pytest.raises(NotFound):
        services.honour_award(
            actor=net.station_staff, village=net.v12, year=YEAR,
            kind=HonourKind.PARTY_MEMBER, person_name="王五",
        )
    with pytest.raises(Forbidden):
        services.honour_award(
            actor=net.villager, village=net.v11, year=YEAR,
            kind=HonourKind.PARTY_MEMBER, person_name="王五",
        )


def test_ten_star_honour_needs_a_final_ten_star_rating(net):
    with pytest.raises(InvalidInput):
        services.honour_award(
            actor=net.station_staff, village=net.v11, year=YEAR, kind=HonourKind.TEN_STAR,
            household=net.h11,
        )

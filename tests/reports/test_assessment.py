"""The annual assessment: points from indicators and manual items, ranks, finalising."""

from decimal import Decimal

import pytest
from django.core.cache import cache

from practice.exceptions import Conflict, Forbidden, InvalidInput
from reports import selectors, services
from reports.models import Assessment, AssessmentItem, ManualItem
from tests.reports.conftest import at, household

pytestmark = pytest.mark.django_db


@pytest.fixture
def assessment(net):
    a = Assessment.objects.create(unit=net.banner, year=2025)
    AssessmentItem.objects.create(assessment=a, code="practice.households_new",
                                  weight=Decimal("40"), target=Decimal("4"), cap=Decimal("1.5"))
    a.inspection = ManualItem.objects.create(assessment=a, name="督查检查", max_score=10)
    return a


def row(results, unit):
    return next(r for r in results["townships"] if r["unit_id"] == unit.pk)


@pytest.mark.parametrize(
    ("value", "higher", "points"),
    [(None, True, "0.00"), (0, True, "0.00"), (2, True, "20.00"), (4, True, "40.00"),
     (5, True, "50.00"), (100, True, "60.00"), (-3, True, "0.00"),
     (2, False, "60.00"), (8, False, "20.00"), (0, False, "60.00"), (None, False, "0.00")],
)
def test_points_follow_the_documented_rule(value, higher, points):
    item = AssessmentItem(weight=Decimal("40"), target=Decimal("4"), cap=Decimal("1.5"),
                          higher_is_better=higher)
    assert item.points_for(value) == Decimal(points)


def test_townships_are_scored_ranked_and_named_with_their_head(net, assessment):
    net.t2.head = net.township_staff_other
    net.t2.save()
    for n in range(3):
        household(net.v21, f"A{n}", at(2025, 2 + n))  # t2: 3 of target 4 → 30 points
    household(net.v11, "B1", at(2025, 7))  # t1: 1 → 10 points
    services.manual_score_set(assessment.inspection, net.t1, score=9, note="台账齐全",
                              actor=net.banner_admin)
    services.manual_score_set(assessment.inspection, net.t2, score=Decimal("2.5"), note="理由",
                              actor=net.banner_admin)
    results = selectors.assessment_results(assessment)
    assert [(r["name"], r["score"], r["rank"]) for r in results["townships"]] == [
        ("努古斯台镇", 32.5, 1), ("查日苏镇", 19.0, 2)]
    t1 = row(results, net.t1)
    assert t1["indicators"] == [{"code": "practice.households_new", "value": 1, "points": 10.0}]
    assert t1["manual"][0]["score"] == 9 and t1["manual"][0]["note"] == "台账齐全"
    assert row(results, net.t2)["head"] == "township_staff_other"


def test_equal_scores_share_a_rank(net, assessment):
    results = selectors.assessment_results(assessment)
    assert [r["rank"] for r in results["townships"]] == [1, 1]


def test_a_finalised_assessment_does_not_change_when_new_data_arrives(net, assessment):
    household(net.v11, "B1", at(2025, 7))
    services.manual_score_set(assessment.inspection, net.t1, score=5, note="理由",
                              actor=net.banner_admin)
    finalised = services.assessment_finalise(assessment, actor=net.banner_admin)
    frozen = selectors.assessment_results(finalised)
    assert frozen["finalised"] is True and row(frozen, net.t1)["score"] == 15.0

    for n in range(5):  # late data of the assessed year
        household(net.v11, f"L{n}", at(2025, 12, 30))
    cache.clear()
    again = selectors.assessment_results(Assessment.objects.get(pk=assessment.pk))
    assert again == frozen
    live = selectors.assessment_compute(assessment, use_cache=False)
    assert row(live, net.t1)["score"] > 15.0  # the live figures did move


def test_a_finalised_assessment_refuses_new_scores_and_a_second_finalising(net, assessment):
    services.assessment_finalise(assessment, actor=net.banner_admin)
    with pytest.raises(Conflict):
        services.manual_score_set(assessment.inspection, net.t1, score=1, note="理由",
                              actor=net.banner_admin)
    with pytest.raises(Conflict):
        services.assessment_finalise(assessment, actor=net.banner_admin)


def test_scores_are_checked(net, assessment):
    with pytest.raises(InvalidInput):
        services.manual_score_set(assessment.inspection, net.t1, score=11, note="理由",
                              actor=net.banner_admin)
    with pytest.raises(InvalidInput):
        services.manual_score_set(assessment.inspection, net.v11, score=1, note="理由",
                              actor=net.banner_admin)
    with pytest.raises(Forbidden):  # a township cannot score itself
        services.manual_score_set(assessment.inspection, net.t1, score=10, note="理由",
                                  actor=net.township_staff)
    with pytest.raises(Forbidden):
        services.assessment_finalise(assessment, actor=net.leader)


def test_live_scores_are_cached_and_forgotten_when_what_they_are_made_of_changes(
    net, assessment, django_assert_num_queries
):
    first = selectors.assessment_results(assessment)
    with django_assert_num_queries(0):  # the dashboard's every request
        assert selectors.assessment_results(assessment) == first
    services.manual_score_set(assessment.inspection, net.t1, score=7, note="理由",
                              actor=net.banner_admin)
    assert row(selectors.assessment_results(assessment), net.t1)["score"] == 7.0
    net.t1.head = net.township_leader
    net.t1.save()
    assert row(selectors.assessment_results(assessment), net.t1)["head"] == "township_leader"
    AssessmentItem.objects.filter(assessment=assessment).get().delete()
    assert row(selectors.assessment_results(assessment), net.t1)["indicators"] == []

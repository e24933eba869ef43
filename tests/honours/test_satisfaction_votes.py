"""One vote per representative, ballot secrecy, and a result frozen at closing."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from honours import services
from honours.models import BallotCast, Representative, SatisfactionEvaluation, Vote, VoteChoice
from practice.exceptions import Conflict, Forbidden, InvalidInput, NotFound
from tests.honours.conftest import CHOICES

pytestmark = pytest.mark.django_db


def test_codes_are_stored_hashed_only(open_evaluation):
    evaluation, codes = open_evaluation(3)
    for rep, code in codes:
        rep.refresh_from_db()
        assert code not in rep.code_hash
        assert rep.code_hash == services.hash_code(evaluation.pk, code)
    field_names = {f.name for f in Representative._meta.get_fields()}
    assert "code" not in field_names


def test_a_representative_votes_once_with_their_code(open_evaluation):
    evaluation, codes = open_evaluation(2)
    rep, code = codes[0]
    services.vote_cast_with_code(evaluation, code=code.lower(), choice=VoteChoice.SATISFIED)
    with pytest.raises(Conflict) as err:
        services.vote_cast_with_code(evaluation, code=code, choice=VoteChoice.DISSATISFIED)
    assert err.value.code == "already_voted"
    assert Vote.objects.filter(evaluation=evaluation).count() == 1


def test_a_paper_ballot_counts_as_the_representatives_one_vote(net, open_evaluation):
    evaluation, codes = open_evaluation(2)
    rep, code = codes[0]
    services.vote_cast_on_paper(
        evaluation, actor=net.station_staff, representative=rep, choice=VoteChoice.SATISFIED
    )
    with pytest.raises(Conflict):
        services.vote_cast_with_code(evaluation, code=code, choice=VoteChoice.SATISFIED)


def test_the_database_refuses_a_second_ballot(open_evaluation):
    evaluation, codes = open_evaluation(1)
    rep, _code = codes[0]
    BallotCast.objects.create(evaluation=evaluation, representative=rep, channel="paper")
    with pytest.raises(IntegrityError), transaction.atomic():
        BallotCast.objects.create(evaluation=evaluation, representative=rep, channel="phone")


def test_a_wrong_code_or_choice_is_refused_naming_the_field(open_evaluation):
    evaluation, codes = open_evaluation(1)
    with pytest.raises(InvalidInput) as err:
        services.vote_cast_with_code(evaluation, code="AAAA2222", choice=VoteChoice.SATISFIED)
    assert err.value.field == "code"
    with pytest.raises(InvalidInput) as err:
        services.vote_cast_with_code(evaluation, code=codes[0][1], choice="great")
    assert err.value.field == "choice"
    assert not BallotCast.objects.exists()  # nothing half-written


def test_a_code_of_one_evaluation_does_not_work_in_another(net, open_evaluation):
    ev1, codes1 = open_evaluation(1)
    ev2, _codes2 = open_evaluation(1, village=net.v12, actor=net.township_staff)
    with pytest.raises(InvalidInput):
        services.vote_cast_with_code(ev2, code=codes1[0][1], choice=VoteChoice.SATISFIED)


def test_the_vote_table_holds_no_voter():
    columns = {f.column for f in Vote._meta.concrete_fields}
    assert columns == {"id", "evaluation_id", "choice"}
    assert Vote._meta.pk.get_internal_type() == "UUIDField"  # no insertion order to correlate


def test_closing_publishes_counts_and_rate(net, open_evaluation):
    evaluation, codes = open_evaluation(5)
    for (_rep, code), choice in zip(codes, [*CHOICES, VoteChoice.SATISFIED], strict=False):
        services.vote_cast_with_code(evaluation, code=code, choice=choice)
    evaluation = services.evaluation_close(evaluation, actor=net.station_staff)
    assert (evaluation.satisfied, evaluation.basically_satisfied, evaluation.dissatisfied) == (
        2, 1, 1,
    )
    assert evaluation.representatives_count == 5
    assert evaluation.satisfaction_rate == Decimal("75.0")


def test_the_result_is_frozen_after_closing(net, open_evaluation):
    evaluation, codes = open_evaluation(3)
    services.vote_cast_with_code(evaluation, code=codes[0][1], choice=VoteChoice.SATISFIED)
    services.evaluation_close(evaluation, actor=net.township_staff)
    with pytest.raises(Conflict):
        services.vote_cast_with_code(evaluation, code=codes[1][1], choice=VoteChoice.DISSATISFIED)
    with pytest.raises(Conflict):
        services.vote_cast_on_paper(
            evaluation, actor=net.station_staff, representative=codes[2][0],
            choice=VoteChoice.DISSATISFIED,
        )
    with pytest.raises(Conflict):
        services.evaluation_close(evaluation, actor=net.township_staff)
    with pytest.raises(Conflict):
        services.representative_add(evaluation, actor=net.station_staff, name="迟到")


def test_the_database_itself_refuses_changes_to_a_closed_evaluation(net, open_evaluation):
    evaluation, codes = open_evaluation(3)
    services.vote_cast_with_code(evaluation, code=codes[0][1], choice=VoteChoice.SATISFIED)
    services.vote_cast_with_code(evaluation, code=codes[2][1], choice=VoteChoice.DISSATISFIED)
    services.evaluation_close(evaluation, actor=net.station_staff)  # 2 of 3: a quorum
    with pytest.raises(Exception), transaction.atomic():  # noqa: B017 (vendor's own error)
        SatisfactionEvaluation.objects.filter(pk=evaluation.pk).update(satisfied=99)
    with pytest.raises(Exception), transaction.atomic():  # noqa: B017
        Vote.objects.bulk_create([Vote(evaluation=evaluation, choice=VoteChoice.SATISFIED)])
    with pytest.raises(Exception), transaction.atomic():  # noqa: B017
        BallotCast.objects.create(
            evaluation=evaluation, representative=codes[1][0], channel="paper"
        )
    with pytest.raises(ValueError):
        Vote.objects.filter(evaluation=evaluation).first().delete()
    evaluation.refresh_from_db()
    assert evaluation.satisfied == 1


def test_closing_without_votes_is_refused(net, open_evaluation):
    evaluation, _codes = open_evaluation(2)
    with pytest.raises(Conflict):
        services.evaluation_close(evaluation, actor=net.station_staff)


def test_one_evaluation_per_village_and_year(net, open_evaluation):
    open_evaluation(1)
    with pytest.raises(Conflict):
        open_evaluation(1)


def test_roles_and_scope_of_opening_and_paper_ballots(net, open_evaluation):
    with pytest.raises(Forbidden):
        open_evaluation(1, actor=net.villager)
    with pytest.raises(Forbidden):
        open_evaluation(1, actor=net.leader)
    with pytest.raises(NotFound):
        open_evaluation(1, actor=net.station_staff_other)
    evaluation, codes = open_evaluation(1)
    with pytest.raises(NotFound):
        services.vote_cast_on_paper(
            evaluation, actor=net.township_staff_other, representative=codes[0][0],
            choice=VoteChoice.SATISFIED,
        )


def test_a_lost_code_is_replaced_and_the_old_one_stops_working(net, open_evaluation):
    evaluation, codes = open_evaluation(1)
    rep, old = codes[0]
    new = services.representative_new_code(rep, actor=net.station_staff)
    with pytest.raises(InvalidInput):
        services.vote_cast_with_code(evaluation, code=old, choice=VoteChoice.SATISFIED)
    services.vote_cast_with_code(evaluation, code=new, choice=VoteChoice.SATISFIED)

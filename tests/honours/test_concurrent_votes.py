"""Votes under concurrency: one per representative, never double-counted, none after closing."""

import pytest

from honours import services
from honours.models import BallotCast, SatisfactionEvaluation, Vote, VoteChoice
from practice.exceptions import Conflict
from tests.parallel import in_parallel

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def run_parallel(funcs):
    return [("error", r) if isinstance(r, Exception) else ("ok", r) for r in in_parallel(funcs)]


def test_the_same_code_sent_eight_times_at_once_counts_once(open_evaluation):
    evaluation, codes = open_evaluation(1)
    code = codes[0][1]
    results = run_parallel(
        [
            lambda: services.vote_cast_with_code(evaluation, code=code, choice=VoteChoice.SATISFIED)
            for _ in range(8)
        ]
    )
    assert [r[0] for r in results].count("ok") == 1
    assert all(isinstance(r[1], Conflict) for r in results if r[0] == "error")
    assert BallotCast.objects.filter(evaluation=evaluation).count() == 1
    assert Vote.objects.filter(evaluation=evaluation).count() == 1


def test_phone_and_paper_at_once_count_once(net, open_evaluation):
    evaluation, codes = open_evaluation(1)
    rep, code = codes[0]
    run_parallel(
        [
            lambda: services.vote_cast_with_code(evaluation, code=code, choice="satisfied"),
            lambda: services.vote_cast_on_paper(
                evaluation, actor=net.station_staff, representative=rep,
                choice=VoteChoice.DISSATISFIED,
            ),
        ]
        * 3
    )
    assert Vote.objects.filter(evaluation=evaluation).count() == 1


def test_votes_racing_the_close_are_counted_or_refused_never_lost(net, open_evaluation):
    evaluation, codes = open_evaluation(8)
    for _rep, code in codes[:6]:  # a quorum before the race: the close publishes a result
        services.vote_cast_with_code(evaluation, code=code, choice=VoteChoice.SATISFIED)
    funcs = [
        (lambda c=c: services.vote_cast_with_code(evaluation, code=c, choice=VoteChoice.SATISFIED))
        for _rep, c in codes[6:]
    ]
    funcs.append(lambda: services.evaluation_close(evaluation, actor=net.station_staff))
    run_parallel(funcs)
    evaluation = SatisfactionEvaluation.objects.get(pk=evaluation.pk)
    assert evaluation.status == "closed"
    counted = evaluation.satisfied + evaluation.basically_satisfied + evaluation.dissatisfied
    assert counted == Vote.objects.filter(evaluation=evaluation).count()
    assert counted == BallotCast.objects.filter(evaluation=evaluation).count()


def test_wrong_codes_sent_at_once_are_counted_exactly(open_evaluation):
    evaluation, _codes = open_evaluation(1)
    results = run_parallel([
        lambda: services.vote_cast_with_code(evaluation, code="WRONG234",
                                             choice=VoteChoice.SATISFIED, client="10.1.1.1")
        for _ in range(10)
    ])
    statuses = sorted(r[1].status_code for r in results)
    # Four wrong codes answer 400; the fifth and every one after it, 429: none slips past.
    assert statuses == [400] * 4 + [429] * 6

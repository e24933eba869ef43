"""Two heads (the head and the banner's administrator) signing off at once: exactly one wins."""

import pytest

from dispatch import services
from dispatch.models import Submission, SubmissionEvent
from practice.exceptions import Conflict
from tests.dispatch.conftest import filled, submission
from tests.parallel import in_parallel

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_two_sign_offs_at_once_one_wins(month):
    net = month
    sub = services.submission_submit(filled(submission(net.t1), net.township_staff),
                                     actor=net.township_staff)
    results = in_parallel([
        lambda: services.submission_sign_off(Submission.objects.get(pk=sub.pk),
                                             actor=net.t1_head),
        lambda: services.submission_sign_off(Submission.objects.get(pk=sub.pk),
                                             actor=net.banner_admin),
    ] * 2)
    wins = [r for r in results if isinstance(r, Submission)]
    assert len(wins) == 1
    assert all(isinstance(r, Conflict) for r in results if r not in wins)
    assert SubmissionEvent.objects.filter(submission=sub, to_status="signed_off").count() == 1


def test_a_return_racing_a_sign_off_one_wins(month):
    net = month
    sub = services.submission_submit(filled(submission(net.t1), net.township_staff),
                                     actor=net.township_staff)
    results = in_parallel([
        lambda: services.submission_sign_off(Submission.objects.get(pk=sub.pk),
                                             actor=net.t1_head),
        lambda: services.submission_return(Submission.objects.get(pk=sub.pk),
                                           actor=net.banner_admin, reason="重报"),
    ])
    assert sum(isinstance(r, Submission) for r in results) == 1
    assert SubmissionEvent.objects.filter(submission=sub).exclude(
        from_status="draft").count() == 1

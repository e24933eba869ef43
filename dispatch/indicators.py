"""Indicators of the dispatch mechanism, counted at the submitting unit and rolled up."""

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from practice.indicators import SUM, register

from .models import Submission, SubmissionStatus


def _due(period):
    return Submission.objects.filter(deadline__gte=period.first_day,
                                     deadline__lt=period.last_day_exclusive)


@register("dispatch.submissions_on_time", label=_("Monthly submissions signed off on time"),
          unit=_("submissions"), agg=SUM, order=80,
          description=_("Submissions due in the period that the head signed off by the "
                        "deadline."))
def submissions_on_time(period):
    return dict(_due(period).filter(status=SubmissionStatus.SIGNED_OFF, on_time=True)
                .values("unit_id").annotate(n=Count("id")).values_list("unit_id", "n")
                .order_by())


@register("dispatch.submissions_late", label=_("Monthly submissions late or missing"),
          unit=_("submissions"), agg=SUM, order=81, higher_is_better=False,
          description=_("Submissions due in the period that were signed off after the "
                        "deadline, or whose deadline has passed without a sign-off."))
def submissions_late(period):
    today = timezone.localdate()
    late = Q(status=SubmissionStatus.SIGNED_OFF, on_time=False) | (
        ~Q(status=SubmissionStatus.SIGNED_OFF) & Q(deadline__lt=today))
    return dict(_due(period).filter(late).values("unit_id").annotate(n=Count("id"))
                .values_list("unit_id", "n").order_by())

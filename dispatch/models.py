"""The monthly dispatch mechanism (月调度工作机制).

* A :class:`Submission` (月报) is what one unit — a township, a banner department or a village
  station — reports for one month: the month's figures, frozen when it is created, and what its
  staff write (work done, problems met, help asked of the banner, next month's plan). Staff
  submit it, the unit's head (一把手) signs it off by the deadline, or returns it with a reason.
  Each move is a :class:`SubmissionEvent` (append-only).
* A :class:`Meeting` (月调度会) is the month's dispatch meeting of the banner or a township, with
  its :class:`Decision` rows. Its agenda is computed from the month (``selectors.agenda``).
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from practice.scoping import Scope, ScopedManager
from practice.transitions import StatusEvent

__all__ = ["Decision", "Meeting", "Submission", "SubmissionEvent", "SubmissionReminder"]


class SubmissionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    SIGNED_OFF = "signed_off", _("Signed off")


class Submission(models.Model):
    """One unit's monthly submission (月报)."""

    unit = models.ForeignKey("practice.Unit", verbose_name=_("unit"), on_delete=models.PROTECT,
                             related_name="submissions")
    year = models.PositiveSmallIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(
        _("month"), validators=[MinValueValidator(1), MaxValueValidator(12)])
    status = models.CharField(_("status"), max_length=16, choices=SubmissionStatus.choices,
                              default=SubmissionStatus.DRAFT, db_index=True)
    figures = models.JSONField(
        _("figures"), default=list, blank=True, editable=False,
        help_text=_("The month's figures as they were when the submission was created."))
    work_done = models.TextField(_("work done"), blank=True)
    problems = models.TextField(_("problems met"), blank=True)
    help_requested = models.TextField(_("help asked of the banner"), blank=True)
    next_plan = models.TextField(_("next month's plan"), blank=True)
    deadline = models.DateField(_("deadline"))
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("submitted by"),
                                     null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    signed_off_at = models.DateTimeField(_("signed off at"), null=True, blank=True)
    signed_off_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("signed off by"),
                                      null=True, blank=True, on_delete=models.SET_NULL,
                                      related_name="+")
    on_time = models.BooleanField(
        _("on time"), null=True, blank=True,
        help_text=_("Signed off by the deadline (empty until it is signed off)."))
    return_reason = models.CharField(_("reason for return"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ScopedManager()
    scope = Scope(unit="unit")

    class Meta:
        verbose_name = _("monthly submission")
        verbose_name_plural = _("monthly submissions")
        ordering = ["-year", "-month", "unit__path"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year", "month"],
                                    name="dispatch_submission_unit_year_month"),
            models.CheckConstraint(condition=Q(month__gte=1, month__lte=12),
                                   name="dispatch_submission_month_range"),
            models.CheckConstraint(
                condition=~Q(status="signed_off") | Q(signed_off_at__isnull=False,
                                                      on_time__isnull=False),
                name="dispatch_submission_signed_off_has_time"),
        ]
        indexes = [models.Index(fields=["year", "month"], name="dispatch_sub_year_month"),
                   models.Index(fields=["deadline"], name="dispatch_sub_deadline")]

    def __str__(self):
        return f"{self.unit} {self.year}-{self.month:02d}"


class SubmissionEvent(StatusEvent):
    """A step of a submission's history: saved, submitted, signed off, returned."""

    submission = models.ForeignKey(Submission, verbose_name=_("submission"),
                                   on_delete=models.PROTECT, related_name="events")

    objects = ScopedManager()
    scope = Scope(unit="submission__unit")

    class Meta(StatusEvent.Meta):
        verbose_name = _("submission event")
        verbose_name_plural = _("submission events")

    def __str__(self):
        return f"{self.from_status}→{self.to_status} · {self.at:%Y-%m-%d %H:%M}"


class ReminderOccasion(models.TextChoices):
    BEFORE = "before", _("Two days before the deadline")
    DUE = "due", _("On the deadline")


class SubmissionReminder(models.Model):
    """A reminder sent for a submission on one occasion: never twice for the same pair."""

    submission = models.ForeignKey(Submission, verbose_name=_("submission"),
                                   on_delete=models.CASCADE, related_name="reminders")
    occasion = models.CharField(_("occasion"), max_length=8, choices=ReminderOccasion.choices)
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    recipients = models.PositiveIntegerField(_("recipients"), default=0)

    class Meta:
        verbose_name = _("submission reminder")
        verbose_name_plural = _("submission reminders")
        constraints = [
            models.UniqueConstraint(fields=["submission", "occasion"],
                                    name="dispatch_reminder_submission_occasion"),
        ]

    def __str__(self):
        return f"{self.submission} · {self.get_occasion_display()}"


class Meeting(models.Model):
    """The monthly dispatch meeting (月调度会) of the banner or a township."""

    unit = models.ForeignKey("practice.Unit", verbose_name=_("unit"), on_delete=models.PROTECT,
                             related_name="dispatch_meetings")
    year = models.PositiveSmallIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(
        _("month"), validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text=_("The month the meeting reviews."))
    date = models.DateField(_("date held"))
    chair = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("chair"), null=True,
                              blank=True, on_delete=models.SET_NULL, related_name="+")
    attendees = models.ManyToManyField(settings.AUTH_USER_MODEL, verbose_name=_("attendees"),
                                       blank=True, related_name="dispatch_meetings")
    other_attendees = models.TextField(_("other attendees"), blank=True,
                                       help_text=_("People without an account, one a line."))
    notes = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("created by"),
                                   null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = ScopedManager()
    scope = Scope(unit="unit")

    class Meta:
        verbose_name = _("dispatch meeting")
        verbose_name_plural = _("dispatch meetings")
        ordering = ["-year", "-month", "unit__path"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year", "month"],
                                    name="dispatch_meeting_unit_year_month"),
            models.CheckConstraint(condition=Q(month__gte=1, month__lte=12),
                                   name="dispatch_meeting_month_range"),
        ]

    def __str__(self):
        return f"{self.unit} {self.year}-{self.month:02d}"


class Decision(models.Model):
    """A decision taken at a dispatch meeting."""

    meeting = models.ForeignKey(Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE,
                                related_name="decisions")
    text = models.TextField(_("decision"))
    unit = models.ForeignKey("practice.Unit", verbose_name=_("unit concerned"), null=True,
                             blank=True, on_delete=models.PROTECT, related_name="+")
    order = models.PositiveSmallIntegerField(pgettext_lazy("sort order", "order"), default=1)

    objects = ScopedManager()
    scope = Scope(unit="meeting__unit")

    class Meta:
        verbose_name = _("meeting decision")
        verbose_name_plural = _("meeting decisions")
        ordering = ["meeting", "order", "pk"]

    def __str__(self):
        return self.text[:60]

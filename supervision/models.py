"""Supervised tasks (督办事项), field visits (蹲点) and joint meetings (联席会议).

* A :class:`SupervisedTask` is one thing a unit must do by a deadline: the banner (or the
  township, for a village) sets it, the unit reports progress (:class:`ProgressReport`, with
  photos) and asks to close it, the unit above accepts or sends it back. Its states move through
  ``services.TASK_FLOW``; every move, deadline notice and escalation is a :class:`TaskEvent`
  (append-only). Where it came from is ``origin``: a field visit, a joint meeting's decision, or
  (wired after merging) a dispatch meeting's decision.
* A :class:`FieldVisit` is a leader's stay in one or more villages; a :class:`JointMeeting` holds
  its participants, topics and :class:`MeetingDecision` rows, each of which can raise tasks.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from practice.append_only import APPEND_ONLY
from practice.models import Level
from practice.roles import SUBTREE_ROLES
from practice.scoping import Scope, ScopedManager
from practice.transitions import StatusEvent

# Levels a task, a meeting may be set for.
TASK_LEVELS = (Level.BANNER, Level.TOWNSHIP, Level.DEPARTMENT, Level.VILLAGE)
MEETING_LEVELS = (Level.BANNER, Level.TOWNSHIP)


class TaskState(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    CLOSE_REQUESTED = "close_requested", _("Close requested")
    CLOSED = "closed", _("Closed")


class EvidenceKind(models.TextChoices):
    NOTE = "note", _("A note")
    PHOTOS = "photos", _("Photos")
    ACTIVITY = "activity", _("A linked activity")
    INDICATOR = "indicator", _("An indicator")


class EventKind(models.TextChoices):
    MOVE = "move", _("State change")
    DEADLINE_NOTICE = "deadline_notice", _("Deadline notice")
    ESCALATED = "escalated", _("Escalated")


class SupervisedTask(models.Model):
    title = models.CharField(_("what"), max_length=200)
    description = models.TextField(_("details"), blank=True)
    unit = models.ForeignKey(
        "practice.Unit", verbose_name=_("responsible unit"), on_delete=models.PROTECT,
        related_name="supervised_tasks", limit_choices_to={"level__in": TASK_LEVELS},
    )
    head = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("head responsible"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="supervised_tasks",
        help_text=_("The unit's head (一把手) unless another person is named."),
    )
    deadline = models.DateField(_("deadline"), db_index=True)
    evidence_kind = models.CharField(_("completion shown by"), max_length=16,
                                     choices=EvidenceKind.choices, default=EvidenceKind.NOTE)
    evidence_text = models.TextField(_("how completion is shown"), blank=True)
    activity = models.ForeignKey(
        "volunteers.Activity", verbose_name=_("linked activity"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    indicator_code = models.CharField(_("indicator"), max_length=64, blank=True)
    origin_type = models.ForeignKey(ContentType, verbose_name=_("origin type"), null=True,
                                    blank=True, on_delete=models.PROTECT, related_name="+")
    origin_id = models.PositiveBigIntegerField(_("origin id"), null=True, blank=True)
    origin = GenericForeignKey("origin_type", "origin_id")
    state = models.CharField(_("state"), max_length=16, choices=TaskState.choices,
                             default=TaskState.OPEN, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("set by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    deadline_noticed_at = models.DateTimeField(_("deadline notice sent at"), null=True,
                                               blank=True)
    escalated_at = models.DateTimeField(_("escalated at"), null=True, blank=True,
                                        db_index=True)

    objects = ScopedManager()
    scope = Scope(unit="unit")

    class Meta:
        verbose_name = _("supervised task")
        verbose_name_plural = _("supervised tasks")
        ordering = ["deadline", "pk"]
        indexes = [
            models.Index(fields=["origin_type", "origin_id"], name="supervision_task_origin"),
            models.Index(fields=["state", "deadline"], name="supervision_task_state_dl"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(state="closed", closed_on__isnull=False) | ~Q(state="closed"),
                name="%(app_label)s_%(class)s_closed_has_date",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def responsible_head(self):
        return self.head or self.unit.head

    def is_overdue(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.state != TaskState.CLOSED and self.deadline < today


class TaskEvent(StatusEvent):
    """A move of a task, its deadline notice or its escalation (append-only)."""

    task = models.ForeignKey(SupervisedTask, verbose_name=_("task"), on_delete=models.PROTECT,
                             related_name="events")
    kind = models.CharField(_("kind"), max_length=16, choices=EventKind.choices,
                            default=EventKind.MOVE)
    from_status = models.CharField(_("from"), max_length=16, choices=TaskState.choices,
                                   blank=True)
    to_status = models.CharField(_("to"), max_length=16, choices=TaskState.choices, blank=True)

    objects = ScopedManager()
    scope = Scope(unit="task__unit")

    class Meta(StatusEvent.Meta):
        verbose_name = _("task event")
        verbose_name_plural = _("task events")

    def __str__(self):
        return f"{self.task_id}: {self.get_kind_display()} {self.from_status} → {self.to_status}"


class ProgressReport(models.Model):
    """What the unit did towards a task (append-only: a correction is a new report)."""

    task = models.ForeignKey(SupervisedTask, verbose_name=_("task"), on_delete=models.PROTECT,
                             related_name="progress_reports")
    note = models.TextField(_("progress"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("reported by"),
                               null=True, blank=True, on_delete=models.PROTECT,
                               related_name="+")
    at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)

    objects = ScopedManager()
    scope = Scope(unit="task__unit")

    class Meta:
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        ordering = ["at", "pk"]
        triggers = [APPEND_ONLY]

    def __str__(self):
        return f"{self.task_id} {self.at:%Y-%m-%d}"

    def delete(self, *args, **kwargs):
        raise ValidationError(_("History cannot be deleted."))


class ProgressPhoto(models.Model):
    report = models.ForeignKey(ProgressReport, verbose_name=_("progress report"),
                               on_delete=models.PROTECT, related_name="photos")
    image = models.ImageField(_("photo"), upload_to="supervision/%Y/%m/")

    objects = ScopedManager()
    scope = Scope(unit="report__task__unit")

    class Meta:
        verbose_name = _("progress photo")
        verbose_name_plural = _("progress photos")
        ordering = ["pk"]
        triggers = [APPEND_ONLY]

    def __str__(self):
        return self.image.name

    def delete(self, *args, **kwargs):
        raise ValidationError(_("History cannot be deleted."))


def _visits_seen(user):
    """Staff see a visit to a village of their area, and the visits of their area's leaders."""
    if user.unit_id is None:
        return None
    if user.unit.parent_id is None:
        return Q()
    path = user.unit.path
    return Q(pk__in=FieldVisit.villages.through.objects.filter(
        unit__path__startswith=path).values("fieldvisit_id")) | Q(
        leader__unit__path__startswith=path)


class FieldVisit(models.Model):
    """A leader's stay in villages (蹲点): which, when, what was found; tasks point back here."""

    leader = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("leader"),
                               on_delete=models.PROTECT, related_name="field_visits")
    villages = models.ManyToManyField("practice.Unit", verbose_name=_("villages visited"),
                                      related_name="field_visits",
                                      limit_choices_to={"level": Level.VILLAGE})
    started_on = models.DateField(_("from"), db_index=True)
    ended_on = models.DateField(_("to"))
    findings = models.TextField(_("what was found"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"),
                                    null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    objects = ScopedManager()
    scope = Scope(unit="leader__unit", roles=dict.fromkeys(SUBTREE_ROLES, _visits_seen))

    class Meta:
        verbose_name = _("field visit")
        verbose_name_plural = _("field visits")
        ordering = ["-started_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(ended_on__gte=models.F("started_on")),
                                   name="%(app_label)s_%(class)s_dates_in_order"),
        ]

    def __str__(self):
        return f"{self.leader} {self.started_on:%Y-%m-%d}"

    @property
    def days(self) -> int:
        return (self.ended_on - self.started_on).days + 1


class JointMeeting(models.Model):
    """A leaders' joint meeting (联席会议) of the banner or a township."""

    date = models.DateField(_("date"), db_index=True)
    unit = models.ForeignKey("practice.Unit", verbose_name=_("banner or township"),
                             on_delete=models.PROTECT, related_name="joint_meetings",
                             limit_choices_to={"level__in": MEETING_LEVELS})
    participants = models.ManyToManyField(settings.AUTH_USER_MODEL,
                                          verbose_name=_("participants"), blank=True,
                                          related_name="joint_meetings")
    other_participants = models.TextField(_("other participants"), blank=True)
    topics = models.TextField(_("topics"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"),
                                    null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    objects = ScopedManager()
    scope = Scope(unit="unit")

    class Meta:
        verbose_name = _("joint meeting")
        verbose_name_plural = _("joint meetings")
        ordering = ["-date", "-pk"]

    def __str__(self):
        return f"{self.unit} {self.date:%Y-%m-%d}"


class MeetingDecision(models.Model):
    meeting = models.ForeignKey(JointMeeting, verbose_name=_("joint meeting"),
                                on_delete=models.CASCADE, related_name="decisions")
    text = models.TextField(_("decision"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = ScopedManager()
    scope = Scope(unit="meeting__unit")

    class Meta:
        verbose_name = _("meeting decision")
        verbose_name_plural = _("meeting decisions")
        ordering = ["meeting", "order", "pk"]

    def __str__(self):
        return self.text[:60]

"""Monthly dispatch reports (月调度) and the annual assessment (年度综合考核).

* A :class:`MonthlyReport` is the stored figure sheet of one unit (a township or the banner) for
  one month: one :class:`ReportValue` row per indicator of the registry
  (``practice.indicators``). ``services.monthly_reports_build`` replaces a month's figures in one
  transaction; a :class:`ReportRun` tells staff that a build is queued, running, done or failed.
* An :class:`Assessment` scores the units directly below its ``unit`` (the banner's townships)
  for one year: :class:`AssessmentItem` rows turn a year's indicator value into points
  (see :meth:`AssessmentItem.points_for`), :class:`ManualItem` rows are scored by staff per
  unit (:class:`ManualScore`). A finalised assessment keeps a frozen ``snapshot`` that later
  data never changes.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from practice.roles import SUBTREE_ROLES
from practice.scoping import Scope, ScopedManager

__all__ = [
    "Assessment",
    "AssessmentItem",
    "FigureSnapshot",
    "ManualItem",
    "ManualScore",
    "ManualScoreEvidence",
    "MonthlyReport",
    "ReportRun",
    "ReportValue",
]


def _every_subtree_role(user):
    """A run is the status of a job, not data of a unit: every staff member and leader sees it."""
    return Q()


class ReportRun(models.Model):
    """One build of the monthly reports, started by beat, the admin or the API."""

    class State(models.TextChoices):
        PENDING = "pending", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    year = models.PositiveSmallIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(
        _("month"), validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.PENDING, db_index=True
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    error = models.TextField(_("error"), blank=True)
    task_id = models.CharField(_("task id"), max_length=64, blank=True, db_index=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Empty when the monthly schedule started it."),
    )
    created_at = models.DateTimeField(_("queued at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    objects = ScopedManager()
    scope = Scope(roles=dict.fromkeys(SUBTREE_ROLES, _every_subtree_role))

    class Meta:
        db_table = "practice_reportrun"
        verbose_name = _("report run")
        verbose_name_plural = _("report runs")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(month__gte=1, month__lte=12),
                name="practice_%(class)s_month_range",
            ),
            models.CheckConstraint(
                condition=Q(progress__lte=100), name="practice_%(class)s_progress_range"
            ),
        ]

    def __str__(self):
        return f"{self.year}-{self.month:02d} {self.get_state_display()}"


class MonthlyReport(models.Model):
    """The stored dispatch report of one unit for one month."""

    unit = models.ForeignKey(
        "practice.Unit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="monthly_reports",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(
        _("month"), validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    generated_at = models.DateTimeField(_("generated at"))
    run = models.ForeignKey(
        ReportRun,
        verbose_name=_("built by run"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reports",
    )

    objects = ScopedManager()
    scope = Scope(unit="unit")

    class Meta:
        db_table = "practice_monthlyreport"
        verbose_name = _("monthly report")
        verbose_name_plural = _("monthly reports")
        ordering = ["-year", "-month", "unit__path"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year", "month"], name="practice_%(class)s_unit_year_month"
            ),
            models.CheckConstraint(
                condition=Q(month__gte=1, month__lte=12),
                name="practice_%(class)s_month_range",
            ),
        ]
        indexes = [models.Index(fields=["year", "month"], name="practice_report_year_month")]

    def __str__(self):
        return f"{self.unit} {self.year}-{self.month:02d}"


class ReportValue(models.Model):
    """One indicator's figure in a report. Label and unit of measure are kept as built."""

    report = models.ForeignKey(
        MonthlyReport, verbose_name=_("report"), on_delete=models.CASCADE, related_name="values"
    )
    code = models.CharField(_("indicator code"), max_length=64)
    label = models.CharField(_("indicator"), max_length=100)
    measure = models.CharField(_("unit of measure"), max_length=30, blank=True)
    value = models.DecimalField(_("value"), max_digits=20, decimal_places=4, null=True, blank=True)
    order = models.PositiveIntegerField(pgettext_lazy("sort order", "order"), default=100)

    class Meta:
        db_table = "practice_reportvalue"
        verbose_name = _("report figure")
        verbose_name_plural = _("report figures")
        ordering = ["order", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "code"], name="practice_%(class)s_report_code"
            ),
        ]

    def __str__(self):
        return f"{self.label}: {self.value}"


class AssessmentGroup(models.TextChoices):
    """Which units directly below the assessing unit an assessment scores and ranks."""

    TOWNSHIPS = "townships", _("Townships")
    DEPARTMENTS = "departments", _("Banner departments")


# The level of the units each group scores.
GROUP_LEVEL = {
    AssessmentGroup.TOWNSHIPS: "township",
    AssessmentGroup.DEPARTMENTS: "department",
}
LEVEL_GROUP = {level: group for group, level in GROUP_LEVEL.items()}


class Assessment(models.Model):
    """The annual assessment of one group of the units directly below ``unit``: the banner's
    townships, or its departments (旗直各单位); each group is ranked within itself."""

    unit = models.ForeignKey(
        "practice.Unit",
        verbose_name=_("assessing unit"),
        on_delete=models.PROTECT,
        related_name="assessments",
        help_text=_("The units directly below it are scored (the banner scores its townships)."),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    group = models.CharField(
        _("assessed group"),
        max_length=12,
        choices=AssessmentGroup.choices,
        default=AssessmentGroup.TOWNSHIPS,
        db_index=True,
    )
    title = models.CharField(_("title"), max_length=100, blank=True)
    finalised = models.BooleanField(_("finalised"), default=False)
    finalised_at = models.DateTimeField(_("finalised at"), null=True, blank=True)
    finalised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("finalised by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    snapshot = models.JSONField(
        _("frozen results"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("The scores as they were when the assessment was finalised."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = ScopedManager()
    scope = Scope(unit="unit")

    class Meta:
        db_table = "practice_assessment"
        verbose_name = _("annual assessment")
        verbose_name_plural = _("annual assessments")
        ordering = ["-year", "group"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year", "group"], name="practice_%(class)s_unit_year_group"
            ),
            models.CheckConstraint(
                condition=Q(finalised=False) | Q(snapshot__isnull=False),
                name="practice_%(class)s_finalised_has_snapshot",
            ),
        ]

    def __str__(self):
        return self.title or _("Annual assessment %(year)s (%(group)s)") % {
            "year": self.year, "group": self.get_group_display()}

    @property
    def unit_level(self) -> str:
        """The level of the units this assessment scores."""
        return GROUP_LEVEL[self.group]


def _refuse_finalised(assessment):
    if assessment and assessment.finalised:
        raise ValidationError(_("This assessment is finalised and can no longer change."))


class AssessmentItem(models.Model):
    """An indicator that counts in the assessment, and how its value becomes points.

    Rule (documented for the staff who configure it):

    * higher is better: ``points = weight × min(value / target, cap)``;
    * lower is better: ``points = weight × min(target / value, cap)`` (a value of 0 earns the cap);
    * no value (nothing happened, or a ratio without denominator): 0 points;
    * negative ratios count as 0.

    With ``cap = 1`` a township earns the full weight when it reaches the target; ``cap = 1.2``
    rewards overshooting by up to 20 %.
    """

    assessment = models.ForeignKey(
        Assessment, verbose_name=_("assessment"), on_delete=models.CASCADE, related_name="items"
    )
    code = models.CharField(_("indicator code"), max_length=64)
    weight = models.DecimalField(
        _("weight (points)"),
        max_digits=6,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
    )
    target = models.DecimalField(
        _("target"),
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
        help_text=_("The year's value that earns the full weight."),
    )
    cap = models.DecimalField(
        _("cap"),
        max_digits=4,
        decimal_places=2,
        default=Decimal("1.00"),
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("At most this multiple of the weight is earned (1 = the weight)."),
    )
    higher_is_better = models.BooleanField(_("higher is better"), default=True)
    order = models.PositiveSmallIntegerField(pgettext_lazy("sort order", "order"), default=100)

    objects = ScopedManager()
    scope = Scope(unit="assessment__unit")

    class Meta:
        db_table = "practice_assessmentitem"
        verbose_name = _("assessment indicator")
        verbose_name_plural = _("assessment indicators")
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "code"], name="practice_%(class)s_assessment_code"
            ),
            models.CheckConstraint(
                condition=Q(weight__gte=0) & Q(target__gt=0) & Q(cap__gte=0),
                name="practice_%(class)s_positive",
            ),
        ]

    def __str__(self):
        return self.code

    def clean(self):
        from practice.indicators import all_indicators

        _refuse_finalised(self.assessment_id and self.assessment)
        if self.code and self.code not in {i.code for i in all_indicators()}:
            raise ValidationError({"code": _("There is no indicator with this code.")})

    def points_for(self, value) -> Decimal:
        if value is None:
            return Decimal("0.00")
        value = Decimal(str(value))
        if self.higher_is_better:
            ratio = value / self.target
        else:
            ratio = self.cap if value <= 0 else self.target / value
        ratio = max(Decimal("0"), min(ratio, self.cap))
        return (ratio * self.weight).quantize(Decimal("0.01"))


class ManualItem(models.Model):
    """An item staff score by hand per unit: inspections, leadership meetings attended …"""

    assessment = models.ForeignKey(
        Assessment,
        verbose_name=_("assessment"),
        on_delete=models.CASCADE,
        related_name="manual_items",
    )
    name = models.CharField(_("name"), max_length=100)
    max_score = models.DecimalField(
        _("maximum score"),
        max_digits=6,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
    )
    order = models.PositiveSmallIntegerField(pgettext_lazy("sort order", "order"), default=100)

    objects = ScopedManager()
    scope = Scope(unit="assessment__unit")

    class Meta:
        db_table = "practice_manualitem"
        verbose_name = _("manual assessment item")
        verbose_name_plural = _("manual assessment items")
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "name"], name="practice_%(class)s_assessment_name"
            ),
            models.CheckConstraint(
                condition=Q(max_score__gte=0), name="practice_%(class)s_max_score"
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        _refuse_finalised(self.assessment_id and self.assessment)


class ManualScore(models.Model):
    """A staff member's score of one unit on one manual item, with the reason."""

    item = models.ForeignKey(
        ManualItem, verbose_name=_("item"), on_delete=models.CASCADE, related_name="scores"
    )
    unit = models.ForeignKey(
        "practice.Unit",
        verbose_name=_("assessed unit"),
        on_delete=models.PROTECT,
        related_name="manual_scores",
    )
    score = models.DecimalField(
        _("score"), max_digits=6, decimal_places=2, validators=[MinValueValidator(Decimal("0"))]
    )
    note = models.CharField(
        _("note"), max_length=300, blank=True,
        help_text=_("Why the unit earns this score (required when scoring)."),
    )
    scored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("scored by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    scored_at = models.DateTimeField(_("scored at"), auto_now=True)

    objects = ScopedManager()
    scope = Scope(unit="unit")

    class Meta:
        db_table = "practice_manualscore"
        verbose_name = _("manual score")
        verbose_name_plural = _("manual scores")
        ordering = ["item__order", "unit__path"]
        constraints = [
            models.UniqueConstraint(
                fields=["item", "unit"], name="practice_%(class)s_item_unit"
            ),
            models.CheckConstraint(
                condition=Q(score__gte=0), name="practice_%(class)s_score_positive"
            ),
        ]

    def __str__(self):
        return f"{self.item} · {self.unit}: {self.score}"

    def clean(self):
        _refuse_finalised(self.item_id and self.item.assessment)
        if self.item_id and self.score is not None and self.score > self.item.max_score:
            raise ValidationError(
                {
                    "score": _("The score may not exceed the item's maximum of %(max)s.")
                    % {"max": self.item.max_score}
                }
            )
        if self.item_id and self.unit_id and (
            self.unit.parent_id != self.item.assessment.unit_id
            or self.unit.level != self.item.assessment.unit_level
        ):
            raise ValidationError(
                {"unit": _("Only the units of the assessed group directly below the assessing "
                           "unit are scored.")}
            )


class ManualScoreEvidence(models.Model):
    """A file or photo that backs a manual score (an inspection report, a photo of the site)."""

    score = models.ForeignKey(
        ManualScore, verbose_name=_("score"), on_delete=models.CASCADE, related_name="evidence"
    )
    file = models.FileField(_("file"), upload_to="assessment-evidence/%Y/%m/")
    name = models.CharField(_("file name"), max_length=150, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    objects = ScopedManager()
    scope = Scope(unit="score__unit")

    class Meta:
        verbose_name = _("evidence of a manual score")
        verbose_name_plural = _("evidence of manual scores")
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.name or self.file.name


class FigureSnapshot(models.Model):
    """The last computed figures of one period for the whole network (every unit × indicator).

    ``reports.figures.period_values`` keeps them beside the cache: with the cache
    empty (a restart, a new deployment) a dashboard shows the snapshot at once and, when it is
    older than the cache would keep it, has it recomputed in the background. An invalidated
    snapshot (figures known to have changed) is never shown.
    """

    key = models.CharField(_("key"), max_length=120, unique=True)
    values = models.JSONField(_("figures"))
    computed_at = models.DateTimeField(_("computed at"))
    invalidated = models.BooleanField(_("invalidated"), default=False)

    class Meta:
        db_table = "practice_figuresnapshot"
        verbose_name = _("figure snapshot")
        verbose_name_plural = _("figure snapshots")

    def __str__(self):
        return self.key

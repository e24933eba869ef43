"""Admin of the reports: build a month, read stored reports, configure, score and finalise the
annual assessment. Every write goes through ``reports.services``."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from practice.admin_base import ReadOnlyInline, ScopedAdmin
from practice.exceptions import DomainError
from practice.models import Level, Unit
from practice.roles import STAFF_ROLES, Role, has_role

from . import selectors, services
from .models import (
    Assessment,
    AssessmentItem,
    ManualItem,
    ManualScore,
    ManualScoreEvidence,
    MonthlyReport,
    ReportRun,
    ReportValue,
)

BANNER_STAFF = frozenset({Role.BANNER_ADMIN})


class ReportValueInline(ReadOnlyInline):
    model = ReportValue
    fields = ["code", "label", "measure", "value"]

    def get_queryset(self, request):
        # Only the figures the reader may be shown, as on the page and in the API.
        return super().get_queryset(request) & selectors.values_shown(request.user)


class ReportLevelFilter(admin.SimpleListFilter):
    """The levels that have monthly reports (the banner and its townships), nothing else."""

    title = gettext_lazy("level")
    parameter_name = "level"

    def lookups(self, request, model_admin):
        return [(level.value, level.label) for level in services.REPORT_LEVELS]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(unit__level=self.value())
        return queryset


@admin.register(MonthlyReport)
class MonthlyReportAdmin(ScopedAdmin):
    list_display = ["unit", "year", "month", "generated_at", "run"]
    list_filter = ["year", "month", ReportLevelFilter]
    search_fields = ["unit__name", "unit__code"]
    list_select_related = ["unit", "run"]
    readonly_fields = ["unit", "year", "month", "generated_at", "run"]
    inlines = [ReportValueInline]
    actions = ["rebuild_months"]
    add_roles: frozenset = frozenset()
    change_roles: frozenset = frozenset()

    def has_rebuild_months_permission(self, request):
        return self._allowed(request, STAFF_ROLES)

    @admin.action(description=gettext_lazy("Rebuild the months of the selected reports"),
                  permissions=["rebuild_months"])
    def rebuild_months(self, request, queryset):
        months = sorted(set(queryset.values_list("year", "month")))
        for year, month in months:
            try:
                services.report_run_start(year=year, month=month, actor=request.user)
            except DomainError as exc:
                self.message_user(request, str(exc), messages.ERROR)
                return
        self.message_user(
            request,
            _("%(n)d build(s) queued; follow them under report runs.") % {"n": len(months)},
            messages.SUCCESS,
        )


class ReportRunForm(forms.ModelForm):
    class Meta:
        model = ReportRun
        fields = ["year", "month"]

    def clean(self):
        data = super().clean()
        if data.get("year") and data.get("month"):
            try:
                services.validate_month(data["year"], data["month"])
            except DomainError as exc:
                raise ValidationError({exc.field or "month": str(exc.message)}) from None
        return data


@admin.register(ReportRun)
class ReportRunAdmin(ScopedAdmin):
    """Adding a run is "build the reports of a month": it is queued and runs in the background."""

    form = ReportRunForm
    list_display = ["__str__", "year", "month", "state", "progress", "started_by", "created_at",
                    "finished_at"]
    list_filter = ["state", "year"]
    list_select_related = ["started_by"]
    readonly_fields = ["state", "progress", "error", "task_id", "started_by", "created_at",
                       "started_at", "finished_at"]
    change_roles: frozenset = frozenset()

    def get_fields(self, request, obj=None):
        return ["year", "month"] if obj is None else ["year", "month", *self.readonly_fields]

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else ["year", "month", *self.readonly_fields]

    def save_model(self, request, obj, form, change):
        if change:
            raise PermissionDenied
        try:
            run = services.report_run_start(year=obj.year, month=obj.month, actor=request.user)
        except DomainError as exc:
            raise PermissionDenied(str(exc)) from None
        obj.pk = run.pk
        obj.task_id, obj.state, obj.created_at = run.task_id, run.state, run.created_at


class FinalisedReadOnlyInline(admin.TabularInline):
    extra = 0

    def _open(self, request, obj):
        return (obj is None or not obj.finalised) and (
            request.user.is_superuser or has_role(request.user, *BANNER_STAFF)
        )

    def has_add_permission(self, request, obj=None):
        return self._open(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._open(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._open(request, obj)

    def has_view_permission(self, request, obj=None):
        return True


class AssessmentItemForm(forms.ModelForm):
    code = forms.ChoiceField(label=gettext_lazy("indicator"))

    class Meta:
        model = AssessmentItem
        fields = ["code", "weight", "target", "cap", "higher_is_better", "order"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from practice.indicators import all_indicators

        self.fields["code"].choices = [
            (i.code, f"{i.label}（{i.unit}）· {i.code}") for i in all_indicators()
        ]


class AssessmentItemInline(FinalisedReadOnlyInline):
    model = AssessmentItem
    form = AssessmentItemForm


class ManualItemInline(FinalisedReadOnlyInline):
    model = ManualItem
    fields = ["name", "max_score", "order"]


@admin.register(Assessment)
class AssessmentAdmin(ScopedAdmin):
    list_display = ["__str__", "year", "group", "unit", "finalised", "finalised_at"]
    list_filter = ["group", "year", "finalised"]
    list_select_related = ["unit"]
    inlines = [AssessmentItemInline, ManualItemInline]
    actions = ["finalise"]
    add_roles = BANNER_STAFF
    change_roles = BANNER_STAFF

    def get_readonly_fields(self, request, obj=None):
        fixed = ["finalised", "finalised_at", "finalised_by", "results"]
        if obj is not None and obj.finalised:
            return ["unit", "year", "group", "title", *fixed]
        return fixed

    def get_fields(self, request, obj=None):
        return ["unit", "year", "group", "title", "finalised", "finalised_at", "finalised_by",
                "results"]

    def save_related(self, request, form, formsets, change):
        """A new assessment gets its group's default items (those the form did not add)."""
        super().save_related(request, form, formsets, change)
        if not change:
            services.assessment_defaults_apply(form.instance)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "unit":
            kwargs["queryset"] = Unit.objects.for_user(request.user).filter(
                level__in=[Level.BANNER, Level.TOWNSHIP]
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description=gettext_lazy("scores and ranks"))
    def results(self, obj):
        if obj is None or obj.pk is None:
            return "-"
        data = selectors.assessment_results(obj)
        rows = format_html_join(
            "", "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            ((r["rank"], r["name"], r["head"] or "-", r["score"])
             for r in selectors.result_rows(data)),
        )
        return format_html(
            '<table><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>'
            "<tbody>{}</tbody></table>",
            _("Rank"), _("Unit"), _("Head (一把手)"), _("Score"), rows,
        )

    def has_finalise_permission(self, request):
        return self._allowed(request, BANNER_STAFF)

    @admin.action(description=gettext_lazy("Finalise (freeze the scores)"),
                  permissions=["finalise"])
    def finalise(self, request, queryset):
        done = 0
        for assessment in queryset:
            try:
                services.assessment_finalise(assessment, actor=request.user)
                done += 1
            except DomainError as exc:
                self.message_user(request, f"{assessment}: {exc}", messages.WARNING)
        if done:
            self.message_user(request, _("%(n)d assessment(s) finalised.") % {"n": done},
                              messages.SUCCESS)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(d, initial) for d in data]
        return [super().clean(data, initial)] if data else []


class ManualScoreForm(forms.ModelForm):
    evidence = MultipleFileField(
        label=gettext_lazy("evidence (files or photos)"), required=False,
        help_text=gettext_lazy("PDF, Word, Excel or photos, at most 10 MB each; added to the "
                               "score's evidence."))

    class Meta:
        model = ManualScore
        fields = ["item", "unit", "score", "note", "evidence"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["note"].required = True

    def clean_evidence(self):
        files = self.cleaned_data.get("evidence") or []
        for upload in files:
            try:
                services.evidence_check(upload)
            except DomainError as exc:
                raise ValidationError(str(exc.message)) from None
        return files


class ManualScoreEvidenceInline(ReadOnlyInline):
    model = ManualScoreEvidence
    fields = ["link", "uploaded_by", "uploaded_at"]
    readonly_fields = ["link", "uploaded_by", "uploaded_at"]

    @admin.display(description=gettext_lazy("file"))
    def link(self, obj):
        return format_html('<a href="{}">{}</a>', obj.file.url, obj.name or obj.file.name)


@admin.register(ManualScore)
class ManualScoreAdmin(ScopedAdmin):
    form = ManualScoreForm
    list_display = ["unit", "item", "score", "note", "scored_by", "scored_at"]
    list_filter = ["item__assessment__year", "item__assessment__group", "item"]
    readonly_fields = ["scored_by", "scored_at"]
    inlines = [ManualScoreEvidenceInline]
    search_fields = ["unit__name", "note"]
    list_select_related = ["unit", "item", "scored_by"]
    add_roles = BANNER_STAFF
    change_roles = BANNER_STAFF

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "item":
            kwargs["queryset"] = ManualItem.objects.for_user(request.user).filter(
                assessment__finalised=False
            ).select_related("assessment")
        if db_field.name == "unit":
            kwargs["queryset"] = Unit.objects.for_user(request.user).filter(
                level__in=[Level.TOWNSHIP, Level.DEPARTMENT]
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.item.assessment.finalised:
            return False
        return super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change):
        try:
            saved = services.manual_score_set(obj.item, obj.unit, score=obj.score, note=obj.note,
                                              evidence=form.cleaned_data.get("evidence") or (),
                                              actor=request.user)
        except DomainError as exc:
            raise PermissionDenied(str(exc)) from None
        obj.pk, obj.scored_by, obj.scored_at = saved.pk, saved.scored_by, saved.scored_at

"""Excel rosters of teams and volunteers (django-import-export).

Columns have Chinese headers; a volunteer is identified by the mobile phone, so a phone that
comes twice (in one sheet or in a later one) updates the same person instead of adding one.
Units are given by code and must lie in the importing user's area. A roster's own export
imports again without a change (unchanged rows are skipped and reported as such), and every
row number the import page shows is the row Excel shows (the header is row 1).
"""

from django.core.exceptions import ValidationError
from django.utils import timezone
from import_export import fields, forms, resources, widgets
from import_export.results import Result

from practice.models import Unit, mobile_validator
from practice.scoping import path_in_scope

from .models import Membership, Team, TeamKind, Volunteer

KIND_BY_LABEL = {"宣讲队": TeamKind.LECTURE, "巾帼志愿服务队": TeamKind.WOMEN,
                 "乌兰牧骑": TeamKind.ULAN_MUQIR, "党员志愿服务队": TeamKind.PARTY,
                 "专业志愿服务队": TeamKind.PROFESSIONAL, "其他服务队": TeamKind.OTHER}
LABEL_BY_KIND = {v: k for k, v in KIND_BY_LABEL.items()}


class ScopedUnitWidget(widgets.ForeignKeyWidget):
    def __init__(self, user=None):
        super().__init__(Unit, "code")
        self.user = user

    def clean(self, value, row=None, **kwargs):
        code = (str(value).strip() if value is not None else "")
        if not code:
            raise ValueError("请填写单位代码。")
        unit = Unit.objects.filter(code=code).first()
        if unit is None:
            raise ValueError(f"单位代码“{code}”不存在。")
        if self.user is not None and not path_in_scope(self.user, unit.path):
            raise ValueError(f"单位“{unit.name}”不在您的辖区内。")
        return unit


class DateWidget(widgets.DateWidget):
    """A date cell: a workbook's date, or text such as 2024-03-01; a bad one named in Chinese
    (the package's own message is English and untranslated)."""

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row, **kwargs)
        except ValueError:
            raise ValueError(f"“{str(value)[:20]}”不是有效的日期，请写成 2024-03-01 的格式。") \
                from None


class KindWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        value = (str(value).strip() if value is not None else "") or "其他服务队"
        if value in KIND_BY_LABEL:
            return KIND_BY_LABEL[value]
        if value in TeamKind.values:
            return value
        raise ValueError("队伍类型应为：" + "、".join(KIND_BY_LABEL) + "。")

    def render(self, value, obj=None, **kwargs):
        return LABEL_BY_KIND.get(value, value)


class ExcelRowResult(Result):
    """Row numbers as Excel shows them: the header is row 1, so the first data row is row 2
    (the package counts data rows from 1)."""

    def append_invalid_row(self, number, row, validation_error):
        super().append_invalid_row(number + 1, row, validation_error)

    def append_error_row(self, number, row, errors):
        super().append_error_row(number + 1, row, errors)

    def row_errors(self):
        # The package numbers these by their place among the reported rows, which skipped
        # rows leave out; the error rows keep the number of the row itself.
        return [(row.number, row.errors) for row in self.error_rows]


class ScopedResource(resources.ModelResource):
    def __init__(self, user=None, **kwargs):
        super().__init__(**kwargs)
        self.user = user
        self.fields["unit"].widget = ScopedUnitWidget(user)

    def get_result_class(self):
        return ExcelRowResult

    def before_import_row(self, row, **kwargs):
        # An empty cell of a workbook reads as None, which the page of invalid rows would
        # show as the word "None": an empty cell is empty text.
        for key, value in list(row.items()):
            if value is None:
                row[key] = ""

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        """Errors keyed by the sheet's Chinese column (单位代码), not the model's field (unit),
        which the import page would show as "UNIT"."""
        try:
            super().validate_instance(instance, import_validation_errors, validate_unique)
        except ValidationError as e:
            column = {f.attribute: f.column_name for f in self.fields.values() if f.attribute}
            raise ValidationError({column.get(name, name): errors
                                   for name, errors in e.message_dict.items()}) from None


class TeamResource(ScopedResource):
    name = fields.Field(attribute="name", column_name="队名")
    kind = fields.Field(attribute="kind", column_name="类型", widget=KindWidget())
    unit = fields.Field(attribute="unit", column_name="单位代码")
    # An empty cell of a workbook reads as None: CharWidget makes it the empty text again.
    description = fields.Field(attribute="description", column_name="说明",
                               widget=widgets.CharWidget())

    class Meta:
        model = Team
        fields = ("name", "kind", "unit", "description")
        import_id_fields = ("unit", "name")
        skip_unchanged = True
        clean_model_instances = True  # lengths and choices checked before the database

    def before_import_row(self, row, **kwargs):
        super().before_import_row(row, **kwargs)
        if not str(row.get("队名") or "").strip():
            raise ValueError("请填写队名。")


def team_names(row) -> list[str]:
    """The team names of a row's 所在服务队 cell, separated by "；" (or ";")."""
    text = str(row.get("所在服务队") or "").replace(";", "；")
    return [n.strip() for n in text.split("；") if n.strip()]


class TeamsField(fields.Field):
    """The volunteer's teams, "；"-separated. Read here rather than by a ``dehydrate_`` method
    of the resource, which the package calls when it exports but not for the import preview,
    whose team column stayed blank. Memberships are written by ``after_save_instance``."""

    def get_value(self, instance):
        if instance is None or instance.pk is None:
            return ""
        return "；".join(instance.teams.order_by("name").values_list("name", flat=True))

    def export(self, instance, **kwargs):
        return self.get_value(instance)


class VolunteerResource(ScopedResource):
    name = fields.Field(attribute="name", column_name="姓名")
    phone = fields.Field(attribute="phone", column_name="手机号")
    unit = fields.Field(attribute="unit", column_name="单位代码")
    skills = fields.Field(attribute="skills", column_name="特长", widget=widgets.CharWidget())
    registered_on = fields.Field(attribute="registered_on", column_name="注册日期",
                                 widget=DateWidget())
    teams = TeamsField(column_name="所在服务队")

    class Meta:
        model = Volunteer
        fields = ("name", "phone", "unit", "skills", "registered_on", "teams")
        import_id_fields = ("phone",)
        clean_model_instances = True  # lengths checked before the database (PostgreSQL)
        # A row that changes nothing is skipped and listed as such: the roster's own export
        # imports again without a change.
        skip_unchanged = True
        report_skipped = True

    def skip_row(self, instance, original, row, import_validation_errors=None):
        """Unchanged fields, and no team in the row the volunteer is not in yet (an import
        adds memberships, it never ends one)."""
        if not super().skip_row(instance, original, row, import_validation_errors):
            return False
        held = set(original.teams.values_list("name", flat=True)) if original.pk else set()
        return set(team_names(row)) <= held

    def before_import_row(self, row, **kwargs):
        super().before_import_row(row, **kwargs)
        phone = str(row.get("手机号") or "").strip()
        if phone.endswith(".0"):  # Excel stores numbers as floats
            phone = phone[:-2]
        row["手机号"] = phone
        if not str(row.get("姓名") or "").strip():
            raise ValueError("请填写姓名。")
        try:
            mobile_validator(phone)
        except ValidationError:
            raise ValueError(f"手机号“{phone}”不是有效的11位手机号。") from None
        if not row.get("注册日期"):
            row["注册日期"] = timezone.localdate()

    def after_save_instance(self, instance, row, **kwargs):
        for name in team_names(row):
            team = Team.objects.filter(name=name, unit__path__startswith=self._area_path(
                instance)).first() or Team.objects.filter(name=name).first()
            if team is None:
                raise ValueError(f"服务队“{name}”不存在，请先导入服务队。")
            if self.user is not None and not path_in_scope(self.user, team.unit.path):
                raise ValueError(f"服务队“{name}”不在您的辖区内。")
            Membership.objects.get_or_create(team=team, volunteer=instance,
                                             defaults={"joined_on": timezone.localdate()})

    def _area_path(self, volunteer):
        unit = volunteer.unit
        return unit.township.path if unit.township_id else unit.path


class ExportForm(forms.SelectableFieldsExportForm):
    """The export page's column checkboxes labelled with the sheet's Chinese headers: the
    package would write "Name (姓名)" (the field's English name, then its column)."""

    def __init__(self, formats, resources, **kwargs):
        super().__init__(formats, resources, **kwargs)
        for resource in resources:
            for name, field in resource.fields.items():
                key = self.create_boolean_field_name(resource, name)
                if key in self.fields and field.column_name:
                    self.fields[key].label = field.column_name

"""Household rosters: an Excel file in, households and their villagers' accounts out.

The flow: :func:`household_import_create` reads the upload (openpyxl's read-only mode), checks
every cell, and stores the rows and a preview on a :class:`~practice.models.HouseholdImport`:
new, changed and unchanged households, households of the area that are not in the file (left
alone: an import never deletes), every error with its Excel row number (the header is row 1),
and every phone conflict, which staff resolve themselves (nothing is guessed). Staff confirm
(:func:`household_import_confirm`); the apply runs as a Celery task through the outbox
(in-process in the embedded set-up) and calls :func:`household_import_apply`, which plans again
against the database as it is then and writes everything in one transaction with bulk
operations, or nothing.

Accounts: each household's listed phone is the sign-in phone of an account of that household
(role villager, username = the phone, no usable password: it signs in by SMS code). Staff add
more phones to a household (:func:`household_phone_add`); when a household's phone changes (by
import or :func:`household_phone_change`) the old phone's account leaves the household, and
is deactivated unless it has a staff role or a volunteer profile (its history is kept).

The cell format of 特殊家庭: the labels 低保, 五保, 独居老人, 残疾, several separated by 、 or a
comma (e.g. ``低保、独居老人``); an empty cell clears the flags.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import outbox
from .audit import set_actor
from .exceptions import Conflict, Forbidden, InvalidInput, NotFound
from .models import Household, HouseholdImport, Level, Unit, User, mobile_validator
from .roles import STAFF_ROLES, SUBTREE_ROLES, Role, has_role
from .scoping import path_in_scope, unit_in_scope

# The sheet's columns, in the template's order: (header, key).
COLUMNS = [
    ("户号", "number"),
    ("户主姓名", "head_name"),
    ("手机号", "phone"),
    ("组/自然村", "group"),
    ("人口", "population"),
    ("特殊家庭", "flags"),
]
VILLAGE_COLUMN = "嘎查村"  # optional: a village's code or name (imports of a whole area)
HEADER_ALIASES = {"组／自然村": "组/自然村", "组": "组/自然村", "自然村": "组/自然村",
                  "户主": "户主姓名", "电话": "手机号", "联系电话": "手机号", "村": VILLAGE_COLUMN}
FLAG_BY_LABEL = {"低保": "low_income", "五保": "five_guarantees", "独居老人": "elderly_alone",
                 "残疾": "disability"}
LABEL_BY_FLAG = {v: k for k, v in FLAG_BY_LABEL.items()}
FLAG_SEPARATORS = re.compile(r"[、,，;；/\s]+")
FIELD_LABELS = {"head_name": "户主姓名", "phone": "手机号", "group": "组/自然村",
                "population": "人口", "flags": "特殊家庭"}

MAX_ROWS = 50_000
MAX_BYTES = 20 * 1024 * 1024
MAX_UNPACKED = 300 * 1024 * 1024  # an .xlsx is a zip: refuse one that unpacks to more
MAX_SHOWN = 200  # rows of each list the preview keeps for the page (counts are always whole)
IMPORT_ROLES = STAFF_ROLES  # station staff, township staff, banner administrators
BATCH = 1000
CHUNK = 2000  # values in one ``__in`` query


# --- reading the file ---------------------------------------------------------------------
def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _phone(value) -> str:
    text = _text(value).replace(" ", "").replace("-", "")
    return text[:-2] if text.endswith(".0") else text


@dataclass
class Sheet:
    rows: list[dict]
    errors: list[tuple[int, str]]


def roster_read(upload) -> Sheet:
    """The rows of an uploaded roster, each checked on its own; a file that cannot be read at
    all raises :class:`InvalidInput` with a Chinese message."""
    from openpyxl import load_workbook

    size = getattr(upload, "size", None)
    if size is not None and size > MAX_BYTES:
        raise InvalidInput(_("The file is too large (at most %(mb)d MB).")
                           % {"mb": MAX_BYTES // (1024 * 1024)}, field="file")
    if size == 0:
        raise InvalidInput(_("The file is empty."), field="file")
    try:
        data = upload.read()
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(item.file_size for item in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        unpacked = 0  # not a zip at all: openpyxl says so below
    if unpacked > MAX_UNPACKED:
        raise InvalidInput(_("The file is too large (at most %(mb)d MB).")
                           % {"mb": MAX_BYTES // (1024 * 1024)}, field="file")
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError, EOFError):
        raise InvalidInput(_("The file is not an Excel workbook (.xlsx). Save it as .xlsx "
                             "(Excel 2007 or later) and upload it again."), field="file") from None
    except Exception:  # openpyxl raises its own kinds for damaged parts of a workbook
        raise InvalidInput(_("The file is damaged and cannot be read."), field="file") from None
    try:
        return _read_sheet(workbook.worksheets[0] if workbook.worksheets else None)
    except InvalidInput:
        raise
    except Exception:
        raise InvalidInput(_("The file is damaged and cannot be read."), field="file") from None
    finally:
        workbook.close()


def _read_sheet(sheet) -> Sheet:
    if sheet is None:
        raise InvalidInput(_("The file is empty."), field="file")
    lines = sheet.iter_rows(values_only=True, max_col=30)
    header = next(lines, None)
    if header is None or not any(_text(c) for c in header):
        raise InvalidInput(_("The file is empty: the first row must hold the column headers."),
                           field="file")
    positions = {}
    for i, cell in enumerate(header):
        name = _text(cell).replace(" ", "")
        name = HEADER_ALIASES.get(name, name)
        if name and name not in positions:
            positions[name] = i
    missing = [h for h, _key in COLUMNS if h not in positions]
    if missing:
        raise InvalidInput(_("Columns missing from the first row: %(columns)s. Download the "
                             "template to see them.") % {"columns": "、".join(missing)},
                           field="file")
    rows, errors = [], []
    seen: dict[str, int] = {}
    for number, line in enumerate(lines, start=2):
        if number - 1 > MAX_ROWS:
            raise InvalidInput(_("The file has more than %(max)d rows; split it into smaller "
                                 "files.") % {"max": MAX_ROWS}, field="file")
        if not any(c is not None and _text(c) for c in line):
            continue

        def cell(name, line=line):
            i = positions.get(name)
            return line[i] if i is not None and i < len(line) else None

        row, problems = _row(number, cell)
        if not problems and row["number"] in seen:
            problems.append(_("Household number %(number)s is also on row %(other)d.")
                            % {"number": row["number"], "other": seen[row["number"]]})
        if row["number"]:
            seen.setdefault(row["number"], number)
        if problems:
            errors.extend((number, p) for p in problems)
            row["invalid"] = True
        rows.append(row)
    if not rows and not errors:
        raise InvalidInput(_("The file has no households below the header row."), field="file")
    return Sheet(rows=rows, errors=errors)


def _row(number, cell) -> tuple[dict, list[str]]:
    problems = []
    household_number = _text(cell("户号"))
    head_name = _text(cell("户主姓名"))
    phone = _phone(cell("手机号"))
    group = _text(cell("组/自然村"))
    population_text = _text(cell("人口"))
    flags_text = _text(cell("特殊家庭"))
    if not household_number:
        problems.append(_("The household number (户号) is empty."))
    elif len(household_number) > 32:
        problems.append(_("The household number is longer than 32 characters."))
    if not head_name:
        problems.append(_("The head of household's name (户主姓名) is empty."))
    elif len(head_name) > 50:
        problems.append(_("The head of household's name is longer than 50 characters."))
    if phone:
        try:
            mobile_validator(phone)
        except Exception:
            problems.append(_("%(phone)s is not a valid 11-digit mobile number.")
                            % {"phone": phone[:20]})
    if len(group) > 50:
        problems.append(_("The group / natural village is longer than 50 characters."))
    population = None
    if population_text:
        try:
            population = int(float(population_text))
            if population != float(population_text) or not 0 < population < 100:
                raise ValueError
        except ValueError:
            problems.append(_("The population (人口) must be a whole number from 1 to 99, not "
                              "%(value)s.") % {"value": population_text[:20]})
            population = None
    flags = []
    for label in FLAG_SEPARATORS.split(flags_text):
        if not label:
            continue
        flag = FLAG_BY_LABEL.get(label)
        if flag is None:
            problems.append(_("Unknown special family kind %(label)s; allowed: %(allowed)s.")
                            % {"label": f"“{label[:20]}”", "allowed": "、".join(FLAG_BY_LABEL)})
        elif flag not in flags:
            flags.append(flag)
    row = {"row": number, "number": household_number, "head_name": head_name, "phone": phone,
           "group": group, "population": population,
           "flags": [f for f in Household.SPECIAL_FLAGS if f in flags],
           "village": _text(cell(VILLAGE_COLUMN))[:100]}
    return row, problems


def roster_template() -> bytes:
    """The template workbook: the header row, two example rows and a sheet of notes."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "农户花名册"
    sheet.append([h for h, _key in COLUMNS] + [VILLAGE_COLUMN])
    for c in sheet[1]:
        c.font = Font(bold=True)
    sheet.append(["T05V01-0001", "包金山", "13512345678", "一组", 4, "低保、独居老人", ""])
    sheet.append(["T05V01-0002", "王玉梅", "", "哈拉嘎自然村", 2, "", ""])
    for column, width in zip("ABCDEFG", (16, 12, 14, 16, 8, 20, 14), strict=True):
        sheet.column_dimensions[column].width = width
        # Numbers and phones stay text: Excel would show 13800000001 as 1.38E+10.
    for row in sheet.iter_rows(min_row=2, max_row=MAX_ROWS, min_col=1, max_col=3):
        for c in row:
            c.number_format = "@"
        if row[0].row > 3:
            break
    notes = workbook.create_sheet("填写说明")
    for line in (
        ["列", "说明"],
        ["户号", "必填。全旗唯一，按户号匹配已有农户：同一文件再导入一次不会有任何变化。"],
        ["户主姓名", "必填。"],
        ["手机号", "选填。11位手机号；该号码成为本户的登录手机号（凭短信验证码登录）。"
                  "一个手机号只能属于一户。"],
        ["组/自然村", "选填。"],
        ["人口", "选填。1到99的整数。"],
        ["特殊家庭", "选填。可填：低保、五保、独居老人、残疾；多项用“、”或逗号分隔，"
                    "如“低保、独居老人”。留空表示没有。"],
        ["嘎查村", "选填。上传时选了嘎查村则不必填写；按整个辖区导入时填嘎查村代码或名称，"
                  "不填则取户号中“-”前面的部分作为嘎查村代码。"],
        ["说明", "文件中没有的农户不会被删除，只在预览中列出。第一行是表头，数据从第2行开始。"],
    ):
        notes.append(line)
    notes.column_dimensions["A"].width = 12
    notes.column_dimensions["B"].width = 90
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def roster_export(households) -> bytes:
    """``households`` as a roster file in the template's columns (嘎查村 by code): edited and
    uploaded again, it changes what was edited and nothing else."""
    import tablib

    from .exports import dataset_xlsx

    data = tablib.Dataset(headers=[h for h, _key in COLUMNS] + [VILLAGE_COLUMN],
                          title="农户花名册")
    for h in households.select_related("village").order_by("village__path", "number"):
        flags = _flags_of(h)
        data.append([h.number, h.head_name, h.phone, h.group, h.population,
                     "、".join(LABEL_BY_FLAG[f] for f in flags), h.village.code])
    return dataset_xlsx(data)


# --- planning: what the file would change -------------------------------------------------
@dataclass
class Plan:
    errors: list = field(default_factory=list)  # (row, message)
    conflicts: list = field(default_factory=list)  # (row, message)
    new: list = field(default_factory=list)  # row dicts with "village_id"
    changed: list = field(default_factory=list)  # (household, row, [(label, old, new)])
    unchanged: int = 0
    not_in_file: list = field(default_factory=list)  # (number, head_name, village name)
    not_in_file_count: int = 0
    accounts_new: list = field(default_factory=list)  # (phone, household number, head_name)
    accounts_leaving: list = field(default_factory=list)  # user pks
    villages: dict = field(default_factory=dict)  # pk -> Unit

    @property
    def blocked(self) -> bool:
        return bool(self.errors or self.conflicts)

    def as_preview(self) -> dict:
        def cut(items):
            return list(items)[:MAX_SHOWN]

        return {
            "counts": {"new": len(self.new), "changed": len(self.changed),
                       "unchanged": self.unchanged, "not_in_file": self.not_in_file_count,
                       "errors": len(self.errors), "conflicts": len(self.conflicts),
                       "accounts_new": len(self.accounts_new),
                       "accounts_leaving": len(self.accounts_leaving)},
            "errors": [{"row": r, "message": m} for r, m in sorted(self.errors)[:1000]],
            "conflicts": [{"row": r, "message": m} for r, m in sorted(self.conflicts)[:1000]],
            "new": cut({"row": r["row"], "number": r["number"], "head_name": r["head_name"],
                        "phone": r["phone"], "village": self.villages[r["village_id"]].name}
                       for r in self.new),
            "changed": cut({"row": r["row"], "number": h.number, "head_name": r["head_name"],
                            "changes": [list(c) for c in changes]}
                           for h, r, changes in self.changed),
            "not_in_file": cut({"number": n, "head_name": name, "village": v}
                               for n, name, v in self.not_in_file),
        }


def _chunks(values, size=CHUNK):
    values = list(values)
    for i in range(0, len(values), size):
        yield values[i:i + size]


def _flags_of(household) -> list[str]:
    return [f for f in Household.SPECIAL_FLAGS if getattr(household, f)]


def _flag_text(flags) -> str:
    return "、".join(LABEL_BY_FLAG[f] for f in flags) or "—"


def _changes(household, row) -> list[tuple[str, str, str]]:
    changes = []
    for key in ("head_name", "phone", "group"):
        old, new = getattr(household, key) or "", row[key]
        if old != new:
            changes.append((FIELD_LABELS[key], old or "—", new or "—"))
    if household.population != row["population"]:
        changes.append((FIELD_LABELS["population"], str(household.population or "—"),
                        str(row["population"] or "—")))
    if _flags_of(household) != row["flags"]:
        changes.append((FIELD_LABELS["flags"], _flag_text(_flags_of(household)),
                        _flag_text(row["flags"])))
    return changes


def _village_resolver(actor, village):
    """``resolve(row) -> (unit | None, error | None)`` for the rows of one import."""
    if village is not None:
        def fixed(row):
            given = row["village"]
            if given and given not in (village.code, village.name):
                return None, _("The village %(given)s is not the village chosen for this import "
                               "(%(village)s).") % {"given": f"“{given}”", "village": village.name}
            return village, None
        return fixed
    area = Unit.objects.for_user(actor).filter(level=Level.VILLAGE).select_related("parent")
    by_code, by_name = {}, {}
    for unit in area:
        by_code[unit.code] = unit
        by_name.setdefault(unit.name, []).append(unit)

    def resolve(row):
        given = row["village"]
        if given:
            if given in by_code:
                return by_code[given], None
            named = by_name.get(given, [])
            if len(named) == 1:
                return named[0], None
            if len(named) > 1:
                return None, _("Several villages of your area are called %(name)s: give its "
                               "code.") % {"name": f"“{given}”"}
            return None, _("No village %(given)s in your area.") % {"given": f"“{given}”"}
        prefix = row["number"].split("-", 1)[0]
        if prefix in by_code:
            return by_code[prefix], None
        return None, _("The village of this row is unknown: choose a village on the upload "
                       "form, or fill in the column 嘎查村.")
    return resolve


def _who(user, actor) -> str:
    """How a conflicting account is named to the importer: no details from outside their area."""
    household = user.household
    if household is not None and path_in_scope(actor, household.village.path):
        return _("the account of household %(number)s (%(name)s)") % {
            "number": household.number, "name": user.real_name or household.head_name}
    if user.unit_id and path_in_scope(actor, user.unit.path):
        return _("the account %(name)s (%(role)s)") % {
            "name": user.real_name or user.username, "role": user.get_role_display()}
    return _("an account outside your area")


def roster_plan(rows: list[dict], *, actor, village=None, sheet_errors=(), progress=None) -> Plan:
    """What importing ``rows`` would do now. Reads only."""
    plan = Plan(errors=list(sheet_errors))
    resolve = _village_resolver(actor, village)
    valid = []
    for row in rows:
        if row.get("invalid"):
            continue
        unit, problem = resolve(row)
        if problem:
            plan.errors.append((row["row"], problem))
            continue
        plan.villages[unit.pk] = unit
        valid.append({**row, "village_id": unit.pk})
    numbers = [r["number"] for r in rows if r["number"]]
    existing = {}
    for i, chunk in enumerate(_chunks(numbers)):
        for h in Household.objects.filter(number__in=chunk).select_related("village"):
            existing[h.number] = h
        if progress:
            progress(min(10, 10 * (i + 1) * CHUNK // max(len(numbers), 1)))
    phones = [r["phone"] for r in valid if r["phone"]]
    users = {}
    for chunk in _chunks(phones):
        wanted = set(chunk)
        for u in User.objects.filter(Q(phone__in=chunk) | Q(username__in=chunk)).select_related(
                "household__village", "unit"):
            for key in {u.phone, u.username} & wanted:
                users.setdefault(key, u)
    listed_elsewhere = {}
    file_numbers = set(numbers)
    for chunk in _chunks(phones):
        for h in Household.objects.filter(phone__in=chunk).select_related("village"):
            if h.number not in file_numbers:
                listed_elsewhere.setdefault(h.phone, h)
    if progress:
        progress(20)
    rows_of_phone: dict[str, list[int]] = {}
    for r in valid:
        if r["phone"]:
            rows_of_phone.setdefault(r["phone"], []).append(r["row"])

    leaving_keys = []  # (household pk, old phone)
    for r in valid:
        h = existing.get(r["number"])
        if h is not None:
            if not path_in_scope(actor, h.village.path):
                plan.errors.append((r["row"], _("Household number %(number)s belongs to a "
                                                "household outside your area.")
                                    % {"number": r["number"]}))
                continue
            if h.village_id != r["village_id"]:
                plan.errors.append((r["row"], _("Household %(number)s is registered in "
                                                "%(village)s, not in the village of this row.")
                                    % {"number": h.number, "village": h.village.name}))
                continue
        if r["phone"] and _phone_conflict(plan, r, h, rows_of_phone, users, listed_elsewhere,
                                          actor):
            continue
        if h is None:
            plan.new.append(r)
            if r["phone"]:
                plan.accounts_new.append((r["phone"], r["number"], r["head_name"]))
            continue
        changes = _changes(h, r)
        if changes:
            plan.changed.append((h, r, changes))
        else:
            plan.unchanged += 1
        if r["phone"] and r["phone"] not in users:
            plan.accounts_new.append((r["phone"], r["number"], r["head_name"]))
        if h.phone and h.phone != r["phone"]:
            leaving_keys.append((h.pk, h.phone))
    for chunk in _chunks(leaving_keys, 500):
        q = Q()
        for household_id, phone in chunk:
            q |= Q(household_id=household_id, phone=phone)
        plan.accounts_leaving += list(User.objects.filter(q).values_list("pk", flat=True))

    villages_in_file = ([village.pk] if village is not None else list(plan.villages))
    # Compared in Python: a NOT IN of every number of a large file costs more than reading
    # the numbers of the file's villages once.
    missing = [pk for pk, number in Household.objects.filter(village_id__in=villages_in_file)
               .order_by("number").values_list("pk", "number") if number not in file_numbers]
    plan.not_in_file_count = len(missing)
    plan.not_in_file = list(Household.objects.filter(pk__in=missing[:MAX_SHOWN])
                            .order_by("number").values_list("number", "head_name",
                                                            "village__name"))
    if progress:
        progress(30)
    return plan


def _phone_conflict(plan, r, h, rows_of_phone, users, listed_elsewhere, actor) -> bool:
    phone = r["phone"]
    others = [n for n in rows_of_phone[phone] if n != r["row"]]
    if others:
        plan.conflicts.append((r["row"], _("Mobile number %(phone)s is listed by several "
                                           "households of the file (rows %(rows)s): a phone "
                                           "belongs to one household.")
                               % {"phone": phone,
                                  "rows": "、".join(str(n) for n in rows_of_phone[phone])}))
        return True
    user = users.get(phone)
    if user is not None and (h is None or user.household_id != h.pk or user.phone != phone):
        plan.conflicts.append((r["row"], _("Mobile number %(phone)s already signs in "
                                           "%(who)s, which is not of this household.")
                               % {"phone": phone, "who": _who(user, actor)}))
        return True
    other = listed_elsewhere.get(phone)
    if other is not None:
        where = (_("household %(number)s (%(name)s)") % {"number": other.number,
                                                         "name": other.head_name}
                 if path_in_scope(actor, other.village.path)
                 else _("a household outside your area"))
        plan.conflicts.append((r["row"], _("Mobile number %(phone)s is already the phone of "
                                           "%(where)s.") % {"phone": phone, "where": where}))
        return True
    return False


# --- the import record: create, confirm, apply -------------------------------------------
def may_import(user) -> bool:
    return user.is_superuser or has_role(user, *IMPORT_ROLES)


def import_villages(actor):
    """The villages ``actor`` may choose on the upload form."""
    return Unit.objects.for_user(actor).filter(level=Level.VILLAGE).order_by("path")


def household_import_create(*, actor, upload, village=None) -> HouseholdImport:
    """Read ``upload`` and store its rows and preview; nothing else is written."""
    if not may_import(actor):
        raise Forbidden()
    if village is not None and (village.level != Level.VILLAGE
                                or not unit_in_scope(actor, village)):
        raise InvalidInput(_("Choose a village of your area."), field="village")
    if village is None and actor.unit_id and actor.unit.level == Level.VILLAGE:
        village = actor.unit  # station staff import into their own village
    sheet = roster_read(upload)
    plan = roster_plan(sheet.rows, actor=actor, village=village, sheet_errors=sheet.errors)
    area = village or actor.unit or Unit.objects.filter(parent__isnull=True).first()
    return HouseholdImport.objects.create(
        area=area, village=village, actor=actor,
        file_name=str(getattr(upload, "name", "") or "")[:200], total_rows=len(sheet.rows),
        rows=[] if plan.blocked else sheet.rows, preview=plan.as_preview(),
    )


def import_blocked(imp: HouseholdImport) -> bool:
    """Errors or conflicts in the preview: nothing can be applied until the file is fixed."""
    counts = (imp.preview or {}).get("counts", {})
    return bool(counts.get("errors") or counts.get("conflicts"))


def household_import_get(*, actor, pk) -> HouseholdImport:
    imp = HouseholdImport.objects.for_user(actor).select_related("area", "village", "actor") \
        .filter(pk=pk).first()
    if imp is None:
        raise NotFound()
    return imp


def household_import_confirm(imp: HouseholdImport, *, actor) -> HouseholdImport:
    """Queue the apply of a previewed import (after commit, through the outbox)."""
    if not may_import(actor):
        raise Forbidden()
    if not HouseholdImport.objects.for_user(actor).filter(pk=imp.pk).exists():
        raise NotFound()
    if import_blocked(imp):
        raise Conflict(_("Correct the errors and conflicts in the file, then upload it again."))
    moved = HouseholdImport.objects.filter(pk=imp.pk, state=HouseholdImport.State.PREVIEW) \
        .update(state=HouseholdImport.State.QUEUED)
    imp.refresh_from_db()
    if not moved:
        raise Conflict(_("This import cannot be confirmed now (%(state)s).")
                       % {"state": imp.get_state_display()})
    outbox.enqueue("practice.household_import_apply", import_id=imp.pk)
    return imp


def _progress_key(pk) -> str:
    return f"practice:household-import:{pk}:progress"


def import_progress(imp: HouseholdImport) -> int:
    """The progress to show: the record's, or the cache's while the writes are under way
    (a transaction's own updates are invisible to other connections until it commits)."""
    if imp.state in (HouseholdImport.State.DONE, HouseholdImport.State.FAILED):
        return imp.progress
    return max(imp.progress, cache.get(_progress_key(imp.pk)) or 0)


def household_import_apply(*, import_id: int) -> HouseholdImport | None:
    """Apply a confirmed import: plan again, then write all of it in one transaction or, on
    any error or conflict, nothing. Safe to run twice (a second run finds nothing to do)."""
    imp = HouseholdImport.objects.select_related("village", "actor__unit").filter(
        pk=import_id).first()
    if imp is None or imp.state not in (HouseholdImport.State.QUEUED,
                                        HouseholdImport.State.APPLYING):
        return imp
    actor = imp.actor
    HouseholdImport.objects.filter(pk=imp.pk).update(state=HouseholdImport.State.APPLYING,
                                                     progress=1)

    def progress(value):
        HouseholdImport.objects.filter(pk=imp.pk).update(progress=min(int(value), 99))

    try:
        if actor is None or not actor.is_active or not may_import(actor):
            raise Forbidden()
        plan = roster_plan(imp.rows, actor=actor, village=imp.village, progress=progress)
        if plan.blocked:
            return _fail(imp, _("The data changed after the preview: upload the file again to "
                                "see the errors and conflicts."), plan)
        with transaction.atomic():
            locked = HouseholdImport.objects.select_for_update().get(pk=imp.pk)
            if locked.state == HouseholdImport.State.DONE:
                return locked
            set_actor(actor)
            result = _write(plan, imp)
            HouseholdImport.objects.filter(pk=imp.pk).update(
                state=HouseholdImport.State.DONE, progress=100, result=result,
                finished_at=timezone.now(), preview=plan.as_preview(), error="")
    except IntegrityError:
        return _fail(imp, _("The data changed while the import was applied; nothing was "
                            "written. Upload the file again."))
    except Forbidden:
        return _fail(imp, _("The importer may no longer import households; nothing was "
                            "written."))
    cache.delete(_progress_key(imp.pk))
    imp.refresh_from_db()
    return imp


def _fail(imp, message, plan=None):
    fields = {"state": HouseholdImport.State.FAILED, "error": message,
              "finished_at": timezone.now()}
    if plan is not None:
        fields["preview"] = plan.as_preview()
    HouseholdImport.objects.filter(pk=imp.pk).update(**fields)
    imp.refresh_from_db()
    return imp


def _set_flags(household, flags):
    for f in Household.SPECIAL_FLAGS:
        setattr(household, f, f in flags)


def _write(plan: Plan, imp) -> dict:
    total = len(plan.new) + len(plan.changed) + len(plan.accounts_new) or 1
    done = 0

    def step(n):
        nonlocal done
        done += n
        cache.set(_progress_key(imp.pk), 30 + int(69 * done / total), 3600)

    new = []
    for r in plan.new:
        h = Household(village_id=r["village_id"], number=r["number"], head_name=r["head_name"],
                      phone=r["phone"], group=r["group"], population=r["population"])
        _set_flags(h, r["flags"])
        new.append(h)
    for chunk in _chunks(new, BATCH):
        Household.objects.bulk_create(chunk)
        step(len(chunk))
    changed = []
    for h, r, _changes in plan.changed:
        h.head_name, h.phone, h.group, h.population = (r["head_name"], r["phone"], r["group"],
                                                       r["population"])
        _set_flags(h, r["flags"])
        changed.append(h)
    for chunk in _chunks(changed, BATCH):
        Household.objects.bulk_update(chunk, ["head_name", "phone", "group", "population",
                                              *Household.SPECIAL_FLAGS])
        step(len(chunk))
    accounts_leaving(plan.accounts_leaving)
    household_ids, village_of = {}, {}
    numbers = [number for _phone_, number, _name in plan.accounts_new]
    for chunk in _chunks(numbers):
        for number, pk, village_id in Household.objects.filter(number__in=chunk).values_list(
                "number", "pk", "village_id"):
            household_ids[number], village_of[number] = pk, village_id
    unusable = make_password(None)
    accounts = [
        User(username=phone, phone=phone, real_name=name[:50], role=Role.VILLAGER,
             household_id=household_ids[number], unit_id=village_of[number], password=unusable,
             is_staff=False)
        for phone, number, name in plan.accounts_new
    ]
    for chunk in _chunks(accounts, BATCH):
        User.objects.bulk_create(chunk)
        step(len(chunk))
    return {"new": len(plan.new), "changed": len(plan.changed), "unchanged": plan.unchanged,
            "accounts_new": len(accounts), "accounts_leaving": len(plan.accounts_leaving)}


# --- accounts of a household ---------------------------------------------------------------
def _other_capacity() -> Q:
    """Accounts that keep a way to sign in without a household: a staff role or a volunteer
    profile (the volunteers app's one-to-one ``volunteer``, named without importing it)."""
    q = Q(role__in=SUBTREE_ROLES)
    if any(f.name == "has_volunteer_profile" for f in User._meta.fields):
        q |= Q(has_volunteer_profile=True)
    if any(rel.name == "volunteer" for rel in User._meta.related_objects):
        q |= Q(volunteer__isnull=False)
    return q


def accounts_leaving(user_ids) -> None:
    """Take the accounts ``user_ids`` out of their household; those with neither a staff role
    nor a volunteer profile can no longer sign in (deactivated, their history kept)."""
    user_ids = list(user_ids)
    for chunk in _chunks(user_ids):
        User.objects.filter(pk__in=chunk).update(household=None)
        User.objects.filter(pk__in=chunk).exclude(_other_capacity()).update(is_active=False)
        # A villager account that volunteers stays, as a volunteer: without a household it is
        # no villager any more.
        User.objects.filter(pk__in=chunk, role=Role.VILLAGER, is_active=True).update(
            role=Role.VOLUNTEER)


def _scoped_household(household, actor) -> Household:
    if not (actor.is_superuser or has_role(actor, *STAFF_ROLES)):
        raise Forbidden()
    locked = (Household.objects.for_user(actor).select_for_update().select_related("village")
              .filter(pk=household.pk).first())
    if locked is None:
        raise NotFound()
    return locked


def _clean_phone(phone) -> str:
    phone = _phone(phone)
    try:
        mobile_validator(phone)
    except Exception:
        raise InvalidInput(_("Enter a valid mainland mobile number (11 digits starting with "
                             "1)."), field="phone") from None
    return phone


def household_accounts(household):
    return User.objects.filter(household=household).order_by("date_joined", "pk")


@transaction.atomic
def household_phone_add(household, *, phone, actor) -> User:
    """Add a phone to ``household``: an account of the household that signs in with it (a son
    in the city orders for his parents). An account that already has the phone joins the
    household if it belongs to none; one of another household is a conflict."""
    household = _scoped_household(household, actor)
    phone = _clean_phone(phone)
    set_actor(actor)
    user = User.objects.select_for_update().filter(Q(phone=phone) | Q(username=phone)).first()
    if user is not None:
        if user.household_id == household.pk:
            raise Conflict(_("This phone already signs in an account of this household."),
                           field="phone")
        if user.household_id is not None or user.phone != phone:
            raise Conflict(_("Mobile number %(phone)s already signs in %(who)s, which is not of "
                             "this household.") % {"phone": phone, "who": _who(user, actor)},
                           field="phone")
        user.household = household
        user.is_active = True
        if user.role == Role.VILLAGER:
            user.unit_id = household.village_id
        user.save(update_fields=["household", "is_active", "unit", "is_staff"])
        return user
    if Household.objects.filter(phone=phone).exclude(pk=household.pk).exists():
        raise Conflict(_("Mobile number %(phone)s is already the phone of another household.")
                       % {"phone": phone}, field="phone")
    return User.objects.create(username=phone, phone=phone, role=Role.VILLAGER,
                               household=household, unit_id=household.village_id,
                               password=make_password(None))


@transaction.atomic
def household_phone_change(household, *, phone, actor) -> Household:
    """Change the household's listed phone: the new phone's account joins the household (made
    if need be), the old phone's account leaves it."""
    household = _scoped_household(household, actor)
    phone = _clean_phone(phone) if str(phone or "").strip() else ""
    if phone == household.phone:
        return household
    set_actor(actor)
    if phone:
        user = User.objects.select_for_update().filter(Q(phone=phone) | Q(username=phone)) \
            .first()
        if user is not None and user.household_id != household.pk:
            raise Conflict(_("Mobile number %(phone)s already signs in %(who)s, which is not "
                             "of this household.") % {"phone": phone, "who": _who(user, actor)},
                           field="phone")
        if Household.objects.filter(phone=phone).exclude(pk=household.pk).exists():
            raise Conflict(_("Mobile number %(phone)s is already the phone of another "
                             "household.") % {"phone": phone}, field="phone")
        if user is None:
            User.objects.create(username=phone, phone=phone, role=Role.VILLAGER,
                                household=household, unit_id=household.village_id,
                                real_name=household.head_name, password=make_password(None))
    if household.phone:
        accounts_leaving(User.objects.filter(household=household, phone=household.phone)
                         .values_list("pk", flat=True))
    household.phone = phone
    household.save(update_fields=["phone"])
    return household


STATE_HINTS = {
    HouseholdImport.State.PREVIEW: gettext_lazy("Check the preview, then confirm."),
    HouseholdImport.State.QUEUED: gettext_lazy("Waiting for its turn…"),
    HouseholdImport.State.APPLYING: gettext_lazy("Applying the roster…"),
}

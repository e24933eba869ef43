"""The minutes of a dispatch meeting as a Word file (python-docx), A4."""

from __future__ import annotations

import io

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def filename(meeting) -> str:
    return f"dispatch-minutes-{meeting.unit.code}-{meeting.year}-{meeting.month:02d}.docx"


def _figure(value) -> str:
    if value is None:
        return "—"
    if isinstance(value, float) and not value.is_integer():
        return f"{value:.2f}".rstrip("0").rstrip(".")
    return str(int(value)) if isinstance(value, (int, float)) else str(value)


def minutes_bytes(meeting, agenda: dict) -> bytes:
    from docx import Document
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    with translation.override(settings.LANGUAGE_CODE):
        doc = Document()
        section = doc.sections[0]
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Cm(2.2))
        style = doc.styles["Normal"]
        style.font.size = Pt(11)
        style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "SimSun")

        doc.add_heading(_("%(unit)s monthly dispatch meeting %(year)s-%(month)02d: minutes")
                        % {"unit": meeting.unit.name, "year": meeting.year,
                           "month": meeting.month}, level=1)
        attendees = [str(u) for u in meeting.attendees.all()]
        others = [line.strip() for line in meeting.other_attendees.splitlines() if line.strip()]
        for label, value in (
            (_("Date"), meeting.date.isoformat()),
            (_("Chair"), str(meeting.chair) if meeting.chair_id else "—"),
            (_("Attendees"), "、".join(attendees + others) or "—"),
        ):
            p = doc.add_paragraph()
            p.add_run(f"{label}：").bold = True
            p.add_run(value)

        doc.add_heading(_("Agenda"), level=2)
        for section_data in agenda["sections"]:
            doc.add_heading(str(section_data["title"]), level=3)
            if not section_data["rows"]:
                doc.add_paragraph(_("None."))
                continue
            table = doc.add_table(rows=1, cols=3)
            table.style = "Table Grid"
            head = table.rows[0].cells
            head[0].text, head[1].text, head[2].text = (
                _("Unit"), f"{_('Figure')}（{section_data['measure']}）", _("Note"))
            for row in section_data["rows"]:
                cells = table.add_row().cells
                cells[0].text = row["unit"].name
                cells[1].text = _figure(row["figure"])
                cells[2].text = str(row["note"] or "")

        doc.add_heading(_("Submissions"), level=2)
        if agenda["submissions"]:
            from .selectors import standing, standing_label

            table = doc.add_table(rows=1, cols=3)
            table.style = "Table Grid"
            head = table.rows[0].cells
            head[0].text, head[1].text, head[2].text = _("Unit"), _("Standing"), _("Help asked")
            for s in agenda["submissions"]:
                cells = table.add_row().cells
                cells[0].text = s.unit.name
                cells[1].text = str(standing_label(standing(s)))
                cells[2].text = s.help_requested or "—"
        else:
            doc.add_paragraph(_("None."))

        if meeting.notes:
            doc.add_heading(_("Notes"), level=2)
            for line in meeting.notes.splitlines():
                doc.add_paragraph(line)

        doc.add_heading(_("Decisions"), level=2)
        decisions = list(meeting.decisions.all())
        if not decisions:
            doc.add_paragraph(_("None."))
        for d in decisions:
            text = d.text + (f"（{d.unit.name}）" if d.unit_id else "")
            doc.add_paragraph(text, style="List Number")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()

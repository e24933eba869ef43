"""Pages of the dispatch mechanism: this month's submissions of my area, the phone-friendly
form to fill in, submit, sign off or return one, and the dispatch meetings with their printable
minutes and Word download."""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from practice.exceptions import DomainError
from practice.models import Level, Unit
from practice.numbers import MONTH_MIN_YEAR, parse_id, parse_int
from practice.pages import require_roles
from practice.roles import READER_ROLES, STAFF_ROLES, has_role
from supervision import services as supervision_services

from . import docx, overview, selectors, services

SUBMISSION_ROLES = READER_ROLES | STAFF_ROLES
MEETING_ROLES = READER_ROLES | STAFF_ROLES


def _month(request):
    """The month asked for (``?year=&month=``), else the one whose submissions are due now."""
    default_year, default_month = services.previous_month()
    year = parse_int(request.GET.get("year"), minimum=MONTH_MIN_YEAR,
                     maximum=services.local_today().year) or default_year
    month = parse_int(request.GET.get("month"), minimum=1, maximum=12) or default_month
    return year, month


@login_required
def submission_list(request):
    user = request.user
    require_roles(user, *SUBMISSION_ROLES)
    year, month = _month(request)
    rows = list(selectors.month_submissions(user, year, month))
    today = services.local_today()
    for s in rows:
        s.standing = selectors.standing(s, today)
        s.standing_label = selectors.standing_label(s.standing)
    counts = selectors.tally(rows, today)
    return render(request, "dispatch/submission_list.html", {
        "rows": rows, "year": year, "month": month, "counts": counts,
        "deadline": services.deadline_for(year, month),
        "years": list(range(today.year, today.year - 3, -1)), "months": range(1, 13),
    })


def _text_fields(post):
    return {name: post.get(name, "") for name in services.TEXT_FIELDS}


@login_required
def submission_detail(request, pk):
    user = request.user
    require_roles(user, *SUBMISSION_ROLES)
    submission = get_object_or_404(selectors.submissions_for(user), pk=pk)
    if request.method == "POST":
        verb = request.POST.get("action", "")
        try:
            if verb in ("save", "submit"):
                services.submission_update(submission, actor=user,
                                           **_text_fields(request.POST))
                if verb == "submit":
                    services.submission_submit(submission, actor=user)
                    messages.success(request, _("Submitted to the head for sign-off."))
                else:
                    messages.success(request, _("Saved."))
            elif verb == "sign_off":
                services.submission_sign_off(submission, actor=user)
                messages.success(request, _("Signed off."))
            elif verb == "return":
                services.submission_return(submission, actor=user,
                                           reason=request.POST.get("reason", ""))
                messages.success(request, _("Returned to the staff."))
            else:
                raise Http404
        except DomainError as exc:
            messages.error(request, str(exc.message))
        return redirect("dispatch:submission", pk=pk)
    actions = services.submission_actions(user, submission)
    submission.standing = selectors.standing(submission)
    return render(request, "dispatch/submission_detail.html", {
        "s": submission,
        "figures": selectors.figures_shown(submission, user),
        "standing_label": selectors.standing_label(submission.standing),
        "actions": actions,
        "can_edit": "edit" in actions,
        "villages": [
            (v, selectors.standing_label(selectors.standing(v)))
            for v in selectors.village_submissions(submission).filter(
                unit__in=Unit.objects.for_user(user))
        ],
        "events": submission.events.select_related("actor").order_by("at", "pk"),
    })


@login_required
def meeting_list(request):
    user = request.user
    require_roles(user, *MEETING_ROLES)
    can_record = user.is_superuser or has_role(user, *STAFF_ROLES)
    units = list(Unit.objects.for_user(user).filter(level__in=services.MEETING_LEVELS)
                 .order_by("path"))
    if request.method == "POST":
        if not can_record:
            raise PermissionDenied
        unit = next((u for u in units if u.pk == parse_id(request.POST.get("unit"))), None)
        try:
            held = date.fromisoformat(request.POST.get("date", ""))
        except ValueError:
            messages.error(request, _("Give the date the meeting was held."))
            return redirect("dispatch:meetings")
        try:
            meeting = services.meeting_create(
                actor=user, unit=unit, year=request.POST.get("year"),
                month=request.POST.get("month"), date=held, chair=user)
        except DomainError as exc:
            messages.error(request, str(exc.message))
            return redirect("dispatch:meetings")
        return redirect("dispatch:meeting", pk=meeting.pk)
    year, month = services.previous_month()
    return render(request, "dispatch/meeting_list.html", {
        "meetings": selectors.meetings_for(user)[:60],
        "can_record": can_record, "units": units,
        "default_year": year, "default_month": month, "today": services.local_today(),
    })


def _meeting(request, pk):
    user = request.user
    require_roles(user, *MEETING_ROLES)
    return get_object_or_404(selectors.meetings_for(user), pk=pk)


@login_required
def meeting_detail(request, pk):
    meeting = _meeting(request, pk)
    user = request.user
    can_record = user.is_superuser or has_role(user, *STAFF_ROLES)
    if request.method == "POST":
        if not can_record:
            raise PermissionDenied
        unit_id = parse_id(request.POST.get("unit"))
        unit = (Unit.objects.filter(pk=unit_id, path__startswith=meeting.unit.path).first()
                if unit_id else None)
        try:
            services.decision_add(meeting, actor=user, text=request.POST.get("text", ""),
                                  unit=unit)
            messages.success(request, _("The decision was recorded."))
        except DomainError as exc:
            messages.error(request, str(exc.message))
        return redirect("dispatch:meeting", pk=pk)
    agenda = selectors.agenda(meeting)
    submissions = [(s, selectors.standing_label(selectors.standing(s)))
                   for s in agenda["submissions"]]
    return render(request, "dispatch/meeting_detail.html", {
        "meeting": meeting, "agenda": agenda, "submissions": submissions,
        "can_record": can_record, "can_raise": supervision_services.may_set_tasks(user),
        "decisions": overview.decisions_with_tasks(user, meeting, services.local_today()),
        "units": [meeting.unit, *selectors.below_units(meeting.unit)]
        if meeting.unit.level != Level.VILLAGE else [meeting.unit],
    })


@login_required
def meeting_docx(request, pk):
    meeting = _meeting(request, pk)
    response = HttpResponse(docx.minutes_bytes(meeting, selectors.agenda(meeting)),
                            content_type=docx.CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{docx.filename(meeting)}"'
    return response


@login_required
def month_view(request):
    """The 月调度 view: the month's submissions, open and overdue tasks by unit, the meeting's
    decisions and their tasks, for the user's unit or one below it (``?unit=``)."""
    user = request.user
    require_roles(user, *MEETING_ROLES)
    year, month = _month(request)
    unit = user.unit
    if unit is None:
        raise Http404
    wanted = parse_id(request.GET.get("unit"), default=None)
    if wanted is not None:
        # A unit of the user's own area: one a household of theirs lies in is not theirs to
        # review.
        unit = get_object_or_404(Unit.objects.for_user(user).filter(
            path__startswith=user.unit.path), pk=wanted)
    today = services.local_today()
    data = overview.month_overview(user, unit, year, month, today)
    return render(request, "dispatch/month.html", {
        **data, "unit": unit, "year": year, "month": month, "today": today,
        "deadline": services.deadline_for(year, month),
        "years": list(range(today.year, today.year - 3, -1)), "months": range(1, 13),
    })

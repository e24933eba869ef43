"""Pages of practice activities: the staff list, form and activity page (with its printable QR
code, photos and attendance), the volunteer's activities, the check-in page the QR code opens,
and the service-day calendar. Thin: ``activity_services`` and ``selectors`` do the work."""

import io
from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from practice.exceptions import DomainError
from practice.models import Unit
from practice.numbers import parse_id
from practice.pages import may_open, roles_required
from practice.roles import STAFF_ROLES, Role

from . import activity_services, selectors
from .filters import ActivityFilter, filtered
from .forms import ActivityFilterForm, ActivityForm, AddHoursForm, PhotoForm
from .models import ActivityStatus, Attendance, CheckMethod, Volunteer

READERS = (*STAFF_ROLES, Role.LEADER, Role.REVIEWER)


def _activity(user, pk):
    activity = selectors.activities_for(user).filter(pk=pk).first()
    if activity is None:
        raise Http404
    return activity


# --- staff ---------------------------------------------------------------------------------
@roles_required(*READERS)
def activity_list(request):
    user = request.user
    form = ActivityFilterForm(request.GET or None, campaigns=_campaigns(user))
    qs = selectors.activities_for(user).order_by("-starts_at", "-pk")
    if form.is_valid():
        qs = filtered(ActivityFilter, form.filter_data(), qs)
    page = Paginator(qs, 20).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "volunteers/activity_list.html", {
        "form": form, "page": page, "query": query.urlencode(),
        "can_plan": activity_services.may_plan(user)})


def _campaigns(user):
    """The campaigns an activity of ``user``'s may belong to (the service checks the unit)."""
    from campaigns.models import Campaign

    return Campaign.objects.for_user(user).order_by("-starts_on", "code")


def _form_for(request, initial=None, unit=None):
    user = request.user
    units = Unit.objects.for_user(user).order_by("path")
    return ActivityForm(request.POST or None, initial=initial, units=units,
                        teams=activity_services.teams_for_activity_choice(user, unit),
                        campaigns=_campaigns(user))


@roles_required(*STAFF_ROLES)
def activity_new(request):
    user = request.user
    initial = {"unit": user.unit_id, "category": request.GET.get("category", "other"),
               "campaign": request.GET.get("campaign", "")}
    form = _form_for(request, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            activity = activity_services.activity_create(actor=user, **form.cleaned_data)
        except DomainError as e:
            form.add_error(e.field if e.field in form.fields else None, str(e.message))
        else:
            messages.success(request, _("The activity was planned."))
            return redirect("volunteers:activity", pk=activity.pk)
    return render(request, "volunteers/activity_form.html", {"form": form, "activity": None})


@roles_required(*STAFF_ROLES)
def activity_edit(request, pk):
    user = request.user
    activity = _activity(user, pk)
    initial = {f: getattr(activity, f) for f in ("unit", "title", "place", "description")}
    initial["category"] = activity.category_id
    initial["campaign"] = activity.campaign.code if activity.campaign_id else ""
    initial["starts_at"] = timezone.localtime(activity.starts_at)
    initial["ends_at"] = timezone.localtime(activity.ends_at)
    initial["teams"] = list(activity.teams.all())
    form = _form_for(request, initial=initial, unit=activity.unit)
    if request.method == "POST" and form.is_valid():
        try:
            activity_services.activity_update(activity, actor=user, **form.cleaned_data)
        except DomainError as e:
            form.add_error(e.field if e.field in form.fields else None, str(e.message))
        else:
            messages.success(request, _("The activity was saved."))
            return redirect("volunteers:activity", pk=activity.pk)
    return render(request, "volunteers/activity_form.html", {"form": form, "activity": activity})


def _volunteer_choices(activity, attendances, who=""):
    """Who staff may add hours for: attendees without hours and organising-team members;
    with ``who``, those of them found by name or phone."""
    done = {a.volunteer_id for a in attendances if a.hours is not None}
    people = {a.volunteer_id: a.volunteer for a in attendances}
    organisers = Volunteer.objects.filter(memberships__team__activities=activity)
    for v in organisers.select_related("unit").distinct()[:500]:
        people.setdefault(v.pk, v)
    chosen = [v for pk, v in people.items() if pk not in done]
    if who and chosen:
        found = set(selectors.volunteers_matching(
            Volunteer.objects.filter(pk__in=[v.pk for v in chosen]), who)
            .values_list("pk", flat=True))
        chosen = [v for v in chosen if v.pk in found]
    return sorted(chosen, key=lambda v: v.name)


@login_required
def activity_detail(request, pk):
    user = request.user
    activity = _activity(user, pk)
    actions = activity_services.activity_actions(activity, user)
    if request.method == "POST":
        if not activity_services.is_staff_for(user, activity.unit):
            raise PermissionDenied
        try:
            if request.POST.get("action") == "delete":
                return _delete(request, activity)
            messages.success(request, _act(request, activity))
        except DomainError as e:
            messages.error(request, str(e.message))
        return redirect("volunteers:activity", pk=pk)
    reader = may_open(user, *READERS)
    attendances = list(selectors.attendances_of(activity)) if reader else []
    context = {"activity": activity, "actions": actions, "reader": reader,
               "attendances": attendances, "photos": activity.photos.all(),
               "events": activity.events.select_related("actor").order_by("at", "pk")}
    if "attendance" in actions:
        token = activity_services.checkin_token(activity)
        context["checkin_url"] = request.build_absolute_uri(
            reverse("volunteers:checkin", args=[token]))
        who = request.GET.get("who", "").strip()
        try:
            choices = _volunteer_choices(activity, attendances, who)
        except DomainError as e:  # a search text longer than anything it could find
            messages.error(request, str(e.message))
            who, choices = "", _volunteer_choices(activity, attendances)
        context["hours_form"] = AddHoursForm(volunteers=choices)
        context["who"] = who
        context["may_add_hours"] = bool(choices) or bool(who)
        context["photo_form"] = PhotoForm()
    return render(request, "volunteers/activity_detail.html", context)


def _delete(request, activity):
    """A draft without history is deleted (back to the list); one with a history is cancelled
    instead (its page stays, showing why)."""
    if activity_services.activity_delete(activity, actor=request.user) is None:
        messages.success(request, _("The activity was deleted."))
        return redirect("volunteers:activities")
    messages.success(request,
                     _("The activity has a history, so it was cancelled instead of deleted."))
    return redirect("volunteers:activity", pk=activity.pk)


def _act(request, activity):
    user, post = request.user, request.POST
    action = post.get("action", "")
    if action == "held":
        activity_services.activity_mark_held(activity, actor=user,
                                             participants=post.get("participants") or None)
        return _("The activity was marked as held.")
    if action == "cancel":
        activity_services.activity_cancel(activity, actor=user, reason=post.get("reason", ""))
        return _("The activity was cancelled.")
    if action == "add_hours":
        volunteer = Volunteer.objects.filter(pk=post.get("volunteer") or 0).first()
        if volunteer is None:
            raise DomainError(_("Choose the volunteer."), field="volunteer")
        activity_services.attendance_add_hours(activity, actor=user, volunteer=volunteer,
                                               hours=post.get("hours"), note=post.get("note", ""))
        return _("The hours were added to the volunteer's time bank.")
    if action == "confirm_offline":
        volunteer = Volunteer.objects.filter(pk=parse_id(post.get("volunteer")) or 0).first()
        if volunteer is None:
            raise DomainError(_("Choose the volunteer."), field="volunteer")
        activity_services.attendance_confirm_offline(activity, actor=user, volunteer=volunteer)
        return _("The offline check-in was confirmed; it now counts like a QR check-in.")
    if action == "photo":
        activity_services.activity_add_photo(activity, actor=user, image=request.FILES.get("image"),
                                             caption=post.get("caption", ""))
        return _("The photo was uploaded.")
    raise Http404


@roles_required(*STAFF_ROLES)
def activity_qr_png(request, pk):
    import qrcode

    user = request.user
    activity = _activity(user, pk)
    url = request.build_absolute_uri(
        reverse("volunteers:checkin", args=[activity_services.checkin_token(activity)]))
    image = qrcode.make(url, box_size=8, border=2)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    response = HttpResponse(buffer.getvalue(), content_type="image/png")
    response["Content-Disposition"] = f'inline; filename="activity-{activity.pk}.png"'
    response["Cache-Control"] = "no-store"
    return response


# --- volunteer -------------------------------------------------------------------------------
@login_required
def my_activities(request):
    user = request.user
    volunteer = selectors.volunteer_of(user)
    attended = (Attendance.objects.filter(volunteer=volunteer).select_related("activity__unit")
                .order_by("-activity__starts_at")) if volunteer else Attendance.objects.none()
    upcoming = (selectors.activities_for(user)
                .filter(status=ActivityStatus.PLANNED, ends_at__gte=timezone.now())
                .order_by("starts_at", "pk")[:20])
    return render(request, "volunteers/my_activities.html", {
        "volunteer": volunteer, "attended": Paginator(attended, 20).get_page(
            request.GET.get("page")), "upcoming": upcoming})


@login_required
def checkin(request, token):
    """The page the QR code opens on the volunteer's phone: check in, later check out."""
    user = request.user
    try:
        activity = activity_services.activity_from_token(token)
    except DomainError as e:
        return render(request, "volunteers/checkin.html", {"error": str(e.message)}, status=400)
    volunteer = selectors.volunteer_of(user)
    if request.method == "POST":
        func = (activity_services.attendance_check_out if request.POST.get("action") == "check_out"
                else activity_services.attendance_check_in)
        try:
            attendance = func(activity, actor=user, token=token)
        except DomainError as e:
            messages.error(request, str(e.message))
        else:
            if attendance.checked_out_at:
                messages.success(request, _("Checked out: %(h)s hours went into your time bank.")
                                 % {"h": attendance.hours})
            else:
                messages.success(request, _("Checked in. Check out here when you leave."))
        return redirect("volunteers:checkin", token=token)
    attendance = Attendance.objects.filter(activity=activity, volunteer=volunteer).first() \
        if volunteer else None
    return render(request, "volunteers/checkin.html", {
        "activity": activity, "volunteer": volunteer, "attendance": attendance,
        "qr": CheckMethod.QR})


@login_required
def checkin_offline(request):
    """The check-in page without an activity: what the service worker shows offline for a QR
    link this phone never opened. Its script reads the activity from the link and queues the
    check-in with the phone's time."""
    return render(request, "volunteers/checkin.html", {
        "offline_shell": True, "volunteer": selectors.volunteer_of(request.user)})


# --- service-day calendar ----------------------------------------------------------------------
@roles_required(*STAFF_ROLES, Role.LEADER)
def service_days(request):
    user = request.user
    try:
        month = selectors.parse_month(request.GET.get("month"))
    except DomainError as e:
        messages.error(request, str(e.message))
        month = timezone.localdate().replace(day=1)
    rows = selectors.service_day_calendar(user, month)
    missing = [r for r in rows if not r["held"]]
    prev = date(month.year - (month.month == 1), (month.month - 2) % 12 + 1, 1)
    nxt = date(month.year + (month.month == 12), month.month % 12 + 1, 1)
    show = request.GET.get("show", "missing")
    return render(request, "volunteers/service_days.html", {
        "month": month, "prev": prev, "next": nxt, "rows": missing if show == "missing" else rows,
        "total": len(rows), "held": len(rows) - len(missing), "missing": len(missing),
        "show": show, "can_plan": activity_services.may_plan(user)})

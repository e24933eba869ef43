"""Pages of volunteer applications (群众报名): the public phone form and the applicant's
status page, the deciders' queue, and the printable hours certificate. Thin: services act."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from practice.clients import client_address
from practice.exceptions import DomainError, Forbidden
from practice.pages import roles_required
from practice.roles import STAFF_ROLES, Role, has_role

from . import selectors, services
from .forms import ApplicationForm
from .models import ApplicationStatus, VolunteerApplication


def _village_from(value):
    try:
        pk = int(value)
    except (TypeError, ValueError):
        return None
    return selectors.villages_to_apply_in().filter(pk=pk).first()


def apply(request):
    """群众报名: anyone applies on their phone, signed in or not. The village is chosen first
    (the page reloads with the teams that serve it); then the form is sent."""
    source = request.POST if request.method == "POST" else request.GET
    village = _village_from(source.get("village"))
    teams = list(selectors.teams_open_to(village))
    user = request.user
    initial = {}
    if user.is_authenticated:
        initial = {"name": user.real_name, "phone": user.phone or ""}
    form = ApplicationForm(request.POST or None, teams=teams, initial=initial)
    village_error = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            application = services.application_submit(
                actor=user, client=client_address(request), name=data["name"],
                phone=data["phone"], village=village if village else source.get("village"),
                teams=data["teams"], service_categories=data["service_categories"],
                skills=data["skills"], free_time=data["free_time"], employer=data["employer"],
                political_status=data["political_status"])
        except DomainError as e:
            if e.field == "village":
                village_error = [str(e.message)]
            else:
                form.add_error(e.field if e.field in form.fields else None, str(e.message))
        else:
            return redirect("volunteers:application-status",
                            token=selectors.application_status_token(application))
    villages = {}
    for v in selectors.villages_to_apply_in():
        villages.setdefault(v.parent.name if v.parent_id else "", []).append(v)
    return render(request, "volunteers/apply.html", {
        "form": form, "village": village, "villages": villages, "teams": teams,
        "village_error": village_error,
    })


def application_status(request, token):
    """The applicant's page (its signed link is their key, with or without an account)."""
    application = selectors.application_from_token(token)
    if application is None:
        raise Http404
    return render(request, "volunteers/application_status.html", {
        "application": application, "statuses": ApplicationStatus,
    })


@roles_required(*STAFF_ROLES, Role.VOLUNTEER)
def applications(request):
    """The deciders' queue: applications of the staff's area, or naming the teams a volunteer
    leads; waiting ones first, with approve and decline."""
    user = request.user
    led = selectors.led_team_ids(user)
    if not (user.is_superuser or has_role(user, *STAFF_ROLES) or led):
        raise PermissionDenied(_("Only the village's station or a team leader decides "
                                 "applications."))
    status = request.GET.get("status") or ApplicationStatus.PENDING
    if status not in ApplicationStatus.values:
        status = ApplicationStatus.PENDING
    rows = selectors.applications_for(user).filter(status=status)
    rows = rows.order_by("created_at", "pk") if status == ApplicationStatus.PENDING \
        else rows.order_by("-decided_at", "-pk")
    page = Paginator(rows, 20).get_page(request.GET.get("page"))
    for a in page:
        a.actions = services.application_actions(a, user, led_team_ids=led)
    return render(request, "volunteers/applications.html", {
        "page": page, "status": status, "statuses": ApplicationStatus.choices,
    })


_DONE = {
    "approve": gettext_lazy("Approved: %(name)s is now a volunteer of the chosen teams."),
    "decline": gettext_lazy("Declined the application of %(name)s."),
}


@require_POST
@roles_required(*STAFF_ROLES, Role.VOLUNTEER)
def application_action(request, pk, verb):
    if verb not in _DONE:
        raise Http404
    application = get_object_or_404(VolunteerApplication.objects.for_user(request.user), pk=pk)
    try:
        if verb == "approve":
            services.application_approve(application, actor=request.user)
        else:
            services.application_decline(application, actor=request.user,
                                         reason=request.POST.get("reason", ""))
    except Forbidden as exc:
        raise PermissionDenied(exc.message) from exc
    except DomainError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _DONE[verb] % {"name": application.name})
    return redirect("volunteers:applications")


@login_required
def certificate(request, pk):
    """志愿服务时长证明: printable on A4 by the volunteer and by staff of their area."""
    volunteer = selectors.volunteer_for_certificate(request.user, pk)
    if volunteer is None:
        raise Http404
    return render(request, "volunteers/certificate.html", {
        "volunteer": volunteer, "hours": selectors.service_hours_of(volunteer),
        "teams": selectors.teams_of_volunteer(volunteer), "today": timezone.localdate(),
    })


@login_required
def my_certificate(request):
    volunteer = selectors.volunteer_of(request.user)
    if volunteer is None:
        raise Http404
    return redirect("volunteers:certificate", pk=volunteer.pk)

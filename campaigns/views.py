"""Pages of campaigns: the yearly calendar (everyone: their unit's, staff any unit of their
area) and the staff list and form. Thin: ``selectors`` read, ``services`` write."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from practice.exceptions import DomainError
from practice.models import Level, Unit
from practice.numbers import parse_id, parse_int
from practice.pages import roles_required
from practice.roles import SUBTREE_ROLES, Role, capacities

from . import selectors, services
from .forms import CampaignForm
from .models import Campaign

EDITORS = (Role.BANNER_ADMIN, Role.TOWNSHIP_STAFF)


def _year(request):
    year = parse_int(request.GET.get("year"), default=None)
    today = timezone.localdate()
    if year is None or not (2000 <= year <= 2100):
        return today.year
    return year


@login_required
def calendar(request):
    """The year's campaigns and festivals by month, with their activities in the unit."""
    user = request.user
    raw = request.GET.get("unit")
    unit = selectors.calendar_unit(user, parse_id(raw, default=0) if raw else None)
    if unit is None:
        raise Http404
    year = _year(request)
    data = selectors.calendar(unit, year)
    # Staff and leaders open the calendars of the units below (townships, villages).
    below = []
    if (user.is_superuser or not capacities(user).isdisjoint(SUBTREE_ROLES)) and (
            unit.level in (Level.BANNER, Level.TOWNSHIP)):
        below = list(Unit.objects.for_user(user).filter(
            parent=unit, level__in=[Level.TOWNSHIP, Level.VILLAGE]).order_by("path"))
    return render(request, "campaigns/calendar.html", {
        **data, "below": below, "previous": year - 1, "next": year + 1,
        "unit_query": f"&unit={unit.pk}" if raw else "",
        "today": timezone.localdate(), "may_plan": services.may_edit_campaigns(user)})


@roles_required(*SUBTREE_ROLES)
def campaign_list(request):
    user = request.user
    year = _year(request)
    campaigns = list(selectors.in_year(Campaign.objects.for_user(user), year)
                     .select_related("unit").order_by("starts_on", "code"))
    for c in campaigns:
        c.editable = services.may_edit(user, c)
    return render(request, "campaigns/campaign_list.html", {
        "campaigns": campaigns, "year": year, "previous": year - 1, "next": year + 1,
        "can_add": services.may_edit_campaigns(user)})


def _units(user):
    qs = Unit.objects.for_user(user).filter(level__in=[Level.BANNER, Level.TOWNSHIP])
    if not user.is_superuser and user.role != Role.BANNER_ADMIN:
        qs = qs.filter(pk=user.unit_id)
    return qs.order_by("path")


def _save(request, campaign):
    user = request.user
    if campaign is None:
        initial = {"unit": user.unit_id, "kind": "campaign",
                   "remind_days_before": settings.CAMPAIGN_REMINDER_DAYS}
    else:
        initial = {f: getattr(campaign, f) for f in services.EDITABLE}
    form = CampaignForm(request.POST or None, initial=initial, units=_units(user))
    if request.method == "POST" and form.is_valid():
        try:
            if campaign is None:
                campaign = services.campaign_create(actor=user, **form.cleaned_data)
            else:
                services.campaign_update(campaign, actor=user, **form.cleaned_data)
        except DomainError as e:
            form.add_error(e.field if e.field in form.fields else None, str(e.message))
        else:
            messages.success(request, _("The campaign was saved."))
            return redirect("campaigns:list")
    return render(request, "campaigns/campaign_form.html", {"form": form, "campaign": campaign})


@roles_required(*EDITORS)
def campaign_new(request):
    return _save(request, None)


@roles_required(*EDITORS)
def campaign_edit(request, pk):
    campaign = Campaign.objects.for_user(request.user).filter(pk=pk).first()
    if campaign is None:
        raise Http404
    if not services.may_edit(request.user, campaign):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied(_("You may change your own township's campaigns only."))
    return _save(request, campaign)

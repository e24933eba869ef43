"""Pages: the villager's menu and orders, the volunteer's team orders and time bank, staff
lists with dispatch and escalation, station QR codes and notifications. Thin: services act."""

import io
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from practice.exceptions import DomainError
from practice.models import Household, Level, Unit
from practice.pages import roles_required
from practice.roles import STAFF_ROLES, Role
from practice.selectors import household_label, household_search

from . import notifications as notifications_service
from . import selectors, services
from .filters import OrderFilter, filtered
from .forms import AssistedOrderForm, DispatchForm, OrderForm, StaffFilterForm
from .models import Notification, ServiceItem


def _page(request, qs, per=20):
    return Paginator(qs, per).get_page(request.GET.get("page"))


def _village_of(user):
    if user.household_id:
        return user.household.village
    if user.unit_id and user.unit.level == Level.VILLAGE:
        return user.unit
    return None


# --- villager --------------------------------------------------------------------------------
@login_required
def menu(request):
    village = _village_of(request.user)
    items = selectors.menu_for_village(village) if village else ServiceItem.objects.none()
    groups = {}
    for item in items:
        groups.setdefault(item.get_category_display(), []).append(item)
    return render(request, "volunteers/menu.html", {"groups": groups, "village": village})


@roles_required(Role.VILLAGER, Role.VOLUNTEER)
def order_new(request):
    user = request.user
    village = _village_of(user)
    if village is None or not user.household_id:
        messages.error(request, _("Only members of a household can place an order."))
        return redirect("volunteers:menu")
    items = list(selectors.menu_for_village(village))
    # The villager's own number, else the one their household listed: one tap less.
    phone = user.phone or (user.household.phone if user.household_id else "")
    initial = {"service_item": request.GET.get("item"), "contact_phone": phone or ""}
    form = OrderForm(request.POST or None, items=items, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            order = services.order_place(
                actor=user, service_item=form.items.get(data["service_item"]),
                description=data["description"], preferred_time=data["preferred_time"],
                contact_phone=data["contact_phone"], use_banked_hours=data["use_banked_hours"])
        except DomainError as e:
            form.add_error(e.field if e.field in form.fields else None, str(e.message))
        else:
            messages.success(request, _("Your order was placed. Staff will dispatch it soon."))
            return redirect("volunteers:order", pk=order.pk)
    return render(request, "volunteers/order_form.html", {"form": form, "village": village})


def station_entry(request, code):
    """Where a station's QR code points. A signed-in user goes on to the order form; anyone
    else learns which station this is, what it offers, how to sign in and who can order for
    them (the station's staff, through the assisted-order page)."""
    station = get_object_or_404(Unit.objects.select_related("township"), code=code,
                                level=Level.VILLAGE)
    if request.user.is_authenticated:
        return redirect("volunteers:order-new")
    login_url = f"{reverse('login')}?{urlencode({'next': request.path})}"
    return render(request, "volunteers/station_entry.html", {
        "station": station, "staff_names": selectors.station_staff_names(station),
        "login_url": login_url})


@login_required
def my_orders(request):
    user = request.user
    qs = selectors.own_orders(user)
    return render(request, "volunteers/my_orders.html", {"page": _page(request, qs)})


# --- one order ---------------------------------------------------------------------------
def _run(request, order, action):
    user, post = request.user, request.POST
    if action == "cancel":
        services.order_cancel(order, actor=user, reason=post.get("reason", ""))
        return _("The order was cancelled.")
    if action == "rate":
        services.order_rate(order, actor=user, score=post.get("score"),
                            comment=post.get("comment", ""))
        return _("Thank you for your rating.")
    if action == "accept":
        services.order_accept(order, actor=user)
        return _("You accepted the order.")
    if action == "complete":
        services.order_complete(order, actor=user, hours=post.get("hours"),
                                note=post.get("note", ""))
        return _("The order is completed; the hours went into your time bank.")
    if action == "return":
        services.order_return(order, actor=user, reason=post.get("reason", ""),
                              escalate=bool(post.get("escalate")))
        return _("The order was returned.")
    if action == "claim":
        services.order_claim(order, actor=user)
        return _("Your team claimed the order.")
    if action == "escalate":
        services.order_escalate(order, actor=user, note=post.get("note", ""))
        return _("The order was passed up a level.")
    if action == "dispatch":
        form = DispatchForm(post, teams=selectors.teams_dispatchable_by(user))
        if not form.is_valid():
            raise DomainError(_("Choose an active team within your area."), field="team")
        services.order_dispatch(order, actor=user, team=form.cleaned_data["team"],
                                note=form.cleaned_data["note"])
        return _("The order was dispatched.")
    if action == "review":
        services.order_review(order, actor=user, score=post.get("score"),
                              comment=post.get("comment", ""))
        return _("Your review was recorded.")
    raise Http404


@login_required
def order_detail(request, pk):
    order = selectors.order_with_events(request.user, pk)
    if order is None:
        raise Http404
    if request.method == "POST":
        try:
            messages.success(request, _run(request, order, request.POST.get("action", "")))
        except DomainError as e:
            messages.error(request, str(e.message))
        return redirect("volunteers:order", pk=pk)
    actions = services.order_actions(order, request.user)
    teams = selectors.teams_dispatchable_by(request.user) if "dispatch" in actions else None
    if teams is not None:
        # The teams near the household: of its township, and of the units above it.
        near = Q(unit__code__in=order.village.path.strip("/").split("/"))
        if order.village.township_id:
            near |= Q(unit__path__startswith=order.village.township.path)
        teams = teams.filter(near).order_by("unit__path", "name")
    return render(request, "volunteers/order_detail.html", {
        "order": order, "events": order.events_loaded, "actions": actions,
        "visit": selectors.order_visit(order, request.user),
        "dispatch_form": DispatchForm(teams=teams) if teams is not None else None,
        "scores": range(5, 0, -1),
    })


# --- volunteer -----------------------------------------------------------------------------
@roles_required(Role.VOLUNTEER)
def team_orders(request):
    show = request.GET.get("show", "open")
    qs = selectors.team_orders(request.user, open_only=show == "open")
    qs = qs.order_by("-created_at", "-pk")
    return render(request, "volunteers/team_orders.html",
                  {"page": _page(request, qs), "show": show,
                   "leads_team": bool(selectors.led_team_ids(request.user))})


@login_required
def time_bank(request):
    volunteer = selectors.volunteer_of(request.user)
    if volunteer is None:
        raise PermissionDenied
    return render(request, "volunteers/time_bank.html", {
        "volunteer": volunteer, "balance": selectors.timebank_balance(volunteer),
        "page": _page(request, selectors.timebank_entries(volunteer)),
    })


# --- staff ---------------------------------------------------------------------------------
@roles_required(*STAFF_ROLES, Role.LEADER, Role.REVIEWER)
def staff_orders(request):
    user = request.user
    villages = Unit.objects.for_user(user).filter(level=Level.VILLAGE).order_by("path")
    form = StaffFilterForm(request.GET or None, villages=villages,
                           teams=selectors.teams_to_filter_by(user))
    qs = selectors.orders_for(user).order_by("-created_at", "-pk")
    if form.is_valid():
        qs = filtered(OrderFilter, form.filter_data(), qs, request)
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "volunteers/staff_orders.html",
                  {"form": form, "page": _page(request, qs), "query": query.urlencode(),
                   "filters_applied": form.has_filters()})


@roles_required(*STAFF_ROLES)
def assisted_order(request):
    """Staff order for a household (one without a phone, or whoever asks at the station): find
    it by the head's name, a phone or its number, choose it, then the service."""
    user = request.user
    households = Household.objects.for_user(user)
    query = request.GET.get("q", "").strip()
    try:
        hits = [(h, household_label(h)) for h in household_search(user, query)]
    except DomainError as e:  # a search text longer than anything it could find
        messages.error(request, str(e.message))
        query, hits = "", []
    number = (request.POST.get("household_number") or request.GET.get("household") or "").strip()
    household = households.filter(number=number).select_related("village").first()
    village = household.village if household else _village_of(user)
    items = list(selectors.menu_for_village(village)) if village else list(
        ServiceItem.objects.for_user(user).filter(active=True).select_related("unit"))
    form = AssistedOrderForm(request.POST or None, items=items, households=households,
                             initial={"household_number": number})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            order = services.order_place(
                actor=user, household=data["household_number"],
                service_item=form.items.get(data["service_item"]),
                description=data["description"], preferred_time=data["preferred_time"],
                contact_phone=data["contact_phone"])
        except DomainError as e:
            form.add_error(e.field if e.field in form.fields else None, str(e.message))
        else:
            messages.success(request, _("The order was placed for the household."))
            return redirect("volunteers:order", pk=order.pk)
    return render(request, "volunteers/assisted_order.html", {
        "form": form, "query": query, "hits": hits, "household": household,
        "household_label": household_label(household) if household else ""})


@roles_required(*STAFF_ROLES)
def qr_codes(request):
    stations = (Unit.objects.for_user(request.user).filter(level=Level.VILLAGE)
                .select_related("parent").order_by("path"))
    return render(request, "volunteers/qr_codes.html", {"page": _page(request, stations, 24)})


@login_required
def qr_png(request, code):
    import qrcode

    station = get_object_or_404(Unit.objects.for_user(request.user), code=code,
                                 level=Level.VILLAGE)
    url = request.build_absolute_uri(reverse("volunteers:station", args=[station.code]))
    image = qrcode.make(url, box_size=8, border=2)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    response = HttpResponse(buffer.getvalue(), content_type="image/png")
    response["Content-Disposition"] = f'inline; filename="station-{station.code}.png"'
    return response


# --- notifications ---------------------------------------------------------------------------
@login_required
def notifications(request):
    qs = Notification.objects.filter(user=request.user).select_related("order__service_item")
    return render(request, "volunteers/notifications.html", {"page": _page(request, qs)})


@login_required
@require_POST
def notifications_read(request):
    notifications_service.mark_all_read(request.user)
    return redirect("volunteers:notifications")

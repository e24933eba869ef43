"""The banquets pages: booking form, my bookings, approval queue, calendar, violations, notice.

Thin: every write goes through :mod:`banquets.services`, every read through scoped querysets.
"""

import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from practice.exceptions import DomainError, Forbidden
from practice.language import MONGOLIAN, chosen_language
from practice.models import Household, Level, Unit
from practice.numbers import month_out_of_range_message, parse_id, parse_month
from practice.pages import may_open, require_roles, roles_required
from practice.roles import STAFF_ROLES, SUBTREE_ROLES, Role, has_role

from . import selectors, services
from .forms import BookingForm, ViolationForm
from .models import GUESTS_PER_TABLE, Booking, Canteen, SavingsAssumption, Status, ViolationRecord
from .rules import describe


def _back(request, default):
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}):
        return redirect(target)
    return redirect(default)


# --- villagers -------------------------------------------------------------------------------
@roles_required(Role.VILLAGER)
def book(request):
    """The booking form: the village's rules, live checks as fields change, the fee."""
    user = request.user
    if not user.household_id:
        messages.error(request, _("Your account is not linked to a household."))
        return redirect("home")
    village = user.household.village
    form = BookingForm(request.POST or None, user=user,
                       initial={"formal_meals": 1, "kind": "banquet"})
    if request.method == "POST" and form.is_valid():
        try:
            booking = services.booking_create(
                household=user.household, canteen=form.cleaned_data["canteen"],
                request=form.booking_request(), actor=user,
                guests=form.cleaned_data.get("guests"))
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                for error in errors:
                    form.add_error(field if field in form.fields else None, error)
        except DomainError as exc:
            form.add_error(None, str(exc.message))
        else:
            messages.success(request, _("Booked: the council will review it. Venue fee "
                                        "%(fee)s yuan.") % {"fee": booking.fee})
            return redirect("banquets:mine")
    ruleset = selectors.ruleset_in_force(village)
    return render(request, "banquets/book.html", {
        "form": form, "ruleset": ruleset, "notice": describe(ruleset), "village": village,
    })


@roles_required(Role.VILLAGER)
def mine(request):
    bookings = selectors.bookings_for(request.user).filter(
        household_id=request.user.household_id).order_by("-date", "-id")
    page = Paginator(bookings, 20).get_page(request.GET.get("page"))
    services.with_actions(page, request.user)
    return render(request, "banquets/mine.html", {
        "page": page, "withheld": selectors.support_withheld(request.user.household_id),
        "on_council": selectors.sits_on_a_council(request.user),
    })


# --- the red-and-white council's members (usually villagers, on a phone) -----------------------
@login_required
def council(request):
    """The bookings of the member's village waiting for the red-and-white council: approve, or
    reject with the reason. For sitting members only; where only the chair decides, the other
    members read the queue without the buttons."""
    if not selectors.sits_on_a_council(request.user):
        raise PermissionDenied(_("This page is for the members of a red-and-white council."))
    bookings = selectors.council_queue(request.user)
    page = Paginator(bookings, 20).get_page(request.GET.get("page"))
    services.with_actions(page, request.user)
    withheld = selectors.withheld_household_ids({b.household_id for b in page})
    return render(request, "banquets/council.html", {"page": page, "withheld": withheld})


# --- the council -----------------------------------------------------------------------------
@roles_required(*SUBTREE_ROLES)
def queue(request):
    """Bookings waiting for the council's decision or for the record of the event."""
    bookings = selectors.approval_queue(request.user)
    status = request.GET.get("status")
    if status in (Status.SUBMITTED, Status.APPROVED):
        bookings = bookings.filter(status=status)
    page = Paginator(bookings, 30).get_page(request.GET.get("page"))
    services.with_actions(page, request.user)
    withheld = selectors.withheld_household_ids({b.household_id for b in page})
    return render(request, "banquets/queue.html", {
        "page": page, "withheld": withheld, "status": status,
    })


def booking_summary(booking: Booking) -> str:
    """The booking as a clerk names it: "王某某 5月3日 婚宴 8桌"."""
    return _("%(name)s %(date)s %(occasion)s %(tables)d tables") % {
        "name": booking.household.head_name,
        "date": _("%(month)d/%(day)d") % {"month": booking.date.month, "day": booking.date.day},
        "occasion": booking.get_occasion_display(), "tables": booking.tables,
    }


# What each move says it did, naming the booking.
_DONE = {
    "approve": gettext_lazy("Approved %(booking)s"),
    "reject": gettext_lazy("Rejected %(booking)s"),
    "held": gettext_lazy("Recorded as held: %(booking)s"),
    "cancel": gettext_lazy("Cancelled %(booking)s"),
}


@require_POST
@roles_required(*STAFF_ROLES, Role.VILLAGER)
def booking_action(request, pk, verb):
    booking = get_object_or_404(Booking.objects.for_user(request.user), pk=pk)
    user = request.user
    try:
        if verb == "approve":
            services.booking_approve(booking, actor=user)
        elif verb == "reject":
            services.booking_reject(booking, actor=user, reason=request.POST.get("reason", ""))
        elif verb == "held":
            services.booking_held(booking, actor=user, tables_used=request.POST.get("tables"))
        elif verb == "cancel":
            services.booking_cancel(booking, actor=user, reason=request.POST.get("reason", ""))
        else:
            raise Http404
    except Forbidden as exc:
        raise PermissionDenied(exc.message) from exc
    except DomainError as exc:
        with translation.override(_answer_language(request, user)):
            messages.error(request, str(exc.message))
    else:
        with translation.override(_answer_language(request, user)):
            messages.success(request, _DONE[verb] % {"booking": booking_summary(booking)})
    default = "banquets:mine" if _as_household(user) else "banquets:queue"
    return _back(request, default)


def _as_household(user) -> bool:
    return has_role(user, Role.VILLAGER) and not has_role(user, *SUBTREE_ROLES)


def _answer_language(request, user) -> str:
    """The household reads what its move did on "my bookings", a bilingual page: in the
    language it chose. The council reads it on its own pages, in Chinese."""
    return chosen_language(request) if _as_household(user) else get_language()


# --- calendar --------------------------------------------------------------------------------
@roles_required(Role.VILLAGER, *SUBTREE_ROLES)
def canteen_calendar(request):
    """Which dates are taken and how many tables are left; names only for staff."""
    canteens = Canteen.objects.for_user(request.user).select_related("village")
    canteen = None
    if (canteen_id := parse_id(request.GET.get("canteen"))) is not None:
        canteen = canteens.filter(pk=canteen_id).first()
        if canteen is None:
            raise Http404
    else:
        canteen = canteens.first()
    today = selectors.today()
    first = parse_month(request.GET.get("month"))
    if first is None:
        if request.GET.get("month"):
            messages.error(request, month_out_of_range_message())
        first = today.replace(day=1)
    prev_month = (first - datetime.timedelta(days=1)).replace(day=1)
    next_month = (first + datetime.timedelta(days=32)).replace(day=1)
    days = selectors.canteen_month(canteen, first.year, first.month) if canteen else []
    staff = may_open(request.user, *SUBTREE_ROLES)
    withheld = set()
    if staff:
        withheld = selectors.withheld_household_ids(
            {b.household_id for d in days for b in d["bookings"]})
    return render(request, "banquets/calendar.html", {
        "canteens": canteens, "canteen": canteen, "days": days, "month": first,
        "prev_month": prev_month, "next_month": next_month, "show_names": staff,
        "withheld": withheld, "today": today,
        "lead_blanks": range(first.weekday()),
    })


# --- violations ------------------------------------------------------------------------------
@roles_required(*SUBTREE_ROLES)
def violations(request):
    user = request.user
    can_record = may_open(user, *STAFF_ROLES)
    form = ViolationForm(request.POST or None) if can_record else None
    if request.method == "POST":
        require_roles(user, *STAFF_ROLES)
        if form.is_valid():
            d = form.cleaned_data
            household = Household.objects.for_user(user).filter(
                number=d["household_number"].strip()).first()
            if household is None:
                form.add_error("household_number", _("No household with this number in your "
                                                     "unit."))
            else:
                try:
                    services.violation_record(
                        household=household, actor=user, event_date=d["event_date"],
                        rule=d["rule"], description=d["description"],
                        support_withheld_until=d["support_withheld_until"])
                except ValidationError as exc:
                    for field, errors in exc.message_dict.items():
                        for error in errors:
                            form.add_error(field if field in form.fields else None, error)
                except DomainError as exc:
                    form.add_error(None, str(exc.message))
                else:
                    messages.success(request, _("The violation is recorded."))
                    return redirect("banquets:violations")
    records = ViolationRecord.objects.for_user(user).select_related(
        "household", "household__village", "recorded_by")
    page = Paginator(records, 30).get_page(request.GET.get("page"))
    return render(request, "banquets/violations.html", {
        "page": page, "form": form, "today": selectors.today(),
    })


# --- the savings estimate's assumptions --------------------------------------------------------
@roles_required(*SUBTREE_ROLES)
def savings(request):
    """How 红白事简办节省金额 is estimated: what an event of each occasion cost before the rules;
    the banner's staff correct the figures in the admin."""
    return render(request, "banquets/savings.html", {
        "assumptions": SavingsAssumption.objects.order_by("occasion"),
        "guests_per_table": GUESTS_PER_TABLE,
        "may_edit": has_role(request.user, Role.BANNER_ADMIN) or request.user.is_superuser,
    })


# --- the printed notice ----------------------------------------------------------------------
@roles_required(Role.VILLAGER, *SUBTREE_ROLES)
def notice(request):
    user = request.user
    villages = Unit.objects.for_user(user).filter(level=Level.VILLAGE)
    village = None
    if (village_id := parse_id(request.GET.get("village"))) is not None:
        village = villages.filter(pk=village_id).first()
        if village is None:
            raise Http404
    elif user.unit_id and user.unit.level == Level.VILLAGE:
        village = user.unit
    elif user.household_id:
        village = user.household.village
    ruleset = selectors.ruleset_in_force(village) if village else None
    # Printed in both scripts whatever the page speaks: the Chinese, and the Mongolian beside it.
    with translation.override(settings.LANGUAGE_CODE):
        notice_zh = describe(ruleset) if ruleset else []
    with translation.override(MONGOLIAN):
        notice_mn = describe(ruleset) if ruleset else []
    return render(request, "banquets/notice.html", {
        "village": village, "ruleset": ruleset,
        "notice": notice_zh, "notice_mn": notice_mn,
        # Each option shows its township's name too (Unit.full_name): loaded with it.
        "villages": villages.select_related("parent").order_by("path")
        if village is None or has_role(user, *SUBTREE_ROLES)
        else None,
        "canteens": Canteen.objects.filter(village=village) if village else [],
    })

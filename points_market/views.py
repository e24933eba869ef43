"""Pages of the points supermarket: the cashier's counter, receipts, the villager's account,
the price-list poster and the statistics. Thin: they call ``services`` and ``selectors``."""

import datetime
import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from practice import door_cards
from practice.exceptions import DomainError
from practice.numbers import month_out_of_range_message, parse_month
from practice.pages import roles_required
from practice.roles import STAFF_ROLES, SUBTREE_ROLES

from . import selectors, services
from .models import Deposit, Redemption, Supermarket


def _household(request, pk):
    household = selectors.households_with_balance(request.user).filter(pk=pk).first()
    if household is None:
        raise Http404(_("No such household in your area."))
    return household


def _new_key():
    return uuid.uuid4().hex


@roles_required(*STAFF_ROLES)
def cashier(request):
    """Find a household by number, name or phone; the day's totals at the counter."""
    query = request.GET.get("q", "").strip()
    try:
        households = list(selectors.household_search(request.user, query)) if query else []
    except DomainError as e:  # a search text longer than anything it could find
        messages.error(request, str(e.message))
        query, households = "", []
    return render(request, "points_market/cashier.html", {
        "query": query,
        "households": households,
        "totals": selectors.today_totals(request.user),
        "today": timezone.localdate(),
    })


def _counter_context(request, household, **extra):
    supermarket = Supermarket.objects.filter(village_id=household.village_id).first()
    prices = services.prices_in_force(household.village_id)
    context = {
        "household": household,
        "supermarket": supermarket,
        "categories": selectors.categories_with_prices(prices),
        "products": list(selectors.shelf(supermarket)) if supermarket else [],
        "entries": list(selectors.entries_of(household)[:10]),
        # The other pages for this household (order a service for it: assisted ordering).
        "household_actions": door_cards.actions_for(request.user, household,
                                                    exclude={"points_market:counter"}),
        "deposit_key": _new_key(),
        "redemption_key": _new_key(),
        "weights": {},
        "quantities": {},
        "errors": [],
    }
    context.update(extra)
    return context


@roles_required(*STAFF_ROLES)
def counter_offline(request):
    """The counter without a household: what the service worker shows offline for the counter
    of a household whose own page this device never opened. The page's script fills in the
    household from the last-known balances (:func:`station_data`); the price list and the goods
    are those of the user's own village."""
    village = selectors.village_for_prices(request.user)
    supermarket = (Supermarket.objects.filter(village=village, active=True).first()
                   if village is not None else None)
    prices = services.prices_in_force(village) if village is not None else {}
    return render(request, "points_market/counter.html", {
        "household": None, "offline_shell": True, "supermarket": supermarket,
        "categories": selectors.categories_with_prices(prices) if supermarket else [],
        "products": list(selectors.shelf(supermarket)) if supermarket else [],
        "entries": [], "weights": {}, "quantities": {}, "errors": [],
    })


@roles_required(*STAFF_ROLES)
def station_data(request):
    """What an offline counter keeps: the last-known balances of the households of the user's
    area served in the last 30 days, the prices and the goods of the user's village."""
    village = selectors.village_for_prices(request.user)
    supermarket = (Supermarket.objects.filter(village=village, active=True).first()
                   if village is not None else None)
    prices = services.prices_in_force(village) if village is not None else {}
    response = JsonResponse({
        "generated_at": timezone.now().isoformat(),
        "village": village.pk if village is not None else None,
        "households": [
            {"id": h.pk, "number": h.number, "head_name": h.head_name,
             "village": h.village_id, "village_name": h.village.name, "balance": h.balance}
            for h in selectors.recently_served(request.user)
        ],
        "prices": [{"id": c["id"], "name": c["name"], "price_per_jin": str(c["price_per_jin"])}
                   for c in selectors.categories_with_prices(prices)] if supermarket else [],
        "products": [{"id": p.pk, "name": p.name, "unit": p.unit, "points": p.points,
                      "stock": p.stock} for p in selectors.shelf(supermarket)]
        if supermarket else [],
    })
    response["Cache-Control"] = "private, no-cache"
    return response


@roles_required(*STAFF_ROLES)
def cashier_household(request, pk):
    """The counter for one household: weigh-in with a live points preview, the goods basket."""
    household = _household(request, pk)
    return render(request, "points_market/counter.html", _counter_context(request, household))


def _errors(exc: DomainError, labels: dict) -> list[str]:
    label = labels.get(exc.field, "")
    return [f"{label}：{exc.message}" if label else str(exc.message)]


def _record_at_counter(request, household, *, service, lines, labels, key_field, form,
                       receipt, **extra):
    """Record a deposit or redemption through ``service`` and show its receipt; when the
    service refuses, the counter again with what was entered, the same key and the reason."""
    key = request.POST.get("key", "")
    try:
        result = service(household, actor=request.user, lines=lines, idempotency_key=key,
                         **extra)
    except DomainError as exc:
        if exc.code == "idempotency_key_reused":
            # A form already recorded, sent again with other entries (the browser's back
            # button): what it recorded stands; the counter comes back with a new key.
            errors = [_("This form was already sent with other entries, and what it sent then "
                        "was recorded. Check the entries and send them again.")]
            context = _counter_context(request, household, **form, errors=errors)
        else:
            context = _counter_context(request, household, **form, **{key_field: key},
                                       errors=_errors(exc, labels))
        return render(request, "points_market/counter.html", context, status=exc.status_code)
    return redirect(receipt, pk=result.record.pk)


@roles_required(*STAFF_ROLES)
def cashier_deposit(request, pk):
    if request.method != "POST":
        return redirect("points_market:counter", pk=pk)
    household = _household(request, pk)
    sms_receipt = request.POST.get("sms_receipt") == "on"
    prices = services.prices_in_force(household.village_id)
    categories = selectors.categories_with_prices(prices)
    weights = {c["id"]: request.POST.get(f"weight_{c['id']}", "").strip() for c in categories}
    lines, labels = [], {}
    for c in categories:
        if weights[c["id"]]:
            labels[f"lines[{len(lines)}].weight_jin"] = c["name"]
            labels[f"lines[{len(lines)}].category"] = c["name"]
            lines.append({"category": c["id"], "weight_jin": weights[c["id"]]})
    return _record_at_counter(
        request, household, service=services.deposit_record, lines=lines, labels=labels,
        key_field="deposit_key", form={"weights": weights, "sms_receipt": sms_receipt},
        receipt="points_market:deposit-receipt", sms_receipt=sms_receipt,
    )


@roles_required(*STAFF_ROLES)
def cashier_redeem(request, pk):
    if request.method != "POST":
        return redirect("points_market:counter", pk=pk)
    household = _household(request, pk)
    supermarket = Supermarket.objects.filter(village_id=household.village_id).first()
    products = list(selectors.shelf(supermarket)) if supermarket else []
    quantities = {p.pk: request.POST.get(f"qty_{p.pk}", "").strip() for p in products}
    lines, labels = [], {}
    for p in products:
        if quantities[p.pk] not in ("", "0"):
            labels[f"lines[{len(lines)}].quantity"] = p.name
            labels[f"lines[{len(lines)}].product"] = p.name
            lines.append({"product": p.pk, "quantity": quantities[p.pk]})
    return _record_at_counter(
        request, household, service=services.redemption_record, lines=lines, labels=labels,
        key_field="redemption_key", form={"quantities": quantities},
        receipt="points_market:redemption-receipt",
    )


def _receipt_record(request, model, pk):
    return get_object_or_404(
        model.objects.for_user(request.user).select_related(
            "household__village", "supermarket", "created_by", "entry"),
        pk=pk,
    )


@login_required
def deposit_receipt(request, pk):
    deposit = _receipt_record(request, Deposit, pk)
    lines = deposit.lines.select_related("category")
    return render(request, "points_market/receipt_deposit.html",
                  {"deposit": deposit, "lines": lines})


@login_required
def redemption_receipt(request, pk):
    redemption = _receipt_record(request, Redemption, pk)
    lines = selectors.redeemed_goods(redemption)
    return render(request, "points_market/receipt_redemption.html",
                  {"redemption": redemption, "lines": lines})


@login_required
def my_points(request):
    """The villager's household: balance, history and the goods on the village's shelf."""
    user = request.user
    if not user.household_id:
        raise Http404(_("Your account is not linked to a household."))
    household = selectors.households_with_balance(user).filter(pk=user.household_id).first()
    if household is None:
        raise Http404(_("Your account is not linked to a household."))
    supermarket = Supermarket.objects.filter(village_id=household.village_id).first()
    page = Paginator(selectors.entries_of(household), 20).get_page(request.GET.get("page"))
    prices = services.prices_in_force(household.village_id)
    return render(request, "points_market/my_points.html", {
        "household": household,
        "supermarket": supermarket,
        "products": list(selectors.shelf(supermarket)) if supermarket else [],
        "categories": selectors.categories_with_prices(prices),
        "page": page,
    })


@roles_required(*SUBTREE_ROLES)
def supermarket_list(request):
    return render(request, "points_market/supermarkets.html", {
        "supermarkets": selectors.supermarkets_for(request.user).order_by("village__path"),
    })


@login_required
def poster(request, pk):
    """积分兑换价目表: the printable price list of one supermarket."""
    supermarket = get_object_or_404(selectors.supermarkets_for(request.user), pk=pk)
    prices = services.prices_in_force(supermarket.village_id)
    return render(request, "points_market/poster.html", {
        "supermarket": supermarket,
        "categories": selectors.categories_with_prices(prices),
        "products": selectors.shelf(supermarket),
        "today": timezone.localdate(),
    })


@roles_required(*SUBTREE_ROLES)
def statistics(request):
    """Per village and township, for a month: what was collected and redeemed."""
    today = timezone.localdate()
    first = parse_month(request.GET.get("month"))
    if first is None:
        if request.GET.get("month"):
            messages.error(request, month_out_of_range_message())
        first = today.replace(day=1)
    tz = timezone.get_current_timezone()
    start = datetime.datetime.combine(first, datetime.time.min, tzinfo=tz)
    nxt = datetime.date(first.year + (first.month == 12), first.month % 12 + 1, 1)
    end = datetime.datetime.combine(nxt, datetime.time.min, tzinfo=tz)
    months = []
    m = today.replace(day=1)
    for _i in range(12):
        months.append(m)
        m = (m - datetime.timedelta(days=1)).replace(day=1)
    villages = selectors.monthly_statistics(request.user, start, end, by="village")
    townships = selectors.township_totals(request.user, villages)
    categories = sorted({c for r in villages for c in r["weight_by_category"]})
    for r in villages:
        r["weights"] = [r["weight_by_category"].get(c, 0) for c in categories]
    return render(request, "points_market/statistics.html", {
        "month": first, "months": months, "villages": villages, "townships": townships,
        "categories": categories,
    })

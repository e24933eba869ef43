"""Pages of outreach: the staff's mobile posts (profile and menu), a month's round (its stops,
add one, copy last month's), a stop (record it done or cancelled), and the villager's next
visit. Thin: selectors read, services write."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from practice.exceptions import DomainError
from practice.numbers import parse_id, parse_int, parse_month
from practice.pages import roles_required
from practice.roles import SUBTREE_ROLES

from . import selectors, services
from .forms import CancelForm, MenuItemForm, PlanForm, ProfileForm, RecordForm, StopForm
from .models import Round


def _post(user, pk):
    post = selectors.post_for(user, pk)
    if post is None:
        raise Http404
    return post


def _fail(form, exc):
    form.add_error(exc.field if exc.field in form.fields else None, str(exc.message))


def _teams_for(post):
    return selectors.teams_of(post).filter(active=True)


# --- staff ------------------------------------------------------------------------------------
@roles_required(*SUBTREE_ROLES)
def post_list(request):
    user = request.user
    month = timezone.localdate().replace(day=1)
    page = Paginator(selectors.posts_for(user), 30).get_page(
        parse_int(request.GET.get("page"), default=1))
    figures = selectors.month_figures([p.pk for p in page], month)
    for post in page:
        post.figures = figures.get(post.pk, {"stops": 0, "served": 0})
    return render(request, "outreach/post_list.html", {"page": page, "month": month})


@roles_required(*SUBTREE_ROLES)
def post_detail(request, pk):
    user = request.user
    post = _post(user, pk)
    manage = services.may_manage(user, post)
    profile = services.profile_of(post)
    profile_form = ProfileForm(initial={
        "team": profile.team_id if profile else None,
        "vehicle": profile.vehicle if profile else "",
        "phone": profile.phone if profile else ""}, teams=_teams_for(post))
    menu_form = MenuItemForm()
    today = timezone.localdate()
    plan_form = PlanForm(initial={"month": today.strftime("%Y-%m")})
    if request.method == "POST":
        if not manage:
            raise PermissionDenied
        what = request.POST.get("action")
        try:
            if what == "profile":
                profile_form = ProfileForm(request.POST, teams=_teams_for(post))
                if profile_form.is_valid():
                    services.profile_update(post, actor=user, **profile_form.cleaned_data)
                    messages.success(request, _("The profile was saved."))
                    return redirect("outreach:post", pk=post.pk)
            elif what == "menu":
                menu_form = MenuItemForm(request.POST)
                if menu_form.is_valid():
                    services.menu_item_add(post, actor=user, **menu_form.cleaned_data)
                    messages.success(request, _("The service was added to the menu."))
                    return redirect("outreach:post", pk=post.pk)
            elif what == "withdraw":
                item = selectors.menu_of(post).filter(
                    pk=parse_id(request.POST.get("item"), default=0)).first()
                if item is not None:
                    services.menu_item_withdraw(item, actor=user)
                    messages.success(request, _("The service was taken off the menu."))
                return redirect("outreach:post", pk=post.pk)
        except DomainError as e:
            form = profile_form if what == "profile" else menu_form
            _fail(form, e)
    rounds = selectors.rounds_for(user).filter(post=post)[:24]
    return render(request, "outreach/post_detail.html", {
        "post": post, "profile": profile, "manage": manage, "menu": selectors.menu_of(post),
        "profile_form": profile_form, "menu_form": menu_form, "plan_form": plan_form,
        "rounds": rounds})


@roles_required(*SUBTREE_ROLES)
def round_new(request, pk):
    """Plan a month's round of the post (``month=YYYY-MM``), copying last month's stops if
    asked; then its page, to add stops."""
    user = request.user
    post = _post(user, pk)
    if not services.may_manage(user, post):
        raise PermissionDenied
    form = PlanForm(request.POST or None,
                    initial={"month": timezone.localdate().strftime("%Y-%m")})
    if request.method == "POST" and form.is_valid():
        month = parse_month(form.cleaned_data["month"])
        if month is None:
            form.add_error("month", _("Give the month as YYYY-MM."))
        else:
            existing = Round.objects.filter(post=post, month=month).first()
            if existing is not None:
                messages.info(request, _("The round of this month is planned already."))
                return redirect("outreach:round", pk=existing.pk)
            try:
                round_ = services.round_plan(actor=user, post=post, year=month.year,
                                             month=month.month,
                                             note=form.cleaned_data["note"])
            except DomainError as e:
                _fail(form, e)
            else:
                if form.cleaned_data["copy_previous"]:
                    try:
                        n = services.round_copy_previous(round_, actor=user)
                    except DomainError as e:
                        messages.info(request, str(e.message))
                    else:
                        messages.success(request, _("%(n)d stops copied from last month.")
                                         % {"n": n})
                return redirect("outreach:round", pk=round_.pk)
    return render(request, "outreach/round_new.html", {"post": post, "form": form})


@roles_required(*SUBTREE_ROLES)
def round_detail(request, pk):
    user = request.user
    round_ = selectors.round_for(user, pk)
    if round_ is None:
        raise Http404
    post = round_.post
    manage = services.may_manage(user, post)
    form = StopForm(villages=selectors.villages_of(post), menu=selectors.menu_of(post))
    if request.method == "POST":
        if not manage:
            raise PermissionDenied
        what = request.POST.get("action")
        try:
            if what == "add":
                form = StopForm(request.POST, villages=selectors.villages_of(post),
                                menu=selectors.menu_of(post))
                if form.is_valid():
                    services.stop_add(round_, actor=user, **form.cleaned_data)
                    messages.success(request, _("The stop was added."))
                    return redirect("outreach:round", pk=round_.pk)
            elif what == "copy":
                n = services.round_copy_previous(round_, actor=user)
                messages.success(request, _("%(n)d stops copied from last month.") % {"n": n})
                return redirect("outreach:round", pk=round_.pk)
            elif what == "remove":
                stop = round_.stops.filter(pk=parse_id(request.POST.get("stop"),
                                                       default=0)).first()
                if stop is not None:
                    services.stop_remove(stop, actor=user)
                    messages.success(request, _("The stop was taken off the round."))
                return redirect("outreach:round", pk=round_.pk)
        except DomainError as e:
            if what == "add":
                _fail(form, e)
            else:
                messages.error(request, str(e.message))
                return redirect("outreach:round", pk=round_.pk)
    return render(request, "outreach/round_detail.html", {
        "round": round_, "post": post, "stops": selectors.stops_of(round_), "manage": manage,
        "form": form, "has_previous": selectors.previous_round(round_) is not None})


@roles_required(*SUBTREE_ROLES)
def stop_detail(request, pk):
    user = request.user
    stop = selectors.stop_for(user, pk)
    if stop is None:
        raise Http404
    actions = services.stop_actions(stop, user)
    menu = list(selectors.menu_of(stop.post))
    given = {g.service_item_id: g.count for g in stop.given.all()}
    record_form = RecordForm(menu=menu, initial={
        "people_served": stop.people_served,
        **{f"given_{pk}": n for pk, n in given.items()}})
    cancel_form = CancelForm()
    if request.method == "POST":
        if not actions:
            raise PermissionDenied
        what = request.POST.get("action")
        try:
            if what == "record":
                record_form = RecordForm(request.POST, menu=menu)
                if record_form.is_valid():
                    data = record_form.cleaned_data
                    services.stop_record(
                        stop, actor=user, people_served=data["people_served"],
                        given=record_form.given(), photos=request.FILES.getlist("photos"),
                        activities=request.POST.getlist("activities"),
                        activity_title=data["activity_title"],
                        activity_unit=data["activity_unit"] or "post", note=data["note"])
                    messages.success(request, _("The stop was recorded."))
                    return redirect("outreach:stop", pk=stop.pk)
            elif what == "cancel":
                cancel_form = CancelForm(request.POST)
                if cancel_form.is_valid():
                    services.stop_cancel(stop, actor=user, reason=cancel_form.cleaned_data[
                        "reason"])
                    messages.success(request, _("The stop was cancelled."))
                    return redirect("outreach:stop", pk=stop.pk)
        except DomainError as e:
            _fail(cancel_form if what == "cancel" else record_form, e)
    candidates = selectors.activities_to_link(user, stop) if "record" in actions else []
    return render(request, "outreach/stop_detail.html", {
        "stop": stop, "actions": actions, "candidates": candidates, "record_form": record_form,
        "cancel_form": cancel_form, "started": selectors.stop_start(stop) <= timezone.now(),
        "photos_left": services.PHOTOS_MAX - len(stop.photos.all())})


# --- villagers ----------------------------------------------------------------------------------
@login_required
def next_visit(request):
    village, group = selectors.village_and_group_of(request.user)
    visits = list(selectors.next_visits(request.user))
    return render(request, "outreach/next_visit.html", {
        "village": village, "group": group, "visits": visits,
        "next": visits[0] if visits else None})

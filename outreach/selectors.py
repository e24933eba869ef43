"""Reads of outreach: the posts, rounds and stops a user may see, a post's menu, and the next
visits a villager is shown."""

from __future__ import annotations

import datetime

from django.db.models import Count, Prefetch, Q, Sum
from django.utils import timezone

from practice.models import Level, SiteKind, Unit
from practice.numbers import add_months
from volunteers.models import ServiceItem, Team

from .models import Round, Stop, StopPhoto, StopService, StopStatus

NEXT_VISITS = 5


def is_mobile_post(unit) -> bool:
    return (isinstance(unit, Unit) and unit.level == Level.BASE
            and unit.site_kind == SiteKind.MOBILE_POST)


def posts_for(user):
    """The mobile posts in ``user``'s area, with their township and profile."""
    return (Unit.objects.for_user(user)
            .filter(level=Level.BASE, site_kind=SiteKind.MOBILE_POST)
            .select_related("parent", "mobile_post", "mobile_post__team").order_by("path"))


def post_for(user, pk):
    return posts_for(user).filter(pk=pk).first()


def menu_of(post):
    """The post's menu: the active service items its unit offers (as a station's are its
    village's)."""
    return ServiceItem.objects.filter(unit=post, active=True).order_by("category", "name", "pk")


def teams_of(post):
    """The teams a post may name as its own: those of its township and of the units above it
    (the banner's)."""
    line = post.path.strip("/").split("/")
    township = post.township.path if post.township_id else post.path
    return (Team.objects.filter(Q(unit__path__startswith=township) | Q(unit__code__in=line))
            .select_related("unit").order_by("unit__path", "name"))


def villages_of(post):
    """The villages a post's stops may be in: those of its township."""
    return Unit.objects.filter(level=Level.VILLAGE, township_id=post.township_id).order_by("path")


def stop_related(qs):
    return qs.select_related("village", "post").prefetch_related(
        "services",
        Prefetch("given", queryset=StopService.objects.select_related("service_item")),
        Prefetch("photos", queryset=StopPhoto.objects.order_by("pk")),
        "activities")


def rounds_for(user):
    return (Round.objects.for_user(user).select_related("post", "post__parent")
            .annotate(stop_count=Count("stops"),
                      done_count=Count("stops", filter=Q(stops__status=StopStatus.DONE)))
            .order_by("-month", "post__path", "pk"))


def round_for(user, pk):
    return Round.objects.for_user(user).select_related("post", "post__parent").filter(
        pk=pk).first()


def stops_of(round_):
    return stop_related(Stop.objects.filter(round=round_)).order_by("date", "starts_at", "pk")


def stops_for(user):
    return Stop.objects.for_user(user).select_related("village", "post").order_by(
        "-date", "-starts_at", "-pk")


def stop_for(user, pk):
    return stop_related(Stop.objects.for_user(user)).filter(pk=pk).first()


def stop_start(stop) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(stop.date, stop.starts_at))


def stop_end(stop) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(stop.date, stop.ends_at))


def activities_to_link(user, stop):
    """The activities of the stop's post or village, held around the stop's time (12 hours
    either side) and not yet linked to it, that ``user`` may link when recording it."""
    from volunteers.models import Activity

    return (Activity.objects.for_user(user)
            .filter(unit_id__in=[stop.post_id, stop.village_id],
                    starts_at__gte=stop_start(stop) - datetime.timedelta(hours=12),
                    starts_at__lt=stop_end(stop) + datetime.timedelta(hours=12))
            .exclude(pk__in=[a.pk for a in stop.activities.all()])
            .order_by("starts_at")[:20])


def previous_round(round_):
    return Round.objects.filter(post_id=round_.post_id,
                                month=add_months(round_.month, -1)).first()


def month_figures(post_ids, month: datetime.date) -> dict[int, dict]:
    """{post id: {"stops": done stops, "served": people served}} of the month."""
    rows = (Stop.objects.filter(post_id__in=list(post_ids), status=StopStatus.DONE,
                                date__gte=month, date__lt=add_months(month, 1))
            .values("post_id").annotate(n=Count("id"), served=Sum("people_served"))
            .order_by())
    return {r["post_id"]: {"stops": r["n"], "served": r["served"] or 0} for r in rows}


# --- the villager's next visit -------------------------------------------------------------
def village_and_group_of(user):
    """The village whose visits ``user`` is shown and their household's group ("" for none):
    their household's village, or the village they belong to."""
    if not getattr(user, "is_authenticated", False):
        return None, ""
    if user.household_id:
        household = user.household
        return household.village, household.group.strip()
    if user.unit_id and user.unit.level == Level.VILLAGE:
        return user.unit, ""
    return None, ""


def upcoming_q(now=None) -> Q:
    """Stops still to come: a later day, or today and not yet over."""
    now = timezone.localtime(now or timezone.now())
    return Q(date__gt=now.date()) | Q(date=now.date(), ends_at__gt=now.time())


def _coming(user, now=None):
    """The planned stops still to come in the user's village: those naming no group, and
    those naming their household's group; soonest first."""
    village, group = village_and_group_of(user)
    if village is None:
        return Stop.objects.none()
    groups = Q(group="") | Q(group=group) if group else Q(group="")
    return Stop.objects.filter(upcoming_q(now), groups, village=village,
                               status=StopStatus.PLANNED).order_by("date", "starts_at", "pk")


def next_visits(user, *, limit=NEXT_VISITS, now=None):
    """The user's next visits (:func:`_coming`) with their post and services."""
    return (_coming(user, now).select_related("village", "post", "post__mobile_post")
            .prefetch_related("services")[:limit])


def home_line(user) -> dict | None:
    """The villager's home page line: when the mobile post next stops in their village."""
    from django.urls import reverse
    from django.utils.translation import gettext as _

    from practice.roles import has_staff_role

    if has_staff_role(user):
        return None
    visit = _coming(user).first()
    if visit is None:
        return None
    return {"text": _("Next visit of the mobile post: %(date)s %(time)s, %(place)s") % {
        "date": visit.date.strftime("%m-%d"), "time": visit.starts_at.strftime("%H:%M"),
        "place": visit.place}, "url": reverse("outreach:next-visit")}

"""Query budgets: every list, detail and dashboard asks the database as often with 5N rows as
with N (no N+1). The lists come from the matrix table, so a new list needs a grower here.

Each case grows the world by N objects of the endpoint's kind, makes one warm-up request,
counts the queries of the next, grows by 4N more and counts again: the two counts must match.
"""

import datetime
import itertools

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from banquets import services as banquet_services
from banquets.models import Canteen
from honours import services as honours
from honours.models import HonourKind
from points_market.models import Product
from points_market.services import redemption_record
from practice.models import Household, Level, SiteKind, Unit
from reports import services as reports
from tests.banquets.conftest import make_request
from tests.platform.matrix_table import API
from tests.points_market.conftest import credit
from volunteers import activity_services as activities
from volunteers import services as orders
from volunteers.models import (
    ActivityCategory,
    Membership,
    ServiceItem,
    Team,
    TeamKind,
    Volunteer,
)

pytestmark = pytest.mark.django_db
N = 2
_seq = itertools.count(1)
_months = itertools.count(0)


def _household(w, village=None):
    i = next(_seq)
    village = village or w.net.v11
    return Household.objects.create(village=village, number=f"{village.code}-Q{i:04d}",
                                    head_name=f"农户{i}")


def _village(w, parent=None):
    i = next(_seq)
    return Unit.objects.create(code=f"T1Q{i}", name=f"新嘎查{i}", level=Level.VILLAGE,
                               site_kind=SiteKind.STATION, parent=parent or w.net.t1)


def _township(w):
    i = next(_seq)
    town = Unit.objects.create(code=f"TQ{i}", name=f"新镇{i}", level=Level.TOWNSHIP,
                               site_kind=SiteKind.INSTITUTE, parent=w.net.banner)
    village = _village(w, town)
    household = _household(w, village)
    item = ServiceItem.objects.create(name=f"服务{i}", category="elderly", unit=village)
    orders.order_place(actor=w.net.banner_admin, service_item=item, description="测试",
                       household=household)
    return town


def grow_orders(w, n):
    for _ in range(n):
        order = orders.order_place(actor=w.net.villager, service_item=w.item_in,
                                   description="帮忙")
        orders.order_dispatch(order, actor=w.net.station_staff, team=w.team_in)


def grow_applications(w, n):
    for _ in range(n):
        orders.application_submit(actor=w.net.villager, client="q", name="报名人",
                                  phone=f"1990{next(_seq):07d}", village=w.net.v11,
                                  teams=[w.team_in])


def grow_order_events(w, n):
    for _ in range(n):
        orders.order_dispatch(w.order_in, actor=w.net.station_staff, team=w.team_in)
        orders.order_return(w.order_in, actor=w.net.station_staff, reason="改派")


def grow_teams(w, n):
    for _ in range(n):
        i = next(_seq)
        team = Team.objects.create(name=f"服务队{i}", kind=TeamKind.WOMEN, unit=w.net.v11)
        v = Volunteer.objects.create(name=f"队员{i}", unit=w.net.v11,
                                     registered_on=datetime.date(2024, 1, 1))
        Membership.objects.create(team=team, volunteer=v, joined_on=datetime.date(2024, 1, 1))
        Membership.objects.create(team=team, volunteer=w.vol_in,
                                  joined_on=datetime.date(2024, 1, 1))


def grow_activities(w, n):
    """Activities at v11 with a photo-less team each and an attendance by QR."""
    now = timezone.now()
    for _ in range(n):
        i = next(_seq)
        team = Team.objects.create(name=f"活动队{i}", kind=TeamKind.WOMEN, unit=w.net.v11)
        activity = activities.activity_create(
            actor=w.net.station_staff, unit=w.net.v11, title=f"活动{i}",
            category=ActivityCategory.SERVICE_DAY, starts_at=now - datetime.timedelta(hours=1),
            ends_at=now + datetime.timedelta(hours=1), teams=[team, w.team_in])
        activities.attendance_check_in(activity, actor=w.net.volunteer,
                                       token=activities.checkin_token(activity))


def grow_attendances(w, n):
    """Volunteers of v11 checked in at the world's activity by staff."""
    for _ in range(n):
        v = Volunteer.objects.create(name=f"队员{next(_seq)}", unit=w.net.v11,
                                     registered_on=datetime.date(2024, 1, 1))
        activities.attendance_check_in(w.activity_in, actor=w.net.station_staff, volunteer=v)


def grow_villages(w, n):
    for _ in range(n):
        _village(w)


def grow_items(w, n):
    for _ in range(n):
        ServiceItem.objects.create(name=f"服务{next(_seq)}", category="repair", unit=w.net.v11)


def grow_units(w, n):
    for _ in range(n):
        i = next(_seq)
        Unit.objects.create(code=f"T1V1Q{i}", name=f"基地{i}", level=Level.BASE,
                            parent=w.net.v11)


def grow_households(w, n):
    for _ in range(n):
        credit(w.net, w.market, _household(w), 5)


def grow_deposits(w, n):
    for _ in range(n):
        credit(w.net, w.market, w.net.h11, 5)


def grow_redemptions(w, n):
    for _ in range(n):
        redemption_record(w.net.h11, actor=w.net.station_staff,
                          lines=[{"product": w.product_in.pk, "quantity": 1}])


def grow_products(w, n):
    for _ in range(n):
        Product.objects.create(supermarket=w.shop_in, name=f"商品{next(_seq)}", unit="袋",
                               points=10, value_yuan=1, stock=5)


def grow_canteens(w, n):
    for _ in range(n):
        Canteen.objects.create(village=w.net.v11, name=f"食堂{next(_seq)}", capacity=10)


def grow_bookings(w, n):
    for _ in range(n):
        i = next(_seq)
        banquet_services.booking_create(
            household=_household(w), canteen=w.canteen_in, actor=w.net.station_staff,
            request=make_request(date=timezone.localdate() + datetime.timedelta(days=30 + i % 300)))


def grow_violations(w, n):
    for _ in range(n):
        banquet_services.violation_record(
            household=_household(w), actor=w.net.station_staff,
            event_date=timezone.localdate(), rule="tables", description="超桌",
            support_withheld_until=timezone.localdate())


def grow_reports(w, n):
    for _ in range(n):
        i = next(_months)
        reports.monthly_reports_build(2001 + i // 12, i % 12 + 1)


def grow_submissions(w, n):
    from dispatch.models import Submission
    from dispatch.services import deadline_for

    for _ in range(n):
        i = next(_months)
        year, month = 2001 + i // 12, i % 12 + 1
        Submission.objects.create(unit=w.net.v11, year=year, month=month,
                                  deadline=deadline_for(year, month))


def grow_dispatch_meetings(w, n):
    from dispatch import services as dispatch

    for _ in range(n):
        i = next(_months)
        meeting = dispatch.meeting_create(actor=w.net.banner_admin, unit=w.net.t1,
                                          year=2001 + i // 12, month=i % 12 + 1,
                                          date=datetime.date(2001 + i // 12, i % 12 + 1, 9),
                                          attendees=[w.net.township_staff])
        dispatch.decision_add(meeting, actor=w.net.banner_admin, text="整改", unit=w.net.v11)


def grow_runs(w, n):
    for _ in range(n):
        reports.report_run_start(year=w.report_year, month=w.report_month,
                                 actor=w.net.township_staff)


def grow_manual_scores(w, n):
    from reports.models import ManualItem

    for _ in range(n):
        item = ManualItem.objects.create(assessment=w.manual_item.assessment,
                                         name=f"评分项{next(_seq)}", max_score=10)
        reports.manual_score_set(item, w.net.t1, score=5, note="理由", actor=w.net.banner_admin)


def grow_star_evaluations(w, n):
    for _ in range(n):
        honours.star_evaluation_propose(_household(w), actor=w.net.station_staff, year=w.year,
                                        star_codes=w.stars[:4])


def grow_honours(w, n):
    for _ in range(n):
        honours.honour_award(actor=w.net.station_staff, village=w.net.v11, year=w.year,
                             kind=HonourKind.BEAUTIFUL_FAMILY, household=_household(w))


_years_back = itertools.count(1)


def grow_evaluations(w, n):
    for _ in range(n):
        honours.evaluation_open(actor=w.net.station_staff, village=w.net.v11,
                                year=w.year - next(_years_back) % 20 - 1,
                                representatives=[{"name": "代表", "phone": ""}])


def grow_representatives(w, n):
    for _ in range(n):
        honours.representative_add(w.evaluation_in, actor=w.net.station_staff,
                                   name=f"代表{next(_seq)}")


def grow_townships(w, n):
    for _ in range(n):
        _township(w)


def grow_tasks(w, n):
    from supervision import services as supervision

    for _ in range(n):
        task = supervision.task_create(
            actor=w.net.township_staff, title=f"督办{next(_seq)}", unit=w.net.v11,
            deadline=datetime.date.fromisoformat(w.banquet_date))
        supervision.task_progress(task, actor=w.net.station_staff, note="进展")


def grow_task_progress(w, n):
    from supervision import services as supervision

    for _ in range(n):
        supervision.task_progress(w.task_in, actor=w.net.station_staff, note="进展")


def grow_visits_and_meetings(w, n):
    from supervision import services as supervision

    today = datetime.date.fromisoformat(w.today)
    for _ in range(n):
        supervision.visit_record(actor=w.net.leader, villages=[w.net.v11, w.net.v12],
                                 started_on=today, ended_on=today, findings="走访")
        supervision.meeting_record(actor=w.net.township_staff, unit=w.net.t1, date=today,
                                   topics="议题", participants=[w.net.township_leader],
                                   decisions=["一", "二"])


def grow_mediation_cases(w, n):
    from mediation import services as mediation

    for _ in range(n):
        case = mediation.case_open(actor=w.net.station_staff, village=w.net.v11, kind="debts",
                                   parties=f"当事人{next(_seq)}", summary="借款",
                                   mediator=w.mediator_in)
        mediation.case_add_session(case, actor=w.net.villager, note="调解")


def grow_mediation_sessions(w, n):
    from mediation import services as mediation

    for _ in range(n):
        mediation.case_add_session(w.case_in, actor=w.net.station_staff, note="调解")


def grow_mediators(w, n):
    from mediation import services as mediation
    from tests.factories import make_user

    for _ in range(n):
        household = _household(w)
        person = make_user(f"mediator{next(_seq)}", "villager", w.net.v11, household)
        mediation.mediator_appoint(actor=w.net.station_staff, village=w.net.v11, user=person)


def grow_mediation_villages(w, n):
    from mediation import services as mediation
    from tests.factories import make_user

    for _ in range(n):
        village = _village(w)
        household = _household(w, village)
        person = make_user(f"mediator{next(_seq)}", "villager", village, household)
        mediator = mediation.mediator_appoint(actor=w.net.township_staff, village=village,
                                              user=person)
        mediation.case_open(actor=w.net.township_staff, village=village, kind="land",
                            parties="甲", summary="草场", mediator=mediator)
def grow_posts(w, n):
    from outreach import services as outreach
    from volunteers.models import Team as OutreachTeam

    for _ in range(n):
        i = next(_seq)
        post = Unit.objects.create(code=f"T1M{i + 10}", name=f"流动驿站{i}", level=Level.BASE,
                                   site_kind=SiteKind.MOBILE_POST, parent=w.net.t1)
        team = OutreachTeam.objects.create(name=f"驿站服务队{i}", unit=post)
        outreach.profile_update(post, actor=w.net.township_staff, team=team, vehicle="车")


def grow_rounds(w, n):
    from outreach import services as outreach

    for _ in range(n):
        i = next(_seq)
        post = Unit.objects.create(code=f"T1R{i}", name=f"流动驿站R{i}", level=Level.BASE,
                                   site_kind=SiteKind.MOBILE_POST, parent=w.net.t1)
        outreach.round_plan(actor=w.net.township_staff, post=post,
                            year=w.outreach_month.year, month=w.outreach_month.month)


def grow_stops(w, n):
    from outreach import services as outreach

    for _ in range(n):
        outreach.stop_add(w.round_in, actor=w.net.township_staff,
                          date=w.outreach_month.replace(day=1 + next(_seq) % 27),
                          starts_at="08:00", ends_at="09:00", village=w.net.v11,
                          place="站点", services=[w.post_item_in])


# list row of the matrix → how to add objects to it
def grow_campaigns(w, n):
    from campaigns.models import Campaign

    today = timezone.localdate()
    for _ in range(n):
        Campaign.objects.create(code=f"grow-{next(_seq)}", name="主题活动", unit=w.net.t1,
                                starts_on=today, ends_on=today)


LIST_GROWERS = {
    "GET mediation-case-list": grow_mediation_cases,
    "GET mediation-mediator-list": grow_mediators,
    "GET outreach-post-list": grow_posts,
    "GET outreach-round-list": grow_rounds,
    "GET outreach-stop-list": grow_stops,
    "GET supervised-task-list": grow_tasks,
    "GET unit-list": grow_units,
    "GET household-list": grow_households,
    "GET monthly-report-list": grow_reports,
    "GET report-run-list": grow_runs,
    "GET manual-score-list": grow_manual_scores,
    "GET star-evaluation-list": grow_star_evaluations,
    "GET honour-list": grow_honours,
    "GET evaluation-list": grow_evaluations,
    "GET team-list": grow_teams,
    "GET service-item-list": grow_items,
    "GET order-list": grow_orders,
    "GET volunteer-application-list": grow_applications,
    "GET activity-list": grow_activities,
    "GET points-product-list": grow_products,
    "GET points-deposit-list": grow_deposits,
    "GET points-redemption-list": grow_redemptions,
    "GET points-entry-list": grow_deposits,
    "GET points-household-list": grow_households,
    "GET banquets-canteen-list": grow_canteens,
    "GET banquets-booking-list": grow_bookings,
    "GET banquets-violation-list": grow_violations,
    "GET submission-list": grow_submissions,
    "GET dispatch-meeting-list": grow_dispatch_meetings,
    "GET campaign-list": grow_campaigns,
}

# (kind, url builder, grower, who asks): details and dashboards whose rows grow
CASES = {
    "GET order-detail": ("api", lambda w: f"/api/orders/{w.order_in.pk}/",
                         grow_order_events, "station_staff"),
    "GET points-household-detail": ("api", lambda w: f"/api/points/households/{w.net.h11.pk}/",
                                    grow_deposits, "villager"),
    "GET evaluation-representatives": (
        "api", lambda w: f"/api/evaluations/{w.evaluation_in.pk}/representatives/",
        grow_representatives, "station_staff"),
    "GET activity-attendance": (
        "api", lambda w: f"/api/activities/{w.activity_in.pk}/attendance/", grow_attendances,
        "station_staff"),
    "GET activity-service-day-gaps": ("api", lambda w: "/api/activities/service-day-gaps/",
                                      grow_villages, "township_staff"),
    "GET volunteers:activities": ("web", lambda w: "/volunteers/activities/", grow_activities,
                                  "station_staff"),
    "GET volunteers:activity": ("web", lambda w: f"/volunteers/activities/{w.activity_in.pk}/",
                                grow_attendances, "station_staff"),
    "GET volunteers:my-activities": ("web", lambda w: "/volunteers/my-activities/",
                                     grow_activities, "volunteer"),
    "GET volunteers:service-days": ("web", lambda w: "/volunteers/service-days/?show=all",
                                    grow_activities, "township_staff"),
    "GET admin:volunteers_activity": ("web", lambda w: "/admin/volunteers/activity/",
                                      grow_activities, "township_staff"),
    "GET admin:volunteers_attendance": ("web", lambda w: "/admin/volunteers/attendance/",
                                        grow_attendances, "township_staff"),
    "GET dashboard-summary": ("api", lambda w: "/api/dashboard/summary/", grow_townships,
                              "banner_admin"),
    "GET assessments": ("api", lambda w: "/api/assessments/", grow_townships, "banner_admin"),
    "GET reports:dashboard": ("web", lambda w: "/reports/", grow_townships, "leader"),
    "GET reports:monthly-list": ("web", lambda w: "/reports/monthly/", grow_reports, "leader"),
    "GET dispatch:meetings": ("web", lambda w: "/dispatch/meetings/", grow_dispatch_meetings,
                              "leader"),
    "GET volunteers:staff-orders": ("web", lambda w: "/volunteers/staff/orders/", grow_orders,
                                    "station_staff"),
    "GET volunteers:my-orders": ("web", lambda w: "/volunteers/my-orders/", grow_orders,
                                 "villager"),
    "GET volunteers:team-orders": ("web", lambda w: "/volunteers/team-orders/", grow_orders,
                                   "volunteer"),
    "GET volunteers:applications": ("web", lambda w: "/volunteers/staff/applications/",
                                    grow_applications, "station_staff"),
    "GET volunteers:applications (team leader)": (
        "web", lambda w: "/volunteers/staff/applications/", grow_applications, "volunteer"),
    "GET banquets:queue": ("web", lambda w: "/banquets/queue/", grow_bookings, "station_staff"),
    "GET banquets:violations": ("web", lambda w: "/banquets/violations/", grow_violations,
                                "station_staff"),
    "GET points_market:my-points": ("web", lambda w: "/points/my/", grow_deposits, "villager"),
    "GET points_market:statistics": ("web", lambda w: "/points/statistics/",
                                     grow_households, "township_staff"),
    "GET honours:stars": ("web", lambda w: "/board/stars/", grow_star_evaluations,
                          "station_staff"),
    "GET honours:honours": ("web", lambda w: "/board/honours/", grow_honours, "station_staff"),
    "GET honours:evaluations": ("web", lambda w: "/board/evaluations/", grow_evaluations,
                                "township_staff"),
    "GET admin:volunteers_order": ("web", lambda w: "/admin/volunteers/order/", grow_orders,
                                   "township_staff"),
    "GET admin:banquets_booking": ("web", lambda w: "/admin/banquets/booking/", grow_bookings,
                                   "township_staff"),
    "GET admin:points_market_entry": ("web", lambda w: "/admin/points_market/entry/",
                                      grow_deposits, "township_staff"),
    "GET admin:practice_household": ("web", lambda w: "/admin/practice/household/",
                                     grow_households, "township_staff"),
    "GET supervision:tasks": ("web", lambda w: "/supervision/tasks/?scope=area", grow_tasks,
                              "township_staff"),
    "GET supervision:task": ("web", lambda w: f"/supervision/tasks/{w.task_in.pk}/",
                             grow_task_progress, "station_staff"),
    "GET supervised-task-detail": ("api", lambda w: f"/api/supervised-tasks/{w.task_in.pk}/",
                                   grow_task_progress, "station_staff"),
    "GET supervision:visits": ("web", lambda w: "/supervision/visits/",
                               grow_visits_and_meetings, "township_staff"),
    "GET supervision:meetings": ("web", lambda w: "/supervision/meetings/",
                                 grow_visits_and_meetings, "township_staff"),
    "GET admin:supervision_supervisedtask": ("web", lambda w: "/admin/supervision/"
                                             "supervisedtask/", grow_tasks, "township_staff"),
    # mediation
    "GET mediation:cases": ("web", lambda w: "/mediation/cases/", grow_mediation_cases,
                            "township_staff"),
    "GET mediation:case": ("web", lambda w: f"/mediation/cases/{w.case_in.pk}/",
                           grow_mediation_sessions, "station_staff"),
    "GET mediation-case-detail": ("api", lambda w: f"/api/mediation/cases/{w.case_in.pk}/",
                                  grow_mediation_sessions, "villager"),
    "GET mediation:mine": ("web", lambda w: "/mediation/mine/", grow_mediation_cases,
                           "villager"),
    "GET mediation:mine-case": ("web", lambda w: f"/mediation/mine/{w.case_in.pk}/",
                                grow_mediation_sessions, "villager"),
    "GET mediation:mediators": ("web", lambda w: "/mediation/mediators/", grow_mediators,
                                "township_staff"),
    "GET mediation:counts": ("web", lambda w: "/mediation/figures/", grow_mediation_villages,
                             "leader"),
    "GET mediation-counts": ("api", lambda w: "/api/mediation/counts/",
                             grow_mediation_villages, "banner_admin"),
    "GET admin:mediation_mediationcase": ("web", lambda w: "/admin/mediation/mediationcase/",
                                          grow_mediation_cases, "township_staff"),
    "GET outreach:posts": ("web", lambda w: "/outreach/", grow_posts, "township_staff"),
    "GET outreach:round": ("web", lambda w: f"/outreach/rounds/{w.round_in.pk}/", grow_stops,
                           "township_staff"),
    "GET outreach-round-detail": ("api", lambda w: f"/api/outreach/rounds/{w.round_in.pk}/",
                                  grow_stops, "township_staff"),
    "GET admin:outreach_stop": ("web", lambda w: "/admin/outreach/stop/", grow_stops,
                                "township_staff"),
}


# --- institutions: growers of the compact, the councils and their work -------------------------
def grow_institutions(w, n):
    from institutions import services as inst
    from institutions.models import Outcome

    today = datetime.date.fromisoformat(w.today)
    staff = w.net.station_staff
    council, antidrug = w.inst_council_in, w.antidrug_council_in
    for _ in range(n):
        inst.compact_adopt(actor=staff, village=w.net.v11, text=f"第{next(_seq)}条",
                           adopted_on=today, minutes="通过")
        inst.meeting_record(council, actor=staff, held_on=today, attendees=5, topics="议题")
        proposal = inst.proposal_raise(council, actor=staff, text="议题", raised_by="小组",
                                       raised_on=today)
        inst.decision_record(proposal, actor=staff, decided_on=today, text="同意",
                             outcome=Outcome.ADOPTED, present=5, votes_for=5)
        inst.proposal_raise(council, actor=staff, text="待议", raised_by="小组",
                            raised_on=today)
        inst.antidrug_visit_record(antidrug, actor=staff, visited_on=today, households=3,
                                   topic="宣传")
        start = timezone.now() - datetime.timedelta(days=1)
        inst.antidrug_activity_record(antidrug, actor=staff, title="禁毒宣传", starts_at=start,
                                      ends_at=start + datetime.timedelta(hours=1))


def grow_council_members(w, n):
    from institutions import services as inst
    from institutions.models import CouncilKind
    from practice.models import Household
    from practice.roles import Role
    from tests.factories import make_user

    today = datetime.date.fromisoformat(w.today)
    for _ in range(n):
        k = next(_seq)
        household = Household.objects.create(village=w.net.v11, number=f"INST-{k}",
                                             head_name="成员")
        person = make_user(f"inst-member-{k}", Role.VILLAGER, w.net.v11, household)
        council = inst.council_set_up(actor=w.net.station_staff, village=w.net.v11,
                                      kind=CouncilKind.MORAL_REVIEW)
        inst.member_seat(council, actor=w.net.station_staff, user=person, term_starts=today)


def grow_inst_villages(w, n):
    from institutions import services as inst
    from institutions.models import CouncilKind

    today = datetime.date.fromisoformat(w.today)
    for _ in range(n):
        village = _village(w)
        inst.compact_adopt(actor=w.net.banner_admin, village=village, text="一、禁赌。",
                           adopted_on=today, minutes="通过")
        inst.council_set_up(actor=w.net.banner_admin, village=village,
                            kind=CouncilKind.VILLAGERS)


LIST_GROWERS.update({
    "GET council-list": grow_inst_villages,
    "GET council-member-list": grow_council_members,
    "GET council-meeting-list": grow_institutions,
    "GET compact-version-list": grow_institutions,
    "GET council-proposal-list": grow_institutions,
    "GET council-decision-list": grow_institutions,
    "GET antidrug-activity-list": grow_institutions,
    "GET antidrug-visit-list": grow_institutions,
})
CASES.update({
    "GET institutions:council": ("web", lambda w: f"/institutions/councils/"
                                 f"{w.inst_council_in.pk}/", grow_institutions, "station_staff"),
    "GET institutions:council (anti-drug)": (
        "web", lambda w: f"/institutions/councils/{w.antidrug_council_in.pk}/",
        grow_institutions, "station_staff"),
    "GET institutions:index": ("web", lambda w: "/institutions/", grow_inst_villages,
                               "township_staff"),
    "GET institutions:compact": ("web", lambda w: f"/institutions/compact/{w.net.v11.pk}/",
                                 grow_institutions, "villager"),
    "GET honours:board (institutions)": ("web", lambda w: f"/board/units/{w.net.t1.pk}/",
                                         grow_institutions, "villager"),
})


def test_every_list_of_the_matrix_has_a_grower():
    lists = {key for key, row in API.items() if row.list_of}
    assert sorted(lists - set(LIST_GROWERS)) == []


def _client(kind, user):
    client = APIClient() if kind == "api" else Client()
    if kind == "api":
        client.force_authenticate(user)
    else:
        client.force_login(user)
    return client


def _count(client, url):
    cache.clear()
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    return len(ctx.captured_queries), [q["sql"] for q in ctx.captured_queries], response


def _rows(response):
    data = response.json()
    rows = data["results"] if isinstance(data, dict) and "results" in data else data
    return len(rows)


def _without_total(count, sql):
    totals = [q for q in sql if q.startswith('SELECT COUNT(*) AS "__count"')]
    assert len(totals) <= 1, "\n".join(sql)
    return count - len(totals)


def _check(world, kind, url, grow, role, *, is_list=False):
    client = _client(kind, world.user(role))
    grow(world, N)
    _count(client, url)  # warm-up: sessions, content types, translations
    small, small_sql, first = _count(client, url)
    grow(world, 4 * N)
    large, sql, second = _count(client, url)
    if is_list and role == "banner_admin":  # everything is in the banner's scope
        assert _rows(second) > _rows(first), "the grower's rows do not show in the list"
    if is_list:
        # A page with room to spare tells its own total (practice/api/pagination.py): the
        # total's one query appears once the rows fill a page, and is left out here.
        small, large = _without_total(small, small_sql), _without_total(large, sql)
    assert small == large, f"{small} queries with N, {large} with 5N:\n" + "\n".join(sql)


ROLES_FOR_LISTS = ["villager", "station_staff", "banner_admin"]


LIST_CASES = [
    (key, role)
    for key in sorted(LIST_GROWERS)
    for role in ROLES_FOR_LISTS
    if API[key].statuses()[role][0] == 200
]


@pytest.mark.parametrize(("key", "role"), LIST_CASES)
def test_a_list_asks_as_often_with_five_times_the_rows(world, key, role):
    _check(world, "api", reverse(key.split(" ", 1)[1]), LIST_GROWERS[key], role, is_list=True)


@pytest.mark.parametrize("key", sorted(CASES))
def test_a_detail_or_dashboard_asks_as_often_with_five_times_the_rows(world, key):
    kind, url, grow, role = CASES[key]
    _check(world, kind, url(world), grow, role)

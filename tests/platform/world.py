"""One small world with an object of every kind inside and outside each caller's scope.

Everything hangs either *inside* (village v11 / household h11 / township t1) or *outside*
(village v21 / household h21 / township t2). For the banner-wide roles (leader, reviewer,
banner_admin) both lie inside their scope; for everybody else the "out" object does not.
Objects are built through the apps' own services so they are in realistic states.
"""

import datetime
from decimal import Decimal
from types import SimpleNamespace

from django.utils import timezone

from banquets import services as banquet_services
from banquets.models import Canteen, RuleSet
from honours import services as honours
from honours.models import HonourKind
from points_market.services import redemption_record
from practice.models import Household
from practice.roles import Role
from reports import services as reports
from reports.models import Assessment, ManualItem
from tests.banquets.conftest import make_request
from tests.factories import make_network, make_user
from tests.points_market.conftest import credit, make_market
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

YEAR = timezone.localdate().year - 1
ROLES = ["anonymous", "villager", "volunteer", "station_staff", "township_staff", "leader",
         "reviewer", "banner_admin"]
SIDES = ("in", "out")


class World(SimpleNamespace):
    def pick(self, name, side):
        return getattr(self, f"{name}_{side}")

    def user(self, role):
        return None if role == "anonymous" else getattr(self.net, role)


def _volunteer(name, unit, user, team, *, lead=False):
    v = Volunteer.objects.create(name=name, unit=unit, user=user,
                                 registered_on=datetime.date(2024, 1, 1))
    Membership.objects.create(team=team, volunteer=v, joined_on=datetime.date(2024, 1, 1))
    if lead:
        Team.objects.filter(pk=team.pk).update(leader=v)
    return v


def _orders(w, side, villager, staff, volunteer, item, team):
    def placed(text):
        return orders.order_place(actor=villager, service_item=item, description=text)

    w.__dict__[f"order_{side}"] = placed("老人理发")
    dispatched = placed("修水管")
    orders.order_dispatch(dispatched, actor=staff, team=team)
    w.__dict__[f"dispatched_{side}"] = dispatched
    accepted = placed("送药")
    orders.order_dispatch(accepted, actor=staff, team=team)
    orders.order_accept(accepted, actor=volunteer)
    w.__dict__[f"accepted_{side}"] = accepted
    completed = placed("打扫院子")
    orders.order_dispatch(completed, actor=staff, team=team)
    orders.order_accept(completed, actor=volunteer)
    orders.order_complete(completed, actor=volunteer, hours=Decimal("1.5"))
    w.__dict__[f"completed_{side}"] = completed


def build_world() -> World:
    net = make_network()
    w = World(net=net, year=YEAR)
    w.unit_in, w.unit_out = net.v11, net.v21
    w.township_in, w.township_out = net.t1, net.t2
    w.household_in, w.household_out = net.h11, net.h21
    w.villager_out = net.villager_other
    w.volunteer_other = make_user("volunteer_other", Role.VOLUNTEER, net.v21)
    today = timezone.localdate()
    w.today = today.isoformat()
    w.banquet_date = (today + datetime.timedelta(days=21)).isoformat()
    w.banquet_date_2 = (today + datetime.timedelta(days=28)).isoformat()

    # --- household roster imports, previewed by each village's station ------------------
    from practice.rosters import household_import_create
    from tests.rosters.conftest import xlsx

    for side, staff, code in (("in", net.station_staff, "T1V1"),
                              ("out", net.station_staff_other, "T2V1")):
        setattr(w, f"roster_import_{side}", household_import_create(
            actor=staff, upload=xlsx([[f"{code}-0500", "新户", "", "", 3, ""]])))

    # --- volunteers: teams, menus, orders in every state --------------------------------
    w.team_in = Team.objects.create(name="沃德嘎查巾帼志愿服务队", kind=TeamKind.WOMEN,
                                    unit=net.v11)
    w.team_out = Team.objects.create(name="柴达木嘎查乌兰牧骑", kind=TeamKind.ULAN_MUQIR,
                                     unit=net.v21)
    w.vol_in = _volunteer("志愿者甲", net.v11, net.volunteer, w.team_in, lead=True)
    w.vol_out = _volunteer("外镇志愿者", net.v21, w.volunteer_other, w.team_out, lead=True)
    w.team_in.refresh_from_db()
    w.team_out.refresh_from_db()
    w.item_in = ServiceItem.objects.create(name="老人理发", category="elderly", unit=net.v11)
    w.item_out = ServiceItem.objects.create(name="家电维修", category="repair", unit=net.v21)
    _orders(w, "in", net.villager, net.station_staff, net.volunteer, w.item_in, w.team_in)
    _orders(w, "out", net.villager_other, net.station_staff_other, w.volunteer_other,
            w.item_out, w.team_out)

    # --- volunteer applications: one waiting at each village, sent without an account, for
    # the team its volunteer leads --------------------------------------------------------
    for side, village, phone in (("in", net.v11, "13600000011"), ("out", net.v21, "13600000021")):
        setattr(w, f"application_{side}", orders.application_submit(
            actor=None, client=f"192.0.2.{len(side)}", name="报名人", phone=phone,
            village=village, teams=[w.pick("team", side)], skills="理发"))

    # --- practice activities: one under way (checked in by QR), one planned for tomorrow ----
    now = timezone.now()
    for side, village, staff, volunteer_user in (
        ("in", net.v11, net.station_staff, net.volunteer),
        ("out", net.v21, net.station_staff_other, w.volunteer_other),
    ):
        team = w.pick("team", side)
        activity = activities.activity_create(
            actor=staff, unit=village, title="移风易俗宣讲",
            category=ActivityCategory.CUSTOMS_REFORM, starts_at=now - datetime.timedelta(hours=1),
            ends_at=now + datetime.timedelta(hours=1), place="文化广场", teams=[team])
        token = activities.checkin_token(activity)
        setattr(w, f"activity_{side}", activity)
        setattr(w, f"token_{side}", token)
        setattr(w, f"attendance_{side}", activities.attendance_check_in(
            activity, actor=volunteer_user, token=token))
        setattr(w, f"upcoming_{side}", activities.activity_create(
            actor=staff, unit=village, title="志愿服务活动日",
            category=ActivityCategory.SERVICE_DAY, starts_at=now + datetime.timedelta(days=1),
            ends_at=now + datetime.timedelta(days=1, hours=2), teams=[team]))

    # --- points supermarket ------------------------------------------------------------
    w.market = make_market(net)
    w.shop_in, w.shop_out = w.market.shop11, w.market.shop21
    w.product_in, w.product_out = w.market.p11_salt, w.market.p21_salt
    w.deposit_in = credit(net, w.market, net.h11, 100).record
    w.deposit_out = credit(net, w.market, net.h21, 100).record
    # A second, small deposit: reversing it leaves the balance positive.
    w.entry_in = credit(net, w.market, net.h11, 10).record.entry
    w.entry_out = credit(net, w.market, net.h21, 10).record.entry
    w.redemption_in = redemption_record(
        net.h11, actor=net.station_staff, lines=[{"product": w.product_in.pk, "quantity": 1}]
    ).record
    w.redemption_out = redemption_record(
        net.h21, actor=net.station_staff_other,
        lines=[{"product": w.product_out.pk, "quantity": 1}],
    ).record

    # --- banquets ----------------------------------------------------------------------
    RuleSet.objects.create(unit=net.banner, effective_from=datetime.date(2018, 1, 1),
                           title="旗红白事规定")
    w.canteen_in = Canteen.objects.create(village=net.v11, name="沃德嘎查合约食堂",
                                          capacity=40)
    w.canteen_out = Canteen.objects.create(village=net.v21, name="柴达木嘎查合约食堂",
                                           capacity=40)
    soon = timezone.localdate() + datetime.timedelta(days=14)
    for side, household, villager, staff in (
        ("in", net.h11, net.villager, net.station_staff),
        ("out", net.h21, net.villager_other, net.station_staff_other),
    ):
        canteen = w.pick("canteen", side)
        booking = banquet_services.booking_create(
            household=household, canteen=canteen, request=make_request(date=soon),
            actor=villager)
        setattr(w, f"booking_{side}", booking)
        approved = banquet_services.booking_create(
            household=household, canteen=canteen,
            request=make_request(date=soon + datetime.timedelta(days=1), occasion="funeral"),
            actor=villager)
        setattr(w, f"approved_{side}", banquet_services.booking_approve(approved, actor=staff))
        setattr(w, f"violation_{side}", banquet_services.violation_record(
            household=household, actor=staff, event_date=timezone.localdate(),
            rule="tables", description="超桌", support_withheld_until=timezone.localdate()))

    # --- monthly reports --------------------------------------------------------------
    month_year, month = (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)
    reports.monthly_reports_build(month_year, month)
    from reports.models import MonthlyReport

    w.report_in = MonthlyReport.objects.get(unit=net.t1, year=month_year, month=month)
    w.report_out = MonthlyReport.objects.get(unit=net.t2, year=month_year, month=month)
    w.run_in = reports.report_run_start(year=month_year, month=month, actor=net.township_staff)
    w.run_out = reports.report_run_start(year=month_year, month=month,
                                         actor=net.township_staff_other)
    w.report_year, w.report_month = month_year, month

    # --- dispatch: monthly submissions (a draft and a submitted one at each village) and a
    # dispatch meeting at each township --------------------------------------------------
    from dispatch import services as dispatch

    prev_year, prev_month = (month_year, month - 1) if month > 1 else (month_year - 1, 12)
    dispatch.submissions_create(month_year, month)
    dispatch.submissions_create(prev_year, prev_month)
    for side, village, staff, township in (("in", net.v11, net.station_staff, net.t1),
                                           ("out", net.v21, net.station_staff_other, net.t2)):
        draft = village.submissions.get(year=month_year, month=month)
        setattr(w, f"submission_{side}", draft)
        submitted = village.submissions.get(year=prev_year, month=prev_month)
        dispatch.submission_update(submitted, actor=staff, work_done="入户走访", next_plan="宣讲")
        setattr(w, f"submitted_{side}", dispatch.submission_submit(submitted, actor=staff))
        meeting = dispatch.meeting_create(actor=net.banner_admin, unit=township, year=month_year,
                                          month=month, date=today)
        setattr(w, f"dispatch_meeting_{side}", meeting)
        dispatch.decision_add(meeting, actor=net.banner_admin, text="补开志愿服务活动日",
                              unit=village)

    # --- honours: ten-star evaluations, honours, satisfaction evaluations -------------
    w.stars = stars = [code for code, _name in honours.DEFAULT_STARS]
    assessment = Assessment.objects.create(unit=net.banner, year=today.year)
    # --- assessment: a manual score of each side's township, with its note --------------
    w.manual_item = ManualItem.objects.create(assessment=assessment, name="督查检查", max_score=10)
    for side, township in (("in", net.t1), ("out", net.t2)):
        setattr(w, f"manual_score_{side}", reports.manual_score_set(
            w.manual_item, township, score=8, note="台账齐全", actor=net.banner_admin))
    for side, village, staff, township_staff, villager in (
        ("in", net.v11, net.station_staff, net.township_staff, net.villager),
        ("out", net.v21, net.station_staff_other, net.township_staff_other,
         net.villager_other),
    ):
        household = w.pick("household", side)
        setattr(w, f"proposal_{side}", honours.star_evaluation_propose(
            household, actor=staff, year=YEAR, star_codes=stars))
        second = Household.objects.create(village=village, number=f"{village.code}-0099",
                                          head_name="其木格")
        notice = honours.star_evaluation_propose(second, actor=staff, year=YEAR,
                                                 star_codes=stars)
        notice = honours.star_evaluation_approve(notice, actor=township_staff)
        setattr(w, f"notice_{side}", notice)
        setattr(w, f"objection_{side}",
                honours.star_objection_file(notice, actor=villager, text="不属实"))
        setattr(w, f"honour_{side}", honours.honour_award(
            actor=staff, village=village, year=YEAR, kind=HonourKind.BEAUTIFUL_FAMILY,
            household=household))
        evaluation, codes = honours.evaluation_open(
            actor=staff, village=village, year=YEAR,
            representatives=[{"name": "代表甲", "phone": ""}, {"name": "代表乙", "phone": ""}])
        setattr(w, f"evaluation_{side}", evaluation)
        setattr(w, f"rep_{side}", codes[0][0])
        setattr(w, f"code_{side}", codes[1][1])

    # --- supervision: a task set by each township for its village (open, and one asked to
    # close), a leader's field visit to each village, a joint meeting of each township --------
    from supervision import services as supervision

    deadline = today + datetime.timedelta(days=30)
    for side, village, township, staff, township_staff in (
        ("in", net.v11, net.t1, net.station_staff, net.township_staff),
        ("out", net.v21, net.t2, net.station_staff_other, net.township_staff_other),
    ):
        setattr(w, f"task_{side}", supervision.task_create(
            actor=township_staff, title="整治村容村貌", unit=village, deadline=deadline))
        closing = supervision.task_create(actor=township_staff, title="修缮文化室",
                                          unit=village, deadline=deadline)
        setattr(w, f"closing_{side}", supervision.task_request_close(closing, actor=staff))
        setattr(w, f"visit_{side}", supervision.visit_record(
            actor=net.leader, villages=[village], started_on=today, ended_on=today,
            findings="村道待修"))
        setattr(w, f"meeting_{side}", supervision.meeting_record(
            actor=township_staff, unit=township, date=today, topics="人居环境整治",
            decisions=["月底前完成垃圾清运"]))

    # --- mediation: each village's villager is its mediator, with an open case there (the
    # world's villager is the mediator of case_in, not of case_out) ---------------------------
    from mediation import services as mediation

    for side, village, staff, villager in (
        ("in", net.v11, net.station_staff, net.villager),
        ("out", net.v21, net.station_staff_other, net.villager_other),
    ):
        mediator = mediation.mediator_appoint(
            actor=staff, village=village, user=villager, background="retired_cadre",
            active_from=today - datetime.timedelta(days=30))
        setattr(w, f"mediator_{side}", mediator)
        setattr(w, f"case_{side}", mediation.case_open(
            actor=staff, village=village, kind="neighbours", parties="张三 13900000001；李四",
            summary="宅基地边界争议", mediator=mediator))
        # a second mediator of the village (a person none of the roles is), to hand cases to
        household = Household.objects.create(village=village, number=f"{village.code}-0097",
                                             head_name="敖日格勒")
        setattr(w, f"second_mediator_{side}", mediation.mediator_appoint(
            actor=staff, village=village, background="old_party_member",
            user=make_user(f"mediator2_{side}", Role.VILLAGER, village, household),
            active_from=today - datetime.timedelta(days=30)))

    # --- outreach: a mobile post in each township with a team, a menu and a profile; next
    # month's round with a stop at the side's village, an empty round after it, a stop made
    # yesterday and one done (recorded) -------------------------------------------------
    from outreach import services as outreach
    from outreach.models import Round as OutreachRound
    from outreach.models import Stop as OutreachStop
    from practice.models import Level, SiteKind, Unit

    w.outreach_month = (today.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    w.outreach_later = (w.outreach_month + datetime.timedelta(days=32)).replace(day=1)
    w.outreach_third = (w.outreach_later + datetime.timedelta(days=32)).replace(day=1)
    yesterday = today - datetime.timedelta(days=1)
    for side, township, village, staff in (("in", net.t1, net.v11, net.township_staff),
                                           ("out", net.t2, net.v21, net.township_staff_other)):
        post = Unit.objects.create(code=f"{township.code}M1", name=f"{township.name}流动驿站",
                                   level=Level.BASE, site_kind=SiteKind.MOBILE_POST,
                                   parent=township)
        setattr(w, f"post_{side}", post)
        team = Team.objects.create(name="流动驿站志愿服务队", unit=post)
        item = ServiceItem.objects.create(name="义诊", category="health", unit=post)
        setattr(w, f"post_item_{side}", item)
        setattr(w, f"profile_{side}", outreach.profile_update(
            post, actor=staff, team=team, vehicle="服务车", phone="13900002222"))
        round_ = outreach.round_plan(
            actor=staff, post=post, year=w.outreach_month.year, month=w.outreach_month.month,
            stops=[{"date": w.outreach_month.replace(day=10), "starts_at": "09:00",
                    "ends_at": "11:00", "village": village, "place": "嘎查广场",
                    "services": [item]}])
        setattr(w, f"round_{side}", round_)
        setattr(w, f"stop_{side}", round_.stops.get())
        setattr(w, f"later_round_{side}", outreach.round_plan(
            actor=staff, post=post, year=w.outreach_later.year, month=w.outreach_later.month))
        past, _created = OutreachRound.objects.get_or_create(post=post,
                                                             month=yesterday.replace(day=1))
        made = OutreachStop.objects.create(
            round=past, post=post, date=yesterday, starts_at=datetime.time(9),
            ends_at=datetime.time(11), village=village, place="文化室")
        setattr(w, f"made_{side}", made)
        done = OutreachStop.objects.create(
            round=past, post=post, date=yesterday, starts_at=datetime.time(14),
            ends_at=datetime.time(16), village=village, place="学校", place_kind="school")
        setattr(w, f"done_stop_{side}", outreach.stop_record(done, actor=staff,
                                                             people_served=30))

    # --- institutions: each village's compact, its villagers' council (the villager of the
    # village in the chair, a meeting, a decided and an open proposal) and its anti-drug
    # council (an awareness activity and home visits) ----------------------------------------
    from institutions import services as institutions
    from institutions.models import CouncilKind, Outcome, Seat

    for side, village, staff, villager in (
        ("in", net.v11, net.station_staff, net.villager),
        ("out", net.v21, net.station_staff_other, net.villager_other),
    ):
        setattr(w, f"compact_{side}", institutions.compact_adopt(
            actor=staff, village=village, text="一、移风易俗，红白事简办。\n二、禁毒禁赌。",
            adopted_on=today, minutes="村民大会到会82人，一致通过。"))
        council = institutions.council_set_up(actor=staff, village=village,
                                              kind=CouncilKind.VILLAGERS)
        setattr(w, f"inst_council_{side}", council)
        setattr(w, f"inst_member_{side}", institutions.member_seat(
            council, actor=staff, user=villager, seat=Seat.CHAIR, term_starts=today))
        setattr(w, f"council_meeting_{side}", institutions.meeting_record(
            council, actor=staff, held_on=today, attendees=7, topics="村道硬化"))
        proposal = institutions.proposal_raise(council, actor=staff, text="硬化村东道路",
                                               raised_by="第一村民小组", raised_on=today)
        setattr(w, f"council_proposal_{side}", proposal)
        setattr(w, f"council_decision_{side}", institutions.decision_record(
            proposal, actor=staff, decided_on=today, text="同意硬化村东道路",
            outcome=Outcome.ADOPTED, present=7, votes_for=6, votes_against=1))
        setattr(w, f"open_proposal_{side}", institutions.proposal_raise(
            council, actor=staff, text="修建文化广场", raised_by="包金山", raised_on=today))
        antidrug = institutions.council_set_up(actor=staff, village=village,
                                               kind=CouncilKind.ANTI_DRUG)
        setattr(w, f"antidrug_council_{side}", antidrug)
        start = timezone.now() - datetime.timedelta(days=1)
        setattr(w, f"antidrug_activity_{side}", institutions.antidrug_activity_record(
            antidrug, actor=staff, title="禁毒宣传进嘎查", starts_at=start,
            ends_at=start + datetime.timedelta(hours=2)))
        setattr(w, f"antidrug_visit_{side}", institutions.antidrug_visit_record(
            antidrug, actor=staff, visited_on=today, households=12, topic="禁赌宣传"))
    # --- campaigns: each township's own campaign (t1 / t2); two categories of the banner's
    # own (nothing uses them: deletable) ------------------------------------------------------
    from campaigns.models import ActivityCategory as Category
    from campaigns.models import Campaign

    for side, township in (("in", net.t1), ("out", net.t2)):
        setattr(w, f"campaign_{side}", Campaign.objects.create(
            code=f"chunfeng-{side}", name="春风行动", unit=township, starts_on=today,
            ends_on=today + datetime.timedelta(days=60)))
        setattr(w, f"category_{side}", Category.objects.create(code=f"lantern-{side}",
                                                               name="元宵灯会"))
    # --- honours: kinds as data, and each village's moral review council (道德评议会) ------
    # Councils come last: they turn the village's later honours into proposals. The proposal
    # the township approves above has the council's opinion; a second waits for it.
    from institutions.models import Council, CouncilKind, CouncilMember

    w.kind_in = w.kind_out = honours.honour_kind_create(
        actor=net.banner_admin, code="good_daughter_in_law", name="好媳妇")
    w.spare_kind_in = w.spare_kind_out = honours.honour_kind_create(
        actor=net.banner_admin, code="spare_kind", name="备用荣誉")
    for side, village, staff, member in (("in", net.v11, net.station_staff, net.villager),
                                         ("out", net.v21, net.station_staff_other,
                                          net.villager_other)):
        council = Council.objects.create(village=village, kind=CouncilKind.MORAL_REVIEW)
        CouncilMember.objects.create(council=council, user=member,
                                     term_starts=datetime.date(2020, 1, 1))
        honours.star_evaluation_review(w.pick("proposal", side), actor=member, opinion="agree")
        third = Household.objects.create(village=village, number=f"{village.code}-0098",
                                         head_name="乌云")
        setattr(w, f"review_proposal_{side}", honours.star_evaluation_propose(
            third, actor=staff, year=YEAR, star_codes=stars))
        setattr(w, f"honour_proposal_{side}", honours.honour_award(
            actor=staff, village=village, year=YEAR, kind="good_daughter_in_law",
            household=third))
        reviewed = honours.honour_award(actor=staff, village=village, year=YEAR,
                                        kind=HonourKind.CUSTOMS_LEADER, person_name="巴特尔")
        setattr(w, f"opinion_{side}", honours.honour_review(reviewed, actor=member,
                                                             opinion="agree"))
        setattr(w, f"honour_reviewed_{side}", reviewed)
    return w

"""THE expectation table of the role × scope matrix: every endpoint, every role, in and out.

Each row is keyed ``"<METHOD> <url name>"`` (API and pages) or ``"admin <app>_<model>"``
(admin changelists). Its ``expect`` string holds one status per role, in the order of
``ROLES``::

    anonymous villager volunteer station_staff township_staff leader reviewer banner_admin

A row that touches an object (``obj=``) or sends a body built from one runs twice, with the
object *inside* the caller's scope (village v11, household h11, township t1) and *outside* it
(v21, h21, t2); its status reads ``in/out`` (``200/404``). A single status means the same for
both. For the banner-wide roles (leader, reviewer, banner_admin) the "out" object is inside
their scope too. ``list_of=`` names the detail row whose in/out statuses say which objects the
list must and must not contain (checked by id). 400 appears only where the row's ``why`` says
so. Anonymous callers get 401 from the API (token authentication answers first) and a 302 to
the login page from the web pages.
"""

import datetime
import io
from dataclasses import dataclass, field

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from practice import door_cards
from tests.factories import PASSWORD
from translations import selectors as translation_selectors
from volunteers import selectors

ROLES = ["anonymous", "villager", "volunteer", "station_staff", "township_staff", "leader",
         "reviewer", "banner_admin"]


@dataclass
class Row:
    expect: str
    obj: str | None = None  # world object whose pk is the url's ``pk``
    kwargs: object = None  # (world, side) -> extra url kwargs
    body: object = None  # (world, side) -> request body
    body_by_role: object = None  # (world, side, role) -> request body, when the caller decides
    format: str = "json"  # how the API body is sent ("multipart" for uploads)
    query: object = None  # (world, side) -> query string dict
    list_of: str | None = None  # key of the detail row that decides list membership
    sided: bool | None = None  # run in and out (default: when obj or body is given)
    why: str = ""
    extra: dict = field(default_factory=dict)

    def is_sided(self):
        if self.sided is not None:
            return self.sided
        return self.obj is not None or self.body is not None or self.body_by_role is not None

    def statuses(self):
        """{role: (in_status, out_status)} from the ``expect`` string."""
        tokens = self.expect.split()
        assert len(tokens) == len(ROLES), f"{len(tokens)} statuses for {len(ROLES)} roles"
        out = {}
        for role, token in zip(ROLES, tokens, strict=True):
            parts = [int(p) for p in token.split("/")]
            out[role] = (parts[0], parts[-1])
        return out


def pk(name):
    return lambda w, s: {"pk": w.pick(name, s).pk}


def sided(name, attr="pk"):
    return lambda w, s: getattr(w.pick(name, s), attr)


def _rosetta_catalogue(w, s):
    """Rosetta's editor of the translations app's own Mongolian catalogue (always there)."""
    cat = translation_selectors.catalogue("translations")
    return {"po_filter": "all", "lang_id": "mn-mong",
            "idx": translation_selectors.rosetta_index(cat)}


def _activity_body(w, s, **kw):
    now = timezone.now()
    body = {"unit": w.pick("unit", s).pk, "category": "health", "title": "义诊进嘎查",
            "starts_at": (now + datetime.timedelta(days=2)).isoformat(),
            "ends_at": (now + datetime.timedelta(days=2, hours=2)).isoformat(),
            "place": "卫生室", "teams": [w.pick("team", s).pk]}
    body.update(kw)
    return body


def _check_body(w, s, role):
    """A volunteer scans the activity's QR code (its token); staff name the volunteer."""
    if role == "volunteer":
        return {"token": w.pick("token", s)}
    return {"volunteer": w.pick("vol", s).pk}


def _photo(w, s):
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "red").save(buffer, format="PNG")
    return {"image": SimpleUploadedFile("photo.png", buffer.getvalue(), "image/png"),
            "caption": "宣讲现场"}


# --- the API ----------------------------------------------------------------------------------
#                  anon villager volunteer station township leader reviewer admin
API = {
    # practice: login, me, the network
    "POST api-token": Row(
        "200 200 200 200 200 200 200 200",
        body=lambda w, s: {"username": "villager", "password": PASSWORD}, sided=False,
        why="logging in needs no session; the body carries the villager's password"),
    "DELETE api-token": Row("401 204 204 204 204 204 204 204",
                            why="signing out ends the caller's own token, whoever they are"),
    "POST api-sms-request": Row(
        "202 202 202 202 202 202 202 202",
        body=lambda w, s: {"phone": "13900000009"}, sided=False,
        why="asking for a sign-in code needs no session; every number answers 202"),
    "POST api-sms-verify": Row(
        "400 400 400 400 400 400 400 400",
        body=lambda w, s: {"phone": "13900000009", "code": "000000"}, sided=False,
        why="400: the code is wrong (no code was asked for); the caller's session plays no part"),
    "GET api-me": Row("401 200 200 200 200 200 200 200"),
    "PATCH api-me": Row("401 200 200 200 200 200 200 200", body=lambda w, s: {
        "sms_opt_out": True}, sided=False, why="each person's own text-message switch"),
    "GET api-root": Row("401 200 200 200 200 200 200 200"),
    "GET schema": Row("401 200 200 200 200 200 200 200", why="signed-in users only"),
    "GET api-docs": Row("302 200 200 200 200 200 200 200",
                        why="signed-in users only: a browser is sent to sign in"),
    "GET unit-list": Row("401 200 200 200 200 200 200 200", list_of="GET unit-detail"),
    "GET unit-detail": Row("401 200/404 200/404 200/404 200/404 200 200 200", obj="unit"),
    "GET household-list": Row("401 200 200 200 200 200 200 200",
                              list_of="GET household-detail"),
    "GET household-detail": Row("401 200/404 404 200/404 200/404 200 200 200",
                                obj="household"),
    "POST household-phones": Row("401 403 403 201/404 201/404 403 403 201", obj="household",
                                 body=lambda w, s: {"phone": "13700001111"},
                                 why="staff add a phone (an account) to a household of their "
                                     "area"),
    "POST household-phone": Row("401 403 403 200/404 200/404 403 403 200", obj="household",
                                body=lambda w, s: {"phone": "13700002222"}),
    # reports and dashboards
    "GET assessments": Row("401 403 403 200 200 200 200 200",
                           why="everyone reads the banner's items; scores only of their area"),
    "GET dashboard-summary": Row("401 403 403 403 200 200 200 200"),
    "GET monthly-report-list": Row("401 403 403 200 200 200 200 200",
                                   list_of="GET monthly-report-detail"),
    "POST monthly-report-list": Row(
        "401 403 403 202 202 403 403 202",
        body=lambda w, s: {"year": w.report_year, "month": w.report_month}, sided=False),
    "GET monthly-report-detail": Row("401 403 403 404 200/404 200 200 200",
                                     obj="report"),
    "GET monthly-report-xlsx": Row("401 403 403 404 200/404 200 200 200", obj="report"),
    "GET manual-score-list": Row("401 403 403 200 200 200 200 200",
                                 list_of="GET manual-score-detail"),
    "GET manual-score-detail": Row("401 403 403 404 200/404 200 200 200", obj="manual_score"),
    "POST manual-score-list": Row(
        "401 403 403 403 403 403 403 201",
        body=lambda w, s: {"item": w.manual_item.pk, "unit": w.pick("township", s).pk,
                           "score": "9", "note": "督查发现问题已整改"},
        why="the banner's administrators score the assessed units"),
    "GET head-record": Row(
        "401 403/404 403/404 404 403/404 200 403 200", sided=True,
        kwargs=lambda w, s: {"unit_id": w.pick("township", s).pk},
        why="a head's record: banner administrators and leaders see all, a head their own"),
    "GET report-run-list": Row("401 403 403 200 200 200 200 200",
                               list_of="GET report-run-detail"),
    "GET report-run-detail": Row("401 403 403 200 200 200 200 200", obj="run",
                                 why="a run covers the whole banner: every subtree role sees it"),
    # dispatch: monthly submissions and dispatch meetings
    "GET submission-list": Row("401 403 403 200 200 200 200 200", list_of="GET submission-detail"),
    "GET submission-detail": Row("401 403 403 200/404 200/404 200 200 200", obj="submission"),
    "PATCH submission-detail": Row("401 403 403 200/404 200/404 403 403 200", obj="submission",
                                   body=lambda w, s: {"work_done": "开展宣讲三次"}),
    "POST submission-submit": Row(
        "401 403 403 400/404 400/404 403 403 400", obj="submission",
        why="400: a draft without its work done and next month's plan cannot be submitted"),
    "POST submission-sign-off": Row(
        "401 403 403 403/404 403/404 403 403 200", obj="submitted",
        why="only the unit's head (none in the world) or the banner's administrators sign off"),
    "POST submission-return": Row(
        "401 403 403 403/404 403/404 403 403 200", obj="submitted",
        body=lambda w, s: {"reason": "数据有误"}),
    "GET dispatch-meeting-list": Row("401 403 403 200 200 200 200 200",
                                     list_of="GET dispatch-meeting-detail"),
    "POST dispatch-meeting-list": Row(
        "401 403 403 403 201/403 403 403 201",
        body=lambda w, s: {"unit": w.pick("township", s).pk, "year": w.report_year - 1,
                           "month": w.report_month, "date": w.today},
        why="staff of the meeting's unit or above record it; a village's staff are below it"),
    "GET dispatch-meeting-detail": Row("401 403 403 404 200/404 200 200 200",
                                       obj="dispatch_meeting"),
    "PATCH dispatch-meeting-detail": Row("401 403 403 404 200/404 403 403 200",
                                         obj="dispatch_meeting",
                                         body=lambda w, s: {"notes": "会议纪要"}),
    "PUT dispatch-meeting-detail": Row(
        "401 403 403 404 200/404 403 403 200", obj="dispatch_meeting",
        body=lambda w, s: {"unit": w.pick("township", s).pk, "year": w.report_year,
                           "month": w.report_month, "date": w.today, "notes": "纪要"}),
    "DELETE dispatch-meeting-detail": Row("401 403 403 404 204/404 403 403 204",
                                          obj="dispatch_meeting"),
    "GET dispatch-meeting-decisions": Row("401 403 403 404 200/404 200 200 200",
                                          obj="dispatch_meeting"),
    "POST dispatch-meeting-decisions": Row("401 403 403 404 201/404 403 403 201",
                                           obj="dispatch_meeting",
                                           body=lambda w, s: {"text": "限期整改"}),
    "GET dispatch-meeting-minutes-docx": Row("401 403 403 404 200/404 200 200 200",
                                             obj="dispatch_meeting"),
    # ten-star households, honours, satisfaction evaluations
    "GET household-stars": Row("401 200/404 403 200/404 200/404 200 200 200", obj="household",
                               query=lambda w, s: {"year": w.year}),
    "POST household-stars": Row(
        "401 403 403 200/404 403 403 403 403", obj="household",
        body=lambda w, s: {"year": w.year, "stars": w.stars[:3]}),
    "GET star-evaluation-list": Row("401 200 403 200 200 200 200 200",
                                    list_of="GET star-evaluation-detail"),
    "GET star-evaluation-detail": Row("401 200/404 403 200/404 200/404 200 200 200",
                                      obj="proposal"),
    "POST star-evaluation-approve": Row("401 403 403 403 200/404 403 403 200",
                                        obj="proposal"),
    "POST star-evaluation-return": Row("401 403 403 403 200/404 403 403 200", obj="proposal",
                                       body=lambda w, s: {"reason": "材料不全"}),
    "POST star-evaluation-finalize": Row("401 403 403 403 409/404 403 403 409", obj="notice",
                                         why="the public notice has not ended"),
    "POST star-evaluation-object": Row("401 201/404 403 201/404 201/404 403 403 201",
                                       obj="notice", body=lambda w, s: {"text": "不属实"}),
    "POST star-objection-answer": Row(
        "401 403 403 200/404 200/404 403 403 200", obj="notice",
        kwargs=lambda w, s: {"objection_pk": w.pick("objection", s).pk},
        body=lambda w, s: {"answer": "已核实", "upheld": False}),
    "GET honour-list": Row("401 200 403 200 200 200 200 200", list_of="GET honour-detail"),
    "POST honour-list": Row(
        "401 403 403 201/404 201/404 403 403 201",
        body=lambda w, s: {"village": w.pick("unit", s).pk, "year": w.year,
                           "kind": "customs_leader", "person_name": "包金山"}),
    "GET honour-detail": Row("401 200/404 403 200/404 200/404 200 200 200", obj="honour"),
    "GET evaluation-list": Row("401 200 403 200 200 200 200 200",
                               list_of="GET evaluation-detail"),
    "POST evaluation-list": Row(
        "401 403 403 201/400 201/400 403 403 201",
        body=lambda w, s: {"village": w.pick("unit", s).pk, "year": w.year - 1,
                           "representatives": [{"name": "代表丙", "phone": ""}]},
        why="400: a village outside the caller's area is refused as a bad choice"),
    "GET evaluation-detail": Row("401 200/404 403 200/404 200/404 200 200 200",
                                 obj="evaluation"),
    "POST evaluation-vote": Row(
        "201 201 201 201 201 201 201 201", obj="evaluation",
        body=lambda w, s: {"code": w.pick("code", s), "choice": "satisfied"},
        why="a representative votes with a one-time code, logged in or not"),
    "POST evaluation-close": Row("401 403 403 409/404 409/404 403 403 409",
                                 obj="evaluation"),
    "GET evaluation-representatives": Row("401 403 403 200/404 200/404 200 200 200",
                                          obj="evaluation"),
    "POST evaluation-representatives": Row(
        "401 403 403 201/404 201/404 403 403 201", obj="evaluation",
        body=lambda w, s: {"name": "代表丁", "phone": ""}),
    "POST evaluation-new-code": Row(
        "401 403 403 200/404 200/404 403 403 200", obj="evaluation",
        kwargs=lambda w, s: {"rep_pk": w.pick("rep", s).pk}),
    "GET public-board": Row("200 200 200 200 200 200 200 200", obj="unit",
                            why="the notice board is public"),
    # volunteers: teams, menu, orders
    "GET team-list": Row("401 200 200 200 200 200 200 200", list_of="GET team-detail"),
    "GET team-detail": Row("401 200/404 200/404 200/404 200/404 200 200 200", obj="team"),
    "GET service-item-list": Row("401 200 200 200 200 200 200 200",
                                 list_of="GET service-item-detail"),
    "GET service-item-detail": Row("401 200/404 200/404 200/404 200/404 200 200 200",
                                   obj="item"),
    "GET order-list": Row("401 200 200 200 200 200 200 200", list_of="GET order-detail"),
    "POST order-list": Row(
        "401 201/403 403 201/400 201/400 403 403 201",
        body=lambda w, s: {"service_item": w.pick("item", s).pk, "description": "修电视",
                           "household": w.pick("household", s).pk},
        why="400: a service item not offered to the household's village, or a volunteer "
            "without a household"),
    "GET order-detail": Row("401 200/404 200/404 200/404 200/404 200 200 200", obj="order"),
    "POST order-accept": Row("401 403 200/404 403 403 403 403 403", obj="dispatched"),
    "POST order-cancel": Row("401 200/404 403/404 403 403 403 403 403", obj="order",
                             body=lambda w, s: {"reason": "不需要了"}),
    "POST order-claim": Row("401 403 200/404 403 403 403 403 403", obj="order"),
    "POST order-complete": Row("401 403 200/404 403 403 403 403 403", obj="accepted",
                               body=lambda w, s: {"hours": "2"}),
    "POST order-dispatch": Row("401 403 403 200/404 200/404 403 403 200", obj="order",
                               body=lambda w, s: {"team": w.pick("team", s).pk}),
    "POST order-escalate": Row("401 403 403 200/404 200/404 403 403 200", obj="order"),
    "POST order-rate": Row("401 200/404 403/404 403 403 403 403 403", obj="completed",
                           body=lambda w, s: {"score": 5}),
    "POST order-return": Row("401 403 200/404 200/404 200/404 403 403 200", obj="dispatched",
                             body=lambda w, s: {"reason": "人手不够"}),
    "POST order-review": Row("401 403 403 403 403 403 201 403", obj="completed",
                             body=lambda w, s: {"score": 4}),
    # volunteers: applications ("application" waits at v11 / v21 for the team that village's
    # volunteer leads, sent without an account)
    "GET volunteer-application-list": Row("401 200 200 200 200 200 200 200",
                                          list_of="GET volunteer-application-detail"),
    "POST volunteer-application-list": Row(
        "201 201 201 201 201 201 201 201",
        body=lambda w, s: {"name": "新报名人", "phone": "13600000099",
                           "village": w.pick("unit", s).pk, "teams": [w.pick("team", s).pk]},
        why="anyone applies, signed in or not, in any village"),
    "GET volunteer-application-detail": Row(
        "401 404 200/404 200/404 200/404 200 200 200", obj="application",
        why="the volunteer leads the team the application names"),
    "POST volunteer-application-approve": Row(
        "401 403 200/404 200/404 200/404 403 403 200", obj="application",
        why="the village's station or the chosen team's leader decides"),
    "POST volunteer-application-decline": Row(
        "401 403 200/404 200/404 200/404 403 403 200", obj="application",
        body=lambda w, s: {"reason": "年龄不符"}),
    # volunteers: practice activities ("activity" is under way at v11 / v21, organised by that
    # village's team, its volunteer checked in by QR; "upcoming" is planned for tomorrow)
    "GET activity-list": Row("401 200 200 200 200 200 200 200", list_of="GET activity-detail"),
    "POST activity-list": Row(
        "401 403 403 201/400 201/400 403 403 201", body=_activity_body,
        why="400: a unit (and team) outside the caller's area is refused as a bad choice"),
    "GET activity-detail": Row("401 200/404 200/404 200/404 200/404 200 200 200",
                               obj="activity",
                               why="villagers and volunteers see the activities of their own "
                                   "village, township and banner (and volunteers their teams')"),
    "PUT activity-detail": Row("401 403 403 200/404 200/404 403 403 200", obj="upcoming",
                               body=_activity_body),
    "PATCH activity-detail": Row("401 403 403 200/404 200/404 403 403 200", obj="upcoming",
                                 body=lambda w, s: {"title": "法治讲座"}),
    "DELETE activity-detail": Row("401 403 403 200/404 200/404 403 403 200", obj="upcoming",
                                  why="it has a history (its planning): cancelled, not deleted"),
    "POST activity-held": Row("401 403 403 200/404 200/404 403 403 200", obj="activity",
                              body=lambda w, s: {"participants": 30}),
    "POST activity-cancel": Row("401 403 403 200/404 200/404 403 403 200", obj="activity",
                                body=lambda w, s: {"reason": "下雨"}),
    "GET activity-qr": Row("401 403 403 200/404 200/404 403 403 200", obj="activity"),
    "POST activity-check-in": Row(
        "401 403 200 200/404 200/404 403 403 200", obj="activity", body_by_role=_check_body,
        why="a volunteer's signed QR token stands for being there, so it works on any "
            "activity; staff name the volunteer and act only within their area"),
    "POST activity-check-out": Row(
        "401 403 200/409 200/404 200/404 403 403 200", obj="activity",
        body_by_role=_check_body,
        why="409: the volunteer never checked in at the other village's activity"),
    "POST activity-confirm-offline": Row(
        "401 403 403 409/404 409/404 403 403 409", obj="activity",
        body=lambda w, s: {"volunteer": w.pick("vol", s).pk},
        why="409: the volunteer checked in online with the QR code; there is no offline "
            "check-in to confirm"),
    "POST activity-add-hours": Row(
        "401 403 403 200/404 200/404 403 403 200", obj="activity",
        body=lambda w, s: {"volunteer": w.pick("vol", s).pk, "hours": "1"}),
    "GET activity-attendance": Row("401 403 403 200/404 200/404 200 200 200", obj="activity"),
    "POST activity-photos": Row("401 403 403 201/404 201/404 403 403 201", obj="activity",
                                body=_photo, format="multipart"),
    "GET activity-service-day-gaps": Row("401 403 403 200 200 200 403 200",
                                         why="staff and leaders watch the service days"),
    # points supermarket
    "GET points-prices": Row("401 200 200 200 200 200 200 200"),
    "GET points-product-list": Row("401 200 200 200 200 200 200 200",
                                   list_of="GET points-product-detail"),
    "GET points-product-detail": Row("401 200/404 200/404 200/404 200/404 200 200 200",
                                     obj="product", why="a villager sees their village's shelf"),
    "GET points-deposit-list": Row("401 200 200 200 200 200 200 200",
                                   list_of="GET points-deposit-detail"),
    "POST points-deposit-list": Row(
        "401 403 403 201/404 201/404 403 403 201",
        body=lambda w, s: {"household": w.pick("household", s).pk,
                           "lines": [{"category": w.market.newspaper.pk, "weight_jin": "5"}]}),
    "GET points-deposit-detail": Row("401 200/404 404 200/404 200/404 200 200 200",
                                     obj="deposit"),
    "GET points-redemption-list": Row("401 200 200 200 200 200 200 200",
                                      list_of="GET points-redemption-detail"),
    "POST points-redemption-list": Row(
        "401 403 403 201/404 201/404 403 403 201",
        body=lambda w, s: {"household": w.pick("household", s).pk,
                           "lines": [{"product": w.pick("product", s).pk, "quantity": 1}]}),
    "GET points-redemption-detail": Row("401 200/404 404 200/404 200/404 200 200 200",
                                        obj="redemption"),
    "GET points-entry-list": Row("401 200 200 200 200 200 200 200",
                                 list_of="GET points-entry-detail"),
    "GET points-entry-detail": Row("401 200/404 404 200/404 200/404 200 200 200", obj="entry"),
    "POST points-entry-reverse": Row("401 403 403 201/404 201/404 403 403 201", obj="entry",
                                     body=lambda w, s: {"reason": "称错了"}),
    "GET points-household-list": Row("401 200 200 200 200 200 200 200",
                                     list_of="GET points-household-detail"),
    "GET points-household-detail": Row("401 200/404 404 200/404 200/404 200 200 200",
                                       obj="household"),
    # banquets
    "GET banquets-rules": Row("401 200/404 200/404 200/404 200/404 200 200 200", sided=True,
                              query=lambda w, s: {"village": w.pick("unit", s).pk}),
    "POST banquets-check": Row(
        "401 200 403 200 200 403 403 200",
        body=lambda w, s: {"canteen": w.pick("canteen", s).pk, "occasion": "wedding",
                           "kind": "banquet", "date": w.banquet_date, "tables": 8,
                           "dishes_per_table": 6, "gift_limit": 100},
        why="400: a canteen outside the caller's area is not a valid choice"),
    "GET banquets-canteen-list": Row("401 200 200 200 200 200 200 200",
                                     list_of="GET banquets-canteen-detail"),
    "GET banquets-canteen-detail": Row("401 200/404 404 200/404 200/404 200 200 200",
                                       obj="canteen"),
    "GET banquets-booking-list": Row("401 200 403 200 200 200 200 200",
                                     list_of="GET banquets-booking-detail"),
    "POST banquets-booking-list": Row(
        "401 201/400 403 201/400 201/400 403 403 201",
        body=lambda w, s: {"canteen": w.pick("canteen", s).pk,
                           "household": w.pick("household", s).pk, "occasion": "wedding",
                           "kind": "banquet", "date": w.banquet_date_2, "tables": 5,
                           "dishes_per_table": 6, "gift_limit": 100},
        why="400: a canteen or household outside the caller's area is not a valid choice"),
    "GET banquets-booking-detail": Row("401 200/404 403 200/404 200/404 200 200 200",
                                       obj="booking"),
    "POST banquets-booking-approve": Row("401 403 403 200/404 200/404 403 403 200",
                                         obj="booking"),
    "POST banquets-booking-cancel": Row("401 200/404 403 200/404 200/404 403 403 200",
                                        obj="booking", body=lambda w, s: {"reason": "改期"}),
    "POST banquets-booking-held": Row("401 403 403 409/404 409/404 403 403 409",
                                      obj="approved", body=lambda w, s: {"tables": 8},
                                      why="409: the banquet's day has not come yet"),
    "POST banquets-booking-reject": Row("401 403 403 200/404 200/404 403 403 200",
                                        obj="booking", body=lambda w, s: {"reason": "超标"}),
    "GET banquets-violation-list": Row("401 200 403 200 200 200 200 200",
                                       list_of="GET banquets-violation-detail"),
    "POST banquets-violation-list": Row(
        "401 403 403 201/400 201/400 403 403 201",
        body=lambda w, s: {"household": w.pick("household", s).pk, "event_date": w.today,
                           "rule": "tables", "description": "超桌",
                           "support_withheld_until": w.today},
        why="400: a household outside the caller's area is not a valid choice"),
    "GET banquets-violation-detail": Row("401 200/404 403 200/404 200/404 200 200 200",
                                         obj="violation"),
    # supervision: tasks at v11 / v21 set by their townships
    "GET supervised-task-list": Row("401 403 403 200 200 200 200 200",
                                    list_of="GET supervised-task-detail"),
    "POST supervised-task-list": Row(
        "401 403 403 403/400 201/400 201 403 201",
        body=lambda w, s: {"title": "修缮村史馆", "unit": w.pick("unit", s).pk,
                           "deadline": w.banquet_date},
        why="a unit above sets the task (a village's staff not for their own village); 400: "
            "a unit outside the caller's area is not a valid choice"),
    "GET supervised-task-detail": Row("401 403 403 200/404 200/404 200 200 200", obj="task"),
    "POST supervised-task-progress": Row(
        "401 403 403 201/404 403/404 403 403 403", obj="task",
        body=lambda w, s: {"note": "已清理垃圾"},
        why="the responsible unit (the village's staff) reports, the units above do not"),
    "POST supervised-task-request-close": Row(
        "401 403 403 200/404 403/404 403 403 403", obj="task",
        body=lambda w, s: {"note": "已完成"}),
    "POST supervised-task-accept": Row(
        "401 403 403 403/404 200/404 403 403 200", obj="closing",
        why="the unit above (the township, the banner's administrators) accepts"),
    "POST supervised-task-return": Row(
        "401 403 403 403/404 200/404 403 403 200", obj="closing",
        body=lambda w, s: {"reason": "缺少照片"}),
    # mediation: a case at v11 / v21 whose mediator is that village's villager (the world's
    # villager mediates case_in only). A case is seen by its village's station staff, its
    # township's staff and its own mediator; leaders and the banner's administrators read
    # counts only, reviewers nothing.
    "GET mediation-case-list": Row("401 200 200 200 200 403 403 403",
                                   list_of="GET mediation-case-detail",
                                   why="villagers and volunteers: the cases they mediate"),
    "POST mediation-case-list": Row(
        "401 403 403 201/400 201/400 403 403 403",
        body=lambda w, s: {"mediator": w.pick("mediator", s).pk, "kind": "debts",
                           "parties": "王五", "summary": "借款未还"},
        why="the village's station and its township open cases; 400: a mediator outside the "
            "caller's area is not a valid choice"),
    "GET mediation-case-detail": Row("401 200/404 404 200/404 200/404 403 403 403",
                                     obj="case",
                                     why="the villager is case_in's mediator, not case_out's; "
                                         "a case is its own mediator's (the person), not "
                                         "their household's: the volunteer who joins the "
                                         "villager's household mediates no case",
                                     extra={"combined": {"villager+volunteer": "404/404"}}),
    "POST mediation-case-sessions": Row(
        "401 201/404 404 201/404 201/404 403 403 403", obj="case",
        body=lambda w, s: {"note": "双方到场调解"}),
    "POST mediation-case-close": Row(
        "401 200/404 404 200/404 200/404 403 403 403", obj="case",
        body=lambda w, s: {"outcome": "settled"}),
    "POST mediation-case-hand-over": Row(
        "401 403 403 200/404 200/404 403 403 403", obj="case",
        body=lambda w, s: {"mediator": w.pick("second_mediator", s).pk},
        why="the village's station and its township hand a case to another of its mediators; "
            "the mediator (the villager mediates case_in) does not"),
    "GET mediation-mediator-list": Row("401 200 200 200 200 200 403 200",
                                       list_of="GET mediation-mediator-detail",
                                       why="a villager sees their own appointment"),
    "POST mediation-mediator-list": Row(
        "401 403 403 201/400 201/400 403 403 201",
        body=lambda w, s: {"village": w.pick("unit", s).pk,
                           "user": (w.net.station_staff if s == "in"
                                    else w.net.station_staff_other).pk,
                           "background": "old_party_member"},
        why="400: a village outside the caller's area is not a valid choice"),
    "GET mediation-mediator-detail": Row("401 200/404 404 200/404 200/404 200 403 200",
                                         obj="mediator",
                                         why="a villager sees their own appointment (the "
                                             "person's), not their household's members'",
                                         extra={"combined": {"villager+volunteer": "404/404"}}),
    "POST mediation-mediator-end": Row("401 403 403 200/404 200/404 403 403 200",
                                       obj="mediator"),
    "GET mediation-counts": Row("401 403 403 200 200 200 403 200",
                                why="numbers only; reviewers not even those"),
    # outreach: the mobile posts T1M1 / T2M1, their rounds and stops (at v11 / v21)
    "GET outreach-post-list": Row("401 403 403 200 200 200 200 200",
                                  list_of="GET outreach-post-detail"),
    "GET outreach-post-detail": Row("401 403 403 404 200/404 200 200 200", obj="post",
                                    why="a village's station staff do not see the township's "
                                        "posts"),
    "POST outreach-post-profile": Row("401 403 403 404 200/404 403 403 200", obj="post",
                                      body=lambda w, s: {"vehicle": "依维柯服务车"}),
    "GET outreach-round-list": Row("401 403 403 200 200 200 200 200",
                                   list_of="GET outreach-round-detail"),
    "POST outreach-round-list": Row(
        "401 403 403 400 201/400 403 403 201",
        body=lambda w, s: {"post": w.pick("post", s).pk, "year": w.outreach_third.year,
                           "month": w.outreach_third.month,
                           "stops": [{"date": w.outreach_third.replace(day=8).isoformat(),
                                      "starts_at": "09:00", "ends_at": "10:00",
                                      "village": w.pick("unit", s).pk, "place": "广场"}]},
        why="400: a mobile post outside the caller's area is not a valid choice"),
    "GET outreach-round-detail": Row("401 403 403 404 200/404 200 200 200", obj="round"),
    "POST outreach-round-stops": Row(
        "401 403 403 404 201/404 403 403 201", obj="round",
        body=lambda w, s: {"date": w.outreach_month.replace(day=12).isoformat(),
                           "starts_at": "14:00", "ends_at": "16:00",
                           "village": w.pick("unit", s).pk, "place": "小学",
                           "place_kind": "school"}),
    "POST outreach-round-copy-previous": Row("401 403 403 404 200/404 403 403 200",
                                             obj="later_round"),
    "GET outreach-stop-list": Row("401 403 403 200 200 200 200 200",
                                  list_of="GET outreach-stop-detail"),
    "GET outreach-stop-detail": Row("401 403 403 200/404 200/404 200 200 200", obj="stop",
                                    why="a village's station sees the stops in its village"),
    "POST outreach-stop-record": Row("401 403 403 403/404 200/404 403 403 200", obj="made",
                                     body=lambda w, s: {"people_served": 12},
                                     why="the village's station sees the stop but does not "
                                         "run the post"),
    "POST outreach-stop-cancel": Row("401 403 403 403/404 200/404 403 403 200", obj="stop",
                                     body=lambda w, s: {"reason": "暴雪"}),
    "POST outreach-stop-photos": Row("401 403 403 403/404 201/404 403 403 201",
                                     obj="done_stop", body=_photo, format="multipart"),
    "GET outreach-next-visit": Row("401 200 200 200 200 200 200 200"),
    # campaigns: each township's own campaign (t1 / t2); the banner's categories
    "GET campaign-list": Row("401 200 200 200 200 200 200 200", list_of="GET campaign-detail"),
    "POST campaign-list": Row(
        "401 403 403 403 201/400 403 403 201",
        body=lambda w, s: {"code": "xueleifeng-new", "name": "学雷锋月", "kind": "campaign",
                           "unit": (w.net.t1 if s == "in" else w.net.t2).pk,
                           "starts_on": w.today, "ends_on": w.today},
        why="the banner's administrators and township staff (their own township's); 400: "
            "another township is not a unit they may set a campaign for"),
    "GET campaign-detail": Row("401 200/404 200/404 200/404 200/404 200 200 200",
                               obj="campaign",
                               why="everyone reads the campaigns of their banner and township"),
    "PATCH campaign-detail": Row("401 403 403 403 200/404 403 403 200", obj="campaign",
                                 body=lambda w, s: {"name": "春风送暖"}),
    "DELETE campaign-detail": Row("401 403 403 403 204/404 403 403 204", obj="campaign",
                                  why="nothing belongs to it yet"),
    "GET activity-category-list": Row("401 200 200 200 200 200 200 200"),
    "POST activity-category-list": Row("401 403 403 403 403 403 403 201",
                                       body=lambda w, s: {"code": "new-kind", "name": "灯会"},
                                       sided=False),
    "GET activity-category-detail": Row("401 200 200 200 200 200 200 200", obj="category"),
    "DELETE activity-category-detail": Row("401 403 403 403 403 403 403 204", obj="category",
                                           why="a category of the banner's own, unused"),
    # honours: kinds as data, the moral review council, honours proposed and awarded
    "POST star-evaluation-review": Row(
        "401 201/404 404 403/404 403/404 403 403 403", obj="review_proposal",
        body=lambda w, s: {"opinion": "agree"},
        why="a sitting member of the village's moral review council (the villager, in v11) "
            "records it; a proposal is otherwise out of a villager's sight (404)"),
    "POST honour-review": Row(
        "401 201/404 404 403/404 403/404 403 403 403", obj="honour_proposal",
        body=lambda w, s: {"opinion": "agree"},
        why="as the star proposal's review: membership of the village's council"),
    "POST honour-award": Row("401 403 403 403 200/404 403 403 200", obj="honour_reviewed"),
    "POST honour-decline": Row("401 403 403 403 200/404 403 403 200", obj="honour_proposal",
                               body=lambda w, s: {"reason": "事迹不实"}),
    "GET honour-kind-list": Row("401 200 200 200 200 200 200 200"),
    "POST honour-kind-list": Row(
        "401 403 403 403 403 403 403 201", sided=False,
        body=lambda w, s: {"code": "good_mother_in_law", "name": "好婆婆"}),
    "GET honour-kind-detail": Row("401 200 200 200 200 200 200 200", obj="kind",
                                  why="kinds are banner-wide: in and out are the same kind"),
    "PATCH honour-kind-detail": Row("401 403 403 403 403 403 403 200", obj="kind",
                                    body=lambda w, s: {"name": "好儿媳"}),
    "DELETE honour-kind-detail": Row("401 403 403 403 403 403 403 204", obj="spare_kind"),
    "GET moral-review-queue": Row("401 200 200 200 200 200 200 200",
                                  why="each caller sees the queue of the councils they sit on"),
}


# --- the web pages ---------------------------------------------------------------------------
PAGES = {
    "GET home": Row("302 200 200 200 200 200 200 200"),
    # the offline counter and check-in: the service worker and the manifest are public files
    "GET service-worker": Row("200 200 200 200 200 200 200 200"),
    "GET web-manifest": Row("200 200 200 200 200 200 200 200"),
    # the households' door cards
    "GET practice:door-cards": Row("302 403 403 200/404 200/404 403 403 200", sided=True,
                                   query=lambda w, s: {"village": w.pick("unit", s).pk},
                                   why="a village's cards to print, for the staff of its area"),
    "GET practice:door": Row("200 200 200 302/200 302/200 200 200 302", sided=True,
                             kwargs=lambda w, s: {"token": door_cards.token_for(
                                 w.pick("household", s))},
                             why="a card anyone may scan: staff of its area go on to the "
                                 "household's counter, everyone else sees its number and "
                                 "village; a clerk who lives in the household is staff first",
                             extra={"combined": {"station_staff+household": "302/200"}}),
    "GET login": Row("200 200 200 200 200 200 200 200"),
    "GET login-phone": Row("200 200 200 200 200 200 200 200"),
    "POST login-phone": Row("302 302 302 302 302 302 302 302", sided=False,
                            body=lambda w, s: {"phone": "13900000009"},
                            why="the code is asked for; on to the second step"),
    "GET login-phone-code": Row("302 302 302 302 302 302 302 302",
                                why="no number was given in this session: back to step one"),
    "POST logout": Row("302 302 302 302 302 302 302 302"),
    # practice: household rosters and a household's phones
    "GET practice:household-import": Row("302 403 403 200 200 403 403 200"),
    "GET practice:household-import-template": Row("302 403 403 200 200 403 403 200"),
    "GET practice:household-export": Row("302 403 403 200/404 200/404 403 403 200", sided=True,
                                         query=lambda w, s: {"village": w.pick("unit", s).pk}),
    "GET practice:household-import-detail": Row("302 403 403 200/404 200/404 403 403 200",
                                                obj="roster_import"),
    "POST practice:household-import-confirm": Row("302 403 403 302/404 302/404 403 403 302",
                                                  obj="roster_import"),
    "GET practice:household": Row("302 403 403 200/404 200/404 403 403 200", obj="household"),
    "POST practice:household-phone-add": Row(
        "302 403 403 302/404 302/404 403 403 302", obj="household",
        body=lambda w, s: {"phone": "13700003333"}),
    "POST practice:household-phone-change": Row(
        "302 403 403 302/404 302/404 403 403 302", obj="household",
        body=lambda w, s: {"phone": "13700004444"}),
    "POST set_language": Row("302 302 302 302 302 302 302 302", sided=False,
                             body=lambda w, s: {"language": "zh-hans", "next": "/"}),
    # text messages: the staff's recent list (scoped), each person's own switch
    "GET sms:log": Row("302 403 403 200 200 403 403 200"),
    "GET sms:settings": Row("302 200 200 200 200 200 200 200"),
    "POST sms:settings-save": Row("302 302 302 302 302 302 302 302"),
    # the translators' review (translations/): banner administrators and accounts with the
    # translations.translator permission (none of the matrix's roles has it); rosetta's editor
    # at /translations/rosetta/ behind the same guard
    "GET translations:index": Row("302 403 403 403 403 403 403 200"),
    "GET translations:catalogue": Row("302 403 403 403 403 403 403 200",
                                      kwargs=lambda w, s: {"slug": "translations"}),
    "POST translations:mark": Row("302 403 403 403 403 403 403 302",
                                  kwargs=lambda w, s: {"slug": "translations"},
                                  why="nothing ticked: back to the page with a message"),
    "GET rosetta-old-home-redirect": Row("302 403 403 403 403 403 403 302"),
    "GET rosetta-file-list-redirect": Row("302 403 403 403 403 403 403 302"),
    "GET rosetta-file-list": Row("302 403 403 403 403 403 403 200",
                                 kwargs=lambda w, s: {"po_filter": "all"}),
    "GET rosetta-form": Row("302 403 403 403 403 403 403 200", kwargs=_rosetta_catalogue),
    "GET rosetta-download-file": Row("302 403 403 403 403 403 403 200",
                                     kwargs=_rosetta_catalogue),
    "GET rosetta.translate_text": Row("302 403 403 403 403 403 403 200",
                                      why="machine suggestions are off; the same language "
                                          "answers the text itself"),
    # volunteers
    "GET volunteers:menu": Row("302 200 200 200 200 200 200 200"),
    "GET volunteers:order-new": Row("302 200 302 403 403 403 403 403"),
    "GET volunteers:my-orders": Row("302 200 200 200 200 200 200 200"),
    "GET volunteers:order": Row("302 200/404 200/404 200/404 200/404 200 200 200", obj="order"),
    "GET volunteers:team-orders": Row("302 403 200 403 403 403 403 403"),
    "GET volunteers:time-bank": Row("302 403 200 403 403 403 403 403"),
    "GET volunteers:staff-orders": Row("302 403 403 200 200 200 200 200"),
    "GET volunteers:assisted-order": Row("302 403 403 200 200 403 403 200"),
    "GET volunteers:qr-codes": Row("302 403 403 200 200 403 403 200"),
    "GET volunteers:qr-png": Row("302 200/404 200/404 200/404 200/404 200 200 200", sided=True,
                                 kwargs=lambda w, s: {"code": w.pick("unit", s).code}),
    "GET volunteers:station": Row("200 302 302 302 302 302 302 302",
                                  kwargs=lambda w, s: {"code": w.pick("unit", s).code},
                                  sided=True,
                                  why="a QR code scanned logged out explains the station"),
    "GET volunteers:notifications": Row("302 200 200 200 200 200 200 200"),
    "POST volunteers:notifications-read": Row("302 302 302 302 302 302 302 302"),
    "GET volunteers:activities": Row("302 403 403 200 200 200 200 200"),
    "GET volunteers:activity-new": Row("302 403 403 200 200 403 403 200"),
    "GET volunteers:activity": Row("302 200/404 200/404 200/404 200/404 200 200 200",
                                   obj="activity"),
    "GET volunteers:activity-edit": Row("302 403 403 200/404 200/404 403 403 200",
                                        obj="upcoming"),
    "GET volunteers:activity-qr": Row("302 403 403 200/404 200/404 403 403 200",
                                      obj="activity"),
    "GET volunteers:my-activities": Row("302 200 200 200 200 200 200 200"),
    "GET volunteers:checkin": Row("302 200 200 200 200 200 200 200", sided=True,
                                  kwargs=lambda w, s: {"token": w.pick("token", s)},
                                  why="the signed token is the key: whoever scanned it may "
                                      "open the check-in page"),
    "GET volunteers:checkin-offline": Row("302 200 200 200 200 200 200 200",
                                          why="the check-in page a phone keeps for offline use"),
    "GET volunteers:service-days": Row("302 403 403 200 200 200 403 200"),
    "GET volunteers:apply": Row("200 200 200 200 200 200 200 200",
                                why="anyone may apply to volunteer, signed in or not"),
    "GET volunteers:application-status": Row(
        "200 200 200 200 200 200 200 200", sided=True,
        kwargs=lambda w, s: {"token": selectors.application_status_token(
            w.pick("application", s))},
        why="the signed link is the applicant's key (they may have no account)"),
    "GET volunteers:applications": Row("302 403 200 200 200 403 403 200",
                                       why="the volunteer leads a team"),
    "POST volunteers:application-action": Row(
        "302 403 302/404 302/404 302/404 403 403 302", obj="application",
        kwargs=lambda w, s: {"verb": "approve"}),
    "GET volunteers:certificate": Row("302 404 200/404 200/404 200/404 200 200 200",
                                      obj="vol", why="the volunteer's own, or of staff's area"),
    "GET volunteers:my-certificate": Row("302 404 302 404 404 404 404 404",
                                         why="a volunteer is sent on to their own"),
    # points supermarket
    "GET points_market:cashier": Row("302 403 403 200 200 403 403 200"),
    "GET points_market:counter": Row("302 403 403 200/404 200/404 403 403 200", obj="household"),
    "GET points_market:counter-offline": Row("302 403 403 200 200 403 403 200"),
    "GET points_market:station-data": Row(
        "302 403 403 200 200 403 403 200",
        why="the last-known balances an offline counter keeps: station staff and staff above "
            "them, each with the households of their own area (tests/points_market/"
            "test_offline_counter.py)"),
    "POST points_market:deposit": Row(
        "302 403 403 302/404 302/404 403 403 302", obj="household",
        body=lambda w, s: {f"weight_{w.market.newspaper.pk}": "3"}),
    "POST points_market:redeem": Row(
        "302 403 403 302/404 302/404 403 403 302", obj="household",
        body=lambda w, s: {f"qty_{w.pick('product', s).pk}": "1"}),
    "GET points_market:deposit-receipt": Row("302 200/404 404 200/404 200/404 200 200 200",
                                             obj="deposit"),
    "GET points_market:redemption-receipt": Row("302 200/404 404 200/404 200/404 200 200 200",
                                                obj="redemption"),
    "GET points_market:my-points": Row("302 200 404 404 404 404 404 404"),
    "GET points_market:supermarkets": Row("302 403 403 200 200 200 200 200"),
    "GET points_market:poster": Row("302 200/404 200/404 200/404 200/404 200 200 200", obj="shop"),
    "GET points_market:statistics": Row("302 403 403 200 200 200 200 200"),
    # banquets
    "GET banquets:book": Row("302 200 403 403 403 403 403 403"),
    "GET banquets:mine": Row("302 200 403 403 403 403 403 403"),
    "GET banquets:queue": Row("302 403 403 200 200 200 200 200"),
    "POST banquets:booking-action": Row("302 403/404 403 302/404 302/404 403 403 302",
                                        obj="booking",
                                        kwargs=lambda w, s: {"verb": "approve"}),
    "GET banquets:calendar": Row("302 200 403 200 200 200 200 200"),
    "GET banquets:violations": Row("302 403 403 200 200 200 200 200"),
    "GET banquets:notice": Row("302 200 403 200 200 200 200 200"),
    "GET banquets:savings": Row("302 403 403 200 200 200 200 200"),
    # supervision
    "GET supervision:tasks": Row("302 403 403 200 200 200 200 200"),
    "GET supervision:task-new": Row("302 403 403 200 200 200 403 200"),
    "GET supervision:task": Row("302 403 403 200/404 200/404 200 200 200", obj="task"),
    "POST supervision:task-action": Row(
        "302 403 403 302/404 403/404 403 403 403", obj="task",
        kwargs=lambda w, s: {"verb": "progress"}, body=lambda w, s: {"note": "已清理垃圾"},
        why="the village's staff report progress on their village's task"),
    "GET supervision:visits": Row("302 403 403 200/404 200/404 200 200 200", sided=True,
                                  query=lambda w, s: {"unit": w.pick("unit", s).pk},
                                  why="a village's visits, for the staff of its area"),
    "GET supervision:visit-new": Row("302 403 403 200 200 200 403 200"),
    "GET supervision:meetings": Row("302 403 403 200 200 200 200 200"),
    "GET supervision:meeting-new": Row("302 403 403 200 200 200 403 200"),
    # reports
    "GET reports:dashboard": Row("302 403 403 403 200 200 200 200"),
    "GET reports:monthly-list": Row("302 403 403 200 200 200 200 200"),
    "GET reports:monthly-detail": Row("302 403 403 404 200/404 200 200 200", obj="report"),
    # dispatch
    "GET dispatch:submissions": Row("302 403 403 200 200 200 200 200"),
    "GET dispatch:submission": Row("302 403 403 200/404 200/404 200 200 200", obj="submission"),
    "POST dispatch:submission": Row("302 403 403 302/404 302/404 302 302 302", obj="submission",
                                    body=lambda w, s: {"action": "save", "work_done": "宣讲"},
                                    why="a refused action comes back to the page with its "
                                        "message (302)"),
    "GET dispatch:meetings": Row("302 403 403 200 200 200 200 200"),
    "GET dispatch:meeting": Row("302 403 403 404 200/404 200 200 200", obj="dispatch_meeting"),
    "POST dispatch:meeting": Row("302 403 403 404 302/404 403 403 302", obj="dispatch_meeting",
                                 body=lambda w, s: {"text": "限期整改"}),
    "GET dispatch:meeting-docx": Row("302 403 403 404 200/404 200 200 200", obj="dispatch_meeting"),
    "GET dispatch:month": Row("302 403 403 404 200/404 200 200 200", sided=True,
                              query=lambda w, s: {"unit": w.pick("township", s).pk}),
    "GET reports:head-records": Row("302 403 403 403 403 200 403 200"),
    "GET reports:head-record": Row("302 403/404 403/404 404 403/404 200 403 200", sided=True,
                                   kwargs=lambda w, s: {"unit_id": w.pick("township", s).pk}),
    # honours and the board
    "GET honours:index": Row("200 200 200 200 200 200 200 200"),
    "GET honours:my-board": Row("302 302 302 302 302 302 302 302"),
    "GET honours:board": Row("200 200 200 200 200 200 200 200", obj="unit"),
    "GET honours:certificate": Row(
        "200 200 200 200 200 200 200 200", obj="unit",
        kwargs=lambda w, s: {"honour_pk": w.pick("honour", s).pk}),
    "POST honours:board-objection": Row(
        "302 302 302 302 302 302 302 302", obj="notice",
        body=lambda w, s: {"objector_name": "王某", "objector_phone": "13900001111",
                           "text": "不属实"},
        why="anyone may object on the public board, signed in or not, to any village's rating"),
    "GET honours:vote": Row("200 200 200 200 200 200 200 200", obj="evaluation"),
    "POST honours:vote": Row(
        "200 200 200 200 200 200 200 200", obj="evaluation",
        body=lambda w, s: {"code": w.pick("code", s), "choice": "satisfied"}),
    "GET honours:stars": Row("302 403 403 200 200 200 200 200"),
    "GET honours:household-stars": Row("302 403 403 200/404 200/404 200 200 200", obj="household",
                                       kwargs=lambda w, s: {"year": w.year}),
    "GET honours:honours": Row("302 403 403 200 200 200 200 200"),
    "GET honours:evaluations": Row("302 403 403 200 200 200 200 200"),
    "GET honours:evaluation": Row("302 403 403 200/404 200/404 200 200 200", obj="evaluation"),
    # banquets: the red-and-white council's members decide (none of the roles here sits on one)
    "GET banquets:council": Row("302 403 403 403 403 403 403 403",
                                why="the page of the sitting members of a red-and-white "
                                    "council; tests/banquets/test_council.py opens it as one"),
    # mediation (see the API's rows): staff pages for the station and the township; the
    # mediator's own pages (bilingual) for whoever mediates the case, nobody else
    "GET mediation:cases": Row("302 403 403 200 200 403 403 403"),
    "GET mediation:case": Row("302 403 403 200/404 200/404 403 403 403", obj="case"),
    "GET mediation:case-new": Row("302 403 403 200 200 403 403 403"),
    "POST mediation:case-session": Row("302 403 403 302/404 302/404 403 403 403", obj="case",
                                       body=lambda w, s: {"note": "双方到场调解"}),
    "POST mediation:case-close": Row(
        "302 403 403 302/404 302/404 403 403 403", obj="case",
        body=lambda w, s: {"outcome": "settled", "confirm": "1"}),
    "POST mediation:case-hand-over": Row(
        "302 403 403 302/404 302/404 403 403 403", obj="case",
        body=lambda w, s: {"mediator": w.pick("second_mediator", s).pk}),
    "GET mediation:mediators": Row("302 403 403 200 200 200 403 200"),
    "GET mediation:mediator-new": Row("302 403 403 200 200 403 403 200"),
    "POST mediation:mediator-end": Row("302 403 403 302/404 302/404 403 403 302",
                                       obj="mediator"),
    "GET mediation:counts": Row("302 403 403 200 200 200 403 200"),
    "GET mediation:mine": Row("302 200 200 200 200 200 200 200",
                              why="each person's own cases as a mediator (none: a note)"),
    "GET mediation:mine-case": Row("302 200/404 404 404 404 404 404 404", obj="case",
                                   why="the case's own mediator only (the person: joining "
                                       "the mediator's household gives no case)",
                                   extra={"combined": {"villager+volunteer": "404/404",
                                                       "station_staff+household": "404/404"}}),
    "POST mediation:mine-case-session": Row("302 302/404 404 404 404 404 404 404", obj="case",
                                            body=lambda w, s: {"note": "双方到场调解"}),
    "POST mediation:mine-case-close": Row(
        "302 302/404 404 404 404 404 404 404", obj="case",
        body=lambda w, s: {"outcome": "settled", "confirm": "1"}),
    # outreach: staff pages of the mobile posts; the villager's next visit
    "GET outreach:posts": Row("302 403 403 200 200 200 200 200"),
    "GET outreach:post": Row("302 403 403 404 200/404 200 200 200", obj="post"),
    "GET outreach:round-new": Row("302 403 403 404 200/404 403 403 200", obj="post"),
    "POST outreach:round-new": Row("302 403 403 404 302/404 403 403 302", obj="post",
                                   body=lambda w, s: {"month": w.outreach_third.strftime(
                                       "%Y-%m")}),
    "GET outreach:round": Row("302 403 403 404 200/404 200 200 200", obj="round"),
    "POST outreach:round": Row(
        "302 403 403 404 302/404 403 403 302", obj="round",
        body=lambda w, s: {"action": "add",
                           "date": w.outreach_month.replace(day=12).isoformat(),
                           "starts_at": "14:00", "ends_at": "16:00", "place_kind": "school",
                           "village": w.pick("unit", s).pk, "place": "小学"}),
    "GET outreach:stop": Row("302 403 403 200/404 200/404 200 200 200", obj="stop"),
    "POST outreach:stop": Row("302 403 403 403/404 302/404 403 403 302", obj="stop",
                              body=lambda w, s: {"action": "cancel", "reason": "暴雪"},
                              why="the village's station sees the stop but does not run the "
                                  "post"),
    "GET outreach:next-visit": Row("302 200 200 200 200 200 200 200"),
    # campaigns
    "GET campaigns:calendar": Row("302 200 200 200 200 200 200 200"),
    "GET campaigns:list": Row("302 403 403 200 200 200 200 200"),
    "GET campaigns:new": Row("302 403 403 403 200 403 403 200"),
    "GET campaigns:edit": Row("302 403 403 403 200/404 403 403 200", obj="campaign"),
    # honours: the moral review council's page (a member's phone)
    "GET honours:review": Row("302 200 200 200 200 200 200 200",
                              why="anyone signed in; the queue holds the councils they sit on"),
    "POST honours:review": Row(
        "302 302/404 404 404 404 404 404 404",
        body=lambda w, s: {"evaluation": w.pick("review_proposal", s).pk, "opinion": "agree"},
        why="only a proposal of a council the caller sits on (the villager's, v11) is found"),
}

# --- the admin's changelists -----------------------------------------------------------------
ADMIN = {}
# changelist → the API detail row of the same objects: the changelist must show the object
# exactly where that row answers 200 (None: the object hangs at v11 / v21 like the rest).
ADMIN_OBJECTS = {
    "banquets_booking": "GET banquets-booking-detail",
    "banquets_canteen": "GET banquets-canteen-detail",
    "banquets_violationrecord": "GET banquets-violation-detail",
    "honours_honour": "GET honour-detail",
    "honours_satisfactionevaluation": "GET evaluation-detail",
    "honours_moralreview": "opinion",
    "honours_starevaluation": "GET star-evaluation-detail",
    "points_market_deposit": "GET points-deposit-detail",
    "points_market_entry": "GET points-entry-detail",
    "points_market_product": "GET points-product-detail",
    "points_market_redemption": "GET points-redemption-detail",
    "points_market_supermarket": "shop",
    "practice_household": "GET household-detail",
    "reports_monthlyreport": "GET monthly-report-detail",
    "dispatch_submission": "GET submission-detail",
    "dispatch_meeting": "GET dispatch-meeting-detail",
    "supervision_supervisedtask": "GET supervised-task-detail",
    "supervision_fieldvisit": "visit",
    "practice_unit": "GET unit-detail",
    "volunteers_activity": "GET activity-detail",
    "volunteers_attendance": "attendance",
    "volunteers_order": "GET order-detail",
    "volunteers_serviceitem": "GET service-item-detail",
    "volunteers_team": "GET team-detail",
    "volunteers_volunteer": "vol",
    "volunteers_volunteerapplication": "GET volunteer-application-detail",
    # mediation
    "mediation_mediationcase": "GET mediation-case-detail",
    "mediation_mediator": "GET mediation-mediator-detail",
    "campaigns_campaign": "GET campaign-detail",
}
ADMIN_MODELS = [
    "auth_group", "authtoken_tokenproxy", "axes_accessattempt", "axes_accessfailurelog",
    "axes_accesslog", "banquets_booking", "banquets_canteen", "banquets_ruleset",
    "banquets_savingsassumption", "banquets_violationrecord", "points_market_account",
    "points_market_category",
    "points_market_categoryprice", "points_market_deposit", "points_market_entry",
    "points_market_product", "points_market_redemption", "points_market_stockin",
    "points_market_supermarket", "reports_assessment", "practice_auditlog",
    "honours_honour", "practice_household", "reports_manualscore", "reports_monthlyreport",
    "practice_outboxmessage", "practice_smsmessage", "reports_reportrun",
    "honours_satisfactionevaluation",
    "honours_starevaluation", "practice_unit", "practice_user", "volunteers_activity",
    "volunteers_attendance",
    "volunteers_notification", "volunteers_order", "volunteers_review",
    "volunteers_serviceitem", "volunteers_team", "volunteers_timebankaccount",
    "volunteers_timebankentry", "volunteers_volunteer", "volunteers_volunteerapplication",
    "dispatch_submission", "dispatch_meeting",
    "supervision_fieldvisit", "supervision_jointmeeting", "supervision_progressreport",
    "supervision_supervisedtask",
    # mediation
    "mediation_mediationcase", "mediation_mediator",
    "campaigns_activitycategory", "campaigns_campaign",
    # honours: kinds of honour (the banner edits them) and the moral review opinions
    "honours_honourkind", "honours_moralreview",
]
ADMIN_ONLY_SUPERUSERS = "302 302 302 403 403 403 403 403"
ADMIN_SPECIAL = {
    # Django's own and the add-ons' models: no role of the platform manages them.
    "auth_group": ADMIN_ONLY_SUPERUSERS, "authtoken_tokenproxy": ADMIN_ONLY_SUPERUSERS,
    "axes_accessattempt": ADMIN_ONLY_SUPERUSERS, "axes_accessfailurelog": ADMIN_ONLY_SUPERUSERS,
    "axes_accesslog": ADMIN_ONLY_SUPERUSERS,
    # The audit trail and the outbox: the banner's administrators only.
    "practice_auditlog": "302 302 302 403 403 403 403 200",
    "practice_outboxmessage": "302 302 302 403 403 403 403 200",
    # The delivery log of text messages: staff who manage, each their subtree's people.
    "practice_smsmessage": "302 302 302 200 200 403 403 200",
    # mediation: cases (parties included) for their viewers only; mediators for all but
    # reviewers
    "mediation_mediationcase": "302 302 302 200 200 403 403 403",
    "mediation_mediator": "302 302 302 200 200 200 403 200",
}
ADMIN.update({
    f"admin {m}": Row(ADMIN_SPECIAL.get(m, "302 302 302 200 200 200 200 200"),
                      obj=ADMIN_OBJECTS.get(m), sided=False)
    for m in ADMIN_MODELS
})

# outreach: the mobile posts' profiles, rounds and stops
ADMIN_OBJECTS.update({"outreach_round": "GET outreach-round-detail",
                      "outreach_stop": "GET outreach-stop-detail"})
ADMIN.update({
    f"admin {m}": Row("302 302 302 200 200 200 200 200", obj=ADMIN_OBJECTS.get(m), sided=False)
    for m in ("outreach_mobilepost", "outreach_round", "outreach_stop")
})

# --- institutions (一约四会): the compact, the councils, their work --------------------------
#                  anon villager volunteer station township leader reviewer admin
_INST_READ = "401 200/404 200/404 200/404 200/404 200 200 200"
_INST_WRITE = "401 403 403 201/400 201/400 403 403 201"
_INST_WRITE_WHY = ("staff of the village's area write; 400: a village or council outside the "
                   "caller's area is not a valid choice")


def _today(w, s):
    return timezone.localdate().isoformat()


def _at(hour):
    """Tomorrow at ``hour`` o'clock, local time, as ISO."""
    day = timezone.localdate() + datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour))).isoformat()


API.update({
    "GET council-list": Row("401 200 200 200 200 200 200 200", list_of="GET council-detail"),
    "GET council-detail": Row(_INST_READ, obj="inst_council",
                              why="villagers and volunteers read their own village's councils"),
    "POST council-list": Row(
        _INST_WRITE, body=lambda w, s: {"village": w.pick("unit", s).pk,
                                        "kind": "moral_review", "decider": "chair"},
        why=_INST_WRITE_WHY),
    "GET council-member-list": Row("401 200 200 200 200 200 200 200",
                                   list_of="GET council-member-detail"),
    "GET council-member-detail": Row(_INST_READ, obj="inst_member"),
    "POST council-member-list": Row(
        _INST_WRITE, body=lambda w, s: {
            "council": w.pick("inst_council", s).pk, "seat": "member",
            "user": (w.net.station_staff if s == "in" else w.net.station_staff_other).pk,
            "term_starts": _today(w, s)},
        why=_INST_WRITE_WHY),
    "POST council-member-end-term": Row(
        "401 403 403 200/404 200/404 403 403 200", obj="inst_member",
        body=lambda w, s: {"term_ends": _today(w, s)}),
    "GET council-meeting-list": Row("401 200 200 200 200 200 200 200",
                                    list_of="GET council-meeting-detail"),
    "GET council-meeting-detail": Row(_INST_READ, obj="council_meeting"),
    "POST council-meeting-list": Row(
        _INST_WRITE, body=lambda w, s: {"council": w.pick("inst_council", s).pk,
                                        "held_on": _today(w, s), "attendees": 5,
                                        "topics": "人居环境整治"},
        why=_INST_WRITE_WHY),
    "GET compact-version-list": Row("401 200 200 200 200 200 200 200",
                                    list_of="GET compact-version-detail"),
    "GET compact-version-detail": Row(_INST_READ, obj="compact"),
    "POST compact-version-list": Row(
        _INST_WRITE, body=lambda w, s: {"village": w.pick("unit", s).pk, "text": "一、禁赌。",
                                        "adopted_on": _today(w, s),
                                        "minutes": "村民大会通过。"},
        why=_INST_WRITE_WHY),
    "GET council-proposal-list": Row("401 200 200 200 200 200 200 200",
                                     list_of="GET council-proposal-detail"),
    "GET council-proposal-detail": Row(_INST_READ, obj="council_proposal"),
    "POST council-proposal-list": Row(
        _INST_WRITE, body=lambda w, s: {"council": w.pick("inst_council", s).pk,
                                        "text": "安装路灯", "raised_by": "第二村民小组",
                                        "raised_on": _today(w, s)},
        why=_INST_WRITE_WHY),
    "POST council-proposal-decide": Row(
        "401 403 403 201/404 201/404 403 403 201", obj="open_proposal",
        body=lambda w, s: {"decided_on": _today(w, s), "text": "同意", "outcome": "adopted",
                           "present": 5, "votes_for": 5}),
    "GET council-decision-list": Row("401 200 200 200 200 200 200 200",
                                     list_of="GET council-decision-detail"),
    "GET council-decision-detail": Row(_INST_READ, obj="council_decision"),
    "GET antidrug-activity-list": Row("401 200 200 200 200 200 200 200",
                                      list_of="GET antidrug-activity-detail"),
    "GET antidrug-activity-detail": Row(_INST_READ, obj="antidrug_activity",
                                        why="the village's practice activities: its villagers "
                                            "read them as they read the activity"),
    "POST antidrug-activity-list": Row(
        _INST_WRITE, body=lambda w, s: {"council": w.pick("antidrug_council", s).pk,
                                        "title": "禁毒知识讲座", "starts_at": _at(9),
                                        "ends_at": _at(11)},
        why=_INST_WRITE_WHY),
    "GET antidrug-visit-list": Row("401 403 403 200 200 200 200 200",
                                   list_of="GET antidrug-visit-detail"),
    "GET antidrug-visit-detail": Row("401 403 403 200/404 200/404 200 200 200",
                                     obj="antidrug_visit", why="staff read the home visits"),
    "POST antidrug-visit-list": Row(
        _INST_WRITE, body=lambda w, s: {"council": w.pick("antidrug_council", s).pk,
                                        "visited_on": _today(w, s), "households": 8,
                                        "topic": "禁毒宣传"},
        why=_INST_WRITE_WHY),
})
PAGES.update({
    "GET institutions:index": Row("302 403 403 200 200 200 200 200"),
    "GET institutions:mine": Row("302 200 200 403 403 403 403 403",
                                 why="a villager's or volunteer's own village"),
    "GET institutions:village": Row("302 403 403 200/404 200/404 200 200 200", obj="unit"),
    "POST institutions:council-setup": Row(
        "302 403 403 302/404 302/404 403 403 302", obj="unit",
        body=lambda w, s: {"kind": "moral_review", "decider": "chair"}),
    "GET institutions:compact": Row("200 200 200 200 200 200 200 200", obj="unit",
                                    why="the compact is public, like the notice board"),
    "GET institutions:compact-new": Row("302 403 403 200/404 200/404 403 403 200", obj="unit"),
    "GET institutions:council": Row("302 200/404 200/404 200/404 200/404 200 200 200",
                                    obj="inst_council",
                                    why="its members, often villagers, read it on a phone"),
    "POST institutions:council-action": Row(
        "302 403 403 302/404 302/404 403 403 302", obj="inst_council",
        kwargs=lambda w, s: {"verb": "meeting"},
        body=lambda w, s: {"held_on": _today(w, s), "attendees": "6", "topics": "禁毒宣传"}),
})
_INST_ADMIN = {
    "institutions_council": "GET council-detail",
    "institutions_councilmember": "GET council-member-detail",
    "institutions_councilmeeting": "GET council-meeting-detail",
    "institutions_compactversion": "GET compact-version-detail",
    "institutions_proposal": "GET council-proposal-detail",
    "institutions_decision": "GET council-decision-detail",
    "institutions_antidrugvisit": "GET antidrug-visit-detail",
    "institutions_antidrugactivity": "antidrug_activity",
}
ADMIN_OBJECTS.update(_INST_ADMIN)
ADMIN.update({f"admin {m}": Row("302 302 302 200 200 200 200 200", obj=target, sided=False)
              for m, target in _INST_ADMIN.items()})

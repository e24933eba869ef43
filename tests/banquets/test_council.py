"""The red-and-white council (红白理事会) approves the canteen's bookings where the village has
one: its sitting members (or only its chair, where it says so) decide, by name; staff no longer
do there, but still do where no council is set up or all its members' terms have ended."""

import datetime
import re

import pytest
from django.conf import settings
from django.utils import timezone

from banquets import services
from banquets.models import Booking, BookingEvent, Canteen, Status
from institutions.models import Council, CouncilKind, CouncilMember, Decider, Seat
from practice.language import MONGOLIAN
from practice.models import Household
from practice.roles import Role
from tests.banquets.conftest import make_request
from tests.factories import make_user

pytestmark = pytest.mark.django_db

MONGOLIAN_LETTERS = re.compile(r"[\u1820-\u18AF]")
CYRILLIC = re.compile(r"[\u0400-\u04FF]")
COUNCIL_PAGE = "/banquets/council/"


def seat(council, user, seat=Seat.MEMBER, *, starts=None, ends=None):
    return CouncilMember.objects.create(
        council=council, user=user, seat=seat,
        term_starts=starts or datetime.date(2024, 1, 1), term_ends=ends)


def villager_of(village, number, name):
    household = Household.objects.create(village=village, number=number, head_name=name)
    return make_user(f"u-{number}", Role.VILLAGER, village, household, real_name=name)


@pytest.fixture
def council(net):
    """v11's red-and-white council: a chair and a member, villagers of v11."""
    c = Council.objects.create(village=net.v11, kind=CouncilKind.RED_WHITE)
    c.chair = villager_of(net.v11, "T1V1-0101", "白音")
    c.member = villager_of(net.v11, "T1V1-0102", "其木格")
    seat(c, c.chair, Seat.CHAIR)
    seat(c, c.member)
    return c


@pytest.fixture
def booking(net, canteen):
    return services.booking_create(household=net.h11, canteen=canteen, request=make_request(),
                                   actor=net.villager)


def approve(api, user, booking):
    return api(user).post(f"/api/banquets/bookings/{booking.pk}/approve/")


def reject(api, user, booking, reason="超过规定桌数"):
    return api(user).post(f"/api/banquets/bookings/{booking.pk}/reject/", {"reason": reason},
                          format="json")


# --- who decides -----------------------------------------------------------------------------
def test_a_council_member_approves_and_the_decision_carries_their_name(net, api, web, council,
                                                                       booking):
    r = approve(api, council.member, booking)
    assert r.status_code == 200, r.content
    assert r.json()["status"] == Status.APPROVED
    assert r.json()["decided_by_name"] == "其木格" and r.json()["by_council"] is True
    event = BookingEvent.objects.get(booking=booking, to_status=Status.APPROVED)
    assert event.actor == council.member
    # The household reads who decided, on its bookings page; so does the station.
    assert "由红白理事会 其木格 审批" in web(net.villager).get("/banquets/mine/").content.decode()
    assert "由红白理事会 其木格 审批" in web(net.station_staff).get(
        "/banquets/queue/").content.decode()


def test_a_member_rejects_with_a_reason_from_the_council_page(net, web, council, booking):
    client = web(council.member)
    r = client.post(f"/banquets/bookings/{booking.pk}/reject/",
                    {"reason": "礼金超标", "next": COUNCIL_PAGE})
    assert r.status_code == 302 and r["Location"] == COUNCIL_PAGE
    booking.refresh_from_db()
    assert booking.status == Status.REJECTED and booking.reason == "礼金超标"
    assert booking.decided_by == council.member and booking.by_council
    # A rejection without a reason is a message on the page, not a decision.
    other = services.booking_create(household=net.h11, canteen=booking.canteen,
                                    request=make_request(tables=2), actor=net.villager)
    r = client.post(f"/banquets/bookings/{other.pk}/reject/", {"reason": " ",
                                                               "next": COUNCIL_PAGE},
                    follow=True)
    assert "请填写驳回理由" in r.content.decode()
    other.refresh_from_db()
    assert other.status == Status.SUBMITTED


def test_where_only_the_chair_decides_a_plain_member_is_refused(net, api, web, council,
                                                                booking):
    Council.objects.filter(pk=council.pk).update(decider=Decider.CHAIR)
    assert approve(api, council.member, booking).status_code == 403
    assert reject(api, council.member, booking).status_code == 403
    # The member still reads the queue, without the buttons.
    html = web(council.member).get(COUNCIL_PAGE).content.decode()
    assert f"booking-{booking.pk}" in html and "只有红白理事会会长审批预订" in html
    assert f"/banquets/bookings/{booking.pk}/approve/" not in html
    r = approve(api, council.chair, booking)
    assert r.status_code == 200 and r.json()["decided_by_name"] == "白音"


@pytest.mark.parametrize("who", ["station_staff", "township_staff", "banner_admin"])
def test_staff_are_refused_where_the_council_is_set_up(net, api, web, council, booking, who):
    staff = getattr(net, who)
    assert approve(api, staff, booking).status_code == 403
    assert reject(api, staff, booking).status_code == 403
    assert Booking.objects.get(pk=booking.pk).status == Status.SUBMITTED
    # They still see the booking, waiting for the council, and keep the other moves.
    html = web(staff).get("/banquets/queue/").content.decode()
    assert f"booking-{booking.pk}" in html and "待红白理事会审批" in html
    assert f"/banquets/bookings/{booking.pk}/approve/" not in html
    assert services.booking_actions(booking, staff) == ["cancel"]


def test_staff_keep_recording_the_event_as_held(net, api, council, booking):
    approve(api, council.member, booking)
    Booking.objects.filter(pk=booking.pk).update(date=timezone.localdate())
    r = api(net.station_staff).post(f"/api/banquets/bookings/{booking.pk}/held/",
                                    {"tables": 8}, format="json")
    assert r.status_code == 200 and r.json()["status"] == Status.HELD
    assert r.json()["decided_by_name"] == "其木格"


def test_staff_decide_where_no_council_is_set_up(net, api, booking):
    Council.objects.create(village=net.v11, kind=CouncilKind.RED_WHITE)  # nobody sits on it
    Council.objects.create(village=net.v11, kind=CouncilKind.MORAL_REVIEW)
    r = approve(api, net.station_staff, booking)
    assert r.status_code == 200
    assert r.json()["decided_by_name"] == "station_staff" and r.json()["by_council"] is False


def test_staff_decide_again_when_every_members_term_has_ended(net, api, council, booking):
    CouncilMember.objects.filter(council=council).update(
        term_ends=timezone.localdate() - datetime.timedelta(days=1))
    assert approve(api, council.member, booking).status_code == 403
    assert reject(api, net.station_staff, booking).status_code == 200


def test_a_member_whose_term_has_not_begun_does_not_decide(net, api, council, booking):
    newcomer = villager_of(net.v11, "T1V1-0103", "新成员")
    seat(council, newcomer, starts=timezone.localdate() + datetime.timedelta(days=3))
    assert approve(api, newcomer, booking).status_code == 403


def test_a_member_of_another_villages_council_is_refused(net, api, web, council, booking):
    """Refused as an outsider: the booking is not in their village, so they are not told it
    exists (404), on the API as on the pages."""
    theirs = Council.objects.create(village=net.v21, kind=CouncilKind.RED_WHITE)
    seat(theirs, net.villager_other, Seat.CHAIR)
    assert approve(api, net.villager_other, booking).status_code == 404
    assert reject(api, net.villager_other, booking).status_code == 404
    assert web(net.villager_other).post(
        f"/banquets/bookings/{booking.pk}/approve/").status_code == 404
    assert api(net.villager_other).get(
        f"/api/banquets/bookings/{booking.pk}/").status_code == 404
    assert Booking.objects.get(pk=booking.pk).status == Status.SUBMITTED


def test_a_villager_who_sits_on_no_council_is_refused(net, api, web, council, booking):
    # Their own household's booking, another household's and one that does not exist: the
    # API refuses them all alike (403), before looking, as it did before councils decided.
    neighbour = villager_of(net.v11, "T1V1-0104", "邻居")
    for user in (net.villager, neighbour, net.villager_b):
        assert approve(api, user, booking).status_code == 403
        assert reject(api, user, booking).status_code == 403
        assert api(user).post("/api/banquets/bookings/999999/approve/").status_code == 403
        assert web(user).get(COUNCIL_PAGE).status_code == 403
    # The pages: their own booking is there but not theirs to decide (403); another
    # household's is not there (404).
    assert web(net.villager).post(f"/banquets/bookings/{booking.pk}/approve/").status_code == 403
    assert web(neighbour).post(f"/banquets/bookings/{booking.pk}/approve/").status_code == 404
    assert Booking.objects.get(pk=booking.pk).status == Status.SUBMITTED


def test_a_member_cannot_cancel_or_record_for_the_station(net, api, council, booking):
    r = api(council.member).post(f"/api/banquets/bookings/{booking.pk}/cancel/",
                                 {"reason": "改期"}, format="json")
    assert r.status_code == 403
    assert services.booking_actions(booking, council.member) == ["approve", "reject"]


# --- the council's queue ---------------------------------------------------------------------
def test_the_queue_shows_only_the_submitted_bookings_of_the_members_village(
        net, web, council, booking, canteen, canteen_v21):
    from_v12 = services.booking_create(household=net.h12, canteen=canteen,
                                       request=make_request(tables=2), actor=net.villager_b)
    decided = services.booking_create(household=net.h11, canteen=canteen,
                                      request=make_request(tables=3), actor=net.villager)
    services.booking_approve(decided, actor=council.chair)
    elsewhere = services.booking_create(household=net.h21, canteen=canteen_v21,
                                        request=make_request(), actor=net.villager_other)
    v12_canteen = Canteen.objects.create(village=net.v12, name="伊胡塔嘎查合约食堂", capacity=10)
    next_door = services.booking_create(household=net.h12, canteen=v12_canteen,
                                        request=make_request(tables=4), actor=net.villager_b)

    r = web(council.member).get(COUNCIL_PAGE)
    html = r.content.decode()
    assert r.status_code == 200
    shown = {int(pk) for pk in re.findall(r'id="booking-(\d+)"', html)}
    assert shown == {booking.pk, from_v12.pk}
    assert {decided.pk, elsewhere.pk, next_door.pk}.isdisjoint(shown)
    assert f"/banquets/bookings/{booking.pk}/approve/" in html


def test_the_menu_and_my_bookings_link_the_queue_for_members_only(net, web, council):
    assert COUNCIL_PAGE in web(council.member).get("/").content.decode()
    assert COUNCIL_PAGE in web(council.member).get("/banquets/mine/").content.decode()
    assert COUNCIL_PAGE not in web(net.villager).get("/").content.decode()
    assert COUNCIL_PAGE not in web(net.villager).get("/banquets/mine/").content.decode()
    CouncilMember.objects.filter(user=council.member).update(
        term_ends=timezone.localdate() - datetime.timedelta(days=1))
    assert COUNCIL_PAGE not in web(council.member).get("/").content.decode()
    assert web(council.member).get(COUNCIL_PAGE).status_code == 403


def test_the_council_page_speaks_mongolian_to_a_member_who_chose_it(net, web, council,
                                                                     booking):
    client = web(council.member)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = MONGOLIAN
    r = client.get(COUNCIL_PAGE)
    html = r.content.decode()
    assert r["Content-Language"] == MONGOLIAN
    assert "ᠬᠤᠷᠢᠮ ᠣᠷᠣᠰᠢᠭᠤᠯᠭ᠎ᠠ ᠶᠢᠨ ᠵᠥᠪᠯᠡᠯ" in html and "ᠪᠠᠲᠤᠯᠠᠬᠤ" in html
    assert "待审批" not in html and "批准" not in html and not CYRILLIC.search(html)
    # What the decision did, read back on the page, in Mongolian too.
    r = client.post(f"/banquets/bookings/{booking.pk}/approve/", {"next": COUNCIL_PAGE},
                    follow=True)
    assert "ᠪᠠᠲᠤᠯᠠᠪᠠ" in r.content.decode()


def test_the_page_keeps_a_fixed_query_count(net, web, council, canteen,
                                            django_assert_max_num_queries):
    for n in range(6):
        services.booking_create(household=net.h11, canteen=canteen,
                                request=make_request(tables=1 + n % 2), actor=net.villager)
    client = web(council.member)
    client.get(COUNCIL_PAGE)
    with django_assert_max_num_queries(14):
        assert client.get(COUNCIL_PAGE).status_code == 200


# --- the rules notice --------------------------------------------------------------------------
def test_the_notice_says_the_rules_are_part_of_the_village_compact(net, web, canteen):
    html = web(net.villager).get("/banquets/notice/").content.decode()
    assert "本规定是村规民约的组成部分" in html


def test_the_notice_leads_to_the_village_compact_in_force(net, web, canteen):
    from institutions import services as institutions

    institutions.compact_adopt(actor=net.station_staff, village=net.v11,
                               text="一、红事不超过十桌。",
                               adopted_on=datetime.date.today() - datetime.timedelta(days=3),
                               minutes="村民大会通过。")
    notice = web(net.villager).get("/banquets/notice/").content.decode()
    link = f"/institutions/compact/{net.v11.pk}/"
    assert link in notice
    assert "一、红事不超过十桌。" in web(net.villager).get(link).content.decode()

"""seed_demo builds the source report's network, exactly, and a second run adds nothing."""

import pytest
from django.core.management import CommandError, call_command
from rest_framework.test import APIClient

from practice.models import Household, Level, SiteKind, Unit, User

pytestmark = pytest.mark.django_db


def network_counts():
    return {
        "centre": Unit.objects.filter(site_kind=SiteKind.CENTRE).count(),
        "institute": Unit.objects.filter(site_kind=SiteKind.INSTITUTE).count(),
        "station": Unit.objects.filter(site_kind=SiteKind.STATION).count(),
        "post": Unit.objects.filter(site_kind=SiteKind.POST).count(),
        "mobile_post": Unit.objects.filter(site_kind=SiteKind.MOBILE_POST).count(),
        "banner": Unit.objects.filter(level=Level.BANNER).count(),
        "township": Unit.objects.filter(level=Level.TOWNSHIP).count(),
        "village": Unit.objects.filter(level=Level.VILLAGE).count(),
        "department": Unit.objects.filter(level=Level.DEPARTMENT).count(),
    }


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """Seed once for the module (it is the slow part), inside a transaction rolled back after."""
    from django.db import transaction

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        call_command("seed_demo", force=True, stdout=open("/dev/null", "w"))  # noqa: SIM115
        counts = network_counts()
        totals = (Unit.objects.count(), Household.objects.count(), User.objects.count())
        call_command("seed_demo", force=True, stdout=open("/dev/null", "w"))  # noqa: SIM115
        again = (Unit.objects.count(), Household.objects.count(), User.objects.count())
        demo = {
            u.username: u
            for u in User.objects.filter(
                username__in=[
                    "admin",
                    "leader",
                    "town1",
                    "town2",
                    "station1",
                    "villager1",
                    "villager2",
                    "reviewer1",
                    "dept1",
                ]
            ).select_related("unit", "household")
        }
        heads_missing = Unit.objects.filter(head__isnull=True).count()
        client = APIClient()
        client.force_authenticate(demo["leader"])
        dashboard = client.get("/api/dashboard/summary/").json()
        yield {
            "dashboard": dashboard,
            "counts": counts,
            "totals": totals,
            "again": again,
            "demo": demo,
            "heads_missing": heads_missing,
        }
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)


def test_it_builds_the_report_network_exactly(seeded):
    counts = seeded["counts"]
    assert counts["centre"] == 1
    assert counts["institute"] == 20
    assert counts["station"] == 293
    assert counts["post"] == 20
    assert counts["mobile_post"] == 20
    assert (counts["banner"], counts["township"], counts["village"]) == (1, 20, 293)
    assert counts["department"] == 8  # 旗直各单位, assessed in their own group


def test_it_is_idempotent(seeded):
    assert seeded["again"] == seeded["totals"]


def test_every_unit_has_its_head(seeded):
    assert seeded["heads_missing"] == 0


def test_demo_accounts_sit_where_the_readme_says(seeded):
    d = seeded["demo"]
    assert d["admin"].role == "banner_admin" and d["admin"].unit.level == "banner"
    assert d["leader"].role == "leader" and d["leader"].unit.level == "banner"
    assert d["town1"].unit.level == "township" and d["town2"].unit.level == "township"
    assert d["town1"].unit != d["town2"].unit
    assert d["station1"].unit.parent == d["town1"].unit
    assert d["villager1"].household.village == d["station1"].unit
    assert d["villager2"].household.village.parent == d["town2"].unit
    assert d["reviewer1"].role == "reviewer"
    assert d["dept1"].role == "township_staff" and d["dept1"].unit.level == "department"
    assert d["dept1"].unit.name == "旗委宣传部" and d["dept1"].unit.head.role == "leader"


def test_the_dashboard_keeps_departments_out_of_the_townships(seeded):
    dashboard = seeded["dashboard"]
    assert len(dashboard["children"]) == 20
    assert {c["level"] for c in dashboard["children"]} == {"township"}
    assert len(dashboard["departments"]) == 8
    assert dashboard["department_ranking"]["departments"]


def test_demo_password_logs_in(seeded, settings):
    assert seeded["demo"]["town1"].check_password(settings.DEMO_PASSWORD)


def test_it_refuses_to_run_with_debug_off_without_force(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo")


def test_last_year_is_as_full_as_this_one_on_the_leaders_dashboard(seeded):
    """A leader compares this year with last year: the figures have a base worth comparing
    with (no "+67314%"), and the busiest ones change by tens of percent, not by multiples."""
    totals = {t["code"]: t for t in seeded["dashboard"]["totals"]}
    for code in ("orders.placed", "orders.completed", "volunteers.hours", "activities.held",
                 "activities.participants", "points.issued", "banquets.banquets_held",
                 "practice.households_new"):
        t = totals[code]
        assert t["value"] and t["last_year"] and t["base_too_small"] is False, t
    for code in ("orders.placed", "activities.participants"):
        assert -50 < totals[code]["change_pct"] < 100, totals[code]

"""A database with honours from before kinds were data migrates forward without loss: every
honour keeps its kind's code (the column is the same), now a row of the kinds table."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from honours.models import Honour, HonourKind, HonourStatus

BEFORE = [("honours", "0005_objections_from_the_public_board")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_old_honours_keep_their_kinds(net):
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes("honours")
    old = _migrate(BEFORE)
    try:
        OldHonour = old.get_model("honours", "Honour")  # noqa: N806
        rows = [("ten_star", net.h11.pk, "甲"), ("beautiful_family", net.h12.pk, "乙"),
                ("party_member", None, "丙"), ("customs_leader", None, "丁")]
        for n, (kind, household_id, name) in enumerate(rows):
            OldHonour.objects.create(village_id=net.v11.pk, year=2024, kind=kind,
                                     household_id=household_id, person_name=name,
                                     certificate_no=f"OLD-{n}",
                                     awarded_by_id=net.station_staff.pk)
    finally:
        _migrate(latest)
    honours = {h.person_name: h for h in Honour.objects.select_related("kind")}
    assert {name: h.kind.code for name, h in honours.items()} == {
        "甲": "ten_star", "乙": "beautiful_family", "丙": "party_member", "丁": "customs_leader"}
    assert honours["甲"].kind.name == "十星级文明户" and honours["甲"].kind.is_fixed
    assert all(h.status == HonourStatus.AWARDED and h.awarded_by == net.station_staff
               and h.awarded_at is not None for h in honours.values())
    assert HonourKind.objects.filter(code="party_member").count() == 1

"""An existing database keeps its activities' categories when the categories become rows."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from practice.models import Level, Unit

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("volunteers", "0013_attendance_offline"), ("campaigns", "0001_initial")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


def _leaves():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()


def test_migrating_forward_keeps_every_activity_and_its_category():
    unit = Unit.objects.create(code="MIG", name="迁移旗", level=Level.BANNER)
    leaves = _leaves()
    try:
        old = _migrate(BEFORE)
        Activity = old.get_model("volunteers", "Activity")
        now = timezone.now()
        for i, code in enumerate(["health", "service_day", "customs_reform", "other"]):
            Activity.objects.create(unit_id=unit.pk, category=code, title=f"旧活动{i}",
                                    starts_at=now, ends_at=now + datetime.timedelta(hours=1))
        new = _migrate(leaves)
        Activity = new.get_model("volunteers", "Activity")
        rows = dict(Activity.objects.values_list("title", "category__name"))
        assert rows == {"旧活动0": "医疗健康", "旧活动1": "志愿服务活动日",
                        "旧活动2": "移风易俗", "旧活动3": "其他"}
        assert set(Activity.objects.values_list("category_id", flat=True)) == {
            "health", "service_day", "customs_reform", "other"}
    finally:
        _migrate(leaves)

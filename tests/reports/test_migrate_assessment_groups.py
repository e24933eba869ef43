"""A database from before assessments had groups migrates forward without losing one: every
assessment, its items and its scores are kept, and each becomes the townships' assessment."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from practice.models import Level, Unit
from reports.models import Assessment, AssessmentGroup, ManualScore

BEFORE = [("reports", "0001_models_from_practice")]
LATEST = [("reports", "0002_assessment_group_and_evidence")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor


@pytest.mark.django_db(transaction=True)
def test_assessments_from_before_the_groups_become_the_townships_assessments():
    banner = Unit.objects.create(code="MB", name="迁移旗", level=Level.BANNER)
    town = Unit.objects.create(code="MT", name="迁移镇", level=Level.TOWNSHIP, parent=banner)
    executor = _migrate(BEFORE)
    try:
        old = executor.loader.project_state(BEFORE[0]).apps
        OldAssessment = old.get_model("reports", "Assessment")
        OldItem = old.get_model("reports", "ManualItem")
        OldScore = old.get_model("reports", "ManualScore")
        ids = []
        for year in (2024, 2025):
            a = OldAssessment.objects.create(unit_id=banner.pk, year=year, title=f"{year}考核")
            item = OldItem.objects.create(assessment=a, name="督查检查", max_score=10)
            OldScore.objects.create(item=item, unit_id=town.pk, score=7, note="台账齐全")
            ids.append(a.pk)
    finally:
        _migrate(LATEST)

    kept = Assessment.objects.filter(pk__in=ids).order_by("year")
    assert [(a.year, a.title, a.group) for a in kept] == [
        (2024, "2024考核", AssessmentGroup.TOWNSHIPS),
        (2025, "2025考核", AssessmentGroup.TOWNSHIPS),
    ]
    assert ManualScore.objects.filter(item__assessment__in=ids, note="台账齐全").count() == 2
    # The constraint now holds per group: the departments' assessment of the same year fits.
    Assessment.objects.create(unit=banner, year=2025, group=AssessmentGroup.DEPARTMENTS)
    assert Assessment.objects.filter(unit=banner, year=2025).count() == 2

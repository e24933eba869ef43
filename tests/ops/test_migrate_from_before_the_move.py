"""A database built before honours and reports became apps of their own migrates forward intact.

The demo data of the network, honours and reports is loaded, the database is taken back to the
last migrations before the move (when the models belonged to ``practice``), and there it gets
what a live database has: admin history, a group's permissions and tasks waiting in the outbox
under the old task names. Then it migrates forward: every row is still there, the admin history
and permissions point at the same models under their new app labels, and the waiting tasks run.
"""

import io

import pgtrigger
import pytest
from django.apps import apps
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from honours.models import Honour, HonourStatus, MoralReview
from practice import outbox
from practice.demo import demo_steps, new_context
from practice.models import OutboxMessage, User
from reports.models import Assessment, AssessmentGroup, FigureSnapshot

BEFORE_THE_MOVE = [
    ("practice", "0008_rate_limit_hits"),
    ("honours", None),
    ("reports", None),
]
MOVED = {"honours": ["starevaluation", "honour", "satisfactionevaluation", "vote"],
         "reports": ["monthlyreport", "assessment", "manualscore", "reportrun"]}


def _row_counts():
    return {model._meta.db_table: model.objects.count()
            for app in ("practice", "honours", "reports", "volunteers", "points_market", "banquets")
            for model in apps.get_app_config(app).get_models()}


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


@pytest.mark.django_db(transaction=True)
def test_a_database_from_before_the_move_keeps_every_row_permission_and_task():
    # The demo data of the network and of the two apps that moved (the others' take a minute
    # and have their own tests).
    ctx = new_context(scale=1, stdout=io.StringIO())
    for _label, seed in demo_steps():
        if seed.__module__.split(".")[0] in ("practice", "honours", "reports"):
            seed(ctx)
    FigureSnapshot.objects.all().delete()  # the old task names below must compute them again
    # Assessments of the banner departments came after the move (one per unit and year then).
    Assessment.objects.exclude(group=AssessmentGroup.TOWNSHIPS).delete()
    # So did the moral review council's opinions and honours waiting for it (every honour was
    # awarded then).
    with pgtrigger.ignore("honours.MoralReview:append_only"):
        MoralReview.objects.all().delete()
    Honour.objects.exclude(status=HonourStatus.AWARDED).delete()
    rows = _row_counts()
    assert rows["practice_starevaluation"] and rows["practice_assessment"]

    _migrate(BEFORE_THE_MOVE)
    try:
        ContentType.objects.clear_cache()
        old_types = ContentType.objects.filter(app_label="practice", model__in=MOVED["honours"]
                                               + MOVED["reports"])
        assert old_types.count() == 8  # the models belonged to practice then
        evaluation_type = ContentType.objects.get(app_label="practice", model="starevaluation")
        group = Group.objects.create(name="评定审核")
        group.permissions.add(Permission.objects.get(content_type=evaluation_type,
                                                     codename="change_starevaluation"))
        with connection.cursor() as cursor:
            cursor.execute("SELECT id FROM practice_starevaluation ORDER BY id LIMIT 1")
            evaluation_id = cursor.fetchone()[0]
        # The user's key alone: today's User has columns the old schema lacks.
        staff_id = User.objects.values_list("pk", flat=True).first()
        LogEntry.objects.create(user_id=staff_id, content_type=evaluation_type,
                                object_id=str(evaluation_id), object_repr="评定",
                                action_flag=CHANGE)
        pending = [OutboxMessage.objects.create(task="practice.tasks.warm_dashboard"),
                   OutboxMessage.objects.create(task="practice.tasks.refresh_figures",
                                                args=["2026-01-01", "2026-02-01", []])]
    finally:
        # Forward again even when a step failed: the tests after this one need today's
        # schema.
        _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
    ContentType.objects.clear_cache()

    assert _row_counts() == {**rows, "practice_outboxmessage": rows["practice_outboxmessage"] + 2}
    for app, models in MOVED.items():
        assert set(ContentType.objects.filter(app_label=app, model__in=models)
                   .values_list("model", flat=True)) == set(models)
    assert not ContentType.objects.filter(app_label="practice", model__in=MOVED["honours"]
                                          + MOVED["reports"]).exists()
    entry = LogEntry.objects.get(object_repr="评定")
    assert entry.get_edited_object().pk == evaluation_id
    assert entry.content_type.app_label == "honours"
    assert group.permissions.get().natural_key() == (
        "change_starevaluation", "honours", "starevaluation")

    assert outbox.flush() == 2
    assert not OutboxMessage.objects.filter(pk__in=[m.pk for m in pending],
                                            sent_at__isnull=True).exists()
    assert FigureSnapshot.objects.exists()  # the old warm_dashboard name ran the task

from django.db import migrations

from practice.audit import EnableAudit


class Migration(migrations.Migration):
    """Record every change of these tables in the audit trail (PostgreSQL triggers)."""

    dependencies = [
        ("practice", "0005_outbox_task_id"),
    ]

    operations = [
        EnableAudit("practice_user"),
        EnableAudit("practice_assessment"),
        EnableAudit("practice_assessmentitem"),
        EnableAudit("practice_manualscore"),
        EnableAudit("practice_manualitem"),
        EnableAudit("practice_starevaluation"),
        EnableAudit("practice_satisfactionevaluation"),
    ]

from django.db import migrations

from practice.audit import EnableAudit


class Migration(migrations.Migration):
    """Record every change of orders, the time bank and activities in the audit trail."""

    dependencies = [
        ("volunteers", "0002_activities_attendance_photos"),
        ("practice", "0002_outbox_and_audit_trail"),
    ]

    operations = [
        EnableAudit("volunteers_order"),
        EnableAudit("volunteers_timebankaccount"),
        EnableAudit("volunteers_timebankentry"),
        EnableAudit("volunteers_review"),
        EnableAudit("volunteers_activity"),
        EnableAudit("volunteers_attendance"),
    ]

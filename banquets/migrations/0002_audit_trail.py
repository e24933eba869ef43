from django.db import migrations

from practice.audit import EnableAudit


class Migration(migrations.Migration):
    """Record every change of these tables in the audit trail (PostgreSQL triggers)."""

    dependencies = [
        ("banquets", "0001_rulesets_canteens_bookings_violations"),
        ("practice", "0002_outbox_and_audit_trail"),
    ]

    operations = [
        EnableAudit("banquets_booking"),
        EnableAudit("banquets_violationrecord"),
        EnableAudit("banquets_ruleset"),
        EnableAudit("banquets_canteen"),
    ]

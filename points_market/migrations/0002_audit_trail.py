from django.db import migrations

from practice.audit import EnableAudit


class Migration(migrations.Migration):
    """Record every change of these tables in the audit trail (PostgreSQL triggers)."""

    dependencies = [
        ("points_market", "0001_ledger_supermarkets_prices"),
        ("practice", "0002_outbox_and_audit_trail"),
    ]

    operations = [
        EnableAudit("points_market_entry"),
        EnableAudit("points_market_account", pk="household_id"),
        EnableAudit("points_market_deposit"),
        EnableAudit("points_market_redemption"),
        EnableAudit("points_market_product"),
        EnableAudit("points_market_categoryprice"),
    ]

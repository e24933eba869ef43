"""Idempotency keys belong to the user who sent them, and carry a fingerprint of their request.

Keys were unique across all users; they become unique per (created_by, key). Every existing key
was unique, so it stays unique per user. Existing entries keep their keys and get an empty
fingerprint: a retry with their key replays them as before. No row is rewritten."""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('points_market', '0003_related_names_from_counter_record_base'),
        ('practice', '0009_honours_and_reports_move_out'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='entry',
            name='idempotency_fingerprint',
            field=models.CharField(blank=True, default='', max_length=64, verbose_name='request fingerprint'),
        ),
        migrations.AlterField(
            model_name='entry',
            name='idempotency_key',
            field=models.CharField(blank=True, max_length=64, null=True, verbose_name='idempotency key'),
        ),
        migrations.AddConstraint(
            model_name='entry',
            constraint=models.UniqueConstraint(fields=('created_by', 'idempotency_key'), name='points_market_entry_created_by_idempotency_key'),
        ),
    ]

import django.utils.timezone
from django.db import migrations, models
from django.db.models import F


def weighed_when_recorded(apps, schema_editor):
    """Deposits recorded before the offline counter were weighed and received when recorded."""
    Deposit = apps.get_model("points_market", "Deposit")
    Deposit.objects.update(weighed_at=F("created_at"), received_at=F("created_at"))


class Migration(migrations.Migration):

    dependencies = [
        ('points_market', '0006_deposit_sms_receipt'),
    ]

    operations = [
        migrations.AddField(
            model_name='deposit',
            name='received_at',
            field=models.DateTimeField(default=django.utils.timezone.now, editable=False, verbose_name='received at'),
        ),
        migrations.AddField(
            model_name='deposit',
            name='weighed_at',
            field=models.DateTimeField(default=django.utils.timezone.now, verbose_name='weighed at'),
        ),
        migrations.RunPython(weighed_when_recorded, migrations.RunPython.noop),
    ]

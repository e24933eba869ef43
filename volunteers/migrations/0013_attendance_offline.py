import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('volunteers', '0012_mongolian_names_and_translatable_records'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='attendance',
            name='offline',
            field=models.BooleanField(default=False, verbose_name='checked in offline'),
        ),
        migrations.AddField(
            model_name='attendance',
            name='offline_confirmed_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='offline check-in confirmed at'),
        ),
        migrations.AddField(
            model_name='attendance',
            name='offline_confirmed_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='offline check-in confirmed by'),
        ),
    ]

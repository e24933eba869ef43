import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def decided_by_from_history(apps, schema_editor):
    """The bookings approved or rejected before: the person is the actor of that event (staff
    acting for the council, as it was then)."""
    Booking = apps.get_model("banquets", "Booking")
    BookingEvent = apps.get_model("banquets", "BookingEvent")
    decision = (BookingEvent.objects
                .filter(booking=OuterRef("pk"), to_status__in=["approved", "rejected"])
                .order_by("at", "pk").values("actor_id")[:1])
    Booking.objects.filter(decided_by__isnull=True).update(decided_by=Subquery(decision))


class Migration(migrations.Migration):

    dependencies = [
        ('banquets', '0006_mongolian_names'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='booking',
            name='by_council',
            field=models.BooleanField(default=False, verbose_name='decided by the red-and-white council'),
        ),
        migrations.AddField(
            model_name='booking',
            name='decided_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='decided by'),
        ),
        migrations.RunPython(decided_by_from_history, migrations.RunPython.noop, elidable=True),
    ]

from django.db import migrations


def flag(apps, schema_editor):
    User = apps.get_model("practice", "User")
    Volunteer = apps.get_model("volunteers", "Volunteer")
    User.objects.filter(pk__in=Volunteer.objects.filter(user__isnull=False).values("user_id")) \
        .update(has_volunteer_profile=True)


class Migration(migrations.Migration):
    dependencies = [
        ("practice", "0013_user_has_volunteer_profile"),
        ("volunteers", "0009_timebank_and_events_append_only"),
    ]

    operations = [migrations.RunPython(flag, migrations.RunPython.noop)]

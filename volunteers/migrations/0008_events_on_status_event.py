"""Order and activity events become StatusEvents: ``created_at`` is renamed ``at`` (the rows
keep their data; the overdue index is built again over the renamed column), history is
protected from deletion with its order or activity, and an activity event's note is a text
like every other event's."""

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("volunteers", "0007_volunteer_name_index"),
    ]

    operations = [
        # The overdue index names the renamed column: it is dropped and built again over
        # ``at`` (RenameIndex cannot follow a renamed column on every backend).
        migrations.RemoveIndex(model_name="orderevent", name="orderevent_kind_created"),
        migrations.RenameField(model_name="orderevent", old_name="created_at", new_name="at"),
        migrations.RenameField(model_name="activityevent", old_name="created_at", new_name="at"),
        migrations.AddIndex(model_name="orderevent", index=models.Index(
            fields=["kind", "at"], name="orderevent_kind_at")),
        migrations.AlterModelOptions(
            name="activityevent",
            options={"ordering": ["at", "pk"], "verbose_name": "activity event",
                     "verbose_name_plural": "activity events"},
        ),
        migrations.AlterModelOptions(
            name="orderevent",
            options={"ordering": ["at", "pk"], "verbose_name": "order event",
                     "verbose_name_plural": "order events"},
        ),
        migrations.AlterField(
            model_name="activityevent",
            name="activity",
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT,
                                    related_name="events", to="volunteers.activity",
                                    verbose_name="activity"),
        ),
        migrations.AlterField(
            model_name="activityevent",
            name="at",
            field=models.DateTimeField(db_index=True, default=django.utils.timezone.now,
                                       verbose_name="time"),
        ),
        migrations.AlterField(
            model_name="activityevent",
            name="note",
            field=models.TextField(blank=True, verbose_name="note"),
        ),
        migrations.AlterField(
            model_name="orderevent",
            name="at",
            field=models.DateTimeField(db_index=True, default=django.utils.timezone.now,
                                       verbose_name="time"),
        ),
        migrations.AlterField(
            model_name="orderevent",
            name="order",
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT,
                                    related_name="events", to="volunteers.order",
                                    verbose_name="order"),
        ),
    ]

"""Support for migrations that move models from one app to another without touching the tables.

Admin history, permissions and anything else that points at a content type keeps pointing at
the moved models: their content type rows are relabelled, not recreated.
"""

from django.db import migrations


def move_content_types(from_app: str, to_app: str, model_names: list[str]):
    """A RunPython operation relabelling the content types of ``model_names`` (lower case)."""

    def relabel(source, target):
        def run(apps, schema_editor):
            content_type = apps.get_model("contenttypes", "ContentType")
            db = schema_editor.connection.alias
            taken = set(content_type.objects.using(db).filter(
                app_label=target, model__in=model_names).values_list("model", flat=True))
            content_type.objects.using(db).filter(
                app_label=source, model__in=[m for m in model_names if m not in taken]
            ).update(app_label=target)

        return run

    return migrations.RunPython(relabel(from_app, to_app), relabel(to_app, from_app))

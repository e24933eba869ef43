"""Kinds of honour become rows the banner edits. The four kinds every database had as fixed
choices are created here, with today's codes (honours keep pointing at them by code), before
0007 turns ``Honour.kind`` into a foreign key to this table."""

import django.core.validators  # noqa: F401
from django.db import migrations, models

import practice.language

# code, Chinese name, Mongolian name, order, fixed (the rules rely on it)
KINDS = [
    ("ten_star", "十星级文明户", "ᠠᠷᠪᠠᠨ ᠣᠳᠣᠲᠤ ᠥᠷᠬᠡ", 0, True),
    ("beautiful_family", "最美家庭", "ᠬᠠᠮᠤᠭ ᠤᠨ ᠭᠣᠶᠣ ᠭᠡᠷ ᠪᠦᠯᠢ", 10, False),
    ("customs_leader", "移风易俗带头人", "ᠵᠠᠩᠴᠢᠯ ᠢ ᠰᠢᠨᠡᠳᠭᠡᠬᠦ ᠲᠡᠷᠢᠭᠦᠨ", 20, False),
    ("party_member", "优秀党员", "ᠣᠨᠴᠠ ᠰᠠᠢᠨ ᠨᠠᠮ ᠤᠨ ᠭᠡᠰᠢᠭᠦᠨ", 30, False),
]


def create_kinds(apps, schema_editor):
    HonourKind = apps.get_model("honours", "HonourKind")
    Honour = apps.get_model("honours", "Honour")
    for code, name, name_mn, order, fixed in KINDS:
        HonourKind.objects.get_or_create(
            code=code, defaults={"name": name, "name_mn": name_mn, "order": order,
                                 "is_fixed": fixed})
    # Any other code a database holds (none expected) gets a row too, so no honour is lost.
    known = set(HonourKind.objects.values_list("code", flat=True))
    for n, code in enumerate(sorted(set(Honour.objects.values_list("kind", flat=True)) - known)):
        HonourKind.objects.create(code=code, name=code[:30], order=100 + n)


class Migration(migrations.Migration):

    dependencies = [
        ("honours", "0005_objections_from_the_public_board"),
    ]

    operations = [
        migrations.CreateModel(
            name="HonourKind",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False,
                                           verbose_name="ID")),
                ("code", models.SlugField(help_text="Letters, digits, - and _; cannot change once saved.", max_length=20, unique=True, verbose_name="code")),
                ("name", models.CharField(max_length=30, verbose_name="name")),
                ("name_mn", models.CharField(blank=True, default="", help_text="In the traditional Mongolian script; shown to people who read the platform in Mongolian. Empty: the Chinese name is shown.", max_length=200, validators=[practice.language.validate_mongolian_script], verbose_name="Mongolian name")),
                ("order", models.PositiveSmallIntegerField(default=0, verbose_name="order")),
                ("is_fixed", models.BooleanField(default=False, editable=False, help_text="The platform's rules rely on this kind: it cannot be deleted.", verbose_name="fixed")),
            ],
            options={
                "verbose_name": "kind of honour",
                "verbose_name_plural": "kinds of honour",
                "db_table": "practice_honourkind",
                "ordering": ["order", "code"],
            },
        ),
        migrations.RunPython(create_kinds, migrations.RunPython.noop),
    ]

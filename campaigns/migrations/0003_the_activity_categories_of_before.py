"""The activity categories that were a fixed list (volunteers' ``ActivityCategory`` choices) as
rows, with the codes activities hold and the names the pages showed; all of them fixed. Runs
before volunteers turns ``Activity.category`` into a key to these rows."""

from django.db import migrations

CATEGORIES = [
    # (code, name, Mongolian name)
    ("theory_lecture", "理论宣讲", "ᠣᠨᠣᠯ ᠤᠨ ᠰᠤᠷᠲᠠᠯᠴᠢᠯᠭ᠎ᠠ"),
    ("policy_lecture", "政策宣讲", "ᠪᠣᠳᠣᠯᠭ᠎ᠠ ᠶᠢᠨ ᠰᠤᠷᠲᠠᠯᠴᠢᠯᠭ᠎ᠠ"),
    ("customs_reform", "移风易俗", "ᠵᠠᠩ ᠠᠭᠠᠯᠢ ᠶᠢ ᠱᠢᠨᠡᠴᠢᠯᠡᠬᠦ"),
    ("environment", "环境卫生", "ᠣᠷᠴᠢᠨ ᠲᠣᠭᠣᠷᠢᠨ"),
    ("culture", "文化文艺", "ᠰᠣᠶᠤᠯ"),
    ("elderly_care", "关爱老人", "ᠥᠲᠡᠭᠦᠰ ᠢ ᠠᠰᠠᠷᠠᠬᠤ"),
    ("health", "医疗健康", "ᠡᠪᠡᠴᠢᠨ ᠡᠮᠨᠡᠯᠭᠡ"),
    ("legal", "法律服务", "ᠬᠠᠤᠯᠢ"),
    ("agri_tech", "农牧科技", "ᠲᠠᠷᠢᠶ᠎ᠠ ᠮᠠᠯ ᠠᠵᠤ ᠠᠬᠤᠢ ᠶᠢᠨ ᠠᠷᠭ᠎ᠠ"),
    ("service_day", "志愿服务活动日", "ᠰᠠᠶᠢᠨ ᠳᠤᠷ᠎ᠠ ᠶᠢᠨ ᠦᠢᠯᠡᠴᠢᠯᠭᠡᠨ ᠦ ᠡᠳᠦᠷ"),
    ("other", "其他", "ᠪᠤᠰᠤ"),
]


def create(apps, schema_editor):
    ActivityCategory = apps.get_model("campaigns", "ActivityCategory")
    have = set(ActivityCategory.objects.values_list("code", flat=True))
    ActivityCategory.objects.bulk_create([
        ActivityCategory(code=code, name=name, name_mn=name_mn, order=(i + 1) * 10,
                         is_fixed=True)
        for i, (code, name, name_mn) in enumerate(CATEGORIES) if code not in have])


def remove(apps, schema_editor):
    """Backwards: volunteers' key is a plain column again by then; the rows may go."""
    apps.get_model("campaigns", "ActivityCategory").objects.filter(
        code__in=[c for c, _n, _m in CATEGORIES]).delete()


class Migration(migrations.Migration):
    dependencies = [("campaigns", "0002_activity_categories_and_reminders")]

    operations = [migrations.RunPython(create, remove)]

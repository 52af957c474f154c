from django.db import migrations

from mentoring.profiles.taxonomy import ensure_skill_taxonomy


def seed_skills(apps, schema_editor):
    ensure_skill_taxonomy(apps.get_model("profiles", "Skill"))


class Migration(migrations.Migration):
    dependencies = [("profiles", "0001_initial")]

    operations = [migrations.RunPython(seed_skills, migrations.RunPython.noop)]

# One word for the end of a program: "closing".

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('programs', '0001_initial'),
    ]

    operations = [
        migrations.RenameField(model_name='program', old_name='conversion_prompt_days', new_name='closing_prompt_days'),
        migrations.RenameField(model_name='cohort', old_name='conversion_prompt_days', new_name='closing_prompt_days'),
    ]

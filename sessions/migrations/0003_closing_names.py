# One word for the end of a program: "closing". Renames only; no data changes.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('matching', '0002_match_runs'),
        ('mentoring_sessions', '0002_end_of_program'),
    ]

    operations = [
        migrations.RemoveConstraint(model_name='conversionanswer', name='conversion_answer_once_per_side'),
        migrations.RemoveConstraint(model_name='conversionanswer', name='conversion_answer_side'),
        migrations.RemoveConstraint(model_name='conversionanswer', name='conversion_answer_choice'),
        migrations.RemoveConstraint(model_name='closeoutsurvey', name='closeout_survey_once_per_side'),
        migrations.RemoveConstraint(model_name='closeoutsurvey', name='closeout_survey_side'),
        migrations.RemoveConstraint(model_name='closeoutsurvey', name='closeout_survey_rating_1_to_5'),
        migrations.RenameModel(old_name='ConversionAnswer', new_name='ClosingAnswer'),
        migrations.RenameModel(old_name='CloseOutSurvey', new_name='ClosingSurvey'),
        migrations.AlterField(
            model_name='closinganswer',
            name='mentorship',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='closing_answers', to='matching.mentorship'),
        ),
        migrations.AlterField(
            model_name='closingsurvey',
            name='mentorship',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='closing_surveys', to='matching.mentorship'),
        ),
        migrations.AddConstraint(
            model_name='closinganswer',
            constraint=models.UniqueConstraint(fields=('mentorship', 'side'), name='closing_answer_once_per_side'),
        ),
        migrations.AddConstraint(
            model_name='closinganswer',
            constraint=models.CheckConstraint(condition=models.Q(('side__in', ['mentee', 'mentor'])), name='closing_answer_side'),
        ),
        migrations.AddConstraint(
            model_name='closinganswer',
            constraint=models.CheckConstraint(condition=models.Q(('choice__in', ['continue', 'keep_in_touch', 'close'])), name='closing_answer_choice'),
        ),
        migrations.AddConstraint(
            model_name='closingsurvey',
            constraint=models.UniqueConstraint(fields=('mentorship', 'side'), name='closing_survey_once_per_side'),
        ),
        migrations.AddConstraint(
            model_name='closingsurvey',
            constraint=models.CheckConstraint(condition=models.Q(('side__in', ['mentee', 'mentor'])), name='closing_survey_side'),
        ),
        migrations.AddConstraint(
            model_name='closingsurvey',
            constraint=models.CheckConstraint(condition=models.Q(('match_rating__gte', 1), ('match_rating__lte', 5)), name='closing_survey_rating_1_to_5'),
        ),
    ]

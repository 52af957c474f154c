"""Every cohort gets its close-out survey (apart from 0010's schema change: PostgreSQL will not alter a table with
rows written in the same transaction)."""

from django.db import migrations

# The words of programs.models.surveys as they were when every cohort got its close-out survey: a migration keeps
# its own copy, so that changing the model's words later does not change what this migration did.
TITLE = "Close-out survey"
RATING = ("How well did the match work?", "1 = not at all, 5 = very well.")
HELPED = "What helped most?"
HELPED_CHOICES = (
    "Regular time set aside to think about my work",
    "Advice on specific situations",
    "Honest feedback",
    "Setting and tracking goals",
    "Introductions and a wider network",
    "Encouragement and confidence",
    "A different perspective",
)


def add_closing_surveys(apps, schema_editor):
    """Every cohort gets its close-out survey (mentoring_sessions/0011 moves the answers already given into it)."""
    Cohort = apps.get_model("programs", "Cohort")
    Survey = apps.get_model("programs", "Survey")
    SurveyQuestion = apps.get_model("programs", "SurveyQuestion")
    having = Survey.objects.filter(is_closing=True).values("cohort_id")
    cohorts = list(Cohort.objects.exclude(pk__in=having).order_by("pk").values_list("pk", flat=True))
    surveys = Survey.objects.bulk_create(
        Survey(cohort_id=pk, title=TITLE, audience="both", trigger="close_out", is_closing=True) for pk in cohorts
    )
    choices = [{"id": i, "label": label} for i, label in enumerate(HELPED_CHOICES, start=1)]
    questions = []
    for survey in surveys:
        questions += [
            SurveyQuestion(survey=survey, kind="scale", text=RATING[0], help_text=RATING[1], required=True, order=1),
            SurveyQuestion(survey=survey, kind="single", text=HELPED, choices=choices, required=True, order=2),
        ]
    SurveyQuestion.objects.bulk_create(questions, batch_size=1000)


def remove_closing_surveys(apps, schema_editor):
    apps.get_model("programs", "Survey").objects.filter(is_closing=True).delete()


class Migration(migrations.Migration):
    dependencies = [("programs", "0010_closing_survey")]

    operations = [migrations.RunPython(add_closing_surveys, remove_closing_surveys)]

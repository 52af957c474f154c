"""The answers of the fixed close-out survey (ClosingSurvey) become answers of each cohort's close-out survey
(programs.Survey with is_closing, made by programs/0011): one answered SurveyAsk per side of a pair, its occasion
"mentorship:<pk>", its answers {rating question: 1-5, "what helped most" question: the choice's id}.

Backwards, each such ask becomes a ClosingSurvey row again (an answer the old model cannot hold is left out) and
the asks go; programs/0011 then removes the surveys."""

from django.db import migrations

# ClosingSurvey.HelpedMost, in order: choice i of the close-out survey's "what helped most" question is value i-1.
HELPED_VALUES = ("time", "advice", "feedback", "goals", "network", "confidence", "perspective")
BATCH = 2000


def _questions(survey) -> tuple:
    """The close-out survey's rating question and its "what helped most" question, by kind and order."""
    questions = list(survey.questions.order_by("order", "pk"))
    rating = next(q for q in questions if q.kind == "scale")
    helped = next(q for q in questions if q.kind == "single")
    return rating, helped


def forwards(apps, schema_editor):
    ClosingSurvey = apps.get_model("mentoring_sessions", "ClosingSurvey")
    Survey = apps.get_model("programs", "Survey")
    SurveyAsk = apps.get_model("programs", "SurveyAsk")
    surveys = {s.cohort_id: s for s in Survey.objects.filter(is_closing=True).prefetch_related("questions")}
    questions = {cohort_id: _questions(survey) for cohort_id, survey in surveys.items()}
    rows = ClosingSurvey.objects.select_related("mentorship").order_by("pk")
    asks = []
    for row in rows.iterator(chunk_size=BATCH):
        pair = row.mentorship
        survey = surveys[pair.cohort_id]
        rating, helped = questions[pair.cohort_id]
        asks.append(
            SurveyAsk(
                survey=survey,
                user_id=pair.mentee_id if row.side == "mentee" else pair.mentor_id,
                occasion=f"mentorship:{pair.pk}",
                asked_at=row.submitted_at,
                answered_at=row.submitted_at,
                answers={str(rating.pk): row.match_rating, str(helped.pk): HELPED_VALUES.index(row.helped_most) + 1},
            )
        )
    SurveyAsk.objects.bulk_create(asks, batch_size=BATCH, ignore_conflicts=True)


def backwards(apps, schema_editor):
    ClosingSurvey = apps.get_model("mentoring_sessions", "ClosingSurvey")
    Mentorship = apps.get_model("matching", "Mentorship")
    SurveyAsk = apps.get_model("programs", "SurveyAsk")
    Survey = apps.get_model("programs", "Survey")
    questions = {s.pk: _questions(s) for s in Survey.objects.filter(is_closing=True).prefetch_related("questions")}
    asks = SurveyAsk.objects.filter(survey__is_closing=True, answered_at__isnull=False, occasion__startswith="mentorship:")
    given = list(asks.values_list("survey_id", "user_id", "occasion", "answered_at", "answers"))
    pairs = Mentorship.objects.in_bulk({int(occasion.split(":")[1]) for _, _, occasion, _, _ in given})
    rows = []
    for survey_id, user_id, occasion, answered_at, answers in given:
        pair = pairs.get(int(occasion.split(":")[1]))
        rating, helped = questions[survey_id]
        match_rating, choice = answers.get(str(rating.pk)), answers.get(str(helped.pk))
        if pair is None or user_id not in (pair.mentee_id, pair.mentor_id):
            continue
        if match_rating not in range(1, 6) or choice not in range(1, len(HELPED_VALUES) + 1):
            continue
        side = "mentee" if user_id == pair.mentee_id else "mentor"
        rows.append(ClosingSurvey(mentorship=pair, side=side, match_rating=match_rating,
                                  helped_most=HELPED_VALUES[choice - 1], submitted_at=answered_at))  # fmt: skip
    ClosingSurvey.objects.bulk_create(rows, batch_size=BATCH, ignore_conflicts=True)
    SurveyAsk.objects.filter(survey__is_closing=True).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("matching", "0003_question_numbers"),
        ("mentoring_sessions", "0010_scan_watermarks"),
        ("programs", "0011_closing_survey_for_every_cohort"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]

"""A cohort's surveys: the coordinator builds one, the scan asks people (ask_people), people answer once."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from mentoring.notifications.models import Kind
from mentoring.notifications.services import Draft
from programs.figures import cohorts_changed
from programs.kinds import CHOICE_KINDS, SCALE, SCORE, QuestionKind, in_recommendation_range
from programs.models import RECOMMENDATION_TEXT, Cohort, Survey, SurveyAsk, SurveyQuestion, Trigger
from programs.models.surveys import CLOSING_TITLE, closing_questions
from programs.services.questions import _check_choices


@dataclass(frozen=True)
class SurveyQuestionFields:
    kind: str
    text: str
    required: bool = False
    choices: tuple[str, ...] = ()


@transaction.atomic
def create_survey(
    *,
    cohort: Cohort,
    by: AbstractBaseUser,
    title: str,
    audience: str,
    trigger: str,
    send_on=None,
    intro: str = "",
    questions: Iterable[SurveyQuestionFields] = (),
    with_score: bool = False,
) -> Survey:
    """Refused, with nothing saved, without a question, with a date outside the cohort, or by someone who does not
    coordinate the cohort's program."""
    if not cohort.program.is_coordinated_by(by):
        raise ValidationError("You can only add surveys to the cohorts of your programs.")
    questions = [q for q in questions if q.text.strip()]
    if not questions and not with_score:
        raise ValidationError("A survey needs at least one question: write one, or add the recommendation score.")
    survey = Survey(cohort=cohort, title=title.strip(), intro=intro.strip(), audience=audience, trigger=trigger,
                    send_on=send_on)  # fmt: skip
    survey.full_clean()
    survey.save()
    rows = []
    for order, fields in enumerate(questions, start=1):
        _check_choices(fields.kind, list(fields.choices))
        choices = [{"id": i, "label": label} for i, label in enumerate(fields.choices, start=1)]
        rows.append(SurveyQuestion(survey=survey, kind=fields.kind, text=fields.text.strip(), choices=choices,
                                   required=fields.required, order=order))  # fmt: skip
    if with_score:
        rows.append(SurveyQuestion(survey=survey, kind=SCORE, text=RECOMMENDATION_TEXT, order=len(rows) + 1))
    for row in rows:
        row.full_clean(exclude=["survey"])
    SurveyQuestion.objects.bulk_create(rows)
    return survey


def add_closing_survey(*, cohort: Cohort) -> Survey:
    """The cohort's close-out survey, as every cohort starts with it (both sides of each pair; how well the match
    worked, 1 to 5; what helped most): the one it has already, or a new one."""
    survey = Survey.objects.closing().filter(cohort=cohort).first()
    if survey is not None:
        return survey
    survey = Survey.objects.create(cohort=cohort, title=CLOSING_TITLE, trigger=Trigger.CLOSE_OUT, is_closing=True)
    SurveyQuestion.objects.bulk_create(closing_questions(survey))
    return survey


def closing_occasion(mentorship_id: int) -> str:
    """A close-out ask is about one pair: a mentee with several mentors answers for each."""
    return f"mentorship:{mentorship_id}"


def copy_surveys(*, source: Cohort, target: Cohort) -> int:
    """The source cohort's surveys and their questions in the target, dates moved with the start (a date that falls
    outside the target goes to its last day). Returns how many."""
    shift = target.starts_on - source.starts_on
    surveys = list(source.surveys.prefetch_related("questions"))
    for survey in surveys:
        send_on = survey.send_on and min(max(survey.send_on + shift, target.starts_on), target.ends_on)
        copy = Survey.objects.create(cohort=target, title=survey.title, intro=survey.intro, audience=survey.audience,
                                     trigger=survey.trigger, send_on=send_on, is_closing=survey.is_closing)  # fmt: skip
        SurveyQuestion.objects.bulk_create(
            SurveyQuestion(
                survey=copy,
                kind=q.kind,
                text=q.text,
                help_text=q.help_text,
                choices=q.choices,
                required=q.required,
                order=q.order,
            )  # fmt: skip
            for q in survey.questions.all()
        )
    if not any(survey.is_closing for survey in surveys):
        add_closing_survey(cohort=target)  # a source from before close-out surveys, or one made outside the pages
    return len(surveys)


@transaction.atomic
def answer_survey(*, ask: SurveyAsk, answers: dict[SurveyQuestion, object], now: datetime | None = None) -> SurveyAsk:
    """Keep one person's answers, once. Refused, with nothing saved, for an ask already answered, a required question
    left empty, or a value the question cannot take (a score outside 0-10, a scale outside 1-5, a choice it does not
    have)."""
    ask = SurveyAsk.objects.select_for_update().get(pk=ask.pk)
    if ask.is_answered:
        raise ValidationError("You have already answered this survey: thank you.")
    problems = []
    for question, value in answers.items():
        if value is None:
            if question.required:
                problems.append(f"“{question.text}” needs an answer.")
        elif question.kind == SCORE and not in_recommendation_range(value):
            problems.append(f"“{question.text}”: choose a score from 0 to 10.")
        elif question.kind == QuestionKind.SCALE and value not in range(SCALE[0], SCALE[1] + 1):
            problems.append(f"“{question.text}”: choose from {SCALE[0]} to {SCALE[1]}.")
        elif question.kind in CHOICE_KINDS and not question.display(value):
            problems.append(f"“{question.text}”: choose one of its choices.")
    if problems:
        raise ValidationError(problems)
    ask.answers = {str(q.pk): value for q, value in answers.items() if value is not None}
    ask.answered_at = now or timezone.now()
    ask.save(update_fields=["answers", "answered_at"])
    return ask


def ask_key(ask_pk: int) -> str:
    return f"survey_ask:{ask_pk}"


def reminder_key(ask_pk: int) -> str:
    return f"survey_ask:{ask_pk}:reminder"


def ask_people(*, wanted: Iterable[tuple[Survey, int, str]], now: datetime, url) -> list[Draft]:
    """Ask each (survey, user id, occasion) not yet asked, once: the asks are created and the notifications drafted.
    Three queries, however many people: the surveys' existing asks, the insert, and nothing per person.
    `url(ask_pk)` is the link to the answer page."""
    wanted = {(survey.pk, user_id, occasion): survey for survey, user_id, occasion in wanted}
    if not wanted:
        return []
    existing = set(
        SurveyAsk.objects.filter(
            survey_id__in={key[0] for key in wanted}, user_id__in={key[1] for key in wanted}
        ).values_list("survey_id", "user_id", "occasion")
    )
    new = [
        SurveyAsk(survey=survey, user_id=user_id, occasion=occasion, asked_at=now)
        for (survey_id, user_id, occasion), survey in wanted.items()
        if (survey_id, user_id, occasion) not in existing
    ]
    asks = SurveyAsk.objects.bulk_create(new, batch_size=5_000)
    cohorts_changed(cohort_ids={ask.survey.cohort_id for ask in asks})
    return [
        Draft(
            recipient_id=ask.user_id,
            kind=Kind.PROGRAM,
            title=f"A short survey: {ask.survey.title}",
            body=(
                f"{ask.survey.cohort.name} would like to hear how it is going. It takes a minute; coordinators only "
                "see answers added up, never who said what."
            ),
            url=url(ask.pk),
            dedupe_key=ask_key(ask.pk),
        )
        for ask in asks
    ]

"""What the end of a program shows: to each side of a pair its own closing page, to coordinators totals only.

`closing_summary(cohort)` is the one place the coordinator figures come from (the cohort activity page and the
coordinator dashboard both read it): counts and averages aggregated in the database, in a fixed number of
queries, never a row that says who answered what.
"""

from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from matching.models import Mentorship
from programs.kinds import QuestionKind
from programs.models import MIN_ANSWERS, Cohort, Survey, SurveyAsk, SurveyQuestion
from programs.selectors.surveys import SurveyResult, survey_results
from programs.services.surveys import closing_occasion
from sessions.models import ClosingAnswer, ThankYouNote, side_of, with_state
from sessions.services.closing import CLOSED, answers_of, is_closed, prompt_is_open

# Pairs the closing concerns: still working near the end, or what they became when it came.
IN_CLOSING = (Mentorship.Status.ACTIVE, *CLOSED)


def _closing_result(cohort: Cohort) -> SurveyResult | None:
    """The aggregates of the cohort's close-out survey (none below MIN_ANSWERS answers), if it has one."""
    results = survey_results(Survey.objects.closing().filter(cohort=cohort))
    return results[0] if results else None


def _rating(result: SurveyResult | None) -> float | None:
    """The average of the survey's first 1-5 question: how well the match worked."""
    if result is None or not result.enough:
        return None
    rated = next((q for q in result.questions if q.question.kind == QuestionKind.SCALE), None)
    return round(rated.average, 1) if rated and rated.average is not None else None


def _helped_most(result: SurveyResult | None) -> list[tuple[str, int]]:
    """The choices of the survey's first choice question that someone chose, most chosen first."""
    if result is None or not result.enough:
        return []
    helped = next((q for q in result.questions if q.question.is_choice), None)
    counts = helped.counts if helped else []
    return sorted(((label, n) for label, n, _ in counts if n), key=lambda pair: -pair[1])


def closing_summary(cohort: Cohort) -> dict:
    """The cohort's end-of-program figures, in a fixed number of queries whatever its size.

    Keys: prompt_open, ended (bool); pairs (active, completed or converted), sides, answered (sides of those
    pairs that answered the private question); working (still active), converted, completed, ended_early,
    closed; converted_rate (per cent of closed pairs that converted, an int; None before the end or
    with none closed out); surveys (answers to the close-out survey), survey_average (how well the match worked,
    None under MIN_ANSWERS), helped_most ([(label, count)] by count, empty under MIN_ANSWERS), closing_survey (the
    Survey, for a link to its results); thank_you_notes; min_surveys_shown.
    """
    today = timezone.localdate()
    pairs = Mentorship.objects.filter(cohort=cohort)
    counts = pairs.aggregate(
        pairs=Count("pk", filter=Q(status__in=IN_CLOSING)),
        converted=Count("pk", filter=Q(status=Mentorship.Status.CONVERTED)),
        completed=Count("pk", filter=Q(status=Mentorship.Status.COMPLETED)),
        working=Count("pk", filter=Q(status=Mentorship.Status.ACTIVE)),
        ended_early=Count("pk", filter=Q(status=Mentorship.Status.ENDED_EARLY)),
    )
    answered = ClosingAnswer.objects.filter(mentorship__cohort=cohort, mentorship__status__in=IN_CLOSING).count()
    survey = _closing_result(cohort)
    thank_you_notes = ThankYouNote.objects.filter(mentorship__cohort=cohort).count()
    ended = cohort.ends_on < today
    closed = counts["converted"] + counts["completed"]
    return {
        "prompt_open": cohort.closing_starts <= today,
        "ended": ended,
        "pairs": counts["pairs"],
        "sides": 2 * counts["pairs"],
        "answered": answered,
        "converted": counts["converted"],
        "completed": counts["completed"],
        "working": counts["working"],
        "ended_early": counts["ended_early"],
        "closed": closed,
        "converted_rate": round(100 * counts["converted"] / closed) if ended and closed else None,
        "surveys": survey.answered if survey else 0,
        "survey_average": _rating(survey),
        "helped_most": _helped_most(survey),
        "closing_survey": survey.survey if survey else None,
        "thank_you_notes": thank_you_notes,
        "min_surveys_shown": MIN_ANSWERS,
    }


def closing_page(*, mentorship: Mentorship, user) -> dict:
    """One side's view of the end of its program: its own answer, the close-out survey (closing_survey, with its
    questions; survey: this side's answered ask, if any) and note, the note it received, and the partner's choice
    only when both chose to continue."""
    side = side_of(mentorship, user)
    mine, mutual = answers_of(mentorship, user)
    notes = {note.side: note for note in ThankYouNote.objects.filter(mentorship=mentorship)}
    prompt_open = prompt_is_open(mentorship)
    closed = is_closed(mentorship)
    survey = (
        Survey.objects.closing()
        .filter(cohort_id=mentorship.cohort_id)
        .prefetch_related(Prefetch("questions", queryset=SurveyQuestion.objects.order_by("order", "pk")))
        .first()
    )
    if survey is not None and not survey.asks_role(side):
        survey = None
    my_answers = survey and (
        SurveyAsk.objects.answered().filter(survey=survey, user=user, occasion=closing_occasion(mentorship.pk)).first()
    )
    return {
        "mentorship": with_state(mentorship),
        "partner": mentorship.other_side(user),
        "side": side,
        "prompt_open": prompt_open,
        "closed": closed,
        "cohort_ended": mentorship.cohort.ends_on < timezone.localdate(),
        "answer": mine,
        "mutual_continue": mutual,
        "closing_survey": survey,
        "survey": my_answers,
        "min_answers": MIN_ANSWERS,
        "survey_open": prompt_open or closed,
        "my_note": notes.get(side),
        "received_note": next((note for s, note in notes.items() if s != side), None),
    }


def closing_banner(*, mentorship: Mentorship, user) -> dict | None:
    """For the pair's home page: the open question (or what came of it), in at most one query."""
    if not (prompt_is_open(mentorship) or is_closed(mentorship)):
        return None
    mine, mutual = answers_of(mentorship, user)
    return {
        "mentorship": mentorship,
        "prompt_open": mentorship.status == Mentorship.Status.ACTIVE,
        "answered": mine is not None,
        "mutual_continue": mutual,
    }

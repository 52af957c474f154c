"""What coordinators see of surveys: aggregates only, and only from MIN_ANSWERS answers, never who said what; and
the survey a person is asked, with nothing but their own ask."""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q

from programs.kinds import SCORE, chosen_ids
from programs.models import MIN_ANSWERS, Cohort, Survey, SurveyAsk, SurveyQuestion


@dataclass
class QuestionResult:
    question: SurveyQuestion
    answered: int = 0
    counts: list[tuple[str, int, int]] = field(default_factory=list)  # (choice, count, percent)
    average: float | None = None
    net_score: int | None = None  # promoters minus detractors, in percent, for a recommendation score
    texts: list[str] = field(default_factory=list)  # short-text answers, sorted: never in the order given

    @property
    def rows(self) -> list[tuple[str, str]]:
        """(measure, value) pairs, as the CSV export writes them."""
        if self.question.is_choice:
            return [(label, f"{count} ({percent}%)") for label, count, percent in self.counts]
        rows = [("Answers", str(self.answered))]
        if self.average is not None:
            rows.append(("Average", f"{self.average:.1f}"))
        if self.net_score is not None:
            rows.append(("Net recommendation score", str(self.net_score)))
        return rows


@dataclass
class SurveyResult:
    survey: Survey
    asked: int
    answered: int
    questions: list[QuestionResult]

    @property
    def enough(self) -> bool:
        return self.answered >= MIN_ANSWERS

    @property
    def rate(self) -> int | None:
        return round(100 * self.answered / self.asked) if self.asked else None


def _aggregate(question: SurveyQuestion, values: list) -> QuestionResult:
    result = QuestionResult(question=question, answered=len(values))
    if question.is_choice:
        counted = Counter(pk for value in values for pk in chosen_ids(value))
        result.counts = [
            (label, counted[pk], round(100 * counted[pk] / len(values)) if values else 0)
            for pk, label in ((c["id"], c["label"]) for c in question.choices)
        ]
    elif question.is_numeric or question.kind == SCORE:
        numbers = [v for v in values if isinstance(v, int | float) and not isinstance(v, bool)]
        result.average = sum(numbers) / len(numbers) if numbers else None
        if question.kind == SCORE and numbers:
            promoters = sum(1 for n in numbers if n >= 9)
            detractors = sum(1 for n in numbers if n <= 6)
            result.net_score = round(100 * (promoters - detractors) / len(numbers))
    else:
        result.texts = sorted(str(v) for v in values)
    return result


def _results(surveys: list[Survey], answers: dict[int, list[dict]]) -> list[SurveyResult]:
    results = []
    for survey in surveys:
        given = answers.get(survey.pk, [])
        enough = len(given) >= MIN_ANSWERS
        questions = [
            _aggregate(q, [a[str(q.pk)] for a in given if str(q.pk) in a]) if enough else QuestionResult(question=q)
            for q in survey.questions.all()
        ]
        results.append(SurveyResult(survey=survey, asked=survey.n_asked, answered=len(given), questions=questions))
    return results


def survey_results(surveys) -> list[SurveyResult]:
    """Each survey's aggregates: three queries for any number of surveys (surveys with counts, questions, the
    answers of those with enough of them). Below MIN_ANSWERS, the answers are not even read."""
    surveys = list(
        surveys.annotate(n_asked=Count("asks"), n_answered=Count("asks", filter=Q(asks__answered_at__isnull=False)))
        .select_related("cohort__program")
        .prefetch_related(Prefetch("questions", queryset=SurveyQuestion.objects.order_by("order", "pk")))
    )
    readable = [s.pk for s in surveys if s.n_answered >= MIN_ANSWERS]
    answers: dict[int, list[dict]] = {s.pk: [{}] * s.n_answered for s in surveys if s.pk not in readable}
    for survey_id, given in (
        SurveyAsk.objects.answered().filter(survey_id__in=readable).values_list("survey_id", "answers")
    ):
        answers.setdefault(survey_id, []).append(given)
    return _results(surveys, answers)


def cohort_survey_results(cohort: Cohort) -> list[SurveyResult]:
    return survey_results(Survey.objects.filter(cohort=cohort).order_by("pk"))

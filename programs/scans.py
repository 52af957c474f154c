"""Programs' reminder finders, registered with the minute scan from apps.py: before pairs exist, a profile still
incomplete some days after enrolling.

`ladder_step` and `unsent` are the shared parts of every reminder ladder (matching's use them too).

Each step of a ladder goes once (its dedupe key names the step), and a person who is already past several steps
when the scan first sees them gets only the latest. Keys already sent are looked up in one query, so a scan does
not try to insert the same reminders every minute.
"""

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from functools import cache

from django.urls import reverse
from django.utils import timezone

from mentoring.notifications.models import Kind, Notification
from mentoring.notifications.services import Draft
from mentoring.profiles.models import Profile
from programs.models import REMINDER_DAYS, Cohort, Enrollment, Role, Survey, SurveyAsk, Trigger
from programs.services.surveys import ask_people, reminder_key

# Days after enrolling that a person whose profile is still incomplete is reminded.
PROFILE_STEPS = (3, 10)


def ladder_step(days: int, steps: Iterable[int]) -> int | None:
    """The latest step reached after `days`, or None before the first."""
    reached = [step for step in steps if days >= step]
    return max(reached) if reached else None


def unsent(drafts: list[Draft]) -> list[Draft]:
    """Drafts whose key has not been used yet: one query, however many."""
    if not drafts:
        return []
    sent = set(
        Notification.objects.filter(dedupe_key__in=[d.dedupe_key for d in drafts]).values_list("dedupe_key", flat=True)
    )
    return [d for d in drafts if d.dedupe_key not in sent]


def _cohorts_still_matching(today: date) -> dict[int, Cohort]:
    """Cohorts whose people are still to be matched: a profile matters most until matching closes."""
    return Cohort.objects.open_on(today, opens="enrollment_opens", closes="matching_closes")


def due_profile_reminders(now: datetime) -> list[Draft]:
    """One reminder per person and cohort at each step after enrolling while their profile is incomplete."""
    today = timezone.localdate(now)
    cohorts = _cohorts_still_matching(today)
    if not cohorts:
        return []
    first_step = min(PROFILE_STEPS)
    rows = (
        Enrollment.objects.active()
        .filter(cohort_id__in=cohorts, enrolled_at__lte=now - timedelta(days=first_step))
        .with_profile_complete()
        .filter(has_complete_profile=False)
        .order_by("enrolled_at")
        .values_list("user_id", "cohort_id", "role", "enrolled_at")
    )
    earliest: dict[tuple[int, int], tuple[str, datetime]] = {}
    for user_id, cohort_id, role, enrolled_at in rows:
        earliest.setdefault((user_id, cohort_id), (role, enrolled_at))
    if not earliest:
        return []
    profiles = Profile.objects.in_bulk({user_id for user_id, _ in earliest}, field_name="user_id")
    url = reverse("profiles:edit")
    drafts = []
    for (user_id, cohort_id), (role, enrolled_at) in earliest.items():
        step = ladder_step((now - enrolled_at).days, PROFILE_STEPS)
        if step is None:
            continue
        cohort = cohorts[cohort_id]
        profile = profiles.get(user_id)
        missing = profile.missing_parts if profile else list(Profile.REQUIRED_PARTS.values())
        who = "mentors find you" if role == Role.MENTOR else "we suggest the right mentors"
        drafts.append(
            Draft(
                recipient_id=user_id,
                kind=Kind.PROGRAM,
                title=f"Finish your profile for {cohort.name}",
                body=(
                    f"A complete profile is how {who} in {cohort.program.name}. Still to add: "
                    f"{', '.join(missing)}. It takes a few minutes."
                ),
                url=url,
                dedupe_key=f"cohort:{cohort_id}:user:{user_id}:profile_incomplete:{step}d",
            )
        )
    return unsent(drafts)


@cache
def _answer_url_prefix() -> str:
    return reverse("programs:survey_answer", args=[0]).removesuffix("0/")


def survey_url(ask_pk: int) -> str:
    """The answer page of an ask, without a reverse() per person (a busy scan builds thousands of links)."""
    return f"{_answer_url_prefix()}{ask_pk}/"


def _survey_due(survey: Survey, today: date) -> bool:
    cohort = survey.cohort
    if survey.trigger == Trigger.TIMELINE:
        return survey.send_on <= today <= cohort.ends_on
    return cohort.closing_starts <= today <= cohort.ends_on


def due_survey_asks(now: datetime) -> list[Draft]:
    """People of a cohort asked a survey on its date, or when the cohort's closing days begin: four queries, however
    many people (the surveys, their people, the asks already made, the new asks)."""
    today = timezone.localdate(now)
    surveys = [
        survey
        for survey in Survey.objects.asked_by_the_scan()
        .filter(
            trigger__in=[Trigger.TIMELINE, Trigger.CLOSE_OUT], cohort__ends_on__gte=today, cohort__starts_on__lte=today
        )
        .select_related("cohort__program")
        if _survey_due(survey, today)
    ]
    if not surveys:
        return []
    people = Enrollment.objects.active().filter(cohort_id__in={s.cohort_id for s in surveys})
    by_cohort: dict[int, list[tuple[int, str]]] = {}
    for user_id, cohort_id, role in people.values_list("user_id", "cohort_id", "role").order_by("pk"):
        by_cohort.setdefault(cohort_id, []).append((user_id, role))
    wanted = [
        (survey, user_id, "")
        for survey in surveys
        for user_id, role in by_cohort.get(survey.cohort_id, ())
        if survey.asks_role(role)
    ]
    return ask_people(wanted=wanted, now=now, url=survey_url)


def due_survey_reminders(now: datetime) -> list[Draft]:
    """One reminder for an ask still open REMINDER_DAYS after it went out, while the cohort runs: two queries."""
    today = timezone.localdate(now)
    due = SurveyAsk.objects.open().filter(
        survey__is_closing=False,
        reminded_at__isnull=True,
        asked_at__lte=now - timedelta(days=REMINDER_DAYS),
        survey__cohort__ends_on__gte=today,
    )
    rows = list(due.values_list("pk", "user_id", "survey__title"))
    if not rows:
        return []
    SurveyAsk.objects.filter(pk__in=[pk for pk, _, _ in rows]).update(reminded_at=now)
    return [
        Draft(
            recipient_id=user_id,
            kind=Kind.PROGRAM,
            title=f"Still a minute for “{title}”?",
            body="Your answers are added up with everyone else's: coordinators never see who said what.",
            url=survey_url(pk),
            dedupe_key=reminder_key(pk),
        )
        for pk, user_id, title in rows
    ]


FINDERS = {
    "profile-ladder": due_profile_reminders,
    "survey-asks": due_survey_asks,
    "survey-reminders": due_survey_reminders,
}

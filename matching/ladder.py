"""The reminder ladder before pairs exist, matching's rung: a mentee who has not requested anyone some days after
matching opened (where mentees choose their mentors). Each step once; see programs.reminders."""

from datetime import date, datetime

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone

from matching.models import Mentorship, MentorshipRequest
from mentoring.notifications.models import Kind
from mentoring.notifications.services import Draft
from programs.models import Cohort, Enrollment, MatchingMode
from programs.reminders import ladder_step, unsent

# Days after matching opened that a mentee with no request and no mentor is reminded.
REQUEST_STEPS = (3, 7)


def _cohorts_in_matching(today: date) -> dict[int, Cohort]:
    cohorts = Cohort.objects.open_on(today, opens="matching_opens", closes="matching_closes")
    return {pk: cohort for pk, cohort in cohorts.items() if cohort.rule("matching_mode") != MatchingMode.COORDINATOR}


def due_request_nudges(now: datetime) -> list[Draft]:
    """Mentees in a cohort open for matching with no request sent and no mentor yet, at each step."""
    today = timezone.localdate(now)
    cohorts = _cohorts_in_matching(today)
    if not cohorts:
        return []
    requested = MentorshipRequest.objects.filter(cohort=OuterRef("cohort"), mentee=OuterRef("user"))
    paired = Mentorship.objects.filter(cohort=OuterRef("cohort"), mentee=OuterRef("user"))
    rows = (
        Enrollment.objects.active()
        .mentees()
        .filter(cohort_id__in=cohorts)
        .filter(~Exists(requested), ~Exists(paired))
        .values_list("pk", "user_id", "cohort_id", "enrolled_at")
    )
    drafts = []
    for pk, user_id, cohort_id, enrolled_at in rows:
        cohort = cohorts[cohort_id]
        since = max(cohort.matching_opens, timezone.localdate(enrolled_at))
        step = ladder_step((today - since).days, REQUEST_STEPS)
        if step is None:
            continue
        drafts.append(
            Draft(
                recipient_id=user_id,
                kind=Kind.PROGRAM,
                title=f"Choose a mentor in {cohort.name}",
                body=(
                    f"Matching is open until {cohort.matching_closes:%d %b}. Look through your suggested mentors, "
                    "each with the reasons they fit, and send a request to one or two: you own the relationship, "
                    "and mentors expect to hear from you first."
                ),
                url=reverse("matching:find_mentor", args=[cohort_id]),
                dedupe_key=f"enrollment:{pk}:no_request:{step}d",
            )
        )
    return unsent(drafts)

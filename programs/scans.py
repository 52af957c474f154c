"""Programs' reminder finders, registered with the minute scan from apps.py: before pairs exist, a profile still
incomplete some days after enrolling.

`ladder_step` and `unsent` are the shared parts of every reminder ladder (matching's use them too).

Each step of a ladder goes once (its dedupe key names the step), and a person who is already past several steps
when the scan first sees them gets only the latest. Keys already sent are looked up in one query, so a scan does
not try to insert the same reminders every minute.
"""

from collections.abc import Iterable
from datetime import date, datetime, timedelta

from django.urls import reverse
from django.utils import timezone

from mentoring.notifications.models import Kind, Notification
from mentoring.notifications.services import Draft
from mentoring.profiles.models import Profile
from programs.models import Cohort, Enrollment, Role

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


FINDERS = {"profile-ladder": due_profile_reminders}

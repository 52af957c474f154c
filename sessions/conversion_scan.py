"""Due work for the minute scan at the end of a program: the private question to each side of each active pair
once the cohort's last `conversion_prompt_days` begin, and the close-out once the cohort has ended."""

from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Exists, OuterRef, Q, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone

from matching.models import Mentorship
from mentoring.notifications.models import Kind, Notification
from mentoring.notifications.services import Draft
from programs.models import Cohort
from sessions.models import Side
from sessions.services.conversion import close_out_ended_cohorts, closing_url


def prompt_key(mentorship_id: int, side: str) -> str:
    return f"mentorship:{mentorship_id}:conversion_prompt:{side}"


def _already_prompted(side: str) -> Exists:
    key = Concat(
        Value("mentorship:"),
        Cast(OuterRef("pk"), CharField()),
        Value(f":conversion_prompt:{side}"),
        output_field=CharField(),
    )
    return Exists(Notification.objects.filter(dedupe_key=key))


def due_conversion_prompts(now: datetime) -> list[Draft]:
    """Each side of each active pair in a cohort within its closing days, not yet asked: two queries."""
    today = timezone.localdate(now)
    cohorts = {
        cohort.pk: cohort
        for cohort in Cohort.objects.filter(starts_on__lte=today, ends_on__gte=today).select_related("program")
        if cohort.closing_starts <= today
    }
    if not cohorts:
        return []
    rows = (
        Mentorship.objects.filter(cohort_id__in=cohorts, status=Mentorship.Status.ACTIVE)
        .annotate(mentee_asked=_already_prompted(Side.MENTEE), mentor_asked=_already_prompted(Side.MENTOR))
        .filter(Q(mentee_asked=False) | Q(mentor_asked=False))
        .values_list(
            "pk",
            "cohort_id",
            "mentee_id",
            "mentee__first_name",
            "mentee__last_name",
            "mentor_id",
            "mentor__first_name",
            "mentor__last_name",
        )
    )
    content_type = ContentType.objects.get_for_model(Mentorship)
    drafts = []
    for pk, cohort_id, mentee_id, mentee_first, mentee_last, mentor_id, mentor_first, mentor_last in rows:
        cohort = cohorts[cohort_id]
        mentee, mentor = f"{mentee_first} {mentee_last}".strip(), f"{mentor_first} {mentor_last}".strip()
        for recipient_id, partner, side in ((mentee_id, mentor, Side.MENTEE), (mentor_id, mentee, Side.MENTOR)):
            drafts.append(
                Draft(
                    recipient_id=recipient_id,
                    kind=Kind.PROGRAM_END,
                    title=f"{cohort.name} ends on {cohort.ends_on:%d %b}: what next with {partner}?",
                    body=(
                        f"Tell us privately what you would like after the program: continue informally with "
                        f"{partner}, be happy to be contacted now and then, or close with thanks. Your answer is "
                        "blind: your partner learns it only if you both choose to continue."
                    ),
                    url=closing_url(pk),
                    dedupe_key=prompt_key(pk, side),
                    content_type_id=content_type.pk,
                    object_id=pk,
                )
            )
    return drafts


def due_closeouts(now: datetime) -> list[Draft]:
    """Close out the pairs of ended cohorts; the scan creates the notifications in the same transaction."""
    return close_out_ended_cohorts(now=now)

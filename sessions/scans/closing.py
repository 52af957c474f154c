"""Due work for the minute scan at the end of a program: the private question to each side of each active pair
once the cohort's last `closing_prompt_days` begin, a last call a few days before the end to a side that has
not answered, and the closing once the cohort has ended.

The stored dedupe keys keep the word of the first version ("conversion_prompt", "conversion_last_call",
"closeout"): a key that changed would send every open question again after a deploy."""

from datetime import datetime

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from matching.models import Mentorship
from mentoring.notifications.models import Kind
from mentoring.notifications.services import Draft
from programs.models import Cohort
from sessions.models import ClosingAnswer, Side
from sessions.scans._common import content_type_id, notified, people, person_columns
from sessions.services.closing import close_ended_cohorts, closing_url

PROMPT = "conversion_prompt"
LAST_CALL = "conversion_last_call"


def prompt_key(mentorship_id: int, side: str) -> str:
    return f"mentorship:{mentorship_id}:{PROMPT}:{side}"


def last_call_key(mentorship_id: int, side: str) -> str:
    return f"mentorship:{mentorship_id}:{LAST_CALL}:{side}"


def _answered(side: str) -> Exists:
    return Exists(ClosingAnswer.objects.filter(mentorship=OuterRef("pk"), side=side))


def due_closing_prompts(now: datetime) -> list[Draft]:
    """Each side of each active pair in a cohort within its closing days, not yet asked: two queries."""
    today = timezone.localdate(now)
    cohorts = {
        pk: cohort
        for pk, cohort in Cohort.objects.open_on(today, opens="closing_starts").items()
        if cohort.starts_on <= today
    }
    if not cohorts:
        return []
    rows = (
        Mentorship.objects.filter(cohort_id__in=cohorts, status=Mentorship.Status.ACTIVE)
        .annotate(
            mentee_asked=notified("mentorship", f"{PROMPT}:{Side.MENTEE}"),
            mentor_asked=notified("mentorship", f"{PROMPT}:{Side.MENTOR}"),
        )
        .filter(Q(mentee_asked=False) | Q(mentor_asked=False))
        .values_list("pk", "cohort_id", *person_columns("mentee"), *person_columns("mentor"))
    )
    pair_type = content_type_id(Mentorship)
    drafts = []
    for pk, cohort_id, *columns in rows:
        cohort = cohorts[cohort_id]
        mentee, mentor = people(columns)
        for recipient_id, partner, side in ((mentee.id, mentor, Side.MENTEE), (mentor.id, mentee, Side.MENTOR)):
            drafts.append(
                _private_question(
                    pk,
                    recipient_id,
                    title=f"{cohort.name} ends on {cohort.ends_on:%d %b}: what next with {partner.name}?",
                    body=(
                        f"Tell us privately what you would like after the program: continue informally with "
                        f"{partner.name}, be happy to be contacted now and then, or close with thanks. Your answer is "
                        "blind: your partner learns it only if you both choose to continue."
                    ),
                    dedupe_key=prompt_key(pk, side),
                    content_type_id=pair_type,
                )
            )
    return drafts


def due_last_calls(now: datetime) -> list[Draft]:
    """Each side that was asked but has not answered, once, in the cohort's last days: two queries."""
    today = timezone.localdate(now)
    cohorts = {
        pk: cohort
        for pk, cohort in Cohort.objects.open_on(today, opens="last_call_starts").items()
        if cohort.closing_starts < cohort.last_call_starts
    }
    if not cohorts:
        return []
    rows = Mentorship.objects.filter(cohort_id__in=cohorts, status=Mentorship.Status.ACTIVE).annotate(
        **{
            f"{side}_due": notified("mentorship", f"{PROMPT}:{side}")
            & ~_answered(side)
            & ~notified("mentorship", f"{LAST_CALL}:{side}")
            for side in Side.values
        }
    )
    rows = rows.filter(Q(mentee_due=True) | Q(mentor_due=True)).values_list(
        "pk", "cohort_id", "mentee_id", "mentor_id", "mentee_due", "mentor_due"
    )
    pair_type = content_type_id(Mentorship)
    drafts = []
    for pk, cohort_id, mentee_id, mentor_id, mentee_due, mentor_due in rows:
        ends_on = cohorts[cohort_id].ends_on
        for recipient_id, side, due in ((mentee_id, Side.MENTEE, mentee_due), (mentor_id, Side.MENTOR, mentor_due)):
            if due:
                drafts.append(
                    _private_question(
                        pk,
                        recipient_id,
                        title=f"A last word before {ends_on:%d %b}: what next after the program?",
                        body=(
                            "The program ends soon and your answer is still open. It takes a moment and stays "
                            "private: continue informally, be contacted now and then, or close with thanks."
                        ),
                        dedupe_key=last_call_key(pk, side),
                        content_type_id=pair_type,
                    )
                )
    return drafts


def _private_question(
    mentorship_id: int, recipient_id: int, *, title: str, body: str, dedupe_key: str, content_type_id: int
) -> Draft:
    """A note to one side, pointing at the pair's closing page where they answer."""
    return Draft(
        recipient_id=recipient_id,
        kind=Kind.PROGRAM_END,
        title=title,
        body=body,
        url=closing_url(mentorship_id),
        dedupe_key=dedupe_key,
        content_type_id=content_type_id,
        object_id=mentorship_id,
    )


def due_closings(now: datetime) -> list[Draft]:
    """Close the pairs of ended cohorts; the scan creates the notifications in the same transaction."""
    return close_ended_cohorts(now=now)

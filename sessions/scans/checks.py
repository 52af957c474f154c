"""The early relationship check: each side of each active pair is asked once in the pair's weeks 3 to 6 (in a
program that keeps the check on), and reminded once four days later if they have not answered."""

from datetime import datetime, timedelta

from django.db.models import CharField, Exists, OuterRef, Q, Value
from django.db.models.functions import Cast, Concat

from matching.models import Mentorship
from mentoring.notifications.models import Kind, Notification
from mentoring.notifications.services import Draft
from sessions.models import CHECK_FROM_DAYS, CHECK_UNTIL_DAYS, RelationshipCheck, Side
from sessions.scans._common import content_type_id, url

ASK = "relationship_check"
REMIND = "relationship_check_reminder"
REMINDER_AFTER = timedelta(days=4)


def ask_key(mentorship_id: int, side: str) -> str:
    return f"mentorship:{mentorship_id}:{ASK}:{side}"


def _key(event: str, side: str):
    return Concat(Value("mentorship:"), Cast(OuterRef("pk"), CharField()), Value(f":{event}:{side}"),
                  output_field=CharField())  # fmt: skip


def _sent(event: str, side: str, before: datetime | None = None) -> Exists:
    sent = Notification.objects.filter(dedupe_key=_key(event, side))
    return Exists(sent.filter(created_at__lte=before) if before else sent)


def _answered(side: str) -> Exists:
    return Exists(RelationshipCheck.objects.filter(mentorship=OuterRef("pk"), side=side))


def due_relationship_checks(now: datetime) -> list[Draft]:
    """The question to each side not asked yet, and one reminder to a side that has not answered: one query."""
    pairs = Mentorship.objects.filter(
        status=Mentorship.Status.ACTIVE,
        cohort__program__relationship_check=True,
        started_at__lte=now - timedelta(days=CHECK_FROM_DAYS),
        started_at__gt=now - timedelta(days=CHECK_UNTIL_DAYS),
    ).annotate(
        **{f"{side}_ask": ~_sent(ASK, side) for side in Side.values},
        **{
            f"{side}_remind": _sent(ASK, side, now - REMINDER_AFTER) & ~_answered(side) & ~_sent(REMIND, side)
            for side in Side.values
        },
    )
    due = Q()
    for side in Side.values:
        due |= Q(**{f"{side}_ask": True}) | Q(**{f"{side}_remind": True})
    rows = pairs.filter(due).values_list(
        "pk", "mentee_id", "mentor_id", "mentee_ask", "mentor_ask", "mentee_remind", "mentor_remind"
    )
    pair_type = content_type_id(Mentorship)
    drafts = []
    for pk, mentee_id, mentor_id, mentee_ask, mentor_ask, mentee_remind, mentor_remind in rows:
        for recipient, side, ask, remind in (
            (mentee_id, Side.MENTEE, mentee_ask, mentee_remind),
            (mentor_id, Side.MENTOR, mentor_ask, mentor_remind),
        ):
            if ask or remind:
                drafts.append(
                    Draft(
                        recipient_id=recipient,
                        kind=Kind.MENTORSHIP,
                        title="How is your mentoring going?" if ask else "Still a minute: how is your mentoring going?",
                        body=(
                            "Three quick, private questions. Your partner never sees your answers; if something is not "
                            "working, the program's coordinators can help while there is time."
                        ),
                        url=url("sessions:relationship_check", pk),
                        dedupe_key=ask_key(pk, side) if ask else f"mentorship:{pk}:{REMIND}:{side}",
                        content_type_id=pair_type,
                        object_id=pk,
                    )
                )
    return drafts

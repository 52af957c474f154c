"""A coordinator's nudge: a friendly message to both sides of a pair that is drifting, once per pair and day."""

from datetime import date

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from matching.models import Mentorship
from mentoring.audit.models import Action
from mentoring.audit.services import record
from mentoring.notifications.models import Kind, Notification
from mentoring.notifications.services import notify
from sessions.health import Topic

NUDGES = {
    "meet": (
        "Time to meet again",
        "Your coordinators noticed it has been a while since you last met. Pick a date for your next meeting "
        "that suits you both; a short one counts.",
    ),
    "agenda": (
        "Prepare your next agenda together",
        "Meetings go further when the mentee sets the objective and adds items a couple of days ahead, and the "
        "mentor reviews them beforehand. Have a look at your next meeting's agenda.",
    ),
    "goals": (
        "How are your goals coming along?",
        "A quick goal check-in keeps progress visible. Record where you are, or set a first SMART goal if you "
        "have not yet.",
    ),
    "follow_up": (
        "A few things are waiting for you",
        "Some action items, a past meeting or your agreement are waiting for an answer. Take a few minutes to "
        "tidy them up.",
    ),
    "check_in": (
        "A note from your program coordinators",
        "We are checking in on how your mentoring is going. If anything is in the way, reply to us or raise a "
        "note from your mentorship page.",
    ),
}
NUDGE_FOR_TOPIC = {
    Topic.CADENCE: "meet",
    Topic.AGENDA: "agenda",
    Topic.BALANCE: "agenda",
    Topic.GOALS: "goals",
    Topic.FOLLOW_UP: "follow_up",
    Topic.AGREEMENT: "follow_up",
    Topic.RAISED: "check_in",
    Topic.RELATIONSHIP: "check_in",
}


def nudge_key(pair_pk: int, recipient_pk: int, day: date) -> str:
    return f"nudge:{pair_pk}:{recipient_pk}:{day:%Y-%m-%d}"


@transaction.atomic
def nudge_pair(*, mentorship: Mentorship, by: AbstractBaseUser, template: str) -> bool:
    """Send both sides of the pair the nudge `template` from their coordinators; once per pair and day.

    Returns False when the pair was already nudged today. The message is the template's text only.
    """
    if template not in NUDGES:
        raise ValidationError("Choose one of the nudge messages.")
    if mentorship.status not in (Mentorship.Status.ACTIVE, Mentorship.Status.PROPOSED):
        raise ValidationError("Only pairs that are still working together can be nudged.")
    today = timezone.localdate()
    title, body = NUDGES[template]
    url = reverse("sessions:mentorship_detail", args=[mentorship.pk])
    if Notification.objects.filter(dedupe_key=nudge_key(mentorship.pk, mentorship.mentee_id, today)).exists():
        return False
    for person in (mentorship.mentee, mentorship.mentor):
        notify(
            recipient=person,
            kind=Kind.PROGRAM,
            title=title,
            body=f"{body}\n\nSent by {by.display_name} for {mentorship.cohort}.",
            dedupe_key=nudge_key(mentorship.pk, person.pk, today),
            about=mentorship,
            url=url,
        )
    record(
        actor=by,
        action=Action.NUDGE_SENT,
        target=mentorship,
        program_id=mentorship.cohort.program_id,
        changes={"template": template},
    )
    return True

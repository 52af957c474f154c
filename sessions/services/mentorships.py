"""The end of a mentorship before its time, told kindly to the other side."""

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from matching.models import Mentorship
from mentoring.notifications.models import Kind
from mentoring.notifications.services import notify
from sessions.models import Meeting
from sessions.services._common import require_pair
from sessions.services.health import pair_changed


@transaction.atomic
def end_mentorship_early(
    *, mentorship: Mentorship, by: AbstractBaseUser, reason: str, thank_you_note: str = ""
) -> Mentorship:
    """Either side may end the mentorship with a reason; upcoming meetings are cancelled and the other side is told."""
    require_pair(mentorship, by)
    mentorship = (
        Mentorship.objects.select_for_update().select_related("mentee", "mentor", "cohort").get(pk=mentorship.pk)
    )
    if mentorship.status not in (Mentorship.Status.ACTIVE, Mentorship.Status.PROPOSED):
        raise ValidationError(f"This mentorship is already {mentorship.get_status_display().lower()}.")
    if not reason.strip():
        raise ValidationError({"reason": "Say briefly why, so your partner understands."})
    now = timezone.now()
    mentorship.status = Mentorship.Status.ENDED_EARLY
    mentorship.ended_at = now
    mentorship.ended_by = by
    mentorship.end_reason = reason.strip()
    mentorship.thank_you_note = thank_you_note.strip()
    mentorship.save(update_fields=["status", "ended_at", "ended_by", "end_reason", "thank_you_note"])
    Meeting.objects.upcoming(now).filter(mentorship=mentorship).update(
        status=Meeting.Status.CANCELLED, cancelled_at=now, cancel_reason="The mentorship ended."
    )
    body = [f"{by.display_name} has decided to end your mentorship early. Their reason: {mentorship.end_reason}"]
    if mentorship.thank_you_note:
        body.append(f"They wanted you to know what helped: {mentorship.thank_you_note}")
    body.append(
        "Endings like this are common and rarely about one person. Thank you for the time you gave; "
        "your coordinator can help you find what comes next."
    )
    notify(
        recipient=mentorship.other_side(by),
        kind=Kind.MENTORSHIP,
        title=f"Your mentorship with {by.display_name} has ended",
        body="\n\n".join(body),
        dedupe_key=f"mentorship:{mentorship.pk}:ended_early",
        about=mentorship,
        url=mentorship.get_absolute_url(),
    )
    pair_changed(mentorship.pk)
    return mentorship

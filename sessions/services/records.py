"""What the pair keeps after a meeting: notes (pair, private or raised with coordinators) and action items."""

from datetime import date

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from matching.models import Mentorship
from mentoring.notifications.models import Kind
from mentoring.notifications.services import notify
from sessions.models import PLANNING_REACH, ActionItem, Meeting, Note
from sessions.services._common import require_pair
from sessions.services.health import pair_changed


def _check_meeting(mentorship: Mentorship, meeting: Meeting | None) -> None:
    if meeting is not None and meeting.mentorship_id != mentorship.pk:
        raise ValidationError("That meeting belongs to another pair.")


@transaction.atomic
def add_note(
    *,
    mentorship: Mentorship,
    by: AbstractBaseUser,
    body: str,
    visibility: str,
    meeting: Meeting | None = None,
) -> Note:
    """Write a note. Raising it with the coordinators is the author's explicit choice; they are told."""
    require_pair(mentorship, by)
    _check_meeting(mentorship, meeting)
    if not body.strip():
        raise ValidationError({"body": "Write the note."})
    if visibility not in Note.Visibility.values:
        raise ValidationError({"visibility": "Choose who may read the note."})
    note = Note.objects.create(
        mentorship=mentorship, meeting=meeting, author=by, body=body.strip(), visibility=visibility
    )
    if visibility == Note.Visibility.COORDINATORS:
        for coordinator in mentorship.cohort.program.coordinators.all():
            notify(
                recipient=coordinator,
                kind=Kind.COORDINATOR,
                title=f"{by.display_name} raised something about their mentorship in {mentorship.cohort}",
                dedupe_key=f"note:{note.pk}:raised:{coordinator.pk}",
                about=note,
                url=reverse("sessions:cohort_activity", args=[mentorship.cohort_id]) + "#raised",
            )
    elif visibility == Note.Visibility.PAIR:
        notify(
            recipient=mentorship.other_side(by),
            kind=Kind.MEETING,
            title=f"{by.display_name} shared a note",
            dedupe_key=f"note:{note.pk}:shared",
            about=note,
            url=(meeting or mentorship).get_absolute_url() + "#notes",
        )
    pair_changed(note.mentorship_id)
    return note


@transaction.atomic
def add_action_item(
    *,
    mentorship: Mentorship,
    by: AbstractBaseUser,
    owner: AbstractBaseUser,
    title: str,
    due_on: date,
    meeting: Meeting | None = None,
) -> ActionItem:
    require_pair(mentorship, by)
    _check_meeting(mentorship, meeting)
    if owner.pk not in (mentorship.mentee_id, mentorship.mentor_id):
        raise ValidationError({"owner": "The owner is one of the two of you."})
    if not title.strip():
        raise ValidationError({"title": "Say what is to be done."})
    if due_on > timezone.localdate() + PLANNING_REACH:
        raise ValidationError({"due_on": "Choose a due date within the next two years."})
    item = ActionItem.objects.create(
        mentorship=mentorship, meeting=meeting, owner=owner, created_by=by, title=title.strip()[:300], due_on=due_on
    )
    if owner.pk != by.pk:
        notify(
            recipient=owner,
            kind=Kind.ACTION_ITEM,
            title=f"New action item from {by.display_name}: {item.title}",
            body=f"Due {due_on:%d %b %Y}.",
            dedupe_key=f"action:{item.pk}:assigned",
            about=item,
            url=item.get_absolute_url(),
        )
    pair_changed(item.mentorship_id)
    return item


@transaction.atomic
def toggle_action_item(*, item: ActionItem, by: AbstractBaseUser) -> ActionItem:
    require_pair(item.mentorship, by)
    item.done_at = None if item.done_at else timezone.now()
    item.save(update_fields=["done_at"])
    pair_changed(item.mentorship_id)
    return item

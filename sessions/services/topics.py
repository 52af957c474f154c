"""Between meetings: a question or topic saved for next time, instead of interrupting one's partner."""

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction

from sessions.models import AgendaItem, Meeting, NextTopic
from sessions.services._common import require_pair, require_working
from sessions.services.meetings import add_agenda_item


@transaction.atomic
def save_for_next_meeting(*, mentorship, by: AbstractBaseUser, text: str, is_question: bool = False) -> NextTopic:
    """On the next scheduled meeting's agenda if there is one; otherwise it waits in the pair's "for our next
    meeting" list and lands on the agenda of the next meeting scheduled."""
    require_pair(mentorship, by)
    require_working(mentorship)
    if not text.strip():
        raise ValidationError({"text": "Write the question or topic."})
    upcoming = Meeting.objects.filter(mentorship=mentorship).upcoming().first()
    topic = NextTopic.objects.create(
        mentorship=mentorship, author=by, text=text.strip()[:500], is_question=is_question, meeting=upcoming
    )
    if upcoming is not None:
        category = AgendaItem.Category.QUESTION if is_question else AgendaItem.Category.DISCUSSION
        add_agenda_item(meeting=upcoming, by=by, category=category, text=topic.text)
    return topic

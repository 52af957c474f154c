"""The home page's "Your mentoring" card (registered with mentoring.home.panels in apps.py)."""

from matching.models import Mentorship
from sessions.models import Meeting

NEXT_MEETINGS = 3


def home_panel(user) -> dict:
    """The home page's "Your mentoring" card: the next meetings and whether the person has any pair at all."""
    next_meetings = list(
        Meeting.objects.for_user(user)
        .upcoming()
        .select_related("mentorship__mentee", "mentorship__mentor")[:NEXT_MEETINGS]
    )
    for meeting in next_meetings:
        meeting.partner = meeting.mentorship.other_side(user)
    return {
        "next_meetings": next_meetings,
        "has_mentorships": bool(next_meetings) or Mentorship.objects.for_user(user).exists(),
    }

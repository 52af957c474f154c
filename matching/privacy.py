"""What matching holds about a person (mentoring.privacy): their requests and mentorships.

Both are shared with the other side, so erasure keeps them: the partner's history stays, under "a former participant".
"""

from django.db.models import Q

from matching.models import Mentorship, MentorshipRequest
from mentoring.privacy.registry import register, rows


def export(user) -> dict:
    either = Q(mentee=user) | Q(mentor=user)
    return {
        "Mentor requests": rows(MentorshipRequest.objects.filter(either)),
        "Mentorships": rows(Mentorship.objects.filter(either)),
    }


def register_all() -> None:
    register("matching", export=export)

"""What sessions holds about a person (mentoring.privacy): meetings, their notes, agenda items, goals, action items.

Erasure deletes their private notes (and those they raised with the coordinators); what they shared with their
partner stays on the pair's pages, attributed to "a former participant".
"""

from django.db.models import Q

from mentoring.privacy.registry import register, rows
from sessions.models import ActionItem, AgendaItem, Goal, GoalCheckIn, Meeting, Note, SafetyReport


def export(user) -> dict:
    pairs = Q(mentorship__mentee=user) | Q(mentorship__mentor=user)
    return {
        "Meetings": rows(Meeting.objects.filter(pairs)),
        "My notes": rows(Note.objects.filter(author=user)),
        "My agenda items": rows(AgendaItem.objects.filter(author=user)),
        "Action items": rows(ActionItem.objects.filter(Q(owner=user) | Q(created_by=user))),
        "Goals": rows(Goal.objects.filter(enrollment__user=user)),
        "Goal check-ins": rows(GoalCheckIn.objects.filter(goal__enrollment__user=user)),
        "Safety reports I made": rows(SafetyReport.objects.filter(reporter=user)),
    }


def erase(user) -> None:
    Note.objects.filter(author=user).exclude(visibility=Note.Visibility.PAIR).delete()


def register_all() -> None:
    register("sessions", export=export, erase=erase)

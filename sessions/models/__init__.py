"""A mentorship at work: its agreement, meetings with shared agendas, notes, action items, SMART goals and the end
of its program. One module per family; import the models from here (`from sessions.models import Meeting`)."""

from sessions.models.agreements import DEFAULT_CONFIDENTIALITY, Agreement
from sessions.models.checks import CHECK_FROM_DAYS, CHECK_UNTIL_DAYS, RelationshipCheck
from sessions.models.closing import ClosingAnswer, Side, ThankYouNote, side_of
from sessions.models.goals import Goal, GoalCheckIn, GoalComment
from sessions.models.meetings import ActionItem, AgendaItem, Meeting, Note, agenda_due, fair_agenda_deadline
from sessions.models.pairs import PLANNING_REACH, WORKING_STATUSES, PairHealth, PairState, pair_filter, with_state
from sessions.models.safety import SafetyReport
from sessions.models.scheduling import Availability, MeetingSeries, NextTopic

__all__ = [
    "CHECK_FROM_DAYS",
    "CHECK_UNTIL_DAYS",
    "RelationshipCheck",
    "DEFAULT_CONFIDENTIALITY",
    "PLANNING_REACH",
    "WORKING_STATUSES",
    "ActionItem",
    "AgendaItem",
    "Agreement",
    "Availability",
    "MeetingSeries",
    "NextTopic",
    "ClosingAnswer",
    "Goal",
    "GoalCheckIn",
    "GoalComment",
    "Meeting",
    "Note",
    "PairHealth",
    "PairState",
    "SafetyReport",
    "Side",
    "agenda_due",
    "fair_agenda_deadline",
    "ThankYouNote",
    "pair_filter",
    "side_of",
    "with_state",
]

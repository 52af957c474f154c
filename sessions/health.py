"""The health of a mentoring pair from leading signs, with the reasons in plain words. No Django here: the
dashboard gathers the counts and dates in the database and hands them over as `Signals`.

A pair starts at 100 and loses points for each sign that it is drifting: meetings missing their agreed rhythm,
agendas not prepared or reviewed in time, one side doing all the talking, goals without check-ins, and requests
or items left unanswered. Every lost point carries the reason, so a coordinator can see why a pair is flagged
and what a nudge should be about. Only counts and dates go in: nothing that was said.
"""

from dataclasses import dataclass, field
from enum import StrEnum

ON_TRACK_FROM = 75
AT_RISK_BELOW = 50
NEW_PAIR_DAYS = 21
GOAL_EXPECTED_AFTER_DAYS = 30
CHECK_IN_STALE_DAYS = 45
WRAP_UP_GRACE_DAYS = 2
AGREEMENT_GRACE_DAYS = 14
PROPOSAL_GRACE_DAYS = 7
PROPOSED_GRACE_DAYS = 7


class Level(StrEnum):
    ON_TRACK = "on_track"
    WATCH = "watch"
    AT_RISK = "at_risk"

    @property
    def label(self) -> str:
        return {"on_track": "On track", "watch": "Watch", "at_risk": "At risk"}[self.value]


class Topic(StrEnum):
    """What a reason is about; the dashboard picks the nudge for a pair's biggest problem from it."""

    CADENCE = "cadence"
    AGENDA = "agenda"
    BALANCE = "balance"
    GOALS = "goals"
    FOLLOW_UP = "follow_up"
    AGREEMENT = "agreement"
    RAISED = "raised"
    RELATIONSHIP = "relationship"


@dataclass(frozen=True)
class Reason:
    text: str
    points: int  # points lost; 0 for a sign that is going well
    topic: Topic

    @property
    def is_good(self) -> bool:
        return self.points == 0


@dataclass(frozen=True)
class Signals:
    """What the dashboard knows about one pair: counts and ages in days, never content."""

    days_active: int
    cadence_days: int
    meetings_held: int = 0
    days_since_last_meeting: int | None = None
    has_upcoming_meeting: bool = False
    agendas_due: int = 0  # meetings held or past that needed an agenda
    agendas_prepared_in_time: int = 0
    agendas_reviewed_in_time: int = 0
    mentee_items: int = 0
    mentor_items: int = 0
    goals_set: int = 0
    goals_active: int = 0
    days_since_check_in: int | None = None
    overdue_action_items: int = 0
    meetings_awaiting_wrap_up: int = 0
    agreement_confirmed: bool = True
    days_proposal_waiting: int | None = None
    notes_raised: int = 0
    proposed: bool = False
    relationship_concerns: int = 0  # sides whose early relationship check answer was poor (0, 1 or 2)


@dataclass(frozen=True)
class Health:
    score: int
    level: Level
    reasons: list[Reason] = field(default_factory=list)

    @property
    def concerns(self) -> list[Reason]:
        return [r for r in self.reasons if not r.is_good]

    @property
    def strengths(self) -> list[Reason]:
        return [r for r in self.reasons if r.is_good]

    @property
    def main_topic(self) -> Topic | None:
        concerns = self.concerns
        return max(concerns, key=lambda r: r.points).topic if concerns else None

    @property
    def summary(self) -> str:
        return "; ".join(r.text for r in (self.concerns or self.strengths)[:3])


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _cadence(s: Signals) -> list[Reason]:
    rhythm = f"agreed every {s.cadence_days} days"
    if s.meetings_held == 0:
        if s.days_active > s.cadence_days * 1.5:
            return [Reason(f"No meeting held in {s.days_active} days together ({rhythm})", 40, Topic.CADENCE)]
        if not s.has_upcoming_meeting and s.days_active > NEW_PAIR_DAYS // 3:
            return [Reason("No first meeting scheduled yet", 15, Topic.CADENCE)]
        return []
    reasons = []
    gap = s.days_since_last_meeting or 0
    if gap > 2 * s.cadence_days:
        reasons.append(Reason(f"Last meeting {gap} days ago ({rhythm})", 35, Topic.CADENCE))
    elif gap > 1.25 * s.cadence_days:
        reasons.append(Reason(f"Last meeting {gap} days ago, behind the rhythm ({rhythm})", 15, Topic.CADENCE))
    else:
        reasons.append(Reason(f"Meeting on rhythm ({rhythm})", 0, Topic.CADENCE))
    if not s.has_upcoming_meeting:
        reasons.append(Reason("No next meeting scheduled", 10, Topic.CADENCE))
    return reasons


def _agendas(s: Signals) -> list[Reason]:
    if s.agendas_due == 0:
        return []
    reasons = []
    prepared, reviewed, due = s.agendas_prepared_in_time, s.agendas_reviewed_in_time, s.agendas_due
    of = f"{prepared} of {_plural(due, 'meeting')}"
    if prepared / due < 0.5:
        reasons.append(Reason(f"Agenda prepared in time for {of}", 15, Topic.AGENDA))
    elif prepared / due < 0.8:
        reasons.append(Reason(f"Agenda prepared in time for {of}", 7, Topic.AGENDA))
    else:
        reasons.append(Reason(f"Agenda prepared in time for {of}", 0, Topic.AGENDA))
    of = f"{reviewed} of {_plural(due, 'meeting')}"
    if reviewed / due < 0.5:
        reasons.append(Reason(f"Mentor reviewed the agenda beforehand for {of}", 10, Topic.AGENDA))
    elif reviewed / due < 0.8:
        reasons.append(Reason(f"Mentor reviewed the agenda beforehand for {of}", 5, Topic.AGENDA))
    return reasons


def _balance(s: Signals) -> list[Reason]:
    total = s.mentee_items + s.mentor_items
    if total < 3:
        return []
    if s.mentee_items / total < 0.2:
        return [Reason("The mentor adds nearly all agenda items: the mentee should lead", 10, Topic.BALANCE)]
    if s.mentor_items / total < 0.1:
        return [Reason("Only the mentee adds agenda items", 5, Topic.BALANCE)]
    return [Reason("Both sides add to the agenda", 0, Topic.BALANCE)]


def _goals(s: Signals) -> list[Reason]:
    if s.goals_set == 0:
        if s.days_active > GOAL_EXPECTED_AFTER_DAYS:
            return [Reason("No goal set yet", 10, Topic.GOALS)]
        return []
    if s.goals_active == 0:
        return [Reason(f"{_plural(s.goals_set, 'goal')} set, none active", 0, Topic.GOALS)]
    if s.days_since_check_in is None:
        if s.days_active > GOAL_EXPECTED_AFTER_DAYS:
            return [Reason("No goal check-in yet", 10, Topic.GOALS)]
        return []
    if s.days_since_check_in > CHECK_IN_STALE_DAYS:
        return [Reason(f"Last goal check-in {s.days_since_check_in} days ago", 10, Topic.GOALS)]
    return [Reason(f"Goal check-in {s.days_since_check_in} days ago", 0, Topic.GOALS)]


def _unanswered(s: Signals) -> list[Reason]:
    reasons = []
    if s.overdue_action_items:
        points = min(15, 5 * s.overdue_action_items)
        reasons.append(Reason(f"{_plural(s.overdue_action_items, 'action item')} overdue", points, Topic.FOLLOW_UP))
    if s.meetings_awaiting_wrap_up:
        n = s.meetings_awaiting_wrap_up
        reasons.append(Reason(f"{_plural(n, 'past meeting')} not yet marked held or cancelled", 10, Topic.FOLLOW_UP))
    if not s.agreement_confirmed and s.days_active > AGREEMENT_GRACE_DAYS:
        reasons.append(Reason("Mentoring agreement not yet confirmed by both", 10, Topic.AGREEMENT))
    if s.days_proposal_waiting is not None and s.days_proposal_waiting > PROPOSAL_GRACE_DAYS:
        reasons.append(
            Reason(f"A change to the agreement has waited {s.days_proposal_waiting} days", 5, Topic.AGREEMENT)
        )
    if s.notes_raised:
        reasons.append(Reason(f"{_plural(s.notes_raised, 'note')} raised with you", 15, Topic.RAISED))
    return reasons


RELATIONSHIP_POINTS = 55  # enough on its own to put the pair in the triage queue (below AT_RISK_BELOW)


def _relationship(s: Signals) -> list[Reason]:
    """A poor early relationship check, without which side said it or what it said."""
    if not s.relationship_concerns:
        return []
    who = "Both sides say" if s.relationship_concerns > 1 else "One side says"
    return [Reason(f"{who} it isn't working (early relationship check)", RELATIONSHIP_POINTS, Topic.RELATIONSHIP)]


def pair_health(s: Signals) -> Health:
    if s.proposed:
        if s.days_active > PROPOSED_GRACE_DAYS:
            reasons = [Reason(f"Proposed {s.days_active} days ago, not yet confirmed by both", 55, Topic.AGREEMENT)]
        else:
            reasons = [Reason("Proposed, awaiting confirmation", 0, Topic.AGREEMENT)]
    else:
        reasons = [*_cadence(s), *_agendas(s), *_balance(s), *_goals(s), *_unanswered(s), *_relationship(s)]
    score = max(0, 100 - sum(r.points for r in reasons))
    level = Level.ON_TRACK if score >= ON_TRACK_FROM else Level.WATCH if score >= AT_RISK_BELOW else Level.AT_RISK
    reasons.sort(key=lambda r: -r.points)
    return Health(score=score, level=level, reasons=reasons)

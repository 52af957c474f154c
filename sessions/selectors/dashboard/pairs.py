"""The pairs of a cohort for its coordinators: per-pair counts and dates from one grouped query per table, each
pair's explainable health (sessions.health), the triage queue and the nudge. Never any text the pair wrote."""

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import cached_property

from django.db.models import Case, Count, F, Max, Min, Q, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from matching.models import Mentorship
from mentoring.notifications.models import Notification
from mentoring.web import person_name
from programs.models import Cohort, Role
from sessions.health import WRAP_UP_GRACE_DAYS, Health, Level, Reason, Signals, Topic, pair_health
from sessions.models import (
    ActionItem,
    AgendaItem,
    Agreement,
    Goal,
    Meeting,
    Note,
    PairHealth,
    RelationshipCheck,
    agenda_due,
)
from sessions.services.nudges import NUDGE_FOR_TOPIC, nudge_key


def _who(p: dict, labels: dict, here, started) -> dict:
    """The PairRow fields that name the pair and its status, from a values() row of Mentorship."""
    return {
        "pk": p["pk"],
        "mentee": person_name(p["mentee__first_name"], p["mentee__last_name"], p["mentee__email"]),
        "mentor": person_name(p["mentor__first_name"], p["mentor__last_name"], p["mentor__email"]),
        "mentee_id": p["mentee_id"],
        "mentor_id": p["mentor_id"],
        "status": p["status"],
        "status_label": labels.get(p["status"], p["status"]),
        "since": started.astimezone(here).date() if started else None,
    }


def _days(later: datetime | date, earlier: datetime | date | None) -> int | None:
    if earlier is None:
        return None
    if isinstance(later, datetime) and isinstance(earlier, datetime):
        return max(0, (later - earlier).days)
    return max(0, ((later.date() if isinstance(later, datetime) else later) - local_date(earlier)).days)


def day_turn(now: datetime) -> datetime:
    """The coming local midnight: when every working pair's health changes with the date alone."""
    return timezone.make_aware(datetime.combine(timezone.localdate(now) + timedelta(days=1), time.min))


def local_date(value: datetime | date) -> date:
    return timezone.localtime(value).date() if isinstance(value, datetime) else value


# Pairs


@dataclass
class PairRow:
    pk: int
    mentee: str
    mentor: str
    mentee_id: int
    mentor_id: int
    status: str
    status_label: str
    since: date | None
    meetings_held: int
    last_meeting: datetime | None
    next_meeting: datetime | None
    agenda_rate: int | None  # percent of due agendas prepared in time
    goals_set: int
    goals_achieved: int
    goals_dropped: int
    match_score: float | None
    score: int | None = None  # the health's, none for a pair that no longer works
    level: Level | None = None
    reasons: list = field(default_factory=list)  # [[text, points, topic], ...] as sessions.health gave them
    nudged_today: bool = False
    valid_until: datetime | None = None  # when the figures change with time alone (a day, a meeting's time)

    @cached_property
    def health(self) -> Health | None:
        """Built only for the rows shown: the others need the score and level alone."""
        if self.score is None:
            return None
        reasons = [Reason(text, points, Topic(topic)) for text, points, topic in self.reasons]
        return Health(score=self.score, level=self.level, reasons=reasons)

    @property
    def is_working(self) -> bool:
        return self.status in (Mentorship.Status.ACTIVE, Mentorship.Status.PROPOSED)

    @property
    def is_at_risk(self) -> bool:
        return self.level == Level.AT_RISK

    @property
    def is_watch(self) -> bool:
        return self.level == Level.WATCH

    @property
    def goals_progress(self) -> str:
        return f"{self.goals_achieved} of {self.goals_set - self.goals_dropped}" if self.goals_set else ""

    @property
    def nudge(self) -> str:
        return NUDGE_FOR_TOPIC.get(self.health.main_topic, "check_in") if self.health else "check_in"


def _grouped(queryset, key: str) -> dict:
    return {row.pop(key): row for row in queryset}


# Past this many pairs, computing the whole cohort costs less than filtering every table by a long list of ids.
WHOLE_COHORT_FROM = 300


def computed_rows(cohort: Cohort, *, now: datetime | None = None, ids: list[int] | None = None) -> list[PairRow]:
    """The pairs of the cohort (or those of `ids` in it) with their counts and health computed afresh: nine
    queries, whatever their number. The dashboard reads what sessions.services.health stored from this."""
    now = now or timezone.now()
    if ids is not None and len(ids) >= WHOLE_COHORT_FROM:
        wanted = set(ids)
        return [row for row in computed_rows(cohort, now=now) if row.pk in wanted]
    today = timezone.localdate(now)
    deadline = timedelta(hours=cohort.rule("agenda_deadline_hours"))
    only = {} if ids is None else {"mentorship_id__in": ids}
    pairs = (
        Mentorship.objects.filter(cohort=cohort, **({} if ids is None else {"pk__in": ids}))
        .order_by("mentee__first_name", "mentee__last_name", "pk")
        .values(
            "pk", "status", "started_at", "created_at", "match_score", "mentee_id", "mentor_id",
            "mentee__first_name", "mentee__last_name", "mentee__email",
            "mentor__first_name", "mentor__last_name", "mentor__email",
        )
    )  # fmt: skip
    in_cohort = {"mentorship__cohort": cohort, **only}
    grace = timedelta(days=WRAP_UP_GRACE_DAYS)
    past = Q(status=Meeting.Status.HELD) | Q(status=Meeting.Status.SCHEDULED, starts_at__lt=now)
    meetings = _grouped(
        Meeting.objects.filter(**in_cohort)
        .order_by()
        .values("mentorship_id")
        .annotate(
            held=Count("pk", filter=Q(status=Meeting.Status.HELD)),
            last_held=Max("starts_at", filter=Q(status=Meeting.Status.HELD)),
            next_at=Min("starts_at", filter=Q(status=Meeting.Status.SCHEDULED, starts_at__gte=now)),
            due=Count("pk", filter=past),
            prepared=Count("pk", filter=past & Q(agenda_prepared_at__lte=agenda_due(deadline))),
            reviewed=Count("pk", filter=past & Q(agenda_reviewed_at__lte=F("starts_at"))),
            to_wrap_up=Count("pk", filter=Q(status=Meeting.Status.SCHEDULED, starts_at__lt=now - grace)),
            next_wrap_up=Min(
                "starts_at", filter=Q(status=Meeting.Status.SCHEDULED, starts_at__range=(now - grace, now))
            ),
        ),
        "mentorship_id",
    )
    items = _grouped(
        AgendaItem.objects.filter(meeting__mentorship__cohort=cohort, **{f"meeting__{k}": v for k, v in only.items()})
        .order_by()
        .values("meeting__mentorship_id")
        .annotate(
            mentee=Count("pk", filter=Q(author_id=F("meeting__mentorship__mentee_id"))),
            mentor=Count("pk", filter=Q(author_id=F("meeting__mentorship__mentor_id"))),
        ),
        "meeting__mentorship_id",
    )
    pairs = list(pairs)
    mentees = {} if ids is None else {"enrollment__user_id__in": [p["mentee_id"] for p in pairs]}
    goals = _grouped(
        Goal.objects.filter(enrollment__cohort=cohort, enrollment__role=Role.MENTEE, **mentees)
        .order_by()
        .values("enrollment__user_id")
        .annotate(
            set=Count("pk", distinct=True),
            active=Count("pk", distinct=True, filter=Q(status=Goal.Status.ACTIVE)),
            achieved=Count("pk", distinct=True, filter=Q(status=Goal.Status.ACHIEVED, confirmed_at__isnull=False)),
            dropped=Count("pk", distinct=True, filter=Q(status=Goal.Status.DROPPED)),
            last_check_in=Max("check_ins__on"),
        ),
        "enrollment__user_id",
    )
    overdue = dict(
        ActionItem.objects.filter(**in_cohort, done_at__isnull=True, due_on__lt=today)
        .order_by()
        .values("mentorship_id")
        .annotate(n=Count("pk"))
        .values_list("mentorship_id", "n")
    )
    agreements = {
        row["mentorship_id"]: row
        for row in Agreement.objects.filter(**in_cohort)
        # The proposal itself stays in the database: only whether there is one, and since when.
        .annotate(proposal_since=Case(When(~Q(proposal={}), then="proposed_at")))
        .values("mentorship_id", "cadence_days", "mentee_confirmed_at", "mentor_confirmed_at", "proposal_since")
    }
    raised = dict(
        Note.objects.raised()
        .filter(**in_cohort)
        .order_by()
        .values("mentorship_id")
        .annotate(n=Count("pk"))
        .values_list("mentorship_id", "n")
    )
    concerns = dict(
        RelationshipCheck.objects.poor()
        .filter(**in_cohort)
        .order_by()
        .values("mentorship_id")
        .annotate(n=Count("pk"))
        .values_list("mentorship_id", "n")
    )
    default_cadence = cohort.rule("meeting_cadence_days")
    tomorrow = day_turn(now)
    here = timezone.get_current_timezone()
    labels = dict(Mentorship.Status.choices)
    rows = []
    for p in pairs:
        m = meetings.get(p["pk"], {})
        g = goals.get(p["mentee_id"], {})
        a = agreements.get(p["pk"])
        started = p["started_at"] or p["created_at"]
        row = PairRow(
            **_who(p, labels, here, started),
            meetings_held=m.get("held", 0),
            last_meeting=m.get("last_held"),
            next_meeting=m.get("next_at"),
            agenda_rate=round(100 * m["prepared"] / m["due"]) if m.get("due") else None,
            goals_set=g.get("set", 0),
            goals_achieved=g.get("achieved", 0),
            goals_dropped=g.get("dropped", 0),
            match_score=p["match_score"],
        )
        changes = [m.get("next_at"), m["next_wrap_up"] + grace if m.get("next_wrap_up") else None]
        if row.is_working:
            changes.append(tomorrow)
            health = pair_health(
                Signals(
                    days_active=_days(now, started) or 0,
                    cadence_days=(a or {}).get("cadence_days") or default_cadence,
                    meetings_held=row.meetings_held,
                    days_since_last_meeting=_days(now, row.last_meeting),
                    has_upcoming_meeting=row.next_meeting is not None,
                    agendas_due=m.get("due", 0),
                    agendas_prepared_in_time=m.get("prepared", 0),
                    agendas_reviewed_in_time=m.get("reviewed", 0),
                    mentee_items=items.get(p["pk"], {}).get("mentee", 0),
                    mentor_items=items.get(p["pk"], {}).get("mentor", 0),
                    goals_set=row.goals_set,
                    goals_active=g.get("active", 0),
                    days_since_check_in=_days(today, g.get("last_check_in")),
                    overdue_action_items=overdue.get(p["pk"], 0),
                    meetings_awaiting_wrap_up=m.get("to_wrap_up", 0),
                    agreement_confirmed=bool(a and a["mentee_confirmed_at"] and a["mentor_confirmed_at"]),
                    days_proposal_waiting=_days(now, a["proposal_since"]) if a else None,
                    notes_raised=raised.get(p["pk"], 0),
                    relationship_concerns=concerns.get(p["pk"], 0),
                    proposed=row.status == Mentorship.Status.PROPOSED,
                )
            )
            row.score, row.level = health.score, health.level
            row.reasons = [[r.text, r.points, r.topic.value] for r in health.reasons]
        row.valid_until = min((when for when in changes if when), default=None)
        rows.append(row)
    return rows


# The figures as computed now; the next day's health (`next_day_*`) is sessions.services.health's alone.
STORED = [f.name for f in PairHealth._meta.concrete_fields if not f.primary_key and not f.name.startswith("next_day_")]
NEXT = [f.name for f in PairHealth._meta.concrete_fields if f.name.startswith("next_day_")]
SHOWN = [name for name in STORED if name != "computed_at"]  # a row is there when its status is


def pair_rows(cohort: Cohort, *, now: datetime | None = None) -> list[PairRow]:
    """Every pair of the cohort with its counts and health as stored (PairHealth), in one query; the rows
    whose stored figures are missing or stale are computed afresh (eight more queries, however many they are)."""
    now = now or timezone.now()
    pairs = list(
        Mentorship.objects.filter(cohort=cohort)
        .order_by("mentee__first_name", "mentee__last_name", "pk")
        .values(
            "pk", "status", "match_score", "mentee_id", "mentor_id",
            "mentee__first_name", "mentee__last_name", "mentee__email",
            "mentor__first_name", "mentor__last_name", "mentor__email",
            *(f"stored_health__{name}" for name in SHOWN),
            started=Coalesce("started_at", "created_at"),
        )
    )  # fmt: skip
    stale = [p["pk"] for p in pairs if not is_fresh(p, now)]
    fresh = {row.pk: row for row in computed_rows(cohort, now=now, ids=stale)} if stale else {}
    here = timezone.get_current_timezone()
    labels = dict(Mentorship.Status.choices)
    return [fresh.get(p["pk"]) or stored_row(p, labels, here) for p in pairs]


def stored_row(p: dict, labels: dict, here, *, kind: type[PairRow] = PairRow) -> PairRow:
    """A PairRow (or a `kind` of it) from a values() row of Mentorship with its `started` and its `stored_health__`
    values."""
    level = p["stored_health__level"]
    return kind(
        **_who(p, labels, here, p["started"]),
        meetings_held=p["stored_health__meetings_held"],
        last_meeting=p["stored_health__last_meeting"],
        next_meeting=p["stored_health__next_meeting"],
        agenda_rate=p["stored_health__agenda_rate"],
        goals_set=p["stored_health__goals_set"],
        goals_achieved=p["stored_health__goals_achieved"],
        goals_dropped=p["stored_health__goals_dropped"],
        match_score=p["match_score"],
        score=p["stored_health__score"],
        level=Level(level) if level else None,
        reasons=p["stored_health__reasons"],
        valid_until=p["stored_health__valid_until"],
    )


def mark_nudged(rows: list[PairRow], *, now: datetime | None = None) -> list[PairRow]:
    """Set `nudged_today` on the rows shown with a nudge button (the triage queue): one query."""
    today = timezone.localdate(now or timezone.now())
    keys = [nudge_key(r.pk, r.mentee_id, today) for r in rows]
    nudged = set(Notification.objects.filter(dedupe_key__in=keys).values_list("object_id", flat=True))
    for r in rows:
        r.nudged_today = r.pk in nudged
    return rows


def is_fresh(pair: dict, now: datetime) -> bool:
    """Whether a pair's stored figures (its values with `stored_health__`) still hold at `now`."""
    until = pair["stored_health__valid_until"]
    return pair["stored_health__status"] == pair["status"] and (until is None or until > now)


EARLIEST = datetime.min.replace(tzinfo=UTC)
SORTS = {
    "mentee": lambda r: r.mentee.lower(),
    "mentor": lambda r: r.mentor.lower(),
    "since": lambda r: r.since or date.min,
    "meetings": lambda r: r.meetings_held,
    "last": lambda r: r.last_meeting or EARLIEST,
    "agenda": lambda r: -1 if r.agenda_rate is None else r.agenda_rate,
    "goals": lambda r: (r.goals_achieved, r.goals_set),
    "status": lambda r: r.status_label,
    "health": lambda r: 101 if r.score is None else r.score,
}
FILTERS = {
    "": "All pairs",
    "at_risk": "At risk",
    "watch": "Watch",
    "on_track": "On track",
    "ended": "Ended (completed, converted or ended early)",
}


def filter_and_sort(rows: list[PairRow], *, health: str = "", query: str = "", sort: str = "health") -> list[PairRow]:
    """What each filter and sort means, over rows in memory; the dashboard does the same in the database
    (table.filter_and_sort), and tests hold the two to the same order."""
    if health == "ended":
        rows = [r for r in rows if not r.is_working]
    elif health in FILTERS:
        rows = [r for r in rows if r.level == health] if health else rows
    if query:
        needle = query.lower()
        rows = [r for r in rows if needle in r.mentee.lower() or needle in r.mentor.lower()]
    key = sort.removeprefix("-")
    if key not in SORTS:
        key, sort = "health", "health"
    return sorted(rows, key=SORTS[key], reverse=sort.startswith("-"))


def triage(rows: list[PairRow]) -> list[PairRow]:
    """At-risk pairs, the worst first: the coordinator's queue (in the database: table.at_risk)."""
    return sorted((r for r in rows if r.level == Level.AT_RISK), key=lambda r: (r.score, r.mentee.lower()))

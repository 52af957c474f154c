"""The cohort's figures for its coordinators: the funnel, weekly engagement, matching quality, the closing and the
program's earlier cohorts side by side; each aggregated in the database in a fixed number of queries."""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db.models import (
    Avg,
    BooleanField,
    Case,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Greatest, TruncWeek
from django.utils import timezone

from matching.models import Mentorship, MentorshipRequest
from mentoring.profiles.models import Profile
from mentoring.web import person_name
from programs.models import Cohort, Enrollment, Invitation, Phase, Role
from sessions.models import Goal, Meeting, agenda_due
from sessions.selectors.closing import closing_summary
from sessions.selectors.dashboard.pairs import local_date

MATCHED_STATUSES = [
    Mentorship.Status.ACTIVE,
    Mentorship.Status.COMPLETED,
    Mentorship.Status.CONVERTED,
    Mentorship.Status.ENDED_EARLY,
]
ENROLLED = [Enrollment.Status.ACTIVE, Enrollment.Status.COMPLETED]
UNMATCHED_SHOWN = 25
HISTORY_COHORTS = 5


# The cohort's figures


@dataclass
class Stage:
    label: str
    mentees: int
    mentors: int | None


def funnel(cohort: Cohort) -> list[Stage]:
    """Invited -> enrolled -> profile complete -> orientation done -> matched -> first meeting held -> goal set."""
    # Sets looked up by hash (`IN` a subquery the database runs once), where a subquery per row would cost a plan
    # per enrolled person.
    complete = Profile.objects.complete().values("user_id")
    with_goal = Goal.objects.filter(enrollment__cohort=cohort).values("enrollment_id")
    enrolled = Q(status__in=ENROLLED)
    counts = {
        row.pop("role"): row
        for row in Enrollment.objects.filter(cohort=cohort)
        .order_by()
        .values("role")
        .annotate(
            everyone=Count("pk"),
            enrolled=Count("pk", filter=enrolled),
            profile=Count("pk", filter=enrolled & Q(user_id__in=complete)),
            orientation=Count("pk", filter=enrolled & Q(orientation_completed_at__isnull=False)),
            goal=Count("pk", filter=enrolled & Q(pk__in=with_goal)),
        )
    }
    # Matched and met from the pairs' side, each pair once: whether it held a meeting is a set looked up by hash,
    # once per pair, and the people counted apart here (four distinct counts in SQL built that set four times).
    met = Meeting.objects.filter(mentorship__cohort=cohort, status=Meeting.Status.HELD).values("mentorship_id")
    mentees, mentors, mentees_met, mentors_met = set(), set(), set(), set()
    for mentee_id, mentor_id, held in (
        Mentorship.objects.filter(cohort=cohort, status__in=MATCHED_STATUSES)
        .annotate(held=ExpressionWrapper(Q(pk__in=met), output_field=BooleanField()))
        .order_by()
        .values_list("mentee_id", "mentor_id", "held")
    ):
        mentees.add(mentee_id)
        mentors.add(mentor_id)
        if held:
            mentees_met.add(mentee_id)
            mentors_met.add(mentor_id)
    counts.setdefault(Role.MENTEE, {}).update(matched=len(mentees), met=len(mentees_met))
    counts.setdefault(Role.MENTOR, {}).update(matched=len(mentors), met=len(mentors_met))
    invited = dict(
        Invitation.objects.filter(cohort=cohort, accepted_at__isnull=True, revoked_at__isnull=True)
        .order_by()
        .values("role")
        .annotate(n=Count("pk"))
        .values_list("role", "n")
    )
    mentee, mentor = counts.get(Role.MENTEE, {}), counts.get(Role.MENTOR, {})

    def stage(label, key, mentors=True):
        return Stage(label, mentee.get(key, 0), mentor.get(key, 0) if mentors else None)

    return [
        Stage(
            "Invited",
            mentee.get("everyone", 0) + invited.get(Role.MENTEE, 0),
            mentor.get("everyone", 0) + invited.get(Role.MENTOR, 0),
        ),
        stage("Enrolled", "enrolled"),
        stage("Profile complete", "profile"),
        stage("Orientation done", "orientation"),
        stage("Matched", "matched"),
        stage("First meeting held", "met"),
        stage("Goal set", "goal", mentors=False),
    ]


def _weeks(cohort: Cohort, today: date) -> list[date]:
    first = cohort.starts_on - timedelta(days=cohort.starts_on.weekday())
    last = min(today, cohort.ends_on)
    weeks, week = [], first
    while week <= last:
        weeks.append(week)
        week += timedelta(days=7)
    return weeks


@dataclass
class Series:
    weeks: list[date]
    values: dict[str, list[int]] = field(default_factory=dict)


def weekly(cohort: Cohort, *, now: datetime | None = None) -> Series:
    """Per week of the cohort: meetings held, agendas prepared in time and reviewed, goals set, achieved, dropped."""
    now = now or timezone.now()
    weeks = _weeks(cohort, timezone.localdate(now))
    series = Series(
        weeks, {k: [0] * len(weeks) for k in ("held", "prepared", "reviewed", "set", "achieved", "dropped")}
    )
    if not weeks:
        return series
    index = {week: i for i, week in enumerate(weeks)}
    deadline = timedelta(hours=cohort.rule("agenda_deadline_hours"))
    past = Q(status=Meeting.Status.HELD) | Q(status=Meeting.Status.SCHEDULED, starts_at__lt=now)
    meetings = (
        Meeting.objects.filter(mentorship__cohort=cohort, starts_at__lt=now)
        .annotate(week=TruncWeek("starts_at"))
        .order_by()
        .values("week")
        .annotate(
            held=Count("pk", filter=Q(status=Meeting.Status.HELD)),
            prepared=Count("pk", filter=past & Q(agenda_prepared_at__lte=agenda_due(deadline))),
            reviewed=Count("pk", filter=past & Q(agenda_reviewed_at__lte=F("starts_at"))),
        )
    )
    for row in meetings:
        i = index.get(local_date(row["week"]))
        if i is not None:
            for key in ("held", "prepared", "reviewed"):
                series.values[key][i] = row[key]
    # One pass over the cohort's goals, grouped by the weeks each was set, achieved and dropped in.
    goals = (
        Goal.objects.filter(enrollment__cohort=cohort)
        .order_by()
        .values_list(
            TruncWeek("created_at"),
            TruncWeek(Case(When(status=Goal.Status.ACHIEVED, then="confirmed_at"))),
            TruncWeek(Case(When(status=Goal.Status.DROPPED, then="dropped_at"))),
        )
        .annotate(n=Count("pk"))
    )
    for *weeks, n in goals:
        for kind, week in zip(("set", "achieved", "dropped"), weeks, strict=True):
            i = index.get(local_date(week)) if week else None
            if i is not None:
                series.values[kind][i] += n
    return series


@dataclass
class Matching:
    average_score: float | None
    scored_pairs: int
    unmatched: dict[str, int]
    unmatched_people: list[tuple[str, str]]
    mentors: dict[str, int]
    capacity: int
    load: int

    @property
    def unmatched_rows(self) -> list[tuple[str, int]]:
        return [(label, self.unmatched[key]) for key, label in UNMATCHED_REASONS.items()]

    @property
    def unmatched_total(self) -> int:
        return sum(self.unmatched.values())


UNMATCHED_REASONS = {
    "pending": "A request is waiting for a mentor's answer",
    "proposed": "A proposed pair awaits confirmation",
    "ended": "Their pair ended early",
    "declined": "Requests declined, expired or withdrawn",
    "none": "No request sent yet",
}


def matching_quality(cohort: Cohort) -> Matching:
    # Whether a mentee has a pair or a request of each kind: sets the database builds once and looks up by hash,
    # one flag each, grouped; where counting joins per mentee multiplied a mentee's pairs by their requests.
    pairs = Mentorship.objects.filter(cohort=cohort).values("mentee_id")
    requests = MentorshipRequest.objects.filter(cohort=cohort).values("mentee_id")

    def flag(rows):
        return ExpressionWrapper(Q(user_id__in=rows), output_field=BooleanField())

    # Completed enrollments count too: in an ended cohort everyone is "completed", and the mentees who never
    # got a mentor are still the figure a coordinator looks back on.
    unmatched = (
        Enrollment.objects.filter(cohort=cohort, role=Role.MENTEE, status__in=ENROLLED)
        .exclude(
            user_id__in=pairs.filter(
                status__in=[Mentorship.Status.ACTIVE, Mentorship.Status.COMPLETED, Mentorship.Status.CONVERTED]
            )
        )
        .annotate(
            n_pending=flag(requests.filter(status=MentorshipRequest.Status.PENDING)),
            n_proposed=flag(pairs.filter(status=Mentorship.Status.PROPOSED)),
            n_ended=flag(pairs.filter(status=Mentorship.Status.ENDED_EARLY)),
            n_asked=flag(requests),
        )
    )
    signs = ("n_pending", "n_proposed", "n_ended", "n_asked")
    reasons = dict.fromkeys(UNMATCHED_REASONS, 0)
    for *flags, n in unmatched.order_by().values(*signs).annotate(n=Count("pk")).values_list(*signs, "n"):
        reasons[_unmatched_key(*flags)] += n
    people = [
        (person_name(first, last, email), UNMATCHED_REASONS[_unmatched_key(*flags)])
        for first, last, email, *flags in unmatched.order_by("user__first_name", "user__last_name", "pk").values_list(
            "user__first_name", "user__last_name", "user__email", *signs
        )[:UNMATCHED_SHOWN]
    ]
    taking = Q(
        user__mentorships_as_mentor__cohort=cohort,
        user__mentorships_as_mentor__status__in=[Mentorship.Status.PROPOSED, Mentorship.Status.ACTIVE],
    )
    mentors = (
        Enrollment.objects.filter(cohort=cohort, role=Role.MENTOR, status=Enrollment.Status.ACTIVE)
        .annotate(
            load=Count("user__mentorships_as_mentor", filter=taking),
            cap=Coalesce("capacity_override", cohort.rule("mentor_capacity")),
        )
        .aggregate(
            idle=Count("pk", filter=Q(load=0, paused_at__isnull=True)),
            room=Count("pk", filter=Q(load__gt=0, load__lt=F("cap"), paused_at__isnull=True)),
            full=Count("pk", filter=Q(load__gt=0, load=F("cap"))),
            over=Count("pk", filter=Q(load__gt=F("cap"))),
            paused=Count("pk", filter=Q(paused_at__isnull=False, load__lt=F("cap"))),
            capacity=Coalesce(Sum("cap"), 0),
            total=Coalesce(Sum("load"), 0),
        )
    )
    scores = Mentorship.objects.filter(cohort=cohort, status__in=MATCHED_STATUSES + [Mentorship.Status.PROPOSED])
    scores = scores.aggregate(average=Avg("match_score"), scored=Count("match_score"))
    capacity, total = mentors.pop("capacity"), mentors.pop("total")
    return Matching(scores["average"], scores["scored"], reasons, people, mentors, capacity, total)


def _unmatched_key(pending: bool, proposed: bool, ended: bool, asked: bool) -> str:
    return "pending" if pending else "proposed" if proposed else "ended" if ended else "declined" if asked else "none"


# The closing and cohort over cohort


@dataclass
class CohortFigures:
    cohort: Cohort
    mentees: int = 0
    matched: int = 0
    pairs: int = 0
    days_to_first_meeting: float | None = None
    goals: int = 0
    goals_achieved: int = 0
    closed: int = 0
    converted: int = 0

    @property
    def match_rate(self) -> int | None:
        return round(100 * self.matched / self.mentees) if self.mentees else None

    @property
    def goal_attainment(self) -> int | None:
        return round(100 * self.goals_achieved / self.goals) if self.goals else None

    @property
    def converted_rate(self) -> int | None:
        return round(100 * self.converted / self.closed) if self.closed else None


def cohort_history(cohort: Cohort) -> list[CohortFigures]:
    """The program's earlier cohorts, oldest first, then this one: five queries for all of them."""
    earlier = Cohort.objects.filter(program_id=cohort.program_id, starts_on__lt=cohort.starts_on)
    cohorts = [*list(earlier.order_by("-starts_on", "-pk")[:HISTORY_COHORTS])[::-1], cohort]
    figures = {c.pk: CohortFigures(c) for c in cohorts}
    ids = list(figures)
    mentees = Enrollment.objects.filter(cohort_id__in=ids, role=Role.MENTEE, status__in=ENROLLED).order_by()
    pairs = Mentorship.objects.filter(cohort=OuterRef("cohort"), mentee=OuterRef("user"), status__in=MATCHED_STATUSES)
    # The matched apart, with their pairs as a filter: the database joins the two sets once (a semi-join), where a
    # subquery inside the count cost a plan per mentee.
    for n, key in ((mentees, "mentees"), (mentees.filter(Exists(pairs)), "matched")):
        for cohort_id, count in n.values("cohort_id").annotate(n=Count("pk")).values_list("cohort_id", "n"):
            setattr(figures[cohort_id], key, count)
    first_held = (
        Meeting.objects.filter(mentorship=OuterRef("pk"), status=Meeting.Status.HELD)
        .order_by("starts_at")
        .values("starts_at")[:1]
    )
    for row in (
        Mentorship.objects.filter(cohort_id__in=ids, status__in=MATCHED_STATUSES)
        .annotate(first_held=Subquery(first_held))
        .order_by()
        .values("cohort_id")
        .annotate(
            pairs=Count("pk"),
            # A pair recorded after it had already met counts as meeting on day 0, not before it began.
            gap=Avg(Greatest(F("first_held") - Coalesce("started_at", "created_at"), Value(timedelta(0)))),
            closed=Count("pk", filter=Q(status__in=[Mentorship.Status.COMPLETED, Mentorship.Status.CONVERTED])),
            converted=Count("pk", filter=Q(status=Mentorship.Status.CONVERTED)),
        )
    ):
        f = figures[row["cohort_id"]]
        f.pairs, f.closed, f.converted = row["pairs"], row["closed"], row["converted"]
        f.days_to_first_meeting = round(row["gap"].total_seconds() / 86400, 1) if row["gap"] is not None else None
    for row in (
        Goal.objects.filter(enrollment__cohort_id__in=ids)
        .order_by()
        .values("enrollment__cohort_id")
        .annotate(
            goals=Count("pk"),
            achieved=Count("pk", filter=Q(status=Goal.Status.ACHIEVED, confirmed_at__isnull=False)),
        )
    ):
        f = figures[row["enrollment__cohort_id"]]
        f.goals, f.goals_achieved = row["goals"], row["achieved"]
    return list(figures.values())


def closing(cohort: Cohort) -> dict | None:
    """Counts only, from the end-of-program answers, surveys and thank-you notes; None before the cohort closes."""
    return closing_summary(cohort) if cohort.phase in (Phase.CLOSING, Phase.ENDED) else None

"""The sessions part of a person's home page (registered with mentoring.home.panels in apps.py): agendas to
prepare or review, meetings to wrap up, agreements to confirm, closing questions to answer, goals with their
progress, the first goal to set, and for a coordinator the pairs at risk in each cohort. Six queries, whatever the
number of pairs, meetings or goals."""

from datetime import timedelta

from django.db.models import (
    BooleanField,
    Case,
    Count,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    When,
    Window,
)
from django.db.models.functions import Coalesce, NullIf, RowNumber
from django.urls import reverse
from django.utils import timezone

from matching.models import Mentorship
from mentoring.accounts.models import person_name
from mentoring.home.panels import Step, Urgency
from mentoring.web import pk_url
from sessions.models import ClosingAnswer, Goal, Meeting, Side
from sessions.selectors.onboarding import open_setups

NEXT_MEETINGS = 5
# A scheduled meeting that started up to this many days ago waits to be wrapped up (held or not, notes).
WRAP_UP_DAYS = 60
MEETING_FIELDS = ("mentorship", "starts_at", "status", "agenda_prepared_at", "agenda_reviewed_at", "agenda_due_at")
# A working pair counts as at risk on the home page when it held no meeting for this many agreed intervals.
AT_RISK_CADENCES = 2


def _name(user) -> str:
    return person_name(user.first_name, user.last_name, user.email)


def _meeting_steps(user, meetings: list[Meeting], wrap_ups: list[Meeting]) -> list[Step]:
    steps = []
    for meeting in meetings:
        pair, when = meeting.mentorship, timezone.localtime(meeting.starts_at)
        detail = f"Meeting with {_name(meeting.partner)} on {when:%a %d %b, %H:%M}"
        if pair.mentor_id == user.pk and meeting.item_count and not meeting.is_agenda_reviewed:
            steps.append(
                Step(Urgency.REVIEW_AGENDA, "Review the agenda", detail, meeting.get_absolute_url(), "Review it", when)
            )
        elif pair.mentee_id == user.pk and meeting.agenda_prepared_at is None:
            due = timezone.localtime(meeting.agenda_deadline)
            steps.append(
                Step(
                    Urgency.PREPARE_AGENDA,
                    "Prepare the agenda",
                    f"{detail} · by {due:%a %d %b, %H:%M}",
                    meeting.get_absolute_url(),
                    "Prepare it",
                    when,
                )
            )
    for meeting in wrap_ups:
        when = timezone.localtime(meeting.starts_at)
        steps.append(
            Step(
                Urgency.WRAP_UP,
                "Wrap up the meeting",
                f"Meeting with {_name(meeting.partner)} on {when:%a %d %b}: was it held? Notes and action items",
                meeting.get_absolute_url(),
                "Wrap it up",
                when,
            )
        )
    return steps


def _pair_steps(user, context: dict) -> list[Step]:
    """Agreements to confirm and closing questions to answer, for the person's active pairs (read by the matching
    panel, with both people and their cohort): one narrow query of their agreements and closing answers."""
    pairs = {pair.pk: pair for pair in context.get("pairs", []) if pair.status == Mentorship.Status.ACTIVE}
    answered = ClosingAnswer.objects.filter(mentorship=OuterRef("pk"))
    states = (
        Mentorship.objects.filter(pk__in=list(pairs))
        .annotate(
            mentee_answered=Exists(answered.filter(side=Side.MENTEE)),
            mentor_answered=Exists(answered.filter(side=Side.MENTOR)),
        )
        .values_list(
            "pk",
            "agreement__pk",
            "agreement__mentee_confirmed_at",
            "agreement__mentor_confirmed_at",
            "mentee_answered",
            "mentor_answered",
        )
        .order_by("pk")
    )
    agreements, closing = [], []
    for pk, agreement, mentee_confirmed, mentor_confirmed, mentee_answered, mentor_answered in states:
        pair = pairs[pk]
        as_mentor = pair.is_mentor(user)
        if agreement is not None and (mentor_confirmed if as_mentor else mentee_confirmed) is None:
            agreements.append(
                Step(
                    Urgency.CONFIRM_AGREEMENT,
                    "Confirm your mentoring agreement",
                    f"With {_name(pair.other_side(user))}: cadence, length, channel and what each of you expects",
                    pk_url("sessions:mentorship_detail", pk),
                    "See the agreement",
                )
            )
        if pair.cohort.phase.is_closing and not (mentor_answered if as_mentor else mentee_answered):
            closing.append(
                Step(
                    Urgency.ANSWER_CLOSING,
                    "Say what happens after the program",
                    f"With {_name(pair.other_side(user))}: {pair.cohort} ends on {pair.cohort.ends_on:%d %b}",
                    pk_url("sessions:closing_detail", pk),
                    "Answer",
                )
            )
    return agreements + closing


def _goals(user, context: dict) -> tuple[list[Goal], list[Step]]:
    """A mentee's active goals and the first goal to set in each cohort without one; no query for someone who is
    no mentee now (home shows goals only to mentees)."""
    if not context.get("mentee_enrollments"):
        return [], []
    goals = list(Goal.objects.owned_by(user).with_latest_value().order_by("target_date"))
    with_goals = {goal.enrollment_id for goal in goals}
    steps = [
        Step(
            Urgency.FIRST_GOAL,
            "Set your first SMART goal",
            f"{e.cohort}: what you want to achieve, how you will measure it, and by when",
            reverse("sessions:goal_create"),
            "Set a goal",
        )
        for e in context.get("mentee_enrollments", [])
        if e.pk not in with_goals
    ]
    return [goal for goal in goals if goal.is_active], steps


def _at_risk(context: dict, now) -> None:
    """Per coordinated cohort, the active pairs whose last held meeting (else their start) is older than
    AT_RISK_CADENCES of their agreed cadence (else the cohort's): counted in the database, one row per cohort.
    The last held meeting comes from the pair's stored health (PairHealth.last_meeting, which the events that
    hold a meeting keep up to date) and is looked up in the meetings only for a pair without a current row."""
    rows = context.get("coordinated_cohorts", {})
    if not rows:
        return
    held = Meeting.objects.filter(mentorship=OuterRef("pk"), status=Meeting.Status.HELD).order_by("-starts_at")
    last_held = Case(
        When(stored_health__status=F("status"), then=F("stored_health__last_meeting")),
        default=Subquery(held.values("starts_at")[:1]),
    )
    cadence = Coalesce(
        NullIf("agreement__cadence_days", 0),
        "cohort__meeting_cadence_days",
        "cohort__program__meeting_cadence_days",
        output_field=IntegerField(),  # SQLite multiplies a duration only by a plain integer, float or decimal field
    )
    quiet_for = ExpressionWrapper(cadence * timedelta(days=AT_RISK_CADENCES), output_field=DurationField())
    counts = (
        Mentorship.objects.filter(cohort__in=list(rows), status=Mentorship.Status.ACTIVE)
        .annotate(quiet_until=Coalesce(last_held, "started_at", "created_at") + quiet_for)
        .filter(quiet_until__lt=now)
        .order_by()
        .values("cohort")
        .annotate(n=Count("pk"))
        .values_list("cohort", "n")
    )
    for cohort_id, n in counts:
        rows[cohort_id].at_risk = n


def _setup_steps(user, context: dict) -> list[Step]:
    """ "Resume setup" for each cohort whose guided setup is neither skipped nor finished, nor done."""
    return [
        Step(
            Urgency.RESUME_SETUP,
            "Resume setup",
            f"{setup.enrollment.cohort} as {setup.enrollment.get_role_display().lower()}: "
            f"step {setup.current} of {len(setup.steps)}",
            setup.url,
            "Resume setup",
        )
        for setup in open_setups(user, context.get("enrollments", []), profile=context.get("profile"))
    ]


def _scheduled_meetings(user, context: dict, now) -> tuple[list[Meeting], list[Meeting]]:
    """The next NEXT_MEETINGS meetings of the person's pairs (read by the matching panel), and the scheduled ones
    that started in the last WRAP_UP_DAYS (to wrap up): one query of the meetings' own columns, none without pairs."""
    pairs = {pair.pk: pair for pair in context.get("pairs", [])}
    if not pairs:
        return [], []
    ahead = ExpressionWrapper(Q(starts_at__gte=now), output_field=BooleanField())
    rows = (
        Meeting.objects.filter(mentorship__in=list(pairs))
        .scheduled()
        .filter(starts_at__gte=now - timedelta(days=WRAP_UP_DAYS))
        .with_agenda_counts()
        .annotate(rank_ahead=Window(RowNumber(), partition_by=[ahead], order_by=F("starts_at").asc()))
        .filter(Q(starts_at__lt=now) | Q(rank_ahead__lte=NEXT_MEETINGS))
        .only(*MEETING_FIELDS)
        .order_by("starts_at")
    )
    meetings, wrap_ups = [], []
    for meeting in rows:
        meeting.mentorship = pairs[meeting.mentorship_id]
        meeting.partner = meeting.mentorship.other_side(user)
        (meetings if meeting.starts_at >= now else wrap_ups).append(meeting)
    return meetings, wrap_ups


def home_panel(user, context: dict) -> dict:
    now = timezone.now()
    meetings, wrap_ups = _scheduled_meetings(user, context, now)
    goals, goal_steps = _goals(user, context)
    _at_risk(context, now)
    return {
        "steps": _meeting_steps(user, meetings, wrap_ups)
        + _pair_steps(user, context)
        + goal_steps
        + _setup_steps(user, context),
        "next_meetings": meetings,
        "goals": goals,
    }

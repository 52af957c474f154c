"""The sessions part of a person's home page (registered with mentoring.home.panels in apps.py): agendas to
prepare or review, meetings to wrap up, agreements to confirm, closing questions to answer, goals with their
progress, the first goal to set, and for a coordinator the pairs at risk in each cohort. Six queries, whatever the
number of pairs, meetings or goals."""

from datetime import timedelta

from django.db.models import (
    Case,
    Count,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Subquery,
    When,
)
from django.db.models.functions import Coalesce, NullIf
from django.urls import reverse
from django.utils import timezone

from matching.models import Mentorship
from mentoring.accounts.models import person_name
from mentoring.home.panels import Step, Urgency
from mentoring.web import pk_url
from sessions.models import ClosingAnswer, Goal, Meeting, Side
from sessions.selectors.onboarding import open_setups

NEXT_MEETINGS = 5
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


def _pair_steps(user) -> list[Step]:
    """Agreements to confirm and closing questions to answer, from one query of the person's active pairs."""
    answered = ClosingAnswer.objects.filter(mentorship=OuterRef("pk"))
    pairs = (
        Mentorship.objects.for_user(user)
        .active()
        .select_related("cohort__program", "mentee", "mentor", "agreement")
        .annotate(
            mentee_answered=Exists(answered.filter(side=Side.MENTEE)),
            mentor_answered=Exists(answered.filter(side=Side.MENTOR)),
        )
        .order_by("pk")
    )
    agreements, closing = [], []
    for pair in pairs:
        as_mentor = pair.is_mentor(user)
        agreement = getattr(pair, "agreement", None)
        if (
            agreement is not None
            and (agreement.mentor_confirmed_at if as_mentor else agreement.mentee_confirmed_at) is None
        ):
            agreements.append(
                Step(
                    Urgency.CONFIRM_AGREEMENT,
                    "Confirm your mentoring agreement",
                    f"With {_name(pair.other_side(user))}: cadence, length, channel and what each of you expects",
                    agreement.get_absolute_url(),
                    "See the agreement",
                )
            )
        mine = pair.mentor_answered if as_mentor else pair.mentee_answered
        if pair.cohort.phase.is_closing and not mine:
            closing.append(
                Step(
                    Urgency.ANSWER_CLOSING,
                    "Say what happens after the program",
                    f"With {_name(pair.other_side(user))}: {pair.cohort} ends on {pair.cohort.ends_on:%d %b}",
                    pk_url("sessions:closing_detail", pair.pk),
                    "Answer",
                )
            )
    return agreements + closing


def _goals(user, context: dict) -> tuple[list[Goal], list[Step]]:
    goals = list(
        Goal.objects.owned_by(user).with_latest_value().select_related("enrollment__cohort").order_by("target_date")
    )
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


def home_panel(user, context: dict) -> dict:
    now = timezone.now()
    meetings = list(
        Meeting.objects.for_user(user)
        .upcoming(now)
        .with_agenda_counts()
        .select_related("mentorship__mentee", "mentorship__mentor", "mentorship__cohort__program")[:NEXT_MEETINGS]
    )
    wrap_ups = list(
        Meeting.objects.for_user(user)
        .scheduled()
        .filter(starts_at__lt=now, starts_at__gte=now - timedelta(days=60))
        .select_related("mentorship__mentee", "mentorship__mentor")
        .order_by("starts_at")
    )
    for meeting in meetings + wrap_ups:
        meeting.partner = meeting.mentorship.other_side(user)
    goals, goal_steps = _goals(user, context)
    _at_risk(context, now)
    return {
        "steps": _meeting_steps(user, meetings, wrap_ups)
        + _pair_steps(user)
        + goal_steps
        + _setup_steps(user, context),
        "next_meetings": meetings,
        "goals": goals,
    }

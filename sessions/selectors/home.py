"""The sessions part of a person's home page (registered with mentoring.home.panels in apps.py): agendas to
prepare or review, meetings to wrap up, agreements to confirm, closing questions to answer, goals with their
progress, the first goal to set, and for a coordinator the pairs at risk in each cohort. Six queries, whatever the
number of pairs, meetings or goals."""

from datetime import timedelta

from django.db.models import Exists, Max, OuterRef, Q
from django.urls import reverse
from django.utils import timezone

from matching.models import Mentorship
from mentoring.accounts.models import person_name
from mentoring.home.panels import Step, Urgency
from sessions.models import Agreement, ClosingAnswer, Goal, Meeting, Side, pair_filter
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
    steps = []
    agreements = (
        Agreement.objects.filter(pair_filter(user), mentorship__status=Mentorship.Status.ACTIVE)
        .filter(
            Q(mentorship__mentee=user, mentee_confirmed_at__isnull=True)
            | Q(mentorship__mentor=user, mentor_confirmed_at__isnull=True)
        )
        .select_related("mentorship__mentee", "mentorship__mentor")
    )
    for agreement in agreements:
        partner = agreement.mentorship.other_side(user)
        steps.append(
            Step(
                Urgency.CONFIRM_AGREEMENT,
                "Confirm your mentoring agreement",
                f"With {_name(partner)}: cadence, length, channel and what each of you expects",
                agreement.get_absolute_url(),
                "See the agreement",
            )
        )
    answered = ClosingAnswer.objects.filter(mentorship=OuterRef("pk"))
    pairs = (
        Mentorship.objects.for_user(user)
        .active()
        .filter(cohort__ends_on__gte=timezone.localdate())
        .select_related("cohort__program", "mentee", "mentor")
        .annotate(
            mentee_answered=Exists(answered.filter(side=Side.MENTEE)),
            mentor_answered=Exists(answered.filter(side=Side.MENTOR)),
        )
    )
    for pair in pairs:
        mine = pair.mentor_answered if pair.is_mentor(user) else pair.mentee_answered
        if pair.cohort.phase.is_closing and not mine:
            steps.append(
                Step(
                    Urgency.ANSWER_CLOSING,
                    "Say what happens after the program",
                    f"With {_name(pair.other_side(user))}: {pair.cohort} ends on {pair.cohort.ends_on:%d %b}",
                    reverse("sessions:closing_detail", args=[pair.pk]),
                    "Answer",
                )
            )
    return steps


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
    rows = context.get("coordinated_cohorts", {})
    if not rows:
        return
    pairs = (
        Mentorship.objects.filter(cohort__in=list(rows), status=Mentorship.Status.ACTIVE)
        .annotate(last_held=Max("meetings__starts_at", filter=Q(meetings__status=Meeting.Status.HELD)))
        .values_list("cohort_id", "started_at", "created_at", "last_held", "agreement__cadence_days")
        .order_by()
    )
    for cohort_id, started_at, created_at, last_held, cadence in pairs:
        row = rows[cohort_id]
        quiet_for = timedelta(days=AT_RISK_CADENCES * (cadence or row.cohort.rule("meeting_cadence_days")))
        if (last_held or started_at or created_at) < now - quiet_for:
            row.at_risk += 1


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
        for setup in open_setups(user, context.get("enrollments", []))
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

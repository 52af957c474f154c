"""Demo data for the coordinators' cohort health dashboard, on top of what demo.pairs and demo.closing build:
in the active cohort, pairs drifting in different ways (the triage queue), a pair proposed long ago, and mentees
left unmatched for different reasons; in the ended cohort, the meetings and goals of its closed pairs, so that
cohort over cohort has figures to compare. Idempotent: each part is made once, with the pair it belongs to."""

from datetime import datetime, time, timedelta
from decimal import Decimal

from django.db.models import F, OuterRef, Subquery
from django.utils import timezone

from matching.models import Mentorship, MentorshipRequest
from matching.selectors.people import cohort_weights, load_people
from programs.models import Enrollment, Role
from sessions.models import ActionItem, AgendaItem, Agreement, Goal, GoalCheckIn, Meeting

# (days ago of the three meetings held, agenda prepared in time, mentor reviewed it, mentor confirmed the agreement)
DRIFTING = [
    ((62, 55, 48), False, False, False),  # no meeting for seven weeks, nothing prepared: at risk
    ((50, 36, 22), True, True, True),  # behind its rhythm, no next meeting: watch
    ((58, 51, 44), True, True, True),  # a good start, then nothing: at risk
]


def seed(context: dict, *, now=None) -> None:
    now = now or timezone.now()
    cohorts, enrolled = context.get("cohorts") or {}, context.get("enrollments") or {}
    active, people = cohorts.get("active"), (enrolled.get("active") or {})
    mentors, mentees = people.get("mentors") or [], people.get("mentees") or []
    if active is not None and len(mentors) >= 8 and len(mentees) >= 30:
        for index, plan in enumerate(DRIFTING):
            _drifting_pair(active, mentors[3 + index], mentees[18 + index], plan, now)
        _waiting(active, mentors, mentees[21:28], now)
        _started_before_first_meeting(active)
        _match_scores(active)
        # One mentor asked for fewer mentees (now at capacity), one paused: the load chart shows both.
        Enrollment.objects.filter(cohort=active, user=mentors[3], capacity_override=None).update(capacity_override=2)
        Enrollment.objects.filter(cohort=active, user=mentors[-1], paused_at=None).update(paused_at=now)
    ended = cohorts.get("ended")
    if ended is not None:
        for index, pair in enumerate(
            Mentorship.objects.filter(cohort=ended, meetings__isnull=True).select_related("cohort__program")
        ):
            _closed_pair_history(pair, index, now)


def _drifting_pair(cohort, mentor, mentee, plan, now) -> None:
    days, prepared, reviewed, confirmed = plan
    pair, created = Mentorship.objects.get_or_create(
        cohort=cohort,
        mentee=mentee,
        mentor=mentor,
        defaults={"started_at": now - timedelta(days=days[0] + 7), "created_at": now - timedelta(days=days[0] + 9)},
    )
    if not created:
        return
    Agreement.objects.create(
        mentorship=pair,
        cadence_days=14,
        mentee_confirmed_at=now - timedelta(days=days[0] + 5),
        mentor_confirmed_at=now - timedelta(days=days[0] + 4) if confirmed else None,
    )
    meetings = Meeting.objects.bulk_create(
        Meeting(
            mentorship=pair,
            starts_at=now - timedelta(days=ago),
            status=Meeting.Status.HELD,
            location="Video call",
            objective="Catch up",
            agenda_prepared_at=now - timedelta(days=ago + 3) if prepared else now - timedelta(days=ago, hours=1),
            agenda_reviewed_at=now - timedelta(days=ago + 1) if reviewed else None,
            held_at=now - timedelta(days=ago) + timedelta(hours=1),
            created_at=now - timedelta(days=ago + 7),
        )
        for ago in days
    )
    AgendaItem.objects.bulk_create(
        AgendaItem(meeting=m, author=mentee, text="Where I am with my plan", order=1, done=True) for m in meetings
    )
    ActionItem.objects.create(
        mentorship=pair,
        meeting=meetings[-1],
        owner=mentee,
        created_by=mentee,
        title="Send my draft plan",
        due_on=(now - timedelta(days=days[-1] - 7)).date(),
    )
    enrollment = Enrollment.objects.filter(cohort=cohort, user=mentee, role=Role.MENTEE).first()
    if enrollment is not None and not Goal.objects.filter(enrollment=enrollment).exists():
        goal = Goal.objects.create(
            enrollment=enrollment,
            mentorship=pair,
            title="Run my team's planning",
            specific="Run the quarterly planning session for my team.",
            measure="Sessions run",
            baseline=Decimal(0),
            target=Decimal(2),
            unit="sessions",
            ambition=Goal.Ambition.ATTAINABLE,
            relevance="Team leads run planning.",
            target_date=cohort.ends_on,
            created_at=now - timedelta(days=days[0]),
        )
        GoalCheckIn.objects.create(goal=goal, on=(now - timedelta(days=days[0] - 1)).date(), value=Decimal(0))
        if not confirmed:
            dropped = Goal.objects.create(
                enrollment=enrollment,
                mentorship=pair,
                title="Present at the all-hands",
                specific="Present our results at the all-hands.",
                measure="Talks given",
                baseline=Decimal(0),
                target=Decimal(1),
                unit="talks",
                ambition=Goal.Ambition.AGGRESSIVE,
                relevance="Visibility.",
                target_date=cohort.ends_on,
                status=Goal.Status.DROPPED,
                dropped_at=now - timedelta(days=days[-1] - 2),
                created_at=now - timedelta(days=days[0]),
            )
            GoalCheckIn.objects.create(goal=dropped, on=(now - timedelta(days=days[0] - 2)).date(), value=Decimal(0))


def _waiting(cohort, mentors, mentees, now) -> None:
    """Mentees without a mentor: two wait for an answer, two were declined, one has a pair proposed ten days ago."""
    expires = now + timedelta(days=cohort.rule("request_expiry_days"))
    for mentee, mentor, status in zip(
        mentees,
        mentors[6:],
        [MentorshipRequest.Status.PENDING] * 2 + [MentorshipRequest.Status.DECLINED] * 2,
        strict=False,
    ):
        MentorshipRequest.objects.get_or_create(
            cohort=cohort,
            mentee=mentee,
            mentor=mentor,
            status=status,
            defaults={
                "help_wanted": "I want to get better at leading meetings.",
                "why_this_mentor": "You run the best meetings I have been to.",
                "expires_at": expires,
                "answered_at": now - timedelta(days=3) if status == MentorshipRequest.Status.DECLINED else None,
            },
        )
    if len(mentees) > 4 and len(mentors) > 10:
        Mentorship.objects.get_or_create(
            cohort=cohort,
            mentee=mentees[4],
            mentor=mentors[10],
            defaults={"status": Mentorship.Status.PROPOSED, "created_at": now - timedelta(days=10)},
        )


def _closed_pair_history(pair: Mentorship, index: int, now) -> None:
    """Meetings and goals for a pair of the ended cohort, within its dates."""
    cohort = pair.cohort
    start = timezone.make_aware(datetime.combine(cohort.starts_on, time(10)))
    first = start + timedelta(days=8 + 3 * index)
    Meeting.objects.bulk_create(
        Meeting(
            mentorship=pair,
            starts_at=first + timedelta(days=14 * n),
            status=Meeting.Status.HELD,
            location="Video call",
            objective="Monthly catch-up",
            agenda_prepared_at=first + timedelta(days=14 * n - 3),
            agenda_reviewed_at=first + timedelta(days=14 * n - 1) if (n + index) % 3 else None,
            held_at=first + timedelta(days=14 * n, hours=1),
            created_at=first + timedelta(days=14 * n - 7),
        )
        for n in range(4 + index % 3)
    )
    enrollment = Enrollment.objects.filter(cohort=cohort, user_id=pair.mentee_id, role=Role.MENTEE).first()
    if enrollment is None or Goal.objects.filter(enrollment=enrollment).exists():
        return
    for n, achieved in enumerate((True, index % 2 == 0)):
        goal = Goal.objects.create(
            enrollment=enrollment,
            mentorship=pair,
            title=("Lead a project kickoff", "Mentor a new joiner")[n],
            specific="Lead it from the first meeting to the plan.",
            measure="Done",
            baseline=Decimal(0),
            target=Decimal(1),
            unit="times",
            ambition=Goal.Ambition.ATTAINABLE,
            relevance="It is what the next role asks for.",
            target_date=cohort.ends_on,
            status=Goal.Status.ACHIEVED if achieved else Goal.Status.DROPPED,
            achieved_at=first + timedelta(days=60) if achieved else None,
            confirmed_at=first + timedelta(days=61) if achieved else None,
            confirmed_by_id=pair.mentor_id if achieved else None,
            dropped_at=None if achieved else first + timedelta(days=40),
            created_at=first,
        )
        GoalCheckIn.objects.create(
            goal=goal, on=(first + timedelta(days=30)).date(), value=Decimal(1 if achieved else 0)
        )


def _started_before_first_meeting(cohort) -> None:
    """The demo's meetings go back weeks while its pairs are made today: a pair starts a week before it first met."""
    first_held = (
        Meeting.objects.filter(mentorship=OuterRef("pk"), status=Meeting.Status.HELD)
        .order_by("starts_at")
        .values("starts_at")[:1]
    )
    late = (
        Mentorship.objects.filter(cohort=cohort).annotate(first=Subquery(first_held)).filter(started_at__gt=F("first"))
    )
    for pair in late:
        pair.started_at = pair.first - timedelta(days=7)
        pair.save(update_fields=["started_at"])


def _match_scores(cohort) -> None:
    """Pairs made from requests carry no match score: give the demo's the one the matching engine computes."""
    from matching.engine import scoring  # noqa: PLC0415 (only the demo scores pairs after the fact)

    pairs = list(Mentorship.objects.filter(cohort=cohort, match_score__isnull=True).select_related("cohort__program"))
    if not pairs:
        return
    people = load_people(sorted({p.mentee_id for p in pairs} | {p.mentor_id for p in pairs}))
    scored = scoring.explain_pairs([(people[p.mentee_id], people[p.mentor_id]) for p in pairs], cohort_weights(cohort))
    for pair, explanation in zip(pairs, scored, strict=True):
        pair.match_score = round(explanation.score, 3)
    Mentorship.objects.bulk_update(pairs, ["match_score"])

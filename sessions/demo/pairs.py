"""Demo data for pairs at work: agreements, past and upcoming meetings with agendas (some reviewed, some not),
notes, action items, and SMART goals with check-ins, for the pairs the matching demo created."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from matching.models import Mentorship
from programs.models import Enrollment
from sessions.models import (
    ActionItem,
    AgendaItem,
    Agreement,
    Goal,
    GoalCheckIn,
    Meeting,
    Note,
)

DEMO_DOMAIN = "@demo.mentoring.test"
TOPICS = [
    ("question", "How did you prepare for your first budget review?"),
    ("discussion", "Whether to take the team-lead opening this spring"),
    ("follow_up", "Tried your one-page status update: feedback from my manager"),
    ("question", "How do you say no to a senior stakeholder?"),
    ("discussion", "My stakeholder map, first draft"),
    ("action_plan", "Review: presentation practice plan"),
]
OBJECTIVES = [
    "Leave with a plan for the quarterly review",
    "Decide whether to apply for the team-lead role",
    "Get feedback on my stakeholder map",
    "Practise handling tough questions",
]
GOALS = [
    ("Lead budget reviews", "Lead the quarterly budget review for my team on my own.", "Reviews led", 0, 3, "reviews"),
    ("Speak at all-hands", "Present our team's results at the company all-hands.", "Talks given", 0, 2, "talks"),
    ("Grow my network", "Have coffee with people outside my department.", "People met", 2, 12, "people"),
]


def working_pairs(context: dict) -> list[Mentorship]:
    pairs = list(
        Mentorship.objects.filter(mentee__email__endswith=DEMO_DOMAIN, status=Mentorship.Status.ACTIVE)
        .select_related("mentee", "mentor", "cohort__program")
        .order_by("pk")
    )
    if pairs:
        return pairs
    # The matching demo made no pairs: make a few in the active cohort, so these pages have something to show.
    cohort = (context.get("cohorts") or {}).get("active")
    people = (context.get("enrollments") or {}).get("active") or {}
    if cohort is None or not people.get("mentors") or not people.get("mentees"):
        return []
    for mentor, mentee in zip(people["mentors"][:4], people["mentees"][:4], strict=False):
        Mentorship.objects.get_or_create(
            cohort=cohort, mentee=mentee, mentor=mentor, defaults={"started_at": timezone.now()}
        )
    return working_pairs({})


def agreement(mentorship: Mentorship, index: int, now) -> None:
    confirmed = now - timedelta(days=60)
    agreement, created = Agreement.objects.get_or_create(
        mentorship=mentorship,
        defaults={
            "cadence_days": mentorship.cohort.rule("meeting_cadence_days"),
            "length_minutes": mentorship.cohort.rule("meeting_length_minutes"),
            "mentee_expects": "Honest feedback, and help thinking through my next career step.",
            "mentor_expects": "An agenda two days ahead, and follow-through on what we agree.",
            "mentee_confirmed_at": confirmed,
            # Every fourth pair still waits for the mentor's confirmation.
            "mentor_confirmed_at": None if index % 4 == 3 else confirmed,
        },
    )
    if created and index % 5 == 2:
        agreement.proposal = {"cadence_days": 21}
        agreement.proposed_by = mentorship.mentor
        agreement.proposed_at = now - timedelta(days=1)
        agreement.save(update_fields=["proposal", "proposed_by", "proposed_at"])


def meetings(mentorship: Mentorship, index: int, now, rng) -> None:
    mentee, mentor = mentorship.mentee, mentorship.mentor
    cadence = mentorship.cohort.rule("meeting_cadence_days")
    hour = now.replace(minute=0, second=0, microsecond=0)
    past = []
    for n in (3, 2, 1):
        starts_at = hour - timedelta(days=cadence * n) + timedelta(hours=rng.randint(-3, 3))
        past.append(
            Meeting.objects.create(
                mentorship=mentorship,
                starts_at=starts_at,
                duration_minutes=mentorship.cohort.rule("meeting_length_minutes"),
                location="Video call",
                objective=rng.choice(OBJECTIVES),
                status=Meeting.Status.HELD,
                scheduled_by=mentee,
                agenda_prepared_at=starts_at - timedelta(days=3),
                agenda_reviewed_at=starts_at - timedelta(days=1) if n != 2 or index % 2 else None,
                held_at=starts_at + timedelta(hours=1),
                created_at=starts_at - timedelta(days=7),
            )
        )
    upcoming_at = hour + timedelta(days=2 + index % 5, hours=rng.randint(0, 6))
    upcoming = Meeting.objects.create(
        mentorship=mentorship,
        starts_at=upcoming_at,
        duration_minutes=mentorship.cohort.rule("meeting_length_minutes"),
        location="Video call",
        scheduled_by=mentor if index % 2 else mentee,
        created_at=now - timedelta(days=2),
    )
    # Upcoming agendas in every state: prepared and reviewed, prepared and waiting for review, not prepared.
    state = index % 3
    if state in (0, 1):
        upcoming.objective = rng.choice(OBJECTIVES)
        upcoming.agenda_prepared_at = min(now, upcoming.agenda_deadline - timedelta(hours=2))
        upcoming.agenda_reviewed_at = now - timedelta(hours=3) if state == 0 else None
        upcoming.save(update_fields=["objective", "agenda_prepared_at", "agenda_reviewed_at"])
    for meeting in [*past, upcoming]:
        if meeting is upcoming and state == 2:
            continue
        topics = rng.sample(TOPICS, 3)
        AgendaItem.objects.bulk_create(
            AgendaItem(
                meeting=meeting,
                author=mentor if i == 2 else mentee,
                category=category,
                text=text,
                order=i + 1,
                done=meeting.status == Meeting.Status.HELD,
                mentor_comment="Bring the numbers from last quarter." if i == 0 and meeting.agenda_reviewed_at else "",
                created_at=meeting.created_at + timedelta(hours=i),
            )
            for i, (category, text) in enumerate(topics)
        )
    last = past[-1]
    Note.objects.bulk_create(
        [
            Note(
                mentorship=mentorship,
                meeting=last,
                author=mentee,
                body="We agreed I draft the review plan and share it before our next meeting.",
                visibility=Note.Visibility.PAIR,
                created_at=last.held_at,
            ),
            Note(
                mentorship=mentorship,
                meeting=last,
                author=mentor,
                body="Strong progress; next time push on delegation.",
                visibility=Note.Visibility.PRIVATE,
                created_at=last.held_at,
            ),
        ]
    )
    ActionItem.objects.bulk_create(
        [
            ActionItem(
                mentorship=mentorship,
                meeting=past[0],
                owner=mentee,
                created_by=mentee,
                title="Read the finance playbook",
                due_on=(past[0].starts_at + timedelta(days=7)).date(),
                done_at=past[0].starts_at + timedelta(days=5),
            ),
            ActionItem(
                mentorship=mentorship,
                meeting=last,
                owner=mentee,
                created_by=mentee,
                title="Draft the review plan",
                due_on=(upcoming_at - timedelta(days=1)).date(),
            ),
            ActionItem(
                mentorship=mentorship,
                meeting=last,
                owner=mentor,
                created_by=mentee,
                title="Introduce me to the FP&A lead",
                due_on=(last.starts_at + timedelta(days=5)).date(),
            ),
        ]
    )


def goals(enrollment: Enrollment, pairs: list[Mentorship], now, rng) -> None:
    cohort = enrollment.cohort
    today = timezone.localdate()
    for n, (title, specific, measure, baseline, target, unit) in enumerate(rng.sample(GOALS, 2)):
        achieved = n == 1 and enrollment.pk % 3 == 0
        goal = Goal.objects.create(
            enrollment=enrollment,
            mentorship=pairs[n % len(pairs)] if pairs else None,
            title=title,
            specific=specific,
            measure=measure,
            baseline=Decimal(baseline),
            target=Decimal(target),
            unit=unit,
            ambition=rng.choice(Goal.Ambition.values),
            relevance="It is what the next role up asks for, and I want to be ready.",
            target_date=min(cohort.ends_on, today + timedelta(days=rng.randint(20, 80))),
            status=Goal.Status.ACHIEVED if achieved else Goal.Status.ACTIVE,
            achieved_at=now - timedelta(days=2) if achieved else None,
            confirmed_at=now - timedelta(days=1) if achieved else None,
            confirmed_by=pairs[0].mentor if achieved and pairs else None,
            created_at=now - timedelta(days=50),
        )
        steps = [baseline + (target - baseline) * k / 4 for k in range(1, 5 if achieved else rng.randint(2, 4))]
        GoalCheckIn.objects.bulk_create(
            GoalCheckIn(
                goal=goal,
                on=today - timedelta(days=40 - 12 * k),
                value=Decimal(str(round(value, 1))),
                comment=rng.choice(["Steady", "A good week", "Slower than hoped", ""]),
                author=enrollment.user,
            )
            for k, value in enumerate(steps)
        )


def meeting_soon(pairs: list[Mentorship], now) -> None:
    """A meeting 20 minutes after seeding, of a pair with a printed demo login: within a minute of `make run`
    the worker's beat scan sends its reminders (the console e-mail and the notification centre), and the
    mentor's agenda-review reminder with the agenda in it, without anyone touching anything."""
    from mentoring.profiles.demo import mentee_email, mentor_email

    logins = {mentee_email(1), mentee_email(2), mentor_email(1), mentor_email(2)}
    active = [m for m in pairs if m.status == Mentorship.Status.ACTIVE]
    pair = next((m for m in active if m.mentee.email in logins or m.mentor.email in logins), None)
    pair = pair or (active[0] if active else None)
    if pair is None or pair.meetings.filter(starts_at__gt=now, starts_at__lte=now + timedelta(hours=1)).exists():
        return
    meeting = Meeting.objects.create(
        mentorship=pair,
        starts_at=now + timedelta(minutes=20),
        duration_minutes=30,
        location="Video call",
        objective="A quick check-in before my presentation",
        scheduled_by=pair.mentee,
        agenda_prepared_at=now,
        created_at=now - timedelta(days=1),
    )
    AgendaItem.objects.bulk_create(
        AgendaItem(meeting=meeting, author=pair.mentee, category=category, text=text, order=order)
        for order, (category, text) in enumerate(
            [("question", "How do I open the presentation?"), ("discussion", "Which numbers to leave out")], start=1
        )
    )

"""Pairs at work: meetings, agendas, notes, action items, goals. `MentorshipFactory` and `person` live in
tests/matching/factories.py and tests/factories.py; they are imported here so that older imports keep working."""

from datetime import timedelta
from decimal import Decimal

import factory
from django.utils import timezone

from matching.models import Mentorship
from programs.models import Enrollment, Role
from sessions.models import ActionItem, AgendaItem, Goal, GoalCheckIn, Meeting, Note
from tests.factories import person  # noqa: F401  (re-exported: older imports keep working)
from tests.matching.factories import MentorshipFactory


def mentee_enrollment(mentorship: Mentorship) -> Enrollment:
    return Enrollment.objects.get(user=mentorship.mentee, cohort=mentorship.cohort, role=Role.MENTEE)


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    mentorship = factory.SubFactory(MentorshipFactory)
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
    duration_minutes = 45
    location = "https://meet.example.org/pair"


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    author = factory.LazyAttribute(lambda item: item.meeting.mentorship.mentee)
    category = AgendaItem.Category.DISCUSSION
    text = factory.Sequence(lambda n: f"Agenda item {n}")
    order = factory.Sequence(lambda n: n)


class NoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Note

    mentorship = factory.SubFactory(MentorshipFactory)
    author = factory.LazyAttribute(lambda note: note.mentorship.mentee)
    body = factory.Sequence(lambda n: f"Secret note {n}")
    visibility = Note.Visibility.PAIR


class ActionItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionItem

    mentorship = factory.SubFactory(MentorshipFactory)
    owner = factory.LazyAttribute(lambda item: item.mentorship.mentee)
    title = factory.Sequence(lambda n: f"Homework {n}")
    due_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=7))


class GoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Goal

    enrollment = factory.LazyAttribute(lambda goal: mentee_enrollment(MentorshipFactory()))
    title = factory.Sequence(lambda n: f"Goal {n}")
    specific = "Lead the quarterly budget review on my own."
    measure = "Budget reviews led"
    baseline = Decimal("0")
    target = Decimal("4")
    unit = "reviews"
    ambition = Goal.Ambition.ATTAINABLE
    relevance = "Finance leads run these reviews; I want that role."
    target_date = factory.LazyAttribute(lambda goal: goal.enrollment.cohort.ends_on - timedelta(days=7))


class GoalCheckInFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GoalCheckIn

    goal = factory.SubFactory(GoalFactory)
    value = Decimal("1")
    on = factory.LazyFunction(timezone.localdate)


def busy_pair(size: int, cohort=None) -> dict:
    """A pair with `size` past meetings, agenda items, notes, action items and check-ins."""
    mentorship = MentorshipFactory(**({"cohort": cohort} if cohort else {}))
    mentee, mentor = mentorship.mentee, mentorship.mentor
    now = timezone.now()
    Meeting.objects.bulk_create(
        Meeting(
            mentorship=mentorship,
            starts_at=now - timedelta(days=size - i + 1),
            status=Meeting.Status.HELD,
            objective=f"Objective {i}",
            agenda_prepared_at=now - timedelta(days=size - i + 5),
            agenda_reviewed_at=now - timedelta(days=size - i + 2),
        )
        for i in range(size)
    )
    meeting = Meeting.objects.create(mentorship=mentorship, starts_at=now + timedelta(days=3), objective="Next")
    Meeting.objects.bulk_create(
        Meeting(mentorship=mentorship, starts_at=now + timedelta(days=10 + i)) for i in range(size)
    )
    goals = [GoalFactory(enrollment=mentee_enrollment(mentorship), title=f"Goal {i}") for i in range(3)]
    goal = goals[0]
    AgendaItem.objects.bulk_create(
        AgendaItem(
            meeting=meeting,
            author=(mentee, mentor, None)[i % 3],
            text=f"Item {i}",
            order=i,
            goal=goals[i % 3],
            mentor_comment="Good" if i % 2 else "",
        )
        for i in range(size)
    )
    Note.objects.bulk_create(
        Note(
            mentorship=mentorship,
            meeting=meeting,
            author=(mentee, mentor)[i % 2],
            body=f"Note {i}",
            visibility=(Note.Visibility.PAIR, Note.Visibility.PRIVATE)[i % 2],
        )
        for i in range(size)
    )
    ActionItem.objects.bulk_create(
        ActionItem(
            mentorship=mentorship,
            meeting=meeting,
            owner=(mentee, mentor)[i % 2],
            title=f"Action {i}",
            due_on=timezone.localdate() + timedelta(days=i % 20),
        )
        for i in range(size)
    )
    # One goal's history of `size` check-ins, one per past meeting (a meeting records one check-in per goal).
    held = list(Meeting.objects.filter(mentorship=mentorship, status=Meeting.Status.HELD).order_by("-starts_at"))
    GoalCheckIn.objects.bulk_create(
        GoalCheckIn(goal=goal, value=i % 4, on=timezone.localdate() - timedelta(days=i), meeting=held[i])
        for i in range(size)
    )
    return {"mentorship": mentorship, "meeting": meeting, "goal": goal, "mentee": mentee, "mentor": mentor}

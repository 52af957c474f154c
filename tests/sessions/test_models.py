from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from matching.models import Mentorship
from sessions.models import Goal, Meeting, Note
from tests.sessions.factories import (
    GoalCheckInFactory,
    GoalFactory,
    MeetingFactory,
    MentorshipFactory,
    NoteFactory,
    person,
)


def test_meetings_for_user_are_those_of_their_pairs(mentorship, mentee, mentor):
    mine = MeetingFactory(mentorship=mentorship)
    MeetingFactory()
    assert list(Meeting.objects.for_user(mentee)) == [mine]
    assert list(Meeting.objects.for_user(mentor)) == [mine]
    assert not Meeting.objects.for_user(person()).exists()


def test_upcoming_and_past(mentorship):
    now = timezone.now()
    soon = MeetingFactory(mentorship=mentorship, starts_at=now + timedelta(days=1))
    later = MeetingFactory(mentorship=mentorship, starts_at=now + timedelta(days=9))
    MeetingFactory(mentorship=mentorship, starts_at=now + timedelta(days=2), status=Meeting.Status.CANCELLED)
    earlier = MeetingFactory(mentorship=mentorship, starts_at=now - timedelta(days=1), status=Meeting.Status.HELD)
    assert list(Meeting.objects.upcoming(now)) == [soon, later]
    assert list(Meeting.objects.past(now))[-1] == earlier
    assert soon.is_upcoming and not earlier.is_upcoming


def test_agenda_deadline_follows_the_cohort_rule(mentorship):
    mentorship.cohort.agenda_deadline_hours = 24
    meeting = MeetingFactory(mentorship=mentorship)
    assert meeting.starts_at - meeting.agenda_deadline == timedelta(hours=24)


def test_a_meeting_past_its_start_awaits_wrap_up(mentorship):
    meeting = MeetingFactory(mentorship=mentorship, starts_at=timezone.now() - timedelta(minutes=5))
    assert meeting.awaits_wrap_up and not meeting.is_upcoming


def test_goals_are_visible_to_the_mentee_and_their_current_mentors_only(mentorship, enrollment, other_mentor):
    goal = GoalFactory(enrollment=enrollment)
    assert list(Goal.objects.for_user(mentorship.mentee)) == [goal]
    assert list(Goal.objects.for_user(mentorship.mentor)) == [goal]
    assert not Goal.objects.for_user(other_mentor).exists()
    mentorship.status = Mentorship.Status.ENDED_EARLY
    mentorship.save()
    assert not Goal.objects.for_user(mentorship.mentor).exists()


def test_a_mentor_in_another_cohort_does_not_see_the_goal(mentorship, enrollment):
    elsewhere = MentorshipFactory(mentee=mentorship.mentee, mentor=person())
    goal = GoalFactory(enrollment=enrollment)
    assert goal not in Goal.objects.for_user(elsewhere.mentor)


def test_progress_runs_from_baseline_to_target_either_way():
    up = Goal(baseline=Decimal(10), target=Decimal(20))
    assert [up.progress_for(v) for v in (None, Decimal(5), Decimal(15), Decimal(25))] == [0, 0, 50, 100]
    down = Goal(baseline=Decimal(40), target=Decimal(20))
    assert down.progress_for(Decimal(30)) == 50


def test_progress_uses_the_latest_check_in(enrollment):
    goal = GoalFactory(enrollment=enrollment, baseline=0, target=4)
    assert goal.progress == 0
    GoalCheckInFactory(goal=goal, value=1, on=timezone.localdate() - timedelta(days=3))
    GoalCheckInFactory(goal=goal, value=3, on=timezone.localdate())
    assert goal.progress == 75
    assert Goal.objects.with_latest_value().get().progress == 75


def test_notes_visible_to_a_pair_member_are_shared_ones_and_their_own(mentorship, mentee, mentor):
    shared = NoteFactory(mentorship=mentorship, author=mentee)
    private = NoteFactory(mentorship=mentorship, author=mentee, visibility=Note.Visibility.PRIVATE)
    raised = NoteFactory(mentorship=mentorship, author=mentee, visibility=Note.Visibility.COORDINATORS)
    assert set(Note.objects.visible_to(mentee)) == {shared, private, raised}
    assert set(Note.objects.visible_to(mentor)) == {shared}


def test_raised_notes_are_those_their_authors_raised_with_the_coordinators(mentorship, mentee):
    NoteFactory(mentorship=mentorship, author=mentee)
    NoteFactory(mentorship=mentorship, author=mentee, visibility=Note.Visibility.PRIVATE)
    raised = NoteFactory(mentorship=mentorship, author=mentee, visibility=Note.Visibility.COORDINATORS)
    assert list(Note.objects.raised()) == [raised]
    assert raised.is_raised and not raised.is_private and not raised.is_shared

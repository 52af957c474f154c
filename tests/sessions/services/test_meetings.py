"""Meetings and their agendas: scheduling, preparing, reviewing, wrapping up."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from matching.models import Mentorship
from mentoring.notifications.models import Kind, Notification
from sessions import services
from sessions.models import AgendaItem, Meeting
from tests.sessions.factories import ActionItemFactory, AgendaItemFactory, GoalFactory, MeetingFactory, person


def _notified(user, kind=None):
    rows = Notification.objects.filter(recipient=user)
    return rows.filter(kind=kind) if kind else rows


def test_scheduling_seeds_the_agenda_and_tells_the_other_side(mentorship, enrollment, mentee, mentor):
    open_item = ActionItemFactory(mentorship=mentorship, title="Draft the budget")
    ActionItemFactory(mentorship=mentorship, title="Done already", done_at=timezone.now())
    due_soon = GoalFactory(enrollment=enrollment, target_date=timezone.localdate() + timedelta(days=20))
    GoalFactory(enrollment=enrollment, title="Later", target_date=enrollment.cohort.ends_on)
    starts_at = timezone.now() + timedelta(days=3)
    meeting = services.schedule_meeting(mentorship=mentorship, by=mentee, starts_at=starts_at, duration_minutes=45)
    items = list(meeting.agenda_items.all())
    assert [(i.category, i.action_item_id, i.goal_id) for i in items] == [
        (AgendaItem.Category.ACTION_PLAN, open_item.pk, None),
        (AgendaItem.Category.GOAL_CHECK_IN, None, due_soon.pk),
    ]
    assert all(i.author is None for i in items)
    assert _notified(mentor, Kind.MEETING).get().dedupe_key == f"meeting:{meeting.pk}:scheduled"
    assert not _notified(mentee, Kind.MEETING).exists()


def test_a_meeting_cannot_be_scheduled_in_the_past_or_by_an_outsider(mentorship, mentee):
    with pytest.raises(ValidationError):
        services.schedule_meeting(
            mentorship=mentorship, by=mentee, starts_at=timezone.now() - timedelta(hours=1), duration_minutes=45
        )
    with pytest.raises(ValidationError):
        services.schedule_meeting(
            mentorship=mentorship, by=person(), starts_at=timezone.now() + timedelta(days=1), duration_minutes=45
        )


def test_a_meeting_or_an_action_item_beyond_two_years_is_refused(mentorship, mentee):
    far = timezone.now().replace(year=9999)
    with pytest.raises(ValidationError, match="within the next two years"):
        services.schedule_meeting(mentorship=mentorship, by=mentee, starts_at=far, duration_minutes=45)
    with pytest.raises(ValidationError, match="within the next two years"):
        services.add_action_item(mentorship=mentorship, by=mentee, owner=mentee, title="Plan", due_on=far.date())
    assert not Meeting.objects.exists() and not mentorship.action_items.exists()


def test_an_ended_mentorship_schedules_nothing(mentorship, mentee):
    mentorship.status = Mentorship.Status.ENDED_EARLY
    mentorship.save()
    with pytest.raises(ValidationError, match="ended early"):
        services.schedule_meeting(
            mentorship=mentorship, by=mentee, starts_at=timezone.now() + timedelta(days=1), duration_minutes=45
        )


def test_a_converted_pair_keeps_meeting_after_its_cohort(mentorship, mentee, mentor):
    mentorship.status = Mentorship.Status.CONVERTED
    mentorship.save()
    meeting = services.schedule_meeting(
        mentorship=mentorship, by=mentee, starts_at=timezone.now() + timedelta(days=1), duration_minutes=45
    )
    assert meeting.status == Meeting.Status.SCHEDULED
    assert _notified(mentor, Kind.MEETING).exists()


def test_rescheduling_bumps_the_sequence_and_notifies_each_time(mentorship, mentee, mentor):
    meeting = MeetingFactory(mentorship=mentorship)
    for days in (4, 5):
        services.reschedule_meeting(
            meeting=meeting, by=mentor, starts_at=timezone.now() + timedelta(days=days), duration_minutes=60
        )
    meeting.refresh_from_db()
    assert meeting.sequence == 2 and meeting.duration_minutes == 60
    assert _notified(mentee, Kind.MEETING).count() == 2


def test_cancelling_notifies_and_a_cancelled_meeting_stays_cancelled(mentorship, mentee, mentor):
    meeting = MeetingFactory(mentorship=mentorship)
    services.cancel_meeting(meeting=meeting, by=mentee, reason="Travelling")
    assert meeting.status == Meeting.Status.CANCELLED
    body = _notified(mentor, Kind.MEETING).get().body
    assert body.startswith("Travelling\n") and f"/mentorships/{mentorship.pk}/next/" in body  # the jot link
    with pytest.raises(ValidationError, match="cancelled"):
        services.reschedule_meeting(
            meeting=meeting, by=mentee, starts_at=timezone.now() + timedelta(days=2), duration_minutes=30
        )


def test_agenda_counts_as_prepared_with_an_objective_and_an_item_by_the_deadline(mentorship, mentee, mentor):
    meeting = MeetingFactory(mentorship=mentorship, starts_at=timezone.now() + timedelta(days=5))
    AgendaItemFactory(meeting=meeting, author=None)
    services.set_objective(meeting=meeting, by=mentee, objective="Decide on my first budget")
    assert meeting.agenda_prepared_at is None, "an automatic item does not prepare the agenda"
    services.add_agenda_item(meeting=meeting, by=mentee, category="question", text="How do you plan reserves?")
    meeting.refresh_from_db()
    assert meeting.is_agenda_prepared
    assert _notified(mentor, Kind.AGENDA).get().dedupe_key == f"meeting:{meeting.pk}:agenda_prepared"


def test_an_agenda_prepared_after_the_deadline_is_not_counted(mentorship, mentee):
    meeting = MeetingFactory(mentorship=mentorship, starts_at=timezone.now() + timedelta(hours=10))
    services.set_objective(meeting=meeting, by=mentee, objective="Last-minute")
    services.add_agenda_item(meeting=meeting, by=mentee, category="discussion", text="Anything")
    meeting.refresh_from_db()
    assert meeting.agenda_prepared_at is not None and not meeting.is_agenda_prepared


def test_removing_the_last_item_unprepares_the_agenda(mentorship, mentee):
    meeting = MeetingFactory(mentorship=mentorship)
    services.set_objective(meeting=meeting, by=mentee, objective="Goal")
    item = services.add_agenda_item(meeting=meeting, by=mentee, category="discussion", text="Only item")
    services.remove_agenda_item(item=item, by=mentee)
    meeting.refresh_from_db()
    assert meeting.agenda_prepared_at is None


def test_only_the_mentee_sets_the_objective(mentorship, mentor):
    with pytest.raises(ValidationError, match="Only the mentee"):
        services.set_objective(meeting=MeetingFactory(mentorship=mentorship), by=mentor, objective="x")


def test_items_move_up_and_down(mentorship, mentee):
    meeting = MeetingFactory(mentorship=mentorship)
    first, second, third = (
        services.add_agenda_item(meeting=meeting, by=mentee, category="discussion", text=t) for t in "abc"
    )
    services.move_agenda_item(item=third, by=mentee, direction="up")
    assert list(meeting.agenda_items.values_list("text", flat=True)) == ["a", "c", "b"]
    services.move_agenda_item(item=first, by=mentee, direction="up")
    services.move_agenda_item(item=first, by=mentee, direction="down")
    assert list(meeting.agenda_items.values_list("text", flat=True)) == ["c", "a", "b"]


def test_the_mentor_reviews_comments_and_adds_items(mentorship, mentee, mentor):
    meeting = MeetingFactory(mentorship=mentorship)
    item = services.add_agenda_item(meeting=meeting, by=mentee, category="question", text="Reserves?")
    with pytest.raises(ValidationError, match="Only the mentor"):
        services.review_agenda(meeting=meeting, by=mentee)
    services.comment_on_agenda_item(item=item, by=mentor, comment="Bring last year's numbers")
    mine = services.add_agenda_item(meeting=meeting, by=mentor, category="follow_up", text="Your stakeholder map")
    services.review_agenda(meeting=meeting, by=mentor)
    assert meeting.is_agenda_reviewed and mine.author == mentor
    assert _notified(mentee, Kind.AGENDA).get().dedupe_key == f"meeting:{meeting.pk}:agenda_reviewed"
    with pytest.raises(ValidationError, match="Only the mentor"):
        services.comment_on_agenda_item(item=item, by=mentee, comment="x")


def test_wrap_up_marks_held_with_a_check_in_per_goal_on_the_agenda(mentorship, enrollment, mentee):
    meeting = MeetingFactory(mentorship=mentorship, starts_at=timezone.now() - timedelta(hours=1))
    touched, untouched = GoalFactory(enrollment=enrollment), GoalFactory(enrollment=enrollment)
    AgendaItemFactory(meeting=meeting, goal=touched)
    with pytest.raises(ValidationError, match="touched"):
        services.wrap_up_meeting(meeting=meeting, by=mentee, check_ins={untouched.pk: (Decimal(1), "")})
    services.wrap_up_meeting(meeting=meeting, by=mentee, check_ins={touched.pk: (Decimal(2), "Led one")})
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.HELD and meeting.held_at
    check_in = touched.check_ins.get()
    assert (check_in.value, check_in.meeting, check_in.author) == (Decimal(2), meeting, mentee)
    assert touched.progress == 50


def test_a_future_meeting_cannot_be_marked_held(mentorship, mentee):
    with pytest.raises(ValidationError, match="not started"):
        services.wrap_up_meeting(meeting=MeetingFactory(mentorship=mentorship), by=mentee)


def test_a_meeting_booked_inside_the_lead_time_leaves_half_the_time_left_to_prepare(mentorship, mentee):
    now = timezone.now()
    meeting = services.schedule_meeting(
        mentorship=mentorship, by=mentee, starts_at=now + timedelta(hours=10), duration_minutes=45, now=now
    )
    assert meeting.agenda_deadline == now + timedelta(hours=5)
    services.set_objective(meeting=meeting, by=mentee, objective="Prepared in time")
    services.add_agenda_item(meeting=meeting, by=mentee, category="discussion", text="Right after booking")
    meeting.refresh_from_db()
    assert meeting.is_agenda_prepared, "a meeting booked at short notice is never late when it is booked"


def test_a_meeting_booked_well_ahead_keeps_the_usual_lead_time(mentorship, mentee):
    now = timezone.now()
    starts_at = now + timedelta(days=5)
    meeting = services.schedule_meeting(mentorship=mentorship, by=mentee, starts_at=starts_at, duration_minutes=45)
    assert meeting.agenda_deadline == starts_at - timedelta(hours=mentorship.cohort.rule("agenda_deadline_hours"))


def test_moving_a_meeting_closer_gives_a_fair_deadline_again(mentorship, mentee):
    meeting = services.schedule_meeting(
        mentorship=mentorship, by=mentee, starts_at=timezone.now() + timedelta(days=5), duration_minutes=45
    )
    now = timezone.now()
    services.reschedule_meeting(
        meeting=meeting, by=mentee, starts_at=now + timedelta(hours=4), duration_minutes=45, now=now
    )
    meeting.refresh_from_db()
    assert meeting.agenda_deadline == now + timedelta(hours=2)

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from matching.models import Mentorship
from mentoring.notifications.models import Kind, Notification
from sessions import services
from sessions.models import AgendaItem, Goal, Meeting, Note
from tests.sessions.factories import (
    ActionItemFactory,
    AgendaItemFactory,
    GoalFactory,
    MeetingFactory,
    MentorshipFactory,
    person,
)


def _notified(user, kind=None):
    rows = Notification.objects.filter(recipient=user)
    return rows.filter(kind=kind) if kind else rows


# Agreement


def test_agreement_is_drafted_from_the_cohort_rules(mentorship):
    mentorship.cohort.meeting_cadence_days = 21
    mentorship.cohort.save()
    agreement = services.agreement_for(mentorship)
    assert agreement.cadence_days == 21
    assert agreement.length_minutes == mentorship.cohort.rule("meeting_length_minutes")
    assert not agreement.is_confirmed
    assert services.agreement_for(mentorship).pk == agreement.pk


def test_both_sides_confirm_the_agreement(mentorship, mentee, mentor):
    agreement = services.agreement_for(mentorship)
    services.confirm_agreement(agreement=agreement, by=mentee)
    assert agreement.confirmed_by(mentee) and not agreement.is_confirmed
    services.confirm_agreement(agreement=agreement, by=mentor)
    assert agreement.is_confirmed
    assert _notified(mentee, Kind.MENTORSHIP).exists()
    with pytest.raises(ValidationError, match="already confirmed"):
        services.confirm_agreement(agreement=agreement, by=mentor)


def test_editing_a_draft_confirms_it_for_the_author_and_asks_the_other_again(mentorship, mentee, mentor):
    agreement = services.agreement_for(mentorship)
    services.confirm_agreement(agreement=agreement, by=mentor)
    services.save_agreement(agreement=agreement, by=mentee, cadence_days=7, mentee_expects="Honest feedback")
    agreement.refresh_from_db()
    assert agreement.cadence_days == 7
    assert agreement.mentee_confirmed_at is not None
    assert agreement.mentor_confirmed_at is None


def test_a_change_to_a_confirmed_agreement_waits_for_the_other_side(mentorship, mentee, mentor):
    agreement = services.agreement_for(mentorship)
    services.confirm_agreement(agreement=agreement, by=mentee)
    services.confirm_agreement(agreement=agreement, by=mentor)
    services.save_agreement(agreement=agreement, by=mentor, cadence_days=28, channel="phone")
    agreement.refresh_from_db()
    assert agreement.cadence_days != 28
    assert agreement.proposal == {"cadence_days": 28, "channel": "phone"}
    assert [line[0] for line in agreement.proposal_lines] == ["Meet every (days)", "Channel"]
    with pytest.raises(ValidationError, match="waiting for your partner"):
        services.confirm_agreement(agreement=agreement, by=mentor)
    services.confirm_agreement(agreement=agreement, by=mentee)
    agreement.refresh_from_db()
    assert (agreement.cadence_days, agreement.channel, agreement.proposal) == (28, "phone", {})
    assert agreement.is_confirmed


def test_a_declined_change_leaves_the_agreement_as_it_was(mentorship, mentee, mentor):
    agreement = services.agreement_for(mentorship)
    services.confirm_agreement(agreement=agreement, by=mentee)
    services.confirm_agreement(agreement=agreement, by=mentor)
    services.save_agreement(agreement=agreement, by=mentee, length_minutes=90)
    services.decline_agreement_change(agreement=agreement, by=mentor)
    agreement.refresh_from_db()
    assert agreement.length_minutes != 90 and agreement.proposal == {} and agreement.is_confirmed


def test_outsiders_cannot_touch_the_agreement(mentorship):
    with pytest.raises(ValidationError):
        services.confirm_agreement(agreement=services.agreement_for(mentorship), by=person())


# Meetings


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
    assert _notified(mentor, Kind.MEETING).get().body == "Travelling"
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


# Notes and action items


def test_a_note_raised_with_coordinators_tells_them_and_nobody_else(mentorship, mentee, mentor, coordinator):
    note = services.add_note(mentorship=mentorship, by=mentee, body="We never meet", visibility="coordinators")
    assert note.visibility == Note.Visibility.COORDINATORS
    assert _notified(coordinator, Kind.COORDINATOR).get().url.endswith("#raised")
    assert not _notified(mentor).exists()


def test_a_shared_note_tells_the_partner_and_a_private_one_nobody(mentorship, mentee, mentor):
    services.add_note(mentorship=mentorship, by=mentee, body="Thanks!", visibility="pair")
    services.add_note(mentorship=mentorship, by=mentee, body="Nervous", visibility="private")
    assert _notified(mentor).count() == 1


def test_a_note_on_another_pairs_meeting_is_refused(mentorship, mentee):
    with pytest.raises(ValidationError, match="another pair"):
        services.add_note(mentorship=mentorship, by=mentee, body="x", visibility="pair", meeting=MeetingFactory())


def test_action_items_belong_to_one_of_the_pair(mentorship, mentee, mentor):
    item = services.add_action_item(
        mentorship=mentorship, by=mentor, owner=mentee, title="Draft the budget", due_on=date.today()
    )
    assert _notified(mentee, Kind.ACTION_ITEM).get().dedupe_key == f"action:{item.pk}:assigned"
    with pytest.raises(ValidationError, match="one of the two"):
        services.add_action_item(mentorship=mentorship, by=mentor, owner=person(), title="x", due_on=date.today())
    services.toggle_action_item(item=item, by=mentee)
    assert item.is_done
    services.toggle_action_item(item=item, by=mentor)
    assert not item.is_done


# Ending early


def test_ending_early_records_why_cancels_what_is_planned_and_tells_the_other_kindly(mentorship, mentee, mentor):
    upcoming = MeetingFactory(mentorship=mentorship)
    services.end_mentorship_early(
        mentorship=mentorship, by=mentee, reason="New job abroad", thank_you_note="Your budget template"
    )
    mentorship.refresh_from_db()
    assert mentorship.status == Mentorship.Status.ENDED_EARLY
    assert (mentorship.ended_by, mentorship.end_reason, mentorship.thank_you_note) == (
        mentee,
        "New job abroad",
        "Your budget template",
    )
    upcoming.refresh_from_db()
    assert upcoming.status == Meeting.Status.CANCELLED
    told = _notified(mentor, Kind.MENTORSHIP).get()
    assert "Your budget template" in told.body and "Thank you" in told.body
    with pytest.raises(ValidationError, match="already"):
        services.end_mentorship_early(mentorship=mentorship, by=mentor, reason="again")


def test_ending_early_needs_a_reason(mentorship, mentor):
    with pytest.raises(ValidationError):
        services.end_mentorship_early(mentorship=mentorship, by=mentor, reason="  ")


# Goals


def _parts(enrollment, **overrides):
    parts = {
        "title": "Run budget reviews",
        "specific": "Lead the quarterly budget review on my own.",
        "measure": "Reviews led",
        "baseline": Decimal(0),
        "target": Decimal(4),
        "unit": "reviews",
        "ambition": "aggressive",
        "relevance": "It is the path to finance lead.",
        "target_date": enrollment.cohort.ends_on - timedelta(days=1),
    }
    return {**parts, **overrides}


def test_a_smart_goal_is_saved_and_shared_with_the_mentors(enrollment, mentee, mentor):
    goal = services.create_goal(enrollment=enrollment, by=mentee, **_parts(enrollment))
    assert goal.status == Goal.Status.ACTIVE
    assert _notified(mentor, Kind.GOAL).get().dedupe_key == f"goal:{goal.pk}:shared:{mentor.pk}"


@pytest.mark.parametrize(
    ("part", "value", "message"),
    [
        ("specific", "", "Specific"),
        ("measure", " ", "Measurable"),
        ("unit", "", "Measurable"),
        ("ambition", "", "aggressive or attainable"),
        ("relevance", "", "Relevant"),
        ("target_date", None, "Time-bound"),
        ("target", Decimal(0), "must differ"),
    ],
)
def test_a_goal_missing_a_smart_part_is_refused_on_that_part(enrollment, mentee, part, value, message):
    with pytest.raises(ValidationError) as refused:
        services.create_goal(enrollment=enrollment, by=mentee, **_parts(enrollment, **{part: value}))
    errors = refused.value.message_dict
    assert list(errors) == [part] and message in errors[part][0]
    assert not Goal.objects.exists()


def test_a_goal_must_end_inside_the_cohort(enrollment, mentee):
    late = enrollment.cohort.ends_on + timedelta(days=1)
    with pytest.raises(ValidationError) as refused:
        services.create_goal(enrollment=enrollment, by=mentee, **_parts(enrollment, target_date=late))
    assert "inside your cohort" in refused.value.message_dict["target_date"][0]


def test_mentors_cannot_set_goals_for_their_mentee(enrollment, mentor):
    with pytest.raises(ValidationError, match="set by the mentee"):
        services.create_goal(enrollment=enrollment, by=mentor, **_parts(enrollment))


def test_an_achievement_counts_once_a_mentor_confirms_it(enrollment, mentee, mentor, other_mentor):
    goal = GoalFactory(enrollment=enrollment)
    services.record_check_in(goal=goal, by=mentee, value=Decimal(4), comment="Done")
    services.mark_goal_achieved(goal=goal, by=mentee)
    assert goal.status == Goal.Status.ACHIEVED and not goal.counts_as_achieved
    with pytest.raises(ValidationError, match="mentors"):
        services.confirm_goal_achieved(goal=goal, by=other_mentor)
    services.confirm_goal_achieved(goal=goal, by=mentor)
    assert goal.counts_as_achieved and goal.confirmed_by == mentor
    assert _notified(mentee, Kind.GOAL).filter(dedupe_key=f"goal:{goal.pk}:confirmed").exists()
    with pytest.raises(ValidationError, match="closed"):
        services.record_check_in(goal=goal, by=mentee, value=Decimal(5))


def test_goals_can_be_dropped_and_reopened(enrollment, mentee, mentor):
    goal = GoalFactory(enrollment=enrollment)
    with pytest.raises(ValidationError, match="Only the mentee"):
        services.drop_goal(goal=goal, by=mentor)
    services.drop_goal(goal=goal, by=mentee)
    assert goal.status == Goal.Status.DROPPED
    services.reopen_goal(goal=goal, by=mentee)
    assert goal.status == Goal.Status.ACTIVE and goal.dropped_at is None


def test_mentors_comment_on_goals_and_the_mentee_is_told(enrollment, mentee, mentor, other_mentor):
    goal = GoalFactory(enrollment=enrollment)
    services.comment_on_goal(goal=goal, by=mentor, body="Try a smaller first step")
    assert _notified(mentee, Kind.GOAL).count() == 1
    services.comment_on_goal(goal=goal, by=mentee, body="Will do")
    assert _notified(mentor, Kind.GOAL).count() == 1
    with pytest.raises(ValidationError):
        services.comment_on_goal(goal=goal, by=other_mentor, body="Nosy")


def test_a_second_mentor_of_the_mentee_shares_the_goals(cohort, enrollment, mentee):
    second = MentorshipFactory(cohort=cohort, mentee=mentee)
    goal = GoalFactory(enrollment=enrollment)
    services.comment_on_goal(goal=goal, by=second.mentor, body="I can help too")
    assert second.mentor in services.mentors_of(goal)
    assert len(services.mentors_of(goal)) == 2

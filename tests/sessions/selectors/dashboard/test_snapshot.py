"""The kept cohort figures (snapshot) are what a fresh computation gives: after each kind of event that changes
them, after writes that bypass signals, after the scan, and when time alone moves them."""

from datetime import datetime, time, timedelta

import pytest
import time_machine
from django.utils import timezone

from matching.models import Mentorship, MentorshipRequest
from matching.services.requests import decline_request
from mentoring.profiles.models import Profile
from programs.models import Enrollment, Invitation, Role
from programs.services.invitations import revoke_invitation
from programs.services.orientation import add_orientation_item
from sessions import services
from sessions.models import ClosingAnswer, Goal, Meeting, Side, ThankYouNote
from sessions.scans.health import refresh_health
from sessions.selectors.dashboard.snapshot import Figures, cohort_figures, computed_figures
from sessions.services.closing import answer_closing_question
from tests.programs.factories import CohortFactory, EnrollmentFactory, InvitationFactory
from tests.sessions.closing_scene import closing_cohort_fixture, pair_fixture  # noqa: F401 (fixtures)
from tests.sessions.dashboard_scene import scene_fixture, started_cohort_fixture  # noqa: F401 (fixtures)
from tests.sessions.factories import GoalFactory, MeetingFactory, person


def _shown(figures: Figures) -> tuple:
    """Everything the page shows from the figures: all but when they were computed."""
    return figures.funnel, figures.series, figures.matching, figures.history, figures.closing


def _kept_is_fresh(cohort) -> tuple:
    kept = _shown(cohort_figures(cohort))
    assert kept == _shown(computed_figures(cohort))
    return kept


def _hold_a_meeting(scene, coordinator):
    pair = scene.pairs[0]
    meeting = MeetingFactory(mentorship=pair, starts_at=timezone.now() - timedelta(hours=2))
    services.wrap_up_meeting(meeting=meeting, by=pair.mentee)


def _set_a_goal(scene, coordinator):
    enrollment = Enrollment.objects.get(cohort=scene.cohort, user=scene.pairs[1].mentee, role=Role.MENTEE)
    GoalFactory(enrollment=enrollment)


def _drop_a_goal(scene, coordinator):
    goal = Goal.objects.filter(enrollment__cohort=scene.cohort, status=Goal.Status.ACTIVE).first()
    services.drop_goal(goal=goal, by=goal.enrollment.user)


def _enrol_a_mentee(scene, coordinator):
    EnrollmentFactory(cohort=scene.cohort, role=Role.MENTEE, user=person())


def _invite_someone(scene, coordinator):
    InvitationFactory(cohort=scene.cohort, role=Role.MENTOR)


def _revoke_an_invitation(scene, coordinator):  # a conditional UPDATE: no signal
    revoke_invitation(invitation=Invitation.objects.filter(cohort=scene.cohort).first(), by=coordinator)


def _empty_a_profile(scene, coordinator):
    profile = Profile.objects.filter(user__enrollments__cohort=scene.cohort).first()
    profile.headline = ""
    profile.save()


def _decline_a_request(scene, coordinator):
    request = MentorshipRequest.objects.filter(cohort=scene.cohort, status=MentorshipRequest.Status.PENDING).first()
    decline_request(request=request, by=request.mentor)


def _end_a_pair_early(scene, coordinator):
    pair = scene.pairs[0]
    services.end_mentorship_early(mentorship=pair, by=pair.mentee, reason="Moved on")


def _end_pairs_in_bulk_then_scan(scene, coordinator):  # an UPDATE of statuses, then the minute scan
    Mentorship.objects.filter(pk__in=[p.pk for p in scene.pairs[:2]]).update(status=Mentorship.Status.COMPLETED)
    refresh_health(timezone.now())


def _reopen_the_orientation(scene, coordinator):  # an UPDATE of every mentee's enrollment
    add_orientation_item(cohort=scene.cohort, role=Role.MENTEE, title="Read the guide")


def _change_the_mentor_capacity(scene, coordinator):
    scene.cohort.mentor_capacity = 1
    scene.cohort.save()


def _add_an_earlier_cohort(scene, coordinator):
    today = timezone.localdate()
    earlier = CohortFactory(
        program=scene.cohort.program, starts_on=today - timedelta(days=400), ends_on=today - timedelta(days=200)
    )
    EnrollmentFactory(cohort=earlier, role=Role.MENTEE, user=person())


EVENTS = [
    _hold_a_meeting,
    _set_a_goal,
    _drop_a_goal,
    _enrol_a_mentee,
    _invite_someone,
    _revoke_an_invitation,
    _empty_a_profile,
    _decline_a_request,
    _end_a_pair_early,
    _end_pairs_in_bulk_then_scan,
    _reopen_the_orientation,
    _change_the_mentor_capacity,
    _add_an_earlier_cohort,
]


@pytest.mark.parametrize("event", EVENTS, ids=lambda event: event.__name__.strip("_"))
def test_the_kept_figures_follow_each_kind_of_event(scene, coordinator, event, django_capture_on_commit_callbacks):
    before = _kept_is_fresh(scene.cohort)
    with django_capture_on_commit_callbacks(execute=True):
        event(scene, coordinator)
    after = _kept_is_fresh(scene.cohort)
    assert after != before  # the event changed what the page shows, and the page shows it


def test_the_figures_are_kept_between_visits(scene, django_assert_num_queries):
    first = cohort_figures(scene.cohort)
    with django_assert_num_queries(0):
        kept = cohort_figures(scene.cohort)
    assert kept.computed_at == first.computed_at and _shown(kept) == _shown(first)


def test_a_meeting_whose_time_comes_moves_the_figures(scene, django_capture_on_commit_callbacks):
    pair = scene.pairs[0]
    soon = timezone.now() + timedelta(minutes=3)
    with django_capture_on_commit_callbacks(execute=True):
        MeetingFactory(mentorship=pair, starts_at=soon, agenda_prepared_at=soon - timedelta(days=2))
    before = _kept_is_fresh(scene.cohort)
    assert cohort_figures(scene.cohort).valid_until <= soon
    with time_machine.travel(soon + timedelta(minutes=1), tick=False):
        after = _kept_is_fresh(scene.cohort)
    assert sum(after[1].values["prepared"]) == sum(before[1].values["prepared"]) + 1


def test_a_new_day_moves_the_figures(started_cohort):
    # Empty of pairs: nothing but the date changes, and the weeks shown follow it.
    today = timezone.localdate()
    monday = timezone.make_aware(datetime.combine(today + timedelta(days=7 - today.weekday()), time.min))
    with time_machine.travel(monday - timedelta(minutes=5), tick=False):
        before = _kept_is_fresh(started_cohort)
    with time_machine.travel(monday + timedelta(minutes=5), tick=False):
        after = _kept_is_fresh(started_cohort)
    assert len(after[1].weeks) == len(before[1].weeks) + 1


def test_the_figures_are_computed_again_at_the_latest_after_their_time_to_live(scene):
    first = cohort_figures(scene.cohort)
    Meeting.objects.filter(mentorship__cohort=scene.cohort).update(status=Meeting.Status.CANCELLED)  # unannounced
    assert _shown(cohort_figures(scene.cohort)) == _shown(first)  # kept, and the page says since when
    with time_machine.travel(first.valid_until + timedelta(seconds=1), tick=False):
        later = cohort_figures(scene.cohort)
    assert later.computed_at > first.computed_at and sum(later.series.values["held"]) == 0


def test_the_kept_closing_follows_an_answer_and_a_thank_you_note(
    closing_cohort, pair, mentee, mentor, django_capture_on_commit_callbacks
):
    before = _kept_is_fresh(closing_cohort)
    assert before[4] is not None and before[4]["answered"] == 0
    with django_capture_on_commit_callbacks(execute=True):
        answer_closing_question(mentorship=pair, by=mentee, choice=ClosingAnswer.Choice.CONTINUE)
    answered = _kept_is_fresh(closing_cohort)
    assert answered[4]["answered"] == 1
    with django_capture_on_commit_callbacks(execute=True):
        ThankYouNote.objects.create(mentorship=pair, side=Side.MENTEE, author=mentee, body="Thank you")
    assert _kept_is_fresh(closing_cohort)[4]["thank_you_notes"] == answered[4]["thank_you_notes"] + 1

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from programs.models import Enrollment, Role
from programs.selectors.participants import NextSteps, my_programs, next_steps, orientation_checklist
from programs.services import check_orientation_item
from tests.factories import ProfileFactory
from tests.programs.factories import CohortFactory, EnrollmentFactory, OrientationItemFactory

pytestmark = pytest.mark.django_db


def annotated(enrollment) -> Enrollment:
    return Enrollment.objects.with_matched().with_orientation_total().get(pk=enrollment.pk)


def test_an_unpaired_mentee_with_an_incomplete_profile_and_orientation_has_three_steps():
    mentee_enrollment = EnrollmentFactory(role=Role.MENTEE)
    OrientationItemFactory(cohort=mentee_enrollment.cohort, role=Role.MENTEE)
    steps = next_steps(annotated(mentee_enrollment), profile=None)
    assert steps == NextSteps(profile=True, orientation=True, find_mentor=True)
    assert steps


def test_a_mentor_waits_for_requests_and_a_complete_profile_is_no_step():
    mentor_enrollment = EnrollmentFactory(role=Role.MENTOR, user=ProfileFactory().user)
    assert next_steps(annotated(mentor_enrollment), profile=mentor_enrollment.user.profile) == NextSteps(
        wait_for_requests=True
    )


def test_nothing_is_left_to_do_in_an_ended_cohort_or_once_withdrawn():
    ended = EnrollmentFactory(cohort=CohortFactory(starts_on=timezone.localdate() - timedelta(days=400)))
    withdrawn = EnrollmentFactory(status=Enrollment.Status.WITHDRAWN)
    assert not next_steps(annotated(ended), profile=None)
    assert not next_steps(annotated(withdrawn), profile=None)


def test_my_programs_lists_current_enrollments_newest_cohort_first_without_withdrawn_ones(django_assert_num_queries):
    person = ProfileFactory().user
    older = EnrollmentFactory(user=person, cohort=CohortFactory(starts_on=timezone.localdate() - timedelta(days=30)))
    newer = EnrollmentFactory(user=person)
    EnrollmentFactory(user=person, status=Enrollment.Status.WITHDRAWN)
    person = get_user_model().objects.get(pk=person.pk)
    # The enrollments, the profile, the coordinated programs, their questions for the person's roles, the person's
    # open applications.
    with django_assert_num_queries(5):
        page = my_programs(person)
    assert [e for e, _, _ in page.rows] == [newer, older] and page.coordinated == []


def test_the_checklist_marks_the_steps_already_ticked_off():
    enrollment = EnrollmentFactory()
    first, second = OrientationItemFactory.create_batch(2, cohort=enrollment.cohort, role=enrollment.role)
    check_orientation_item(enrollment=enrollment, item=first, done=True)
    assert orientation_checklist(enrollment).items == [(first, True), (second, False)]

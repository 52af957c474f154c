from datetime import date, timedelta

import pytest
from django.apps import apps
from django.utils import timezone

from programs.models import Enrollment, Phase, Program, Role
from tests.factories import ProfileFactory
from tests.programs.factories import CohortFactory, EnrollmentFactory, OrientationItemFactory, ProgramFactory

pytestmark = pytest.mark.django_db


def test_the_phase_follows_the_dates():
    cohort = CohortFactory(starts_on=date(2026, 1, 1), ends_on=date(2026, 7, 1))
    assert cohort.phase_on(date(2025, 12, 31)) == Phase.UPCOMING
    assert cohort.phase_on(date(2026, 1, 10)) == Phase.ENROLLING
    assert cohort.phase_on(date(2026, 1, 20)) == Phase.MATCHING
    assert cohort.phase_on(date(2026, 3, 1)) == Phase.ACTIVE
    assert cohort.phase_on(date(2026, 6, 20)) == Phase.CLOSING
    assert cohort.phase_on(date(2026, 7, 2)) == Phase.ENDED


def test_a_cohort_rule_overrides_the_program_default():
    cohort = CohortFactory(mentor_capacity=None)
    assert cohort.rule("mentor_capacity") == cohort.program.mentor_capacity
    cohort.mentor_capacity = 9
    assert cohort.rule("mentor_capacity") == 9


def test_matched_means_a_proposed_or_active_mentorship_in_that_cohort():
    mentorship = apps.get_model("matching", "Mentorship")
    mentee_enrollment = EnrollmentFactory(role=Role.MENTEE)
    mentor_enrollment = EnrollmentFactory(role=Role.MENTOR, cohort=mentee_enrollment.cohort)
    elsewhere = EnrollmentFactory(role=Role.MENTEE, user=mentee_enrollment.user)
    mentorship.objects.create(
        cohort=mentee_enrollment.cohort, mentee=mentee_enrollment.user, mentor=mentor_enrollment.user, status="active"
    )
    flags = dict(Enrollment.objects.with_matched().values_list("pk", "is_matched"))
    assert flags == {mentee_enrollment.pk: True, mentor_enrollment.pk: True, elsewhere.pk: False}


def test_profile_complete_annotation_agrees_with_the_profile():
    complete = EnrollmentFactory(user=ProfileFactory().user)
    incomplete = EnrollmentFactory(user=ProfileFactory(languages=[]).user)
    no_profile = EnrollmentFactory()
    flags = dict(Enrollment.objects.with_profile_complete().values_list("pk", "has_complete_profile"))
    assert complete.user.profile.is_complete and not incomplete.user.profile.is_complete
    assert flags == {complete.pk: True, incomplete.pk: False, no_profile.pk: False}


def test_orientation_total_counts_the_steps_of_the_role():
    enrollment = EnrollmentFactory(role=Role.MENTEE)
    OrientationItemFactory.create_batch(2, cohort=enrollment.cohort, role=Role.MENTEE)
    OrientationItemFactory(cohort=enrollment.cohort, role=Role.MENTOR)
    assert Enrollment.objects.with_orientation_total().get().orientation_total == 2


def test_span_warning_outside_one_to_24_months():
    today = timezone.localdate()
    assert "less than a month" in CohortFactory.build(starts_on=today, ends_on=today + timedelta(days=20)).span_warning
    assert CohortFactory.build(starts_on=today, ends_on=today + timedelta(days=180)).span_warning == ""
    assert "two years" in CohortFactory.build(starts_on=today, ends_on=today + timedelta(days=800)).span_warning


def test_a_phase_answers_what_it_is_so_templates_never_compare_strings():
    assert [phase for phase in Phase if phase.is_ended] == [Phase.ENDED]
    assert [phase for phase in Phase if phase.is_upcoming or phase.is_enrolling] == [Phase.UPCOMING, Phase.ENROLLING]
    assert [phase for phase in Phase if phase.is_matching or phase.is_active or phase.is_closing] == [
        Phase.MATCHING,
        Phase.ACTIVE,
        Phase.CLOSING,
    ]


def test_an_enrollment_answers_its_role_and_status():
    enrollment = EnrollmentFactory.build(role=Role.MENTOR, status=Enrollment.Status.ACTIVE)
    assert (enrollment.is_mentor, enrollment.is_active, enrollment.is_withdrawn) == (True, True, False)
    enrollment.status = Enrollment.Status.WITHDRAWN
    assert (enrollment.is_active, enrollment.is_withdrawn) == (False, True)
    assert OrientationItemFactory.build(role=Role.MENTOR).is_mentor and not OrientationItemFactory.build().is_mentor


def test_programs_requiring_a_second_factor_are_those_that_ask_unless_the_site_asks_for_all(settings):
    asking, other = ProgramFactory(require_mfa=True), ProgramFactory()
    settings.MFA_REQUIRED_FOR_COORDINATORS = False
    assert list(Program.objects.requiring_second_factor()) == [asking]
    settings.MFA_REQUIRED_FOR_COORDINATORS = True
    assert set(Program.objects.requiring_second_factor()) == {asking, other}

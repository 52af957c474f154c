import pytest

from programs.models import Role
from tests.programs.factories import CohortFactory, EnrollmentFactory, ProgramFactory
from tests.sessions.factories import MentorshipFactory, mentee_enrollment, person


@pytest.fixture
def program(coordinator):
    return ProgramFactory(coordinators=[coordinator])


@pytest.fixture
def cohort(program):
    return CohortFactory(program=program)


@pytest.fixture
def mentee(db):
    return person(first_name="Mia", last_name="Mentee", time_zone="Europe/London")


@pytest.fixture
def mentor(db):
    return person(first_name="Max", last_name="Mentor", time_zone="America/New_York")


@pytest.fixture
def mentorship(cohort, mentee, mentor):
    return MentorshipFactory(cohort=cohort, mentee=mentee, mentor=mentor)


@pytest.fixture
def enrollment(mentorship):
    return mentee_enrollment(mentorship)


@pytest.fixture
def other_mentor(cohort):
    """A mentor in the same cohort with a pair of their own."""
    return MentorshipFactory(cohort=cohort).mentor


@pytest.fixture
def other_mentee(cohort):
    """A mentee in the same cohort with a pair of their own."""
    return MentorshipFactory(cohort=cohort).mentee


@pytest.fixture
def cohort_mentor(cohort):
    return EnrollmentFactory(cohort=cohort, role=Role.MENTOR, user=person()).user

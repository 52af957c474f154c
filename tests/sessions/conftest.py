import pytest

from programs.models import Role
from tests.programs.factories import EnrollmentFactory
from tests.sessions.factories import MentorshipFactory, mentee_enrollment, person


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

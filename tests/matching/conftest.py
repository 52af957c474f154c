import pytest

from programs.models import Role
from tests.factories import UserFactory
from tests.programs.factories import CohortFactory, EnrollmentFactory, ProgramFactory


@pytest.fixture
def program(coordinator):
    return ProgramFactory(
        coordinators=[coordinator], mentor_capacity=2, max_mentors_per_mentee=3, request_expiry_days=7
    )


@pytest.fixture
def cohort(program):
    return CohortFactory(program=program)


@pytest.fixture
def enrol(cohort):
    def make(role=Role.MENTEE, user=None, **kwargs):
        return EnrollmentFactory(cohort=cohort, role=role, user=user or UserFactory(), **kwargs)

    return make


@pytest.fixture
def mentor(enrol):
    return enrol(Role.MENTOR).user


@pytest.fixture
def mentee(enrol):
    return enrol(Role.MENTEE).user

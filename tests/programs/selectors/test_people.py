import pytest

from programs.models import Role
from programs.selectors.people import EXPORT_HEADER, export_rows, people
from tests.factories import UserFactory
from tests.programs.factories import CohortFactory, EnrollmentFactory

pytestmark = pytest.mark.django_db


def test_people_come_by_role_then_by_name():
    cohort = CohortFactory()
    zoe = EnrollmentFactory(cohort=cohort, role=Role.MENTEE, user=UserFactory(first_name="Zoe"))
    ada = EnrollmentFactory(cohort=cohort, role=Role.MENTEE, user=UserFactory(first_name="Ada"))
    mentor_enrollment = EnrollmentFactory(cohort=cohort, role=Role.MENTOR, user=UserFactory(first_name="Yan"))
    assert list(people(cohort)) == [ada, zoe, mentor_enrollment]


def test_the_export_gives_a_mentor_the_cohorts_capacity_unless_overridden(django_assert_num_queries):
    cohort = CohortFactory(mentor_capacity=3)
    EnrollmentFactory(cohort=cohort, role=Role.MENTOR, user=UserFactory(first_name="A", email="a@example.org"))
    EnrollmentFactory(
        cohort=cohort, role=Role.MENTOR, capacity_override=1, user=UserFactory(first_name="B", email="b@example.org")
    )
    EnrollmentFactory(cohort=cohort, role=Role.MENTEE, user=UserFactory(email="c@example.org"))
    with django_assert_num_queries(1):
        rows = export_rows(cohort, people(cohort))
    assert rows[0] == EXPORT_HEADER
    assert [(row[0], row[5]) for row in rows[1:]] == [("c@example.org", ""), ("a@example.org", 3), ("b@example.org", 1)]

import pytest
from django.urls import reverse

from programs.models import Role
from tests.factories import ProfileFactory, UserFactory
from tests.programs.factories import EnrollmentFactory, OrientationItemFactory

pytestmark = pytest.mark.django_db


def test_my_programs_shows_role_phase_and_next_steps(client):
    person = UserFactory()
    ProfileFactory(user=person, headline="")
    mentee_enrollment = EnrollmentFactory(user=person, role=Role.MENTEE)
    OrientationItemFactory(cohort=mentee_enrollment.cohort, role=Role.MENTEE)
    EnrollmentFactory(user=person, role=Role.MENTOR)
    client.force_login(person)
    body = client.get(reverse("programs:my_programs")).content.decode()
    assert body.count("Mentor</span>") == 1 and body.count("Mentee</span>") == 1
    assert "Complete your profile" in body and "Finish your orientation" in body and "Find a mentor" in body
    assert "Enrolling" in body


def test_a_participant_ticks_off_orientation(client):
    enrollment = EnrollmentFactory()
    item = OrientationItemFactory(cohort=enrollment.cohort, role=enrollment.role)
    client.force_login(enrollment.user)
    client.post(reverse("programs:orientation_check", args=[enrollment.pk, item.pk]), {"done": "1"})
    enrollment.refresh_from_db()
    assert enrollment.orientation_completed_at is not None


def test_my_programs_query_budget(client, django_assert_max_num_queries):
    person = ProfileFactory().user
    client.force_login(person)
    EnrollmentFactory(user=person)
    with django_assert_max_num_queries(10):
        client.get(reverse("programs:my_programs"))
    for _ in range(8):
        EnrollmentFactory(user=person, role=Role.MENTOR)
    with django_assert_max_num_queries(10):
        client.get(reverse("programs:my_programs"))

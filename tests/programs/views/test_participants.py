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


@pytest.mark.parametrize("status", ["active", "completed"])
def test_orientation_done_in_an_ended_cohort_opens_its_checklist_read_only(client, status):
    from datetime import timedelta

    from django.utils import timezone

    from tests.programs.factories import CohortFactory

    cohort = CohortFactory(starts_on=timezone.localdate() - timedelta(days=400))
    enrollment = EnrollmentFactory(cohort=cohort, status=status, orientation_completed_at=timezone.now())
    item = OrientationItemFactory(cohort=cohort, role=enrollment.role)
    client.force_login(enrollment.user)
    page = client.get(reverse("programs:my_programs")).content.decode()
    link = reverse("programs:orientation", args=[enrollment.pk])
    assert link in page
    response = client.get(link)
    assert response.status_code == 200
    body = response.content.decode()
    assert item.title in body and "Mark done" not in body and "Undo" not in body

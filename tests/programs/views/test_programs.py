from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from programs.models import Enrollment, Program, Role
from tests.programs.factories import CohortFactory, EnrollmentFactory

pytestmark = pytest.mark.django_db


def test_a_person_who_is_not_a_coordinator_cannot_create_a_program(client, user):
    client.force_login(user)
    assert client.post(reverse("programs:program_create"), {"name": "X"}).status_code == 404
    assert not Program.objects.exists()


def test_a_coordinator_creates_a_program_with_its_defaults(client, coordinator):
    client.force_login(coordinator)
    response = client.post(
        reverse("programs:program_create"),
        {
            "name": "Leadership 2027",
            "description": "Grow leaders",
            "matching_mode": "coordinator",
            "mentor_capacity": 3,
            "max_mentors_per_mentee": 2,
            "request_expiry_days": 5,
            "meeting_cadence_days": 21,
            "meeting_length_minutes": 60,
            "closing_prompt_days": 30,
            "agenda_deadline_hours": 24,
            "confirm_bulk_matches": "on",
        },
    )
    program = Program.objects.get()
    assert response.status_code == 302 and response["Location"] == program.get_absolute_url()
    assert (program.slug, program.mentor_capacity, program.matching_mode) == ("leadership-2027", 3, "coordinator")
    assert (program.agenda_deadline_hours, program.confirm_bulk_matches) == (24, True)
    assert program.is_coordinated_by(coordinator)


def test_a_program_page_lists_cohorts_with_phases(client, coordinator, program):
    CohortFactory(program=program, name="Old", starts_on=timezone.localdate() - timedelta(days=400))
    CohortFactory(program=program, name="Next", starts_on=timezone.localdate() + timedelta(days=30))
    client.force_login(coordinator)
    body = client.get(program.get_absolute_url()).content.decode()
    assert "Ended" in body and "Upcoming" in body


def test_a_program_page_lists_cohorts_newest_first_and_counts_people_of_an_ended_cohort(client, coordinator, program):
    today = timezone.localdate()
    ended = CohortFactory(program=program, name="Ended one", starts_on=today - timedelta(days=400))
    CohortFactory(program=program, name="Next one", starts_on=today + timedelta(days=30))
    CohortFactory(program=program, name="Current one", starts_on=today - timedelta(days=7))
    EnrollmentFactory.create_batch(2, cohort=ended, role=Role.MENTEE, status=Enrollment.Status.COMPLETED)
    EnrollmentFactory(cohort=ended, role=Role.MENTEE, status=Enrollment.Status.WITHDRAWN)
    client.force_login(coordinator)
    cohorts = list(client.get(program.get_absolute_url()).context["cohorts"])
    assert [c.name for c in cohorts] == ["Next one", "Current one", "Ended one"]
    assert (cohorts[2].mentee_count, cohorts[2].mentor_count) == (2, 0)


def test_a_program_needs_at_least_one_mentor_per_mentee_and_a_day_to_answer(client, coordinator):
    client.force_login(coordinator)
    data = {
        "name": "Zero", "matching_mode": "hybrid", "mentor_capacity": 2, "max_mentors_per_mentee": 0,
        "request_expiry_days": 0, "meeting_cadence_days": 14, "meeting_length_minutes": 45,
        "closing_prompt_days": 0, "agenda_deadline_hours": 48,
    }  # fmt: skip
    response = client.post(reverse("programs:program_create"), data)
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"max_mentors_per_mentee", "request_expiry_days"}
    assert not Program.objects.exists()

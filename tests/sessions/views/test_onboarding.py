import pytest
from django.urls import reverse

from mentoring.home.panels import Urgency, context_for
from programs.models import Role
from sessions.selectors.onboarding import open_setups, setup_for
from tests.factories import ProfileFactory, SkillFactory, UserFactory
from tests.matching.factories import MentorshipRequestFactory
from tests.programs.factories import EnrollmentFactory
from tests.sessions.factories import GoalFactory

pytestmark = pytest.mark.django_db


def test_a_mentees_steps_are_read_from_the_data(django_assert_num_queries):
    enrollment = EnrollmentFactory(role=Role.MENTEE)
    user = enrollment.user
    with django_assert_num_queries(2):
        setup = setup_for(user, enrollment)
    assert [s.done for s in setup.steps] == [False, False, False] and setup.current == 1
    ProfileFactory(user=user)
    GoalFactory(enrollment=enrollment)
    setup = setup_for(user, enrollment)
    assert [s.done for s in setup.steps] == [True, True, False]
    assert (setup.current, setup.percent) == (3, 67)
    MentorshipRequestFactory(mentee=user, cohort=enrollment.cohort)
    assert setup_for(user, enrollment).is_done


def test_a_mentors_steps_are_expertise_capacity_and_meeting_preferences():
    enrollment = EnrollmentFactory(role=Role.MENTOR)
    profile = ProfileFactory(user=enrollment.user, meeting_channels=[])
    assert [s.done for s in setup_for(enrollment.user, enrollment).steps] == [False, False, False]
    profile.skills_offered.add(SkillFactory())
    profile.meeting_channels = ["video"]
    profile.save()
    enrollment.capacity_override = 2
    enrollment.save()
    assert setup_for(enrollment.user, enrollment).is_done


def test_the_page_shows_progress_and_links_each_step_with_a_way_back(client):
    enrollment = EnrollmentFactory(role=Role.MENTEE)
    client.force_login(enrollment.user)
    url = reverse("sessions:onboarding", args=[enrollment.pk])
    page = client.get(url).content.decode()
    assert "Step 1 of 3" in page and 'role="progressbar"' in page and 'aria-labelledby="setup-progress-label"' in page
    assert f'href="{reverse("profiles:edit")}?next={url}"' in page
    assert f'href="{reverse("sessions:goal_create")}?next={url}"' in page
    assert "Skip for now" in page


def test_someone_elses_setup_is_not_found(client):
    enrollment = EnrollmentFactory()
    client.force_login(UserFactory())
    assert client.get(reverse("sessions:onboarding", args=[enrollment.pk])).status_code == 404
    assert client.post(reverse("sessions:onboarding_skip", args=[enrollment.pk])).status_code == 404


def test_home_offers_to_resume_until_skipped(client):
    enrollment = EnrollmentFactory(role=Role.MENTEE)
    user = enrollment.user
    steps = [s for s in context_for(user)["steps"] if s.urgency == Urgency.RESUME_SETUP]
    assert [s.url for s in steps] == [reverse("sessions:onboarding", args=[enrollment.pk])]
    client.force_login(user)
    response = client.post(reverse("sessions:onboarding_skip", args=[enrollment.pk]))
    assert response.url == reverse("home:index")
    enrollment.refresh_from_db()
    assert open_setups(user, [enrollment]) == []
    assert not [s for s in context_for(user)["steps"] if s.urgency == Urgency.RESUME_SETUP]


def test_capacity_set_from_the_setup_comes_back_and_bad_input_saves_nothing(client):
    enrollment = EnrollmentFactory(role=Role.MENTOR)
    client.force_login(enrollment.user)
    url = reverse("sessions:onboarding", args=[enrollment.pk])
    response = client.post(reverse("sessions:onboarding_capacity", args=[enrollment.pk]), {"capacity": "3"})
    assert response.url == url
    enrollment.refresh_from_db()
    assert enrollment.capacity_override == 3
    bad = client.post(reverse("sessions:onboarding_capacity", args=[enrollment.pk]), {"capacity": "99"}, follow=True)
    assert "between 0 and 20" in bad.content.decode()
    enrollment.refresh_from_db()
    assert enrollment.capacity_override == 3
    evil = client.get(reverse("profiles:edit") + "?next=https://evil.example/")
    assert evil.status_code == 200

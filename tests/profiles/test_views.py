import zoneinfo
from datetime import datetime

import pytest
from django.urls import reverse

from mentoring.profiles.models import Profile, Skill
from tests.factories import NotificationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_edit_page_shows_the_profile_and_completeness(client, user):
    client.force_login(user)
    response = client.get(reverse("profiles:edit"))
    assert response.status_code == 200
    assert "100% complete" in response.content.decode()


def test_posting_the_form_saves_and_redirects_to_the_profile(client, user):
    client.force_login(user)
    python = Skill.objects.get(name="Python")
    response = client.post(
        reverse("profiles:edit"),
        {
            "first_name": "Ada", "last_name": "Okafor", "headline": "New headline", "time_zone": "Asia/Tokyo",
            "sought_1": python.pk, "languages": ["en"], "skills_offered": [python.pk],
        },
    )  # fmt: skip
    assert response.status_code == 302
    assert response.url == reverse("profiles:detail", args=[user.pk])
    user.profile.refresh_from_db()
    assert user.profile.headline == "New headline"
    assert list(user.profile.skills_offered.all()) == [python]
    page = client.get(response.url).content.decode()
    assert "New headline" in page and "Python" in page


def test_someone_elses_profile_is_a_404(client, user, other_user):
    client.force_login(user)
    assert client.get(reverse("profiles:detail", args=[other_user.pk])).status_code == 404


def test_times_show_in_the_users_own_time_zone(client, user):
    user.profile.time_zone = "Asia/Tokyo"
    user.profile.save()
    NotificationFactory(recipient=user, created_at=datetime(2026, 1, 5, 12, 0, tzinfo=zoneinfo.ZoneInfo("UTC")))
    client.force_login(user)
    page = client.get(reverse("notifications:list")).content.decode()
    assert "5 Jan 2026, 21:00" in page


def test_a_person_without_a_profile_gets_one_only_when_they_save_it(client):
    person = UserFactory()
    client.force_login(person)
    assert client.get(reverse("profiles:edit")).status_code == 200
    assert not Profile.objects.filter(user=person).exists()
    client.post(reverse("profiles:edit"), {"first_name": "Sam", "last_name": "Lee", "time_zone": "UTC"})
    assert Profile.objects.get(user=person).user.get_full_name() == "Sam Lee"


def _enrol(user, role):
    from tests.programs.factories import EnrollmentFactory

    return EnrollmentFactory(user=user, role=role)


def test_a_mentee_only_sees_no_skills_to_offer(client, user):
    _enrol(user, "mentee")
    client.force_login(user)
    page = client.get(reverse("profiles:edit")).content.decode()
    assert "Skills you want to develop" in page and "Skills you can offer" not in page
    assert 'name="skills_offered"' not in page


def test_a_mentor_only_sees_no_skills_to_develop_and_keeps_them_on_save(client, user):
    from mentoring.profiles.models import SoughtSkill

    python = Skill.objects.get(name="Python")
    SoughtSkill.objects.create(profile=user.profile, skill=python, rank=1)
    _enrol(user, "mentor")
    client.force_login(user)
    page = client.get(reverse("profiles:edit")).content.decode()
    assert "Skills you can offer" in page and "Skills you want to develop" not in page
    response = client.post(
        reverse("profiles:edit"),
        {"first_name": "Ada", "last_name": "Okafor", "time_zone": "Europe/Paris", "skills_offered": [python.pk]},
    )
    assert response.status_code == 302
    assert list(user.profile.sought_skills.values_list("skill", flat=True)) == [python.pk]


def test_someone_with_both_roles_sees_both_sections(client, user):
    _enrol(user, "mentor")
    _enrol(user, "mentee")
    client.force_login(user)
    page = client.get(reverse("profiles:edit")).content.decode()
    assert "Skills you can offer" in page and "Skills you want to develop" in page


def test_the_time_zone_is_proposed_from_the_browser_while_it_is_the_default(client):
    person = UserFactory()
    client.force_login(person)
    page = client.get(reverse("profiles:edit")).content.decode()
    assert "data-propose-browser-zone" in page and "js/time-zone.js" in page
    Profile.objects.update_or_create(user=person, defaults={"time_zone": "Asia/Tokyo"})
    assert "data-propose-browser-zone" not in client.get(reverse("profiles:edit")).content.decode()

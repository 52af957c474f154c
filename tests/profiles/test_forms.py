import pytest

from mentoring.profiles.forms import ProfileForm
from mentoring.profiles.models import Skill

pytestmark = pytest.mark.django_db


def form_data(**overrides):
    data = {
        "first_name": "Ada", "last_name": "Okafor", "headline": "Analyst", "bio": "Hello", "organisation": "Acme",
        "department": "Finance", "job_level": "3", "years_experience": "5", "career_track": "finance",
        "values": ["integrity"], "work_style": "structured", "languages": ["en", "fr"],
        "time_zone": "Europe/Paris", "meeting_channels": ["video"], "manager_email": "",
        "avoid_organisations": "Globex\n\n globex \nInitech",
    }  # fmt: skip
    data.update(overrides)
    return data


def test_saving_stores_sought_skills_in_priority_order(user):
    budgeting, speaking, python = (Skill.objects.get(name=n) for n in ["Budgeting", "Public speaking", "Python"])
    form = ProfileForm(
        form_data(sought_1=python.pk, sought_2=budgeting.pk, sought_4=speaking.pk), instance=user.profile
    )
    assert form.is_valid(), form.errors
    profile = form.save()
    assert profile.ranked_sought_skills() == [python, budgeting, speaking]
    assert [s.rank for s in profile.sought_skills.all()] == [1, 2, 3]
    assert profile.avoid_organisations == ["Globex", "Initech"]
    user.refresh_from_db()
    assert user.first_name == "Ada"


def test_the_same_skill_twice_is_refused_on_the_second_field_and_nothing_changes(user):
    python = Skill.objects.get(name="Python")
    form = ProfileForm(form_data(sought_1=python.pk, sought_2=python.pk, headline="Changed"), instance=user.profile)
    assert not form.is_valid()
    assert "already one of your priorities" in form.errors["sought_2"][0]
    user.profile.refresh_from_db()
    assert user.profile.headline == "Analyst learning to lead"


def test_own_address_is_refused_as_manager(user):
    form = ProfileForm(form_data(manager_email=user.email.upper()), instance=user.profile)
    assert not form.is_valid()
    assert "not your own" in form.errors["manager_email"][0]


def test_more_than_five_values_is_refused(user):
    values = ["integrity", "curiosity", "collaboration", "ambition", "balance", "creativity"]
    form = ProfileForm(form_data(values=values), instance=user.profile)
    assert not form.is_valid()
    assert "at most five" in form.errors["values"][0]


def test_an_unknown_time_zone_is_refused(user):
    form = ProfileForm(form_data(time_zone="Mars/Olympus"), instance=user.profile)
    assert not form.is_valid()
    assert "time_zone" in form.errors

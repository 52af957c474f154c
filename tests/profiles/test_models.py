import pytest

from mentoring.profiles.models import Profile, Skill
from mentoring.profiles.taxonomy import SKILLS
from tests.factories import ProfileFactory

pytestmark = pytest.mark.django_db


def test_the_skill_taxonomy_is_seeded_by_migration():
    assert Skill.objects.count() == sum(len(names) for names in SKILLS.values())


def test_completeness_counts_the_required_parts():
    profile = ProfileFactory(headline="", bio="")
    assert profile.completeness == 75
    assert profile.missing_parts == ["a headline", "a short bio"]
    assert not profile.is_complete
    assert ProfileFactory().is_complete


def test_for_user_shows_only_ones_own_profile(user, other_user):
    assert list(Profile.objects.for_user(user)) == [user.profile]

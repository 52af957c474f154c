import pytest
from django.contrib.auth import get_user_model

pytestmark = pytest.mark.django_db


def test_create_user_uses_the_email_as_login_and_lowercases_it():
    user = get_user_model().objects.create_user("Ada@Example.ORG", "pw-123456789")
    assert user.email == "ada@example.org"
    assert user.check_password("pw-123456789")
    assert not user.is_staff and not user.is_coordinator


def test_create_superuser_is_staff():
    admin = get_user_model().objects.create_superuser("root@example.org", "pw-123456789")
    assert admin.is_staff and admin.is_superuser


def test_a_user_without_a_name_is_shown_by_the_start_of_their_address():
    user = get_user_model().objects.create_user("sam@example.org")
    assert str(user) == "sam@example.org"
    assert user.display_name == "sam"


def test_user_requires_an_email():
    with pytest.raises(ValueError):
        get_user_model().objects.create_user("")

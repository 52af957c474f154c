import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

SIGNUP = {
    "first_name": "Ada",
    "last_name": "Okafor",
    "email": "ada@example.org",
    "password1": "a-long-pass-phrase-42",
    "password2": "a-long-pass-phrase-42",
}


def link_in(message, path):
    return re.search(rf"http://[^\s]*{path}[^\s]*", message.body).group(0).split("testserver")[-1]


def test_sign_up_sends_a_verification_link_and_stores_the_name(client):
    response = client.post("/accounts/signup/", SIGNUP)
    assert response.status_code == 302
    user = get_user_model().objects.get(email="ada@example.org")
    assert (user.first_name, user.last_name) == ("Ada", "Okafor")
    assert hasattr(user, "profile")
    assert user.notifications.get().title.startswith("Welcome to Mentoring")
    assert len(mail.outbox) == 1
    assert "/accounts/confirm-email/" in mail.outbox[0].body


def test_the_verification_link_verifies_the_address_and_then_login_works(client):
    client.post("/accounts/signup/", SIGNUP)
    client.logout()
    assert client.post("/accounts/login/", {"login": "ada@example.org", "password": SIGNUP["password1"]}).url == (
        "/accounts/confirm-email/"
    )
    confirm = link_in(mail.outbox[-1], "/accounts/confirm-email/")
    client.post(confirm)
    assert EmailAddress.objects.get(email="ada@example.org").verified
    response = client.post("/accounts/login/", {"login": "ada@example.org", "password": SIGNUP["password1"]})
    assert response.url == "/"


def test_login_rejects_a_wrong_password_with_a_message(client):
    UserFactory(email="sam@example.org")
    response = client.post("/accounts/login/", {"login": "sam@example.org", "password": "wrong"})
    assert response.status_code == 200
    assert "not correct" in response.content.decode()


def test_repeated_failed_logins_are_rate_limited(client):
    UserFactory(email="sam@example.org")
    for _ in range(5):
        client.post("/accounts/login/", {"login": "sam@example.org", "password": "wrong"})
    response = client.post("/accounts/login/", {"login": "sam@example.org", "password": PASSWORD})
    assert response.status_code in (200, 429)
    assert "_auth_user_id" not in client.session
    assert "Too many failed login attempts" in response.content.decode()


def test_password_reset_mails_a_link_that_sets_a_new_password(client):
    UserFactory(email="sam@example.org")
    client.post("/accounts/password/reset/", {"email": "sam@example.org"})
    reset = link_in(mail.outbox[-1], "/accounts/password/reset/key/")
    form_url = client.get(reset).url
    response = client.post(form_url, {"password1": "another-long-phrase-7", "password2": "another-long-phrase-7"})
    assert response.status_code == 302
    assert get_user_model().objects.get(email="sam@example.org").check_password("another-long-phrase-7")


def test_change_email_adds_an_address_and_sends_a_verification(client):
    user = UserFactory(email="sam@example.org")
    client.force_login(user)
    response = client.post("/accounts/email/", {"action_add": "", "email": "sam.new@example.org"})
    assert response.status_code == 302
    assert EmailAddress.objects.filter(user=user, email="sam.new@example.org", verified=False).exists()
    assert "/accounts/confirm-email/" in mail.outbox[-1].body


def test_logout_is_a_post(client):
    client.force_login(UserFactory())
    client.post("/accounts/logout/")
    assert "_auth_user_id" not in client.session

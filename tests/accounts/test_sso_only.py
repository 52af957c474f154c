"""An SSO-only organisation: its people's passwords are no way in (sign-in, sign-up and reset are refused)."""

import json

import pytest
from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from django.core import mail
from django.urls import reverse

from mentoring.accounts.sso_config import socialaccount_providers
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
REFUSAL = "People at example.org sign in through their organisation"


def _providers(*, sso_only: bool) -> dict:
    entry = {"id": "example-org", "server_url": "https://idp.example.org", "client_id": "mentoring"}
    return socialaccount_providers(
        oidc=json.dumps([{**entry, "domains": ["example.org"], "sso_only": sso_only}]), saml=""
    )


@pytest.fixture
def sso_only(settings):
    settings.SOCIALACCOUNT_PROVIDERS = _providers(sso_only=True)


@pytest.fixture
def member(db):
    return UserFactory(email="member@example.org")


def test_a_password_does_not_sign_in_a_member_of_an_sso_only_organisation(client, sso_only, member):
    response = client.post(reverse("account_login"), {"login": member.email, "password": PASSWORD})
    assert response.status_code == 200 and REFUSAL in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_other_domains_still_sign_in_with_a_password(client, sso_only):
    person = UserFactory(email="someone@elsewhere.org")
    client.post(reverse("account_login"), {"login": person.email, "password": PASSWORD})
    assert client.session["_auth_user_id"] == str(person.pk)


def test_a_domain_that_is_not_sso_only_keeps_its_passwords(client, settings, member):
    settings.SOCIALACCOUNT_PROVIDERS = _providers(sso_only=False)
    client.post(reverse("account_login"), {"login": member.email, "password": PASSWORD})
    assert client.session["_auth_user_id"] == str(member.pk)


def test_nobody_signs_up_with_a_password_at_an_sso_only_domain(client, sso_only):
    response = client.post(
        reverse("account_signup"),
        {"first_name": "New", "last_name": "Person", "email": "new@example.org",
         "password1": "a-long-pass-phrase-42", "password2": "a-long-pass-phrase-42"},
    )  # fmt: skip
    assert response.status_code == 200 and REFUSAL in response.content.decode()


def test_no_password_reset_is_sent_to_an_sso_only_domain(client, sso_only, member):
    response = client.post(reverse("account_reset_password"), {"email": member.email})
    assert response.status_code == 200 and REFUSAL in response.content.decode()
    assert mail.outbox == []


def test_a_reset_link_sent_before_the_domain_went_sso_only_sets_no_password(client, settings, member):
    key = f"{user_pk_to_url_str(member)}-{default_token_generator.make_token(member)}"
    settings.SOCIALACCOUNT_PROVIDERS = _providers(sso_only=True)
    form_url = client.get(
        reverse("account_reset_password_from_key", kwargs={"uidb36": key.split("-")[0], "key": key.split("-", 1)[1]})
    ).url
    response = client.post(form_url, {"password1": "another-pass-phrase-7", "password2": "another-pass-phrase-7"})
    assert REFUSAL in response.content.decode()
    member.refresh_from_db()
    assert member.check_password(PASSWORD)


def test_the_sign_in_page_offers_the_organisation_sign_in_when_one_is_set_up(client, settings):
    assert "Sign in with your organisation" not in client.get(reverse("account_login")).content.decode()
    settings.SOCIALACCOUNT_PROVIDERS = _providers(sso_only=False)
    body = client.get(reverse("account_login") + "?next=/programs/").content.decode()
    assert f"{reverse('accounts:organisation_sign_in')}?next=/programs/" in body

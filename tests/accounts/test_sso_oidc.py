"""Signing in through an organisation's OpenID Connect provider: a real round trip with the provider in
tests/accounts/idp (its discovery, keys, token and user info fetched over HTTP)."""

import json
from urllib.parse import parse_qs, urlparse

import pytest
from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount
from django.contrib.auth import get_user_model
from django.urls import reverse

from mentoring.accounts.sso_config import socialaccount_providers
from tests.accounts.idp import people
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
START = reverse("accounts:organisation_sign_in")


@pytest.fixture
def provider(settings, oidc_provider):
    settings.SOCIALACCOUNT_PROVIDERS = socialaccount_providers(oidc=json.dumps([oidc_provider.entry()]), saml="")
    return oidc_provider


def sign_in_through(client, provider, person, typed=None):
    start = client.post(START, {"email": typed or person.email})
    assert start.status_code == 302 and start["Location"].startswith(provider.issuer), start
    return client.get(provider.sign_in(start["Location"], person))


def signed_in_as(client):
    return get_user_model().objects.filter(pk=client.session.get("_auth_user_id")).first()


def test_a_new_person_is_provisioned_on_their_first_sign_in(client, provider):
    response = sign_in_through(client, provider, people.ADA)
    assert response.status_code == 302 and response["Location"] == reverse("home:index")
    ada = signed_in_as(client)
    assert (ada.email, ada.first_name, ada.last_name) == (people.ADA.email, "Ada", "Lovelace")
    assert EmailAddress.objects.get(user=ada).verified
    assert SocialAccount.objects.get(user=ada).provider == people.PROVIDER_ID
    assert hasattr(ada, "profile")


def test_the_provider_is_told_whom_to_expect_and_the_flow_is_pkce_protected(client, provider):
    query = parse_qs(urlparse(client.post(START, {"email": people.ADA.email})["Location"]).query)
    assert query["login_hint"] == [people.ADA.email]
    assert query["code_challenge_method"] == ["S256"] and set(query["scope"][0].split()) == {
        "openid",
        "profile",
        "email",
    }


def test_a_person_with_an_account_is_signed_into_it_by_their_verified_address(client, provider):
    known = UserFactory(email=people.KNOWN.email)
    sign_in_through(client, provider, people.KNOWN)
    assert signed_in_as(client) == known
    assert SocialAccount.objects.filter(user=known, provider=people.PROVIDER_ID).exists()
    assert get_user_model().objects.filter(email=people.KNOWN.email).count() == 1


def test_the_second_sign_in_finds_the_linked_account(client, provider):
    sign_in_through(client, provider, people.ADA)
    first = signed_in_as(client)
    client.logout()
    sign_in_through(client, provider, people.ADA)
    assert signed_in_as(client) == first


def test_an_unverified_address_is_never_linked_to_the_account_that_has_it(client, provider):
    known = UserFactory(email=people.KNOWN.email)
    sign_in_through(client, provider, people.MALLORY)
    assert signed_in_as(client) != known
    assert not SocialAccount.objects.filter(user=known).exists()
    assert known.password and known.has_usable_password()


def test_a_provider_does_not_sign_into_an_account_of_another_organisations_domain(client, provider):
    boss = UserFactory(email=people.OUTSIDER.email)
    sign_in_through(client, provider, people.OUTSIDER, typed="olu@example.org")
    assert signed_in_as(client) != boss
    assert not SocialAccount.objects.filter(user=boss).exists()


def test_a_callback_with_a_forged_state_is_refused(client, provider):
    start = client.post(START, {"email": people.ADA.email})
    callback = urlparse(provider.sign_in(start["Location"], people.ADA))
    code = parse_qs(callback.query)["code"][0]
    response = client.get(callback.path, {"code": code, "state": "forged"})
    assert response.status_code == 401 and signed_in_as(client) is None


def test_an_address_of_no_organisation_is_told_to_use_its_password(client, provider):
    response = client.post(START, {"email": "someone@nowhere.example"})
    assert response.status_code == 200
    assert "No organisation sign-in is set up for nowhere.example" in response.content.decode()

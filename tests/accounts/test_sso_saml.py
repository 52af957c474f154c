"""Signing in through an organisation's SAML 2.0 identity provider: a real round trip with the pysaml2 provider of
tests/accounts/idp/saml.py, whose assertions are signed with xmlsec1 and checked by Mentoring (python3-saml)."""

import datetime
import json
from urllib.parse import urlparse

import pytest
import time_machine
from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount
from django.contrib.auth import get_user_model
from django.urls import reverse

from mentoring.accounts.sso_config import socialaccount_providers
from tests.accounts.idp.saml import PROVIDER_ID, SSO_URL, SAMLProvider, post_form
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
START = reverse("accounts:organisation_sign_in")
GRACE = "grace.hopper@example.net"


@pytest.fixture
def provider(settings, tmp_path, client):
    idp = SAMLProvider(tmp_path)
    client.defaults["HTTP_HOST"] = "testserver"  # as a browser sends it; allauth's SAML views read it
    # The test client's host, "testserver", is a single-label domain, which python3-saml refuses by default.
    entry = idp.entry(advanced={"allow_single_label_domains": True})
    settings.SOCIALACCOUNT_PROVIDERS = socialaccount_providers(oidc="", saml=json.dumps([entry]))
    metadata = client.get(reverse("saml_metadata", args=[PROVIDER_ID]))
    assert metadata.status_code == 200
    idp.trust(metadata.content.decode())
    return idp


def sign_in(client, provider, *, email=GRACE, typed=None, tamper=None, sign=True, later=None):
    start = client.post(START, {"email": typed or email})
    assert start.status_code == 302 and start["Location"].startswith(SSO_URL)
    acs, xml, relay_state = provider.respond(
        start["Location"], email=email, first_name="Grace", last_name="Hopper", sign=sign
    )
    if tamper:
        xml = tamper(xml)
    with time_machine.travel(datetime.datetime.now(datetime.UTC) + (later or datetime.timedelta()), tick=False):
        finish = client.post(urlparse(acs).path, post_form(xml, relay_state))
        assert finish.status_code == 302
        return client.get(finish["Location"])


def signed_in_as(client):
    return get_user_model().objects.filter(pk=client.session.get("_auth_user_id")).first()


def test_a_new_person_is_provisioned_from_a_signed_assertion(client, provider):
    response = sign_in(client, provider)
    assert response.status_code == 302 and response["Location"] == reverse("home:index")
    grace = signed_in_as(client)
    assert (grace.email, grace.first_name, grace.last_name) == (GRACE, "Grace", "Hopper")
    assert EmailAddress.objects.get(user=grace).verified  # the organisation's directory vouches for its domain
    assert SocialAccount.objects.get(user=grace).provider == PROVIDER_ID


def test_a_person_with_an_account_is_signed_into_it(client, provider):
    grace = UserFactory(email=GRACE)
    sign_in(client, provider)
    assert signed_in_as(client) == grace
    assert SocialAccount.objects.filter(user=grace).exists()


def refused(response, caplog, reason: str) -> bool:
    """The sign-in failed, for this reason (python3-saml's, as allauth logs it)."""
    return (
        response.status_code == 401
        and "Third-Party Login Failure" in response.content.decode()
        and (reason in caplog.text)
    )


def test_a_tampered_assertion_is_refused(client, provider, caplog):
    UserFactory(email="admiral@example.net")
    response = sign_in(client, provider, tamper=lambda xml: xml.replace(GRACE, "admiral@example.net"))
    assert refused(response, caplog, "Signature validation failed")
    assert signed_in_as(client) is None


def test_an_expired_assertion_is_refused(client, provider, caplog):
    response = sign_in(client, provider, later=datetime.timedelta(hours=1))
    assert refused(response, caplog, "expired")
    assert signed_in_as(client) is None


def test_an_unsigned_assertion_is_refused(client, provider, caplog):
    response = sign_in(client, provider, sign=False)
    assert refused(response, caplog, "The Assertion of the Response is not signed")
    assert signed_in_as(client) is None


def test_an_assertion_about_another_domain_is_not_linked_to_its_account(client, provider):
    boss = UserFactory(email="boss@elsewhere.org")
    sign_in(client, provider, email=boss.email, typed="grace@example.net")
    assert signed_in_as(client) != boss
    assert not SocialAccount.objects.filter(user=boss).exists()

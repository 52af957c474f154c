import json

import pytest
from django.core.exceptions import ImproperlyConfigured

from mentoring.accounts.sso_config import OIDC, SAML, socialaccount_providers

OIDC_ENTRY = {
    "id": "contoso",
    "name": "Contoso",
    "server_url": "https://login.microsoftonline.com/tenant/v2.0",
    "client_id": "abc",
    "secret": "s3cret",
    "domains": "contoso.com, Contoso.co.uk",
    "sso_only": True,
}
SAML_ENTRY = {
    "id": "fabrikam",
    "entity_id": "https://idp.fabrikam.com",
    "sso_url": "https://idp.fabrikam.com/sso",
    "x509cert": "MIIB",
    "domains": ["fabrikam.com"],
}


def providers(oidc=(), saml=()):
    return socialaccount_providers(oidc=json.dumps(list(oidc)), saml=json.dumps(list(saml)))


def test_nothing_configured_means_no_identity_provider():
    assert socialaccount_providers(oidc="", saml="") == {OIDC: {"APPS": []}, SAML: {"APPS": []}}


def test_an_openid_connect_entry_becomes_an_allauth_app_with_pkce_and_its_domains():
    (app,) = providers(oidc=[OIDC_ENTRY])[OIDC]["APPS"]
    assert (app["provider_id"], app["name"], app["client_id"], app["secret"]) == ("contoso", "Contoso", "abc", "s3cret")
    assert app["settings"]["server_url"] == OIDC_ENTRY["server_url"]
    assert app["settings"]["oauth_pkce_enabled"] is True
    assert app["settings"]["domains"] == ["contoso.com", "contoso.co.uk"] and app["settings"]["sso_only"] is True
    assert app["settings"]["verified_email"] is False  # only the provider's email_verified claim counts


def test_a_saml_entry_wants_signed_assertions_and_trusts_its_own_domains():
    (app,) = providers(saml=[SAML_ENTRY])[SAML]["APPS"]
    assert app["client_id"] == app["provider_id"] == "fabrikam"
    assert app["settings"]["idp"] == {"entity_id": SAML_ENTRY["entity_id"], "sso_url": SAML_ENTRY["sso_url"],
                                      "x509cert": "MIIB"}  # fmt: skip
    advanced = app["settings"]["advanced"]
    assert advanced["want_assertion_signed"] and advanced["reject_idp_initiated_sso"] and advanced["strict"]
    assert app["settings"]["verified_email"] == ["fabrikam.com"] and app["settings"]["sso_only"] is False


def test_a_saml_entry_may_name_its_metadata_instead_of_its_certificate():
    entry = {"id": "okta", "entity_id": "http://www.okta.com/x", "metadata_url": "https://x.okta.com/metadata",
             "domains": ["example.com"]}  # fmt: skip
    (app,) = providers(saml=[entry])[SAML]["APPS"]
    assert app["settings"]["idp"] == {"entity_id": entry["entity_id"], "metadata_url": entry["metadata_url"]}


@pytest.mark.parametrize(
    ("oidc", "saml", "message"),
    [
        ("{", "", "SSO_OIDC_PROVIDERS is not valid JSON"),
        ('{"id": "x"}', "", "must be a JSON list"),
        (json.dumps([{**OIDC_ENTRY, "server_url": ""}]), "", "'contoso' lacks server_url"),
        ("", json.dumps([{**SAML_ENTRY, "x509cert": ""}]), "'fabrikam' lacks x509cert"),
        (json.dumps([OIDC_ENTRY]), json.dumps([{**SAML_ENTRY, "id": "contoso"}]), "every provider needs its own id"),
    ],
)
def test_a_wrong_configuration_stops_the_start_with_a_clear_message(oidc, saml, message):
    with pytest.raises(ImproperlyConfigured, match=message):
        socialaccount_providers(oidc=oidc, saml=saml)

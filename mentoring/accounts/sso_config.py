"""Organisations' identity providers from the environment, as django-allauth's SOCIALACCOUNT_PROVIDERS.

SSO_OIDC_PROVIDERS and SSO_SAML_PROVIDERS each hold a JSON list with one object per organisation. Besides its
protocol's keys, every entry names the e-mail `domains` whose people it signs in, and may make them `sso_only`
(no password sign-in, sign-up or password reset for those domains). Identity providers added in the admin (Social
applications) carry the same `domains` and `sso_only` keys in their settings. The README shows both.

Read by settings.py, so nothing here imports a model.
"""

import json

from django.core.exceptions import ImproperlyConfigured

OIDC = "openid_connect"
SAML = "saml"
OIDC_VARIABLE = "SSO_OIDC_PROVIDERS"
SAML_VARIABLE = "SSO_SAML_PROVIDERS"

# What a SAML assertion must satisfy, unless an entry's "advanced" says otherwise: the assertion itself is signed
# (a signed envelope around an unsigned assertion does not do), and only the logins we started are accepted.
SAML_ADVANCED = {"strict": True, "want_assertion_signed": True, "reject_idp_initiated_sso": True}


def socialaccount_providers(*, oidc: str, saml: str) -> dict:
    oidc_apps = [oidc_app(entry) for entry in _entries(OIDC_VARIABLE, oidc)]
    saml_apps = [saml_app(entry) for entry in _entries(SAML_VARIABLE, saml)]
    ids = [app["provider_id"] for app in oidc_apps + saml_apps]
    if len(ids) != len(set(ids)):
        raise ImproperlyConfigured(f"{OIDC_VARIABLE} and {SAML_VARIABLE}: every provider needs its own id")
    return {OIDC: {"APPS": oidc_apps}, SAML: {"APPS": saml_apps}}


def oidc_app(entry: dict) -> dict:
    """An OpenID Connect provider: `id`, `name`, `server_url` (the issuer), `client_id`, `secret`, `domains`.

    An address counts as verified when the provider says so (the `email_verified` claim); a provider that never
    says it (Microsoft Entra ID) can be trusted for its own domains with "verified_email": ["example.org"].
    """
    _require(OIDC_VARIABLE, entry, "id", "server_url", "client_id", "domains")
    settings = {
        "server_url": entry["server_url"],
        "oauth_pkce_enabled": entry.get("pkce", True),
        "verified_email": entry.get("verified_email", False),
        **_organisation(entry),
    }
    if entry.get("token_auth_method"):
        settings["token_auth_method"] = entry["token_auth_method"]
    return {
        "provider_id": entry["id"],
        "name": entry.get("name", entry["id"]),
        "client_id": entry["client_id"],
        "secret": entry.get("secret", ""),
        "settings": settings,
    }


def saml_app(entry: dict) -> dict:
    """A SAML 2.0 identity provider: `id`, `name`, `entity_id`, and either `metadata_url` or `sso_url` with
    `x509cert` (the IdP's signing certificate); `domains`.

    SAML has no standard "verified" flag: a SAML provider is the organisation's directory, so by default it is
    trusted for the addresses of its own `domains` ("verified_email" overrides that).
    """
    _require(SAML_VARIABLE, entry, "id", "entity_id", "domains")
    idp = {"entity_id": entry["entity_id"]}
    if entry.get("metadata_url"):
        idp["metadata_url"] = entry["metadata_url"]
    else:
        _require(SAML_VARIABLE, entry, "sso_url", "x509cert")
        idp |= {"sso_url": entry["sso_url"], "x509cert": entry["x509cert"]}
    organisation = _organisation(entry)
    settings = {
        "idp": idp,
        "advanced": {**SAML_ADVANCED, **entry.get("advanced", {})},
        "verified_email": entry.get("verified_email", organisation["domains"]),
        **organisation,
    }
    if entry.get("attribute_mapping"):
        settings["attribute_mapping"] = entry["attribute_mapping"]
    return {
        "provider_id": entry["id"],
        # The SAML endpoints' URLs carry the client id: /accounts/saml/<id>/acs/.
        "client_id": entry["id"],
        "name": entry.get("name", entry["id"]),
        "settings": settings,
    }


def _organisation(entry: dict) -> dict:
    domains = entry["domains"]
    if isinstance(domains, str):
        domains = domains.split(",")
    return {
        "domains": [domain.strip().lower() for domain in domains if domain.strip()],
        "sso_only": bool(entry.get("sso_only", False)),
    }


def _entries(variable: str, raw: str) -> list[dict]:
    if not raw.strip():
        return []
    try:
        entries = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise ImproperlyConfigured(f"{variable} is not valid JSON: {exc}") from exc
    if not isinstance(entries, list) or not all(isinstance(entry, dict) for entry in entries):
        raise ImproperlyConfigured(f"{variable} must be a JSON list of objects, one per identity provider")
    return entries


def _require(variable: str, entry: dict, *keys: str) -> None:
    missing = [key for key in keys if not entry.get(key)]
    if missing:
        raise ImproperlyConfigured(f"{variable}: provider {entry.get('id', '?')!r} lacks {', '.join(missing)}")

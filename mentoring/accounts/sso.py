"""Which organisation's identity provider signs a person in, found from their e-mail address's domain.

Every OpenID Connect and SAML app (from the environment or the admin) names its `domains`; an app may make them
`sso_only`. Nothing else knows about domains: the sign-in page, the SSO-only refusals and the rule that a provider
vouches only for addresses of its own domains all ask here.
"""

from allauth.socialaccount.adapter import get_adapter
from allauth.socialaccount.models import SocialApp

from mentoring.accounts.sso_config import OIDC, SAML

SSO_ONLY_MESSAGE = (
    "People at {domain} sign in through their organisation: choose “Sign in with your organisation” and enter "
    "your work e-mail address."
)


def domain_of(email: str) -> str:
    return email.rpartition("@")[2].strip().lower()


def domains_of(app: SocialApp) -> set[str]:
    return {domain.strip().lower() for domain in app.settings.get("domains", []) if domain.strip()}


def organisation_apps(request) -> list[SocialApp]:
    return [app for app in get_adapter().list_apps(request) if app.provider in (OIDC, SAML)]


def app_for_email(request, email: str) -> SocialApp | None:
    domain = domain_of(email)
    return next((app for app in organisation_apps(request) if domain in domains_of(app)), None)


def is_sso_only(request, email: str) -> bool:
    app = app_for_email(request, email) if "@" in email else None
    return bool(app and app.settings.get("sso_only"))


def vouches_for(app: SocialApp | None, email: str) -> bool:
    """An organisation's provider speaks for the addresses of its own domains, never for anyone else's."""
    return app is not None and domain_of(email) in domains_of(app)

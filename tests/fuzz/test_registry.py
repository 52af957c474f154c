"""No form escapes the fuzz test: every form class of our apps, and every form page allauth serves at our URLs,
has an entry in tests/fuzz/registry.py (a new form fails here until it has one)."""

import importlib
import inspect
import pkgutil

from django.forms import BaseForm
from django.urls import URLPattern, URLResolver, get_resolver

from tests.fuzz.registry import REGISTRY
from tests.test_permissions import our_url_names

FORM_MODULES = (
    "mentoring.accounts.forms",
    "mentoring.accounts.sso_only",
    "mentoring.profiles.forms",
    "mentoring.notifications.forms",
    "programs.forms",
    "matching.forms",
    "sessions.forms",
)
# allauth's form pages we do not post to, and why.
NOT_FUZZED = {
    "account_confirm_login_code": "login by code is off (ACCOUNT_LOGIN_BY_CODE_ENABLED)",
    "account_request_reauthentication_code": "login by code is off",
    "account_confirm_reauthentication_code": "login by code is off",
    "account_confirm_email": "a signed key in the URL, no free-text field",
    "mfa_authenticate": "a TOTP code after a password: covered by tests/test_second_factor.py",
    "mfa_reauthenticate": "a TOTP code, as above",
    "mfa_activate_totp": "a six-digit code against a fresh secret: allauth's own form, no text shown back",
    "mfa_deactivate_totp": "no field",
    "mfa_generate_recovery_codes": "no field",
    "mfa_add_webauthn": "a browser credential (JSON from navigator.credentials), not typed input",
    "mfa_edit_webauthn": "a browser credential, as above",
    "mfa_remove_webauthn": "no field: removes one of one's own keys",
    "mfa_reauthenticate_webauthn": "a browser credential, as above",
    "mfa_login_webauthn": "a browser credential, as above",
    "socialaccount_signup": "reached only from an identity provider's answer (tests/accounts/test_sso_*.py)",
    "socialaccount_connections": "a choice among one's own linked accounts (SSO tests)",
}


def our_form_classes() -> set[type]:
    found = set()
    for name in FORM_MODULES:
        package = importlib.import_module(name)
        modules = [package]
        if hasattr(package, "__path__"):
            modules += [
                importlib.import_module(f"{name}.{info.name}") for info in pkgutil.iter_modules(package.__path__)
            ]
        for module in modules:
            for _, value in inspect.getmembers(module, inspect.isclass):
                if issubclass(value, BaseForm) and value.__module__ == module.__name__:
                    found.add(value)
    return found


def registered_forms() -> set[type]:
    return {form for endpoint in REGISTRY.values() for form in endpoint.forms}


def allauth_patterns() -> dict[str, URLPattern]:
    found = {}

    def walk(patterns):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns)
            elif isinstance(pattern, URLPattern) and pattern.callback.__module__.startswith("allauth"):
                found[pattern.name] = pattern

    walk(get_resolver().url_patterns)
    return found


def allauth_form_pages() -> set[str]:
    """allauth's URL names whose view is a form view (they have a form_class)."""
    return {
        name
        for name, pattern in allauth_patterns().items()
        if getattr(getattr(pattern.callback, "view_class", None), "form_class", None) is not None
    }


def test_every_form_class_has_a_fuzz_entry():
    missing = {f"{form.__module__}.{form.__name__}" for form in our_form_classes() - registered_forms()}
    assert not missing, f"forms without an entry in tests/fuzz/registry.py: {sorted(missing)}"


def test_every_view_form_class_has_a_fuzz_entry():
    """Class-based views name their form: those of our URLs, and allauth's form pages, are fuzzed or excused."""
    missing = allauth_form_pages() - set(REGISTRY) - set(NOT_FUZZED)
    assert not missing, f"allauth form pages neither fuzzed nor excused in NOT_FUZZED: {sorted(missing)}"


def test_every_entry_names_a_url_that_exists():
    gone = set(REGISTRY) - our_url_names() - set(allauth_patterns())
    assert not gone, f"registry entries for URL names that are gone: {sorted(gone)}"
    assert set(NOT_FUZZED) <= set(allauth_patterns())
    assert not set(NOT_FUZZED) & set(REGISTRY)

"""Who must sign in with a second factor, and the one check that coordinator pages and the admin pass through.

Staff always need one; coordinators when the site says so (MFA_REQUIRED_FOR_COORDINATORS) or when a program they
coordinate asks for it: programs registers that rule from its AppConfig, since this lower app cannot ask about
programs. Every app's coordinator access helpers (`program_for`, `cohort_for`, `coordinated_run`, ...) are decorated
with `second_factor_required`, and the admin site wraps its views in the same check: a person who needs a second
factor and has none is sent to set one up (SecondFactorMiddleware), whichever coordinator page they asked for.
"""

from collections.abc import Callable
from functools import wraps

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django_htmx.http import HttpResponseClientRedirect

# A recovery code is the way back in when the phone is lost, not a second factor of its own.
SECOND_FACTORS = [Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]
SETUP_URL = "mfa_index"
WHY = (
    "Coordinators and site staff sign in with a second factor here. Set up an authenticator app or a security key "
    "to continue."
)

_coordinates: list[Callable] = []
_requires: list[Callable] = []


class SecondFactorRequired(Exception):
    """A page needs a second factor that the person has not set up; SecondFactorMiddleware answers it."""


def register(*, coordinates: Callable, requires: Callable) -> None:
    """How a higher app tells who coordinates something (`coordinates(user) -> bool`) and who must use a second
    factor for it (`requires(user) -> bool`)."""
    if coordinates not in _coordinates:
        _coordinates.append(coordinates)
    if requires not in _requires:
        _requires.append(requires)


def is_coordinator(user) -> bool:
    """May create programs, or coordinates one: someone who sees more than their own pairs."""
    return user.is_authenticated and (user.is_coordinator or any(rule(user) for rule in _coordinates))


def is_required(user) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_staff or (settings.MFA_REQUIRED_FOR_COORDINATORS and user.is_coordinator):
        return True
    return any(rule(user) for rule in _requires)


def has_second_factor(user) -> bool:
    return is_mfa_enabled(user, SECOND_FACTORS)


def is_missing(user) -> bool:
    return is_required(user) and not has_second_factor(user)


def check(request) -> None:
    """Raise SecondFactorRequired when this person must use a second factor and has none (once per request)."""
    missing = getattr(request, "_second_factor_missing", None)
    if missing is None:
        missing = request._second_factor_missing = is_missing(request.user)
    if missing:
        raise SecondFactorRequired


def second_factor_required(function):
    """For a coordinator access helper, or a coordinator view, whose first argument is the request."""

    @wraps(function)
    def checked(request, *args, **kwargs):
        check(request)
        return function(request, *args, **kwargs)

    return checked


def to_setup(request):
    """Where a person who lacks a required second factor is sent: the page that sets one up, with why."""
    messages.warning(request, WHY)
    if getattr(request, "htmx", False):
        return HttpResponseClientRedirect(redirect(SETUP_URL).url)
    return redirect(SETUP_URL)

"""Pages kept drawn: the part of a page that is its own (its content, inside base.html) is drawn once for the
person who asked and kept in the shared cache for KEPT_PAGES_SECONDS (a minute), so that asking again reads it
instead of a dozen queries and a large template.

A kept page is filed under the version tokens of its scopes: the site, the person who sees it, and the programs
it shows (each page says which). Every write that changes what a scope shows replaces its token after its
transaction commits (`changed`), and a page kept under an older token is never read again:
- signals on every model a page draws from (wired in the highest app, sessions.freshness), which also replace
  the program's cohort figures;
- the writes that bypass signals (a QuerySet's update, bulk_create) through programs.figures.figures_changed;
- every POST (any unsafe method) by a signed-in person replaces their own scopes (KeptPagesMiddleware), so that
  whatever an action wrote, the page it sends the person back to is drawn again.
What no token covers (the clock: "tomorrow" becoming "today", a write by a script) holds for a minute at most.

The key also holds the viewer, the full path (filters, page numbers) and the viewer's CSRF secret (a kept form's
token must match the cookie it is posted with); a viewer without a CSRF cookie yet gets a page drawn afresh. Only
a cache shared by every process keeps pages (Redis): with local memory, a process would not see another's
changes, and every page is drawn each time.
"""

import hashlib
import secrets
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.template.loader import render_to_string

SITE = "site"

# Functions of a user id giving the scopes of what that person takes part in, registered by the higher apps from
# their AppConfig.ready() (programs: the programs the person is enrolled in or coordinates).
_person_scope_finders: list[Callable[[int], Iterable[str]]] = []


def person(user_id: int) -> str:
    return f"person:{user_id}"


def program(program_id: int) -> str:
    return f"program:{program_id}"


def find_person_scopes(finder: Callable[[int], Iterable[str]]) -> None:
    _person_scope_finders.append(finder)


def person_scopes(user_id: int) -> list[str]:
    """The person's own scope and those of everything they take part in, kept with their pages (an enrollment, an
    application or a program's coordinators changed replaces the person's scope)."""

    def find():
        scopes = [person(user_id)]
        for finder in _person_scope_finders:
            scopes.extend(finder(user_id))
        return scopes

    return keep(f"person-scopes:{user_id}", find, scopes=[person(user_id)])


def _token_key(scope: str) -> str:
    return f"kept-version:{scope}"


def versions(scopes: list[str]) -> list[str]:
    """The current token of each scope, in order; a fresh one for a scope the cache has none of."""
    keys = [_token_key(scope) for scope in scopes]
    found = cache.get_many(keys)
    for key in keys:
        if key not in found:
            cache.add(key, secrets.token_hex(8), timeout=None)
            found[key] = cache.get(key)
    return [found[key] for key in keys]


def replace(scopes: Iterable[str]) -> None:
    """At once: these scopes' kept pages no longer hold."""
    scopes = set(scopes)
    if scopes:
        cache.set_many({_token_key(scope): secrets.token_hex(8) for scope in scopes}, timeout=None)


def changed(scopes: Callable[[], Iterable[str]] | Iterable[str]) -> None:
    """After the current transaction commits (at once outside one): these scopes' kept pages no longer hold. A
    callable is called only then, so that it may read what the transaction wrote, and costs the writer nothing."""
    transaction.on_commit(lambda: replace(scopes() if callable(scopes) else scopes))


def keeps_pages() -> bool:
    return bool(settings.KEPT_PAGES_SECONDS) and getattr(cache, "is_shared", False)


def keep(name: str, compute: Callable[[], object], *, scopes: list[str]) -> object:
    """`compute()`, or the value kept under this name for the scopes' current versions (None is not kept)."""
    if not keeps_pages():
        return compute()
    parts = [name, *scopes, *versions(scopes)]
    key = "kept:" + hashlib.sha256("\n".join(parts).encode()).hexdigest()
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, settings.KEPT_PAGES_SECONDS)
    return value


def draw(
    request, template: str, context: Callable[[], dict], *, scopes: Callable[[], Iterable[str]] | Iterable[str] = ()
) -> str:
    """`template` drawn with `context()` for this request, or the copy kept for the same person, path and scope
    versions. The context is built only when the page is drawn, and callable scopes only when pages are kept."""
    csrf_secret = request.META.get("CSRF_COOKIE")
    if not (keeps_pages() and csrf_secret and request.user.is_authenticated):
        return render_to_string(template, context(), request)
    return keep(
        "\n".join([template, str(request.user.pk), csrf_secret, request.get_full_path()]),
        lambda: render_to_string(template, context(), request),
        scopes=[SITE, person(request.user.pk), *(scopes() if callable(scopes) else scopes)],
    )


class KeptPagesMiddleware:
    """After any unsafe request by a signed-in person (whatever it answered), their scopes no longer hold: what
    they did shows on the next page they see, whichever writes it took."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        signed_in = user is not None and user.is_authenticated
        if signed_in and request.method not in ("GET", "HEAD", "OPTIONS", "TRACE") and keeps_pages():
            replace(person_scopes(user.pk))
        return response

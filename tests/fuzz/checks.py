"""What every fuzzed answer must satisfy: no 5xx, no unescaped payload, nothing written when it says no."""

from contextlib import contextmanager

from django.contrib.messages import constants, get_messages
from django.db import connection
from django.forms import BaseForm

from tests.fuzz.strategies import MARKERS

# Rows every request may touch whatever it answers: who is signed in, and allauth's sign-in bookkeeping.
UNCOUNTED = {"django_session"}


def row_counts() -> dict[str, int]:
    """Every table's row count, in one query."""
    tables = sorted(set(connection.introspection.table_names()) - UNCOUNTED)
    quote = connection.ops.quote_name
    counts = ", ".join(f"(SELECT COUNT(*) FROM {quote(table)})" for table in tables)  # noqa: S608 (table names)
    sql = f"SELECT {counts}"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return dict(zip(tables, cursor.fetchone(), strict=True))


def changed(before: dict, after: dict) -> dict:
    return {table: (before[table], after[table]) for table in before if before[table] != after[table]}


@contextmanager
def invalid_forms(carried: tuple):
    """The forms a request found invalid (forms that only carry the page's state back, `carried`, aside).
    Read from is_valid() rather than from the test client's rendered contexts, which cost more than the page."""
    found = []
    is_valid = BaseForm.is_valid

    def recording(form):
        valid = is_valid(form)
        if not valid and not isinstance(form, carried):
            found.append(f"{type(form).__name__}: {dict(form.errors)}")
        return valid

    BaseForm.is_valid = recording
    try:
        yield found
    finally:
        BaseForm.is_valid = is_valid


def refused(response, invalid: list) -> str:
    """Why the answer is a refusal ("" when it is not): an error status, a form with errors, an error message."""
    if response.status_code >= 400:
        return f"status {response.status_code}"
    if invalid:
        return f"form errors {invalid}"
    errors = [str(message) for message in get_messages(response.wsgi_request) if message.level >= constants.ERROR]
    return f"error message {errors}" if errors else ""


def said(response) -> bool:
    """Whether the request left messages for the next page."""
    return bool(list(get_messages(response.wsgi_request)))


def unescaped(response) -> list[str]:
    """The payload markers a page shows as markup instead of as text."""
    if "html" not in response.get("Content-Type", ""):
        return []
    body = response.content.decode("utf-8", "replace")
    return [marker for marker in MARKERS if marker in body]


def next_page(client, response, headers: dict):
    """The page a redirect (plain or htmx) leads to on this site, fetched as the browser would, or None."""
    location = response.get("HX-Redirect")
    if not location and response.status_code in (301, 302, 303):
        location = response.get("Location")
    if not location or not location.startswith("/") or location.startswith("//"):
        return None
    return client.get(location, **headers)

"""What every app's views share: showing a refused action, a safe spreadsheet cell, a streamed CSV file, a person's
name, a link to an object built without a reverse() per row."""

import csv
import io
import itertools
from collections.abc import Iterable, Iterator
from functools import cache

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import StreamingHttpResponse
from django.shortcuts import redirect
from django.urls import get_script_prefix, reverse
from django.utils.http import url_has_allowed_host_and_scheme

from mentoring.accounts.models import person_name

__all__ = ["back_or", "csv_safe", "person_name", "pk_url", "refuse", "refuse_on_form", "streamed_csv"]

# OWASP's CSV-injection triggers: a cell a spreadsheet would read as a formula or a command. Leading white space
# does not disarm them (" =1+1" still runs in some spreadsheets), and TAB / CR / LF at the start are triggers too.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "|", "%")
CONTROL_STARTS = ("\t", "\r", "\n")


def refuse(request, exc: ValidationError) -> None:
    """Show the reasons a service refused an action, as one error message."""
    messages.error(request, " ".join(exc.messages))


def refuse_on_form(form, exc: ValidationError) -> None:
    """Show a service's refusal on the form: on the field it names when the form has that field, else above it."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def back_or(request, *default, **kwargs):
    """A redirect to the page's `?next=` when it is on this site (a guided step coming back), else to `default`."""
    target = request.GET.get("next") or request.POST.get("next")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return redirect(target)
    return redirect(*default, **kwargs)


def csv_safe(value):
    """A cell that spreadsheets show as text: strings that could run as formulas get a leading apostrophe."""
    if not isinstance(value, str) or not value:
        return value
    if value.startswith(CONTROL_STARTS) or value.lstrip(" ").startswith(FORMULA_TRIGGERS):
        return f"'{value}"
    return value


CSV_LINES_PER_WRITE = 500  # a piece of ~50 kB: one socket write per piece, not per line


def _pieces(rows: Iterable[list]) -> Iterator[str]:
    """The CSV text of `rows`, CSV_LINES_PER_WRITE lines at a time."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    rows = iter(rows)
    while piece := list(itertools.islice(rows, CSV_LINES_PER_WRITE)):
        writer.writerows(piece)
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()


def streamed_csv(rows: Iterable[list], *, filename: str) -> StreamingHttpResponse:
    """A CSV download written out as `rows` come, so that a long export never sits whole in memory."""
    response = StreamingHttpResponse(_pieces(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# Numbers no URL contains otherwise, one per argument: reverse once per URL name, then put each pk in its place
# (reverse() is ~0.1 ms, and a busy scan or a bulk publish builds ten thousand links).
_PK_SLOTS = tuple(str(7**22 + position) for position in range(3))


@cache
def _url_template(name: str, arguments: int, script_prefix: str) -> str:
    # reverse() starts the URL with the script prefix in force: one template per prefix (a site served under a
    # path has "/" outside requests, in tasks, and its path inside them).
    return reverse(name, args=_PK_SLOTS[:arguments])


def pk_url(name: str, *pks: int) -> str:
    """`reverse(name, args=[*pks])`, for URL names whose arguments are all pks (none up to three; templates:
    `{% load links %}`, `{% pk_url name pk %}`)."""
    url = _url_template(name, len(pks), get_script_prefix())
    for slot, pk in zip(_PK_SLOTS[: len(pks)], pks, strict=True):
        url = url.replace(slot, str(pk))
    return url

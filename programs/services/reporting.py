"""Reporting lines a coordinator imports for a program (from an HR export: who reports to whom). Where a person is
on the list, matching takes their manager from it; otherwise from their profile. The program's options say whether
a mentee's management chain and their peers are kept apart from them (a line manager always is)."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from programs.models import Program, ReportingLine

from .importing import InvalidList, RowError, read_csv

ALIASES = {
    "email": "email", "e-mail": "email", "email address": "email", "person": "email", "employee": "email",
    "manager": "manager_email", "manager email": "manager_email", "manager e-mail": "manager_email",
    "manager_email": "manager_email", "reports to": "manager_email",
}  # fmt: skip


MAX_LINES = 100_000  # a whole organisation's HR export


@dataclass(frozen=True)
class Line:
    line: int
    email: str
    manager_email: str


def _address(value: str) -> str | None:
    value = value.strip().lower()
    try:
        validate_email(value)
    except ValidationError:
        return None
    return value


def parse_reporting_lines(data: bytes) -> list[Line]:
    """The file's lines, each checked: two valid addresses, not one's own manager, one manager per person, and no
    loop (a manages b manages a). Any error refuses the whole file, each at its line."""
    records, errors = read_csv(
        data, aliases=ALIASES, required=("email", "manager_email"), columns="email, manager", max_rows=MAX_LINES
    )
    lines: dict[str, Line] = {}
    for number, record in records:
        email, manager = _address(record["email"]), _address(record["manager_email"])
        if email is None or manager is None:
            bad = record["email"] if email is None else record["manager_email"]
            errors.append(RowError(number, f"“{bad.strip()}” is not a valid e-mail address."))
        elif email == manager:
            errors.append(RowError(number, f"{email} is named as their own manager."))
        elif email in lines and lines[email].manager_email != manager:
            errors.append(RowError(number, f"{email} already has a manager, on line {lines[email].line}."))
        else:
            lines.setdefault(email, Line(number, email, manager))
    if not errors:
        errors = _loops(lines)
    if not lines and not errors:
        errors.append(RowError(2, "the file has a header but no reporting lines."))
    if errors:
        raise InvalidList(sorted(errors, key=lambda e: e.line))
    return list(lines.values())


def _loops(lines: dict[str, Line]) -> list[RowError]:
    """A loop in the reporting lines, reported once at the line where it closes."""
    done: set[str] = set()
    for start in lines:
        path: list[str] = []
        person = start
        while person in lines and person not in done and person not in path:
            path.append(person)
            person = lines[person].manager_email
        if person in path:
            loop = path[path.index(person) :] + [person]
            return [RowError(lines[loop[-2]].line, f"these reporting lines go round in a loop: {' → '.join(loop)}.")]
        done.update(path)
    return []


@transaction.atomic
def import_reporting_lines(*, program: Program, lines: list[Line]) -> int:
    """Replace the program's imported reporting lines with these; returns how many there are now."""
    ReportingLine.objects.filter(program=program).delete()
    now = timezone.now()
    ReportingLine.objects.bulk_create(
        ReportingLine(program=program, email=line.email, manager_email=line.manager_email, imported_at=now)
        for line in lines
    )
    program.matching_changed()
    return len(lines)


@transaction.atomic
def clear_reporting_lines(*, program: Program) -> int:
    """Forget the imported lines: managers come from people's profiles again. Returns how many went."""
    removed, _ = ReportingLine.objects.filter(program=program).delete()
    program.matching_changed()
    return removed

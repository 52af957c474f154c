"""Reading invitation lists: a pasted list of addresses or a CSV file (email, role, first name, last name).

Parsing only: every row is checked on its own and errors carry their line numbers; what the rows
mean for the database (duplicates, people already enrolled) is decided in
invitations.invite_people.
"""

import csv
import io
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from programs.models import Role

MAX_ROWS = 10_000
ROLE_ALIASES = {"mentor": Role.MENTOR, "mentors": Role.MENTOR, "mentee": Role.MENTEE, "mentees": Role.MENTEE}
HEADER_ALIASES = {
    "email": "email",
    "e-mail": "email",
    "email address": "email",
    "role": "role",
    "first name": "first_name",
    "first_name": "first_name",
    "firstname": "first_name",
    "last name": "last_name",
    "last_name": "last_name",
    "lastname": "last_name",
}


FIELDS = ("email", "role", "first_name", "last_name")


@dataclass(frozen=True)
class Row:
    line: int
    email: str
    role: str
    first_name: str = ""
    last_name: str = ""


@dataclass(frozen=True)
class RowError:
    line: int
    message: str

    def __str__(self):
        return f"Line {self.line}: {self.message}"


class InvalidList(Exception):
    """The list could not be read at all, or some rows are invalid: nothing is imported."""

    def __init__(self, errors: list[RowError]):
        super().__init__("; ".join(str(e) for e in errors[:5]))
        self.errors = errors


def _check(line: int, email: str, role: str, first: str, last: str, errors: list[RowError]) -> Row | None:
    email = email.strip().lower()
    role_value = ROLE_ALIASES.get(role.strip().lower())
    problems = []
    if not email:
        problems.append("the e-mail address is missing")
    else:
        try:
            validate_email(email)
        except ValidationError:
            problems.append(f"“{email}” is not a valid e-mail address")
    if role_value is None:
        problems.append(
            f"the role must be mentor or mentee, not “{role.strip()}”" if role.strip() else "the role is missing"
        )
    if len(first) > 150 or len(last) > 150:
        problems.append("names are limited to 150 characters")
    if problems:
        errors.append(RowError(line, "; ".join(problems) + "."))
        return None
    return Row(line=line, email=email, role=role_value, first_name=first.strip(), last_name=last.strip())


def _columns(n: int) -> str:
    return f"{n} column{'' if n == 1 else 's'}"


def parse_pasted(text: str, *, role: str) -> list[Row]:
    """One address per line (commas and semicolons also separate); every address gets `role`."""
    rows, errors = [], []
    for number, line in enumerate(text.splitlines(), start=1):
        for part in line.replace(";", ",").split(","):
            if part.strip():
                row = _check(number, part, role, "", "", errors)
                if row:
                    rows.append(row)
    if not rows and not errors:
        errors.append(RowError(1, "the list is empty."))
    if errors:
        raise InvalidList(errors)
    return rows


def read_csv(
    data: bytes, *, aliases: dict[str, str], required: tuple[str, ...], columns: str, max_rows: int = MAX_ROWS
) -> tuple[list, list]:
    """The records of a CSV file whose header names at least the `required` columns (header words mapped through
    `aliases`): ([(line, {column: value})], [RowError]). `columns` names them for the person fixing the header.

    Every row has as many fields as the header, and a field never spans lines: either is an error, because a quote
    left open swallows the rows after it into one person's name. A file that cannot be read at all raises
    InvalidList.
    """
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidList([RowError(1, "the file is not UTF-8 text; save it as “CSV UTF-8” and try again.")]) from None
    if "\x00" in text:
        raise InvalidList([RowError(1, "this is not a CSV file.")])
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    # Strict: a quote left open at the end of the file, or text after a closing quote, is an error, not a guess.
    reader = csv.reader(io.StringIO(text), dialect, strict=True)
    try:
        header = next(reader)
    except (StopIteration, csv.Error):
        raise InvalidList([RowError(1, "the file is empty.")]) from None
    names = [aliases.get(h.strip().lower()) for h in header]
    if any(name not in names for name in required):
        raise InvalidList([RowError(1, f"the first line must name the columns: {columns}.")])
    index = {name: names.index(name) for name in set(names) - {None}}
    records, errors = [], []
    end = reader.line_num  # the last line read: a record starts on the line after
    try:
        for values in reader:
            line, end = end + 1, reader.line_num
            if end > line:
                # Only a quoted field holds a line break: in a list of people it is a quote left open.
                errors.append(RowError(line, f"a quoted field runs on to line {end}: is a closing quote missing?"))
                continue
            if not any(v.strip() for v in values):
                continue
            if len(records) + len(errors) >= max_rows:
                errors.append(RowError(line, f"a list holds at most {max_rows:,} people; split the file."))
                break
            if len(values) != len(header):
                errors.append(RowError(line, f"{_columns(len(values))} where the header has {len(header)}."))
                continue
            records.append((line, {name: values[i] for name, i in index.items()}))
    except csv.Error as exc:
        unclosed = "unexpected end of data" in str(exc)
        message = "a quote opened on this line is never closed." if unclosed else f"this line cannot be read ({exc})."
        errors.append(RowError(end + 1, message))
    return records, errors


def parse_csv(data: bytes) -> list[Row]:
    """A CSV with a header row naming at least `email` and `role`; first and last name are optional."""
    records, errors = read_csv(
        data, aliases=HEADER_ALIASES, required=("email", "role"), columns="email, role, first name, last name"
    )
    rows = []
    for line, record in records:
        row = _check(line, *(record.get(name, "") for name in FIELDS), errors)
        if row:
            rows.append(row)
    if not rows and not errors:
        errors.append(RowError(2, "the file has a header but no people."))
    if errors:
        raise InvalidList(sorted(errors, key=lambda e: e.line))
    return rows

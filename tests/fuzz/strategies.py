"""Hostile values for every kind of form field, as the strings (or files) a browser would post.

Each field gets a mix of plausible values for its type (so that some posts get past validation and reach the
service and the database), values no browser would send (wrong types, extreme numbers, impossible dates and time
zones) and text that attacks whatever shows it later (HTML/JS payloads, NUL bytes, huge strings, odd unicode).
"""

from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import strategies as st

# What must never appear unescaped in a page: each payload below carries one of these markers.
MARKERS = ("<script>alert(", "<img src=x onerror=", "<svg/onload=", 'href="javascript:', "<iframe srcdoc=")

PAYLOADS = (
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'><svg/onload=alert(1)>",
    "javascript:alert(1)",
    "<iframe srcdoc=x></iframe>",
    "{{ request.user.password }}{% debug %}",
    "=cmd|' /C calc'!A0",
    "\x00",
    "a\x00b",
    "\u202eevil\u202c",
    "\ufeff\u200b\u200d",
    "🧑‍🏫👩🏽‍💻",
    "Ωmega ñ 漢字 عربى",
    " ",
    "\r\n\t",
    "%00%0d%0a",
    "../../etc/passwd",
    "' OR 1=1 --",
    "null",
    "None",
    "[]",
    "{}",
)
MISSING = object()  # the field is left out of the post altogether

safe_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)  # lone surrogates cannot be sent
payload = st.sampled_from(PAYLOADS)
huge = st.builds(lambda char, size: char * size, st.sampled_from("x<é\x00 🧑"), st.integers(1_000, 60_000))
hostile_text = st.one_of(
    payload,
    safe_text,
    huge,
    st.tuples(safe_text, payload, safe_text).map("".join),
)

NUMBERS = (
    "0",
    "-1",
    "1",
    "2",
    "7",
    "-0",
    "1e309",
    "-1e309",
    "NaN",
    "Infinity",
    "0x10",
    "1_000",
    "٣",
    "²",
    "1.5",
    "3,5",
    "99999999999999999999999999",
    "-9223372036854775809",
    "2147483648",
    "1e-400",
)
numbers = st.one_of(
    st.sampled_from(NUMBERS),
    st.integers().map(str),
    st.integers(-5, 200).map(str),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
)

DATES = (
    "0001-01-01",
    "9999-12-31",
    "10000-01-01",
    "2026-02-30",
    "2026-13-01",
    "2025-02-29",
    "0000-00-00",
    "2026-1-1",
    "1970-01-01",
    "31/12/2026",
    "tomorrow",
)
dates = st.one_of(
    st.sampled_from(DATES),
    st.dates().map(lambda day: day.isoformat()),
    st.dates().map(lambda day: day.strftime("%d/%m/%Y")),
)
TIMES = ("00:00", "23:59", "24:00", "25:61", "02:30", "01:30", "12:00:60", "-1:00")
# 02:30 on the day clocks go forward does not exist in Europe; 01:30 on the day they go back happens twice.
DATETIMES = (
    "2027-03-28T02:30",
    "2026-10-25T01:30",
    "2027-03-14T02:30",
    "9999-12-31T23:59",
    "0001-01-01T00:00",
    "2026-12-31T23:59+25:00",
    "2026-12-31T23:59Z",
    "2026-12-31 23:59:59.999999",
    "2026-06-31T10:00",
    "1e9",
)
datetimes = st.one_of(
    st.sampled_from(DATETIMES),
    st.tuples(dates, st.sampled_from(TIMES)).map("T".join),
    st.datetimes().map(lambda moment: moment.strftime("%Y-%m-%dT%H:%M")),
)
TIME_ZONES = (
    "Mars/Olympus_Mons",
    "UTC+25",
    "Etc/GMT+99",
    "",
    "Europe/London",
    "America/St_Johns",
    "Pacific/Kiritimati",
)
emails = st.one_of(
    st.emails().map(str),
    st.sampled_from(("a@b", "@example.org", "x@example.org\x00", "x@[127.0.0.1]", 'x"><svg/onload=alert(1)>@e.org')),
    st.tuples(safe_text, st.sampled_from(("@example.org", "@ex\u0430mple.org"))).map("".join),
)
urls = st.one_of(
    st.sampled_from(("javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "https://example.org/x")),
    st.from_regex(r"\Ahttps?://[a-z]{1,10}\.[a-z]{2,3}/[^\s\x00]{0,20}\Z"),
)


def upload():
    """A file as a browser sends it: hostile names, bytes that are not text, CSV with formula cells and payloads."""
    csv_rows = st.lists(
        st.tuples(emails, st.sampled_from(("mentee", "mentor", "admin", "")), hostile_text).map(",".join),
        max_size=5,
    ).map(lambda rows: "\n".join(rows).encode("utf-8", "surrogatepass"))
    return st.builds(
        lambda name, body: SimpleUploadedFile(name, body, content_type="text/csv"),
        st.sampled_from(("people.csv", "<script>alert(1)</script>.csv", "a\x00.csv", "x" * 300 + ".csv")),
        st.one_of(st.binary(max_size=2_000), csv_rows, st.just(b'a@x.org,mentee,"Unclosed,Name\nb@x.org,mentee,B\n')),
    )


def choice_values(field) -> list[str]:
    values = []
    for value, label in getattr(field, "choices", ()):
        if isinstance(label, (list, tuple)):  # an optgroup
            values.extend(str(inner) for inner, _ in label)
        else:
            values.append(str(value))
    return [value for value in values if value != ""] or ["1"]


def pks(field) -> list[str]:
    """Primary keys the field's queryset offers (everyone's rows: the view must scope them), at most 20."""
    return [str(pk) for pk in field.queryset.order_by("pk").values_list("pk", flat=True)[:20]] or ["1"]


def for_field(field) -> st.SearchStrategy:
    """What may be posted for one form field: plausible for its type, or hostile, or nothing at all."""
    if isinstance(field, forms.FileField):
        return st.one_of(upload(), st.just(""), st.just(MISSING))
    if isinstance(field, forms.ModelMultipleChoiceField):
        plausible = st.lists(st.sampled_from(pks(field)), max_size=4)
    elif isinstance(field, forms.ModelChoiceField):
        plausible = st.sampled_from(pks(field))
    elif isinstance(field, forms.MultipleChoiceField):
        plausible = st.lists(st.sampled_from(choice_values(field)), max_size=4)
    elif isinstance(field, forms.ChoiceField):
        plausible = st.sampled_from(choice_values(field) + list(TIME_ZONES))
    elif isinstance(field, forms.BooleanField | forms.NullBooleanField):
        plausible = st.sampled_from(("on", "true", "false", "", "2", "unknown"))
    elif isinstance(field, forms.IntegerField | forms.FloatField | forms.DecimalField):
        plausible = numbers
    elif isinstance(field, forms.DateTimeField):
        plausible = datetimes
    elif isinstance(field, forms.DateField):
        plausible = dates
    elif isinstance(field, forms.TimeField):
        plausible = st.sampled_from(TIMES)
    elif isinstance(field, forms.EmailField):
        plausible = emails
    elif isinstance(field, forms.URLField):
        plausible = urls
    elif isinstance(field, forms.JSONField):
        plausible = st.sampled_from(('{"a": 1}', "[1e309]", "nul", '"\\u0000"', "[" * 5000))
    else:
        plausible = safe_text
    wrong = st.one_of(hostile_text, numbers, st.lists(hostile_text, min_size=2, max_size=3))
    return st.one_of(plausible, plausible, wrong, st.just(MISSING))


def for_fields(fields: dict, overrides: dict | None = None) -> st.SearchStrategy:
    """A whole post: one drawn value per field, with `overrides` (name: strategy) replacing or adding fields."""
    strategies = {name: for_field(field) for name, field in fields.items()}
    strategies.update(overrides or {})
    return st.fixed_dictionaries(strategies).map(
        lambda post: {name: value for name, value in post.items() if value is not MISSING}
    )

import pytest

from programs.models import Role
from programs.services.importing import InvalidList, parse_csv, parse_pasted
from tests.programs.conftest import csv_bytes


def test_it_reads_a_csv_with_names_and_normalises_addresses():
    rows = parse_csv(csv_bytes("email,role,first name,last name", "Ada@Example.org,Mentor,Ada,Okafor"))
    assert [(r.line, r.email, r.role, r.first_name, r.last_name) for r in rows] == [
        (2, "ada@example.org", Role.MENTOR, "Ada", "Okafor")
    ]


def test_it_accepts_semicolons_a_bom_and_columns_in_any_order():
    data = "\ufeffRole;E-mail\nmentee;bo@example.org\n".encode()
    assert [(r.email, r.role) for r in parse_csv(data)] == [("bo@example.org", Role.MENTEE)]


def test_it_reports_every_bad_row_with_its_line_number():
    with pytest.raises(InvalidList) as caught:
        parse_csv(
            csv_bytes(
                "email,role,first name,last name",
                "good@example.org,mentee,A,B",
                "not-an-address,mentee,,",
                "x@example.org,boss,,",
                ",,,",
                "y@example.org,mentor,,,extra",
            )
        )
    assert [(e.line, e.message.split(" ")[0]) for e in caught.value.errors] == [
        (3, "“not-an-address”"),
        (4, "the"),
        (6, "5"),
    ]


def test_it_refuses_a_file_without_the_right_header():
    with pytest.raises(InvalidList) as caught:
        parse_csv(csv_bytes("name,phone", "Ada,123"))
    assert caught.value.errors[0].line == 1


@pytest.mark.parametrize(
    "data",
    [b"", b"\x89PNG\r\n\x1a\n\x00\x00\x00", b"email,role\n", "é".encode("latin-1")],
    ids=["empty", "binary", "header-only", "not-utf8"],
)
def test_it_explains_a_malformed_file(data):
    with pytest.raises(InvalidList) as caught:
        parse_csv(data)
    assert caught.value.errors and str(caught.value.errors[0]).startswith("Line ")


def test_a_pasted_list_takes_commas_and_lines():
    rows = parse_pasted("a@example.org, b@example.org\n\nc@example.org;", role=Role.MENTOR)
    assert [(r.line, r.email) for r in rows] == [(1, "a@example.org"), (1, "b@example.org"), (3, "c@example.org")]
    assert {r.role for r in rows} == {Role.MENTOR}


def test_a_pasted_list_with_a_bad_address_is_refused():
    with pytest.raises(InvalidList) as caught:
        parse_pasted("a@example.org\nnope", role=Role.MENTEE)
    assert [e.line for e in caught.value.errors] == [2]


def test_an_unclosed_quote_is_an_error_at_its_line_and_nothing_is_read():
    data = csv_bytes(
        "email,role,first name,last name",
        'a@example.org,mentee,"Unclosed,Name',
        "b@example.org,mentee,Bo,Berg",
        "c@example.org,mentor,Cy,Carr",
    )
    with pytest.raises(InvalidList) as caught:
        parse_csv(data)
    assert [e.line for e in caught.value.errors] == [2]
    assert "quote" in caught.value.errors[0].message


def test_a_quoted_field_that_spans_lines_is_an_error_with_its_line_numbers():
    data = csv_bytes(
        "email,role,first name,last name",
        "a@example.org,mentee,A,A",
        'b@example.org,mentee,"Two',
        'lines",B',
        "c@example.org,mentor,C,C",
    )
    with pytest.raises(InvalidList) as caught:
        parse_csv(data)
    assert [str(e) for e in caught.value.errors] == [
        "Line 3: a quoted field runs on to line 4: is a closing quote missing?"
    ]


def test_a_row_with_too_few_columns_is_an_error():
    with pytest.raises(InvalidList) as caught:
        parse_csv(csv_bytes("email,role,first name,last name", "a@example.org,mentee", "b@example.org,mentee,B,B"))
    assert [str(e) for e in caught.value.errors] == ["Line 2: 2 columns where the header has 4."]


def test_a_quote_left_open_on_the_last_line_is_an_error_too():
    data = b'email,role,first name\na@example.org,mentee,A\nb@example.org,mentee,"Open'
    with pytest.raises(InvalidList) as caught:
        parse_csv(data)
    assert [str(e) for e in caught.value.errors] == ["Line 3: a quote opened on this line is never closed."]

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

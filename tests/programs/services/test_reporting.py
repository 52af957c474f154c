import pytest

from programs.models import ReportingLine
from programs.services.importing import InvalidList
from programs.services.reporting import clear_reporting_lines, import_reporting_lines, parse_reporting_lines
from tests.programs.conftest import csv_bytes

pytestmark = pytest.mark.django_db


def test_an_hr_export_becomes_the_programs_reporting_lines_replacing_the_last_one(program):
    lines = parse_reporting_lines(
        csv_bytes("Email,Manager", "Ada@Example.org,ben@example.org", "ben@example.org,c@x.org")
    )
    assert [(line.email, line.manager_email) for line in lines] == [
        ("ada@example.org", "ben@example.org"),
        ("ben@example.org", "c@x.org"),
    ]
    assert import_reporting_lines(program=program, lines=lines) == 2
    assert import_reporting_lines(program=program, lines=lines[:1]) == 1
    assert ReportingLine.objects.filter(program=program).count() == 1
    assert clear_reporting_lines(program=program) == 1


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        (["email,manager", "a@x.org,not an address"], "Line 2: “not an address” is not a valid e-mail address."),
        (["email,manager", "a@x.org,a@x.org"], "Line 2: a@x.org is named as their own manager."),
        (["email,manager", "a@x.org,b@x.org", "a@x.org,c@x.org"], "Line 3: a@x.org already has a manager, on line 2."),
        (["email,manager", "a@x.org,b@x.org", "b@x.org,c@x.org", "c@x.org,a@x.org"],
         "Line 4: these reporting lines go round in a loop: a@x.org → b@x.org → c@x.org → a@x.org."),
        (["person,boss", "a@x.org,b@x.org"], "Line 1: the first line must name the columns: email, manager."),
        (["email,manager"], "Line 2: the file has a header but no reporting lines."),
    ],
)  # fmt: skip
def test_a_wrong_line_refuses_the_whole_file_at_its_line(lines, message):
    with pytest.raises(InvalidList) as refused:
        parse_reporting_lines(csv_bytes(*lines))
    assert [str(error) for error in refused.value.errors] == [message]

import pytest

from mentoring.web import csv_safe, person_name


@pytest.mark.parametrize(
    "cell",
    ["=1+1", "+1", "-1", "@SUM(A1)", "|calc", "%0A", " =1+1", "  @x", "\t=1", "\rcmd", "\nx", "\tplain"],
)
def test_csv_safe_quotes_every_formula_trigger(cell):
    assert csv_safe(cell) == f"'{cell}"


@pytest.mark.parametrize("cell", ["Ada Lovelace", "ada@example.org", "", "1+1", "a=b", 42, None])
def test_csv_safe_leaves_plain_cells_alone(cell):
    assert csv_safe(cell) == cell


def test_a_person_without_a_name_is_shown_by_the_local_part_of_their_email():
    assert person_name("Ada", "Lovelace", "ada@example.org") == "Ada Lovelace"
    assert person_name("", "", "ada@example.org") == "ada"
    assert person_name("Ada", "", "x@y") == "Ada"

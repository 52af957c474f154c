import pytest
from django.template import engines
from django.urls import reverse, set_script_prefix

from mentoring.web import csv_safe, person_name, pk_url


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


@pytest.mark.parametrize(
    ("name", "pks"),
    [("sessions:meeting_detail", [7]), ("sessions:goal_detail", [123456]), ("matching:mentor_profile", [3, 41])],
)
def test_pk_url_is_the_link_reverse_gives(name, pks):
    assert pk_url(name, *pks) == reverse(name, args=pks)


def test_pk_url_follows_the_script_prefix_of_a_site_served_under_a_path():
    try:
        set_script_prefix("/mentoring/")
        assert pk_url("sessions:meeting_detail", 7) == reverse("sessions:meeting_detail", args=[7])
        assert pk_url("sessions:meeting_detail", 7).startswith("/mentoring/")
    finally:
        set_script_prefix("/")
    assert pk_url("sessions:meeting_detail", 7) == reverse("sessions:meeting_detail", args=[7])


def test_the_pk_url_tag_writes_what_the_url_tag_writes():
    def render(source):
        return engines["django"].from_string(source).render({"cohort": 3, "mentor": 41})

    assert render("{% load links %}{% pk_url 'matching:mentor_profile' cohort mentor %}") == render(
        "{% url 'matching:mentor_profile' cohort mentor %}"
    )
    assert render("{% load links %}{% pk_url 'matching:mentor_profile' cohort mentor as link %}[{{ link }}]") == (
        f"[{reverse('matching:mentor_profile', args=[3, 41])}]"
    )

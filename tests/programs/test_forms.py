from datetime import date

import pytest

from programs.forms import BackToPeopleForm, CohortForm, EnrollmentFilterForm, OrientationCheckForm, ProgramForm

COHORT = {"name": "Spring", "starts_on": "2027-03-01", "ends_on": "2027-09-01"}


def test_a_cohort_inherits_the_agenda_deadline_and_confirmation_rule_unless_it_overrides_them(program):
    form = CohortForm(data={**COHORT, "confirm_bulk_matches": "unknown"}, program=program)
    assert form.is_valid(), form.errors
    cohort = form.save()
    assert (cohort.agenda_deadline_hours, cohort.confirm_bulk_matches) == (None, None)
    assert cohort.rule("confirm_bulk_matches") is program.confirm_bulk_matches

    form = CohortForm(
        data={**COHORT, "agenda_deadline_hours": "24", "confirm_bulk_matches": "false"},
        instance=cohort,
        program=program,
    )
    assert form.is_valid(), form.errors
    cohort = form.save()
    assert (cohort.rule("agenda_deadline_hours"), cohort.rule("confirm_bulk_matches")) == (24, False)
    assert cohort.starts_on == date(2027, 3, 1)


def test_the_cohort_form_says_what_the_program_decides_when_left_empty(program):
    form = CohortForm(program=program)
    assert "program's default: yes" in form.fields["confirm_bulk_matches"].help_text
    assert "As the program says" in form.as_p()


def test_a_program_sets_both_rules_for_its_cohorts(program):
    data = {field: getattr(program, field) for field in ProgramForm.Meta.fields if field != "confirm_bulk_matches"}
    form = ProgramForm(data={**data, "agenda_deadline_hours": "72"}, instance=program)
    assert form.is_valid(), form.errors
    program = form.save()
    assert (program.agenda_deadline_hours, program.confirm_bulk_matches) == (72, False)


@pytest.mark.parametrize(("data", "done"), [({"done": "1"}, True), ({"done": "0"}, False), ({}, False)])
def test_an_orientation_tick_is_a_one_and_anything_else_takes_it_back(data, done):
    form = OrientationCheckForm(data)
    assert form.is_valid() and form.cleaned_data["done"] is done


def test_the_filters_query_string_holds_what_the_filters_apply_and_nothing_else():
    assert EnrollmentFilterForm({"role": "mentor", "matched": "no", "x": "1"}).querystring(page=3) == (
        "role=mentor&matched=no&page=3"
    )
    assert EnrollmentFilterForm({"role": "boss"}).querystring() == ""


def test_the_way_back_to_the_people_list_is_bounded():
    assert BackToPeopleForm({"filters": "status=active&page=4"}).query() == "status=active&page=4"
    assert BackToPeopleForm({"filters": "role=mentor&" + "x" * BackToPeopleForm.MAX_LENGTH}).query() == ""
    assert BackToPeopleForm({"filters": "page=²"}).query() == ""


def test_the_program_form_takes_a_list_of_domains_and_names_what_is_not_one(db):
    data = {"name": "P", "matching_mode": "hybrid", "mentor_capacity": 2, "max_mentors_per_mentee": 3,
            "request_expiry_days": 7, "meeting_cadence_days": 14, "meeting_length_minutes": 45,
            "closing_prompt_days": 21, "agenda_deadline_hours": 48}  # fmt: skip
    form = ProgramForm({**data, "application_domains": "@Example.org\nstaff.example.org, example.org"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["application_domains"] == ["example.org", "staff.example.org"]
    form = ProgramForm({**data, "application_domains": "example.org\nnot a domain\nlocalhost"})
    assert form.errors["application_domains"] == [
        "“not a domain”, “localhost” are not domains: write them like example.org."
    ]

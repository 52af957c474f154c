"""The question kinds every questionnaire shares: the field each asks with, what it stores, how it reads back, and
how matching compares it."""

import pytest
from django import forms

from programs.kinds import QuestionKind, display, encoder, form_field, parse_choices, to_stored
from programs.models import Question
from tests.programs.factories import choices


def question(kind, *, required=False, labels=("Remote", "Office", "Hybrid")):
    has_choices = kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE)
    return Question(pk=1, kind=kind, text="Q?", required=required, choices=choices(*labels) if has_choices else [])


def clean(q, raw):
    form = forms.Form({"answer": raw} if raw is not None else {})
    form.fields["answer"] = form_field(q)
    assert form.is_valid(), form.errors
    return to_stored(q, form.cleaned_data["answer"])


def errors(q, raw) -> list[str]:
    form = forms.Form({"answer": raw})
    form.fields["answer"] = form_field(q)
    return [] if form.is_valid() else form.errors["answer"]


@pytest.mark.parametrize(
    ("kind", "raw", "stored", "words"),
    [
        (QuestionKind.SINGLE, "2", 2, "Office"),
        (QuestionKind.MULTIPLE, ["3", "1"], [1, 3], "Remote, Hybrid"),
        (QuestionKind.SCALE, "4", 4, "4 of 5"),
        (QuestionKind.NUMBER, "12.5", 12.5, "12.5"),
        (QuestionKind.TEXT, "  Paris ", "Paris", "Paris"),
        (QuestionKind.SINGLE, "", None, ""),
        (QuestionKind.MULTIPLE, [], None, ""),
    ],
)
def test_each_kind_stores_and_reads_back_an_answer(kind, raw, stored, words):
    q = question(kind)
    assert clean(q, raw) == stored
    assert display(q, stored) == words


@pytest.mark.parametrize(
    ("kind", "raw"),
    [(QuestionKind.SINGLE, "9"), (QuestionKind.SCALE, "6"), (QuestionKind.NUMBER, "lots"),
     (QuestionKind.NUMBER, "1e12"), (QuestionKind.TEXT, "x" * 201)],
)  # fmt: skip
def test_an_answer_out_of_range_is_refused(kind, raw):
    assert errors(question(kind), raw)


def test_a_required_question_left_empty_is_refused():
    assert errors(question(QuestionKind.MULTIPLE, required=True), []) == ["This field is required."]


def test_the_field_shows_the_stored_answer():
    assert form_field(question(QuestionKind.MULTIPLE), [1, 3]).initial == ["1", "3"]
    assert form_field(question(QuestionKind.SINGLE), 2).initial == 2


def test_matching_compares_choices_as_bitmasks_of_their_positions_and_numbers_as_numbers():
    assert encoder(question(QuestionKind.MULTIPLE))([1, 3]) == 0b101
    assert encoder(question(QuestionKind.SINGLE))(2) == 0b010
    assert encoder(question(QuestionKind.SINGLE))(99) is None  # a choice since removed
    assert encoder(question(QuestionKind.SCALE))(4) == 4.0
    assert encoder(question(QuestionKind.TEXT))("Paris") is None


def test_a_choice_list_is_one_per_line_without_duplicates():
    assert parse_choices("Remote\n\n office \n") == ["Remote", "office"]
    with pytest.raises(forms.ValidationError, match="“remote” is listed twice"):
        parse_choices("Remote\nremote")

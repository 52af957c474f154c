"""Question kinds, shared by every questionnaire of a program (its own questions today, its surveys later).

For each kind: the form field it is asked with, what a valid answer is, how an answer is stored (JSON: a choice id,
a list of choice ids, a number or a text) and how it reads back. A questionnaire's question model derives from
models.questions.QuestionBase, which has the fields read here (kind, text, help_text, choices, required); a survey
with a kind of its own (a 0-10 score) adds a KindSpec to KINDS.

    field = form_field(question)                 # a Django form field, initial value included
    stored = to_stored(question, cleaned)        # what an Answer keeps; None means "no answer"
    display(question, stored)                    # "Remote", "Python, SQL", "4 of 5", "12", "Paris"
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.db import models

SCALE = (1, 5)
RECOMMENDATION = (0, 10)  # a survey's "how likely are you to recommend" score
SCORE = "score"  # the kind of that question: surveys only, so not one of QuestionKind's choices
MAX_CHOICES = 40  # a choice answer is a bitmask in matching: 40 choices fit with room to spare
CHOICE_MAX_LENGTH = 80
TEXT_MAX_LENGTH = 200
NUMBER_LIMIT = 1e9


class QuestionKind(models.TextChoices):
    SINGLE = "single", "Single choice"
    MULTIPLE = "multiple", "Multiple choice"
    SCALE = "scale", "Scale from 1 to 5"
    NUMBER = "number", "Number"
    TEXT = "text", "Short text"


CHOICE_KINDS = frozenset({QuestionKind.SINGLE, QuestionKind.MULTIPLE})
NUMERIC_KINDS = frozenset({QuestionKind.SCALE, QuestionKind.NUMBER})


def choice_labels(question) -> dict[int, str]:
    """Choice id -> label, in the question's order."""
    return {choice["id"]: choice["label"] for choice in question.choices or ()}


def _finite(value: float) -> float:
    if not math.isfinite(value) or abs(value) > NUMBER_LIMIT:
        raise forms.ValidationError(f"Enter a number between -{NUMBER_LIMIT:,.0f} and {NUMBER_LIMIT:,.0f}.")
    return value


@dataclass(frozen=True)
class KindSpec:
    """What one kind of question does: its field (empty of answers), how a cleaned value is stored and read."""

    field: Callable[[object], forms.Field]
    store: Callable[[object, object], object]  # (question, cleaned value) -> JSON value, or None for "no answer"
    initial: Callable[[object, object], object]  # (question, stored value) -> the field's initial value
    read: Callable[[object, object], str]  # (question, stored value) -> words


def _single_field(question) -> forms.Field:
    choices = [(str(pk), label) for pk, label in choice_labels(question).items()]
    return forms.TypedChoiceField(choices=choices, coerce=int, widget=forms.RadioSelect, empty_value=None)


def _multiple_field(question) -> forms.Field:
    choices = [(str(pk), label) for pk, label in choice_labels(question).items()]
    return forms.TypedMultipleChoiceField(choices=choices, coerce=int, widget=forms.CheckboxSelectMultiple)


def _scale_field(question) -> forms.Field:
    low, high = SCALE
    choices = [(str(n), str(n)) for n in range(low, high + 1)]
    return forms.TypedChoiceField(
        choices=choices, coerce=int, widget=forms.RadioSelect(attrs={"class": "scale"}), empty_value=None
    )


def _score_field(question) -> forms.Field:
    low, high = RECOMMENDATION
    choices = [(str(n), str(n)) for n in range(low, high + 1)]
    return forms.TypedChoiceField(
        choices=choices,
        coerce=int,
        widget=forms.RadioSelect(attrs={"class": "scale"}),
        empty_value=None,
        error_messages={"invalid_choice": f"Choose a score from {low} to {high}."},
    )


def in_recommendation_range(value) -> bool:
    low, high = RECOMMENDATION
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high


def _number_field(question) -> forms.Field:
    return forms.FloatField(validators=[_finite], widget=forms.NumberInput(attrs={"step": "any"}))


def _text_field(question) -> forms.Field:
    return forms.CharField(max_length=TEXT_MAX_LENGTH)


def _choice_words(question, stored) -> str:
    labels = choice_labels(question)
    ids = stored if isinstance(stored, list) else [stored]
    return ", ".join(labels[pk] for pk in ids if pk in labels)


def _number_words(question, stored) -> str:
    return f"{stored:g}" if isinstance(stored, int | float) else ""


KINDS: dict[str, KindSpec] = {
    QuestionKind.SINGLE: KindSpec(
        field=_single_field,
        store=lambda q, value: value if value in choice_labels(q) else None,
        initial=lambda q, stored: stored,
        read=_choice_words,
    ),
    QuestionKind.MULTIPLE: KindSpec(
        field=_multiple_field,
        store=lambda q, value: [pk for pk in choice_labels(q) if pk in set(value or ())] or None,
        initial=lambda q, stored: [str(pk) for pk in stored or ()],
        read=_choice_words,
    ),
    QuestionKind.SCALE: KindSpec(
        field=_scale_field,
        store=lambda q, value: value,
        initial=lambda q, stored: stored,
        read=lambda q, stored: f"{stored} of {SCALE[1]}" if stored is not None else "",
    ),
    QuestionKind.NUMBER: KindSpec(
        field=_number_field,
        store=lambda q, value: value,
        initial=lambda q, stored: stored,
        read=_number_words,
    ),
    QuestionKind.TEXT: KindSpec(
        field=_text_field,
        store=lambda q, value: value.strip() or None,
        initial=lambda q, stored: stored,
        read=lambda q, stored: stored or "",
    ),
    SCORE: KindSpec(
        field=_score_field,
        store=lambda q, value: value if in_recommendation_range(value) else None,
        initial=lambda q, stored: stored,
        read=lambda q, stored: f"{stored} of {RECOMMENDATION[1]}" if stored is not None else "",
    ),
}


def form_field(question, stored=None) -> forms.Field:
    """The field that asks this question, showing the stored answer if there is one."""
    field = KINDS[question.kind].field(question)
    field.label = question.text
    field.help_text = question.help_text
    field.required = question.required
    if stored is not None:
        field.initial = KINDS[question.kind].initial(question, stored)
    return field


def to_stored(question, cleaned):
    """The JSON value an answer keeps for a cleaned field value, or None when it was left empty."""
    if cleaned in (None, "", []):
        return None
    return KINDS[question.kind].store(question, cleaned)


def display(question, stored) -> str:
    """An answer in words, as people read it back."""
    if stored is None:
        return ""
    return KINDS[question.kind].read(question, stored)


def encoder(question) -> Callable[[object], float | None]:
    """How matching compares this question's answers: a function of a stored answer giving, for a choice
    question, a bitmask of the chosen choices' positions in the question (bit i: the i-th choice), for a number or
    a scale, the number; None when there is nothing to compare (no answer, short text)."""
    if question.kind in CHOICE_KINDS:
        position = {pk: i for i, pk in enumerate(choice_labels(question))}

        def mask(stored) -> int | None:
            return sum(1 << position[pk] for pk in chosen_ids(stored) if pk in position) or None

        return mask
    if question.kind in NUMERIC_KINDS:
        return _number
    return lambda stored: None


def _number(stored) -> float | None:
    return float(stored) if isinstance(stored, int | float) and not isinstance(stored, bool) else None


def chosen_ids(stored) -> set[int]:
    """The choice ids a stored choice answer holds (nothing for other kinds)."""
    if isinstance(stored, list):
        return {pk for pk in stored if isinstance(pk, int)}
    return {stored} if isinstance(stored, int) and not isinstance(stored, bool) else set()


def parse_choices(text: str) -> list[str]:
    """The labels of a "one choice per line" box, in order, blank lines dropped; refuses duplicates, overlong
    labels and too many choices with a message that names them."""
    labels = [line.strip() for line in text.splitlines() if line.strip()]
    problems = []
    seen: dict[str, str] = {}
    for label in labels:
        if label.casefold() in seen:
            problems.append(f"“{label}” is listed twice.")
        seen.setdefault(label.casefold(), label)
        if len(label) > CHOICE_MAX_LENGTH:
            problems.append(f"“{label[:30]}…” is longer than {CHOICE_MAX_LENGTH} characters.")
    if len(labels) > MAX_CHOICES:
        problems.append(f"A question has at most {MAX_CHOICES} choices.")
    if problems:
        raise forms.ValidationError(problems)
    return labels

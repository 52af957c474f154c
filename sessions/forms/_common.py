"""What the sessions forms share: the crispy helper, a form's errors as one message, and how far ahead or back a
date may be."""

from datetime import date, datetime

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms

from sessions.models import PLANNING_REACH


def helper(label: str | None = None, *, form_tag: bool = True) -> FormHelper:
    crispy = FormHelper()
    crispy.form_tag = form_tag
    if label:
        crispy.add_input(Submit("submit", label))
    return crispy


def error_text(form: forms.BaseForm) -> str:
    """Every error of a refused form as one message, for the views that answer with a redirect."""
    return " ".join(message for errors in form.errors.values() for message in errors)


def within_reach(value: date | datetime, *, today: date | datetime, message: str, back: bool = False) -> None:
    """Refuse, with `message`, a date or time more than PLANNING_REACH after `today` (or, with `back`, before it)."""
    if value > today + PLANNING_REACH or (back and value < today - PLANNING_REACH):
        raise forms.ValidationError(message, code="too_far")

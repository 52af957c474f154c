"""Scheduling: one's availability, booking a free slot (once or as a series), a series' occurrence, and a topic
saved for the next meeting."""

from datetime import date

from django import forms
from django.utils import timezone

from mentoring.profiles.models import time_zone_choices
from sessions.forms._common import helper, within_reach
from sessions.forms.meetings import LocalDateTimeInput
from sessions.slots import format_windows


class AvailabilityForm(forms.Form):
    time_zone = forms.ChoiceField(
        label="Your time zone",
        error_messages={"invalid_choice": "“%(value)s” is not a time zone we know: choose one from the list."},
    )
    windows = forms.CharField(
        label="Weekly windows",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="One per line on your own clock, like “Mon 09:00-12:00”. They stay put when the clocks change.",
    )
    dates_off = forms.CharField(
        label="Dates off", required=False, widget=forms.Textarea(attrs={"rows": 2}), help_text="One date per line."
    )
    min_notice_hours = forms.IntegerField(label="Minimum notice (hours)", min_value=0, max_value=24 * 30)
    buffer_minutes = forms.IntegerField(label="Buffer between meetings (minutes)", min_value=0, max_value=240)
    max_per_week = forms.IntegerField(
        label="Mentoring meetings per week at most", min_value=1, max_value=40, required=False
    )

    def __init__(self, *args, availability=None, **kwargs):
        if availability is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "time_zone": availability.time_zone,
                "windows": format_windows(availability.windows),
                "dates_off": "\n".join(availability.dates_off),
                "min_notice_hours": availability.min_notice_hours,
                "buffer_minutes": availability.buffer_minutes,
                "max_per_week": availability.max_per_week,
            }
        super().__init__(*args, **kwargs)
        self.fields["time_zone"].choices = time_zone_choices()
        self.helper = helper("Save availability")

    def clean_dates_off(self) -> list[date]:
        dates = []
        for line in self.cleaned_data["dates_off"].split():
            try:
                dates.append(date.fromisoformat(line))
            except ValueError:
                raise forms.ValidationError(f"“{line}” is not a date: write it like 2027-01-31.") from None
        return dates


class BookingForm(forms.Form):
    starts_at = forms.DateTimeField(
        widget=forms.HiddenInput, error_messages={"required": "Choose a time.", "invalid": "Choose a time."}
    )
    repeat = forms.IntegerField(
        label="How many meetings",
        min_value=1,
        max_value=52,
        initial=1,
        help_text="1 for a single meeting; more for a series on your agreed cadence (it needs an end).",
        error_messages={"required": "Say how many meetings: a series needs an end."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["starts_at"].input_formats = ["%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%dT%H:%M%z", "%Y-%m-%dT%H:%M:%S"]
        self.helper = helper(form_tag=False)


class NextTopicForm(forms.Form):
    text = forms.CharField(
        label="For our next meeting", max_length=500, error_messages={"required": "Write the question or topic."}
    )
    is_question = forms.BooleanField(label="A question for the mentor", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = helper(form_tag=False)


class MoveFutureForm(forms.Form):
    """The new date and time of this occurrence; every later one of the series follows (the service's rule)."""

    starts_at = forms.DateTimeField(
        label="New date and time",
        widget=LocalDateTimeInput(),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        error_messages={"required": "Choose the new date and time.", "invalid": "Choose the new date and time."},
    )

    def clean_starts_at(self):
        starts_at = self.cleaned_data["starts_at"]
        within_reach(starts_at, today=timezone.now(), message="Choose a time within the next two years.")
        return starts_at

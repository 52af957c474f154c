"""Meetings and their agendas: scheduling, cancelling, the objective, items, comments and moves, the wrap-up."""

from django import forms
from django.utils import timezone

from matching.forms import MEETING_MINUTES, bound_integer
from programs.models import AgendaTemplate
from sessions.forms._common import helper, within_reach
from sessions.models import AgendaItem, Goal, Meeting


class LocalDateTimeInput(forms.DateTimeInput):
    """The browser's date-and-time picker; the value is read in the viewer's time zone (activated per request)."""

    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class MeetingForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["starts_at", "duration_minutes", "location"]
        widgets = {"starts_at": LocalDateTimeInput()}
        labels = {"starts_at": "Starts at", "duration_minutes": "Length (minutes)"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["starts_at"].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
        self.fields["starts_at"].help_text = f"Your local time ({timezone.get_current_timezone_name()})."
        bound_integer(self.fields["duration_minutes"], MEETING_MINUTES)
        self.fields["location"].help_text = "A room, a phone number or a video link."
        self.helper = helper("Save meeting")

    def clean_starts_at(self):
        starts_at = self.cleaned_data["starts_at"]
        now = timezone.now()
        if starts_at <= now:
            raise forms.ValidationError("Choose a time in the future.")
        within_reach(starts_at, today=now, message="Choose a time within the next two years.")
        return starts_at


class CancelMeetingForm(forms.Form):
    reason = forms.CharField(label="Reason (optional)", max_length=300, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = helper(form_tag=False)


class ObjectiveForm(forms.Form):
    objective = forms.CharField(
        label="Objective of this meeting",
        max_length=300,
        help_text="What do you want to leave this meeting with?",
        error_messages={"required": "Write the meeting's objective."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = helper(form_tag=False)


class AgendaItemForm(forms.Form):
    category = forms.ChoiceField(
        choices=AgendaItem.Category.choices,
        error_messages={"required": "Choose a category.", "invalid_choice": "Choose a category."},
    )
    text = forms.CharField(label="Item", max_length=500, error_messages={"required": "Write the item."})
    goal = forms.ModelChoiceField(queryset=Goal.objects.none(), required=False, label="About the goal (optional)")

    def __init__(self, *args, goals=None, **kwargs):
        super().__init__(*args, **kwargs)
        if goals is not None:
            self.fields["goal"].queryset = goals
        self.helper = helper(form_tag=False)


class AgendaTemplateChoiceForm(forms.Form):
    """ "Start from a template": one of the program's agenda templates."""

    template = forms.ModelChoiceField(
        queryset=AgendaTemplate.objects.none(),
        error_messages={"required": "Choose a template.", "invalid_choice": "Choose one of the program's templates."},
    )

    def __init__(self, *args, program_id=None, **kwargs):
        super().__init__(*args, **kwargs)
        if program_id is not None:
            self.fields["template"].queryset = AgendaTemplate.objects.filter(program_id=program_id)


class AgendaCommentForm(forms.Form):
    comment = forms.CharField(label="Your comment", max_length=2000, required=False)


class AgendaMoveForm(forms.Form):
    direction = forms.ChoiceField(
        choices=[("up", "Up"), ("down", "Down")],
        error_messages={"required": "Move an item up or down.", "invalid_choice": "Move an item up or down."},
    )


class MeetingPageForm(forms.Form):
    """The meeting page's switches (GET): `all` shows every note and action item, `done` every done agenda item
    of a long agenda. Anything else reads as off."""

    all = forms.BooleanField(required=False)
    done = forms.BooleanField(required=False)

    def switches(self) -> dict[str, bool]:
        self.is_valid()
        return {name: bool(self.cleaned_data.get(name)) for name in self.fields}


class WrapUpForm(forms.Form):
    """Mark the meeting held, with one check-in per goal the agenda touched."""

    def __init__(self, *args, goals=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.goals = list(goals)
        for goal in self.goals:
            self.fields[f"value_{goal.pk}"] = forms.DecimalField(
                label=f"{goal.title}: where are you now? ({goal.unit})",
                max_digits=12,
                decimal_places=2,
                required=False,
                help_text=f"Last recorded: {goal.current_value} {goal.unit}; target {goal.target}.",
            )
            self.fields[f"comment_{goal.pk}"] = forms.CharField(
                label=f"{goal.title}: comment", required=False, max_length=2000
            )
        self.helper = helper("Mark as held", form_tag=True)

    def check_ins(self) -> dict:
        return {
            goal.pk: (self.cleaned_data[f"value_{goal.pk}"], self.cleaned_data.get(f"comment_{goal.pk}", ""))
            for goal in self.goals
            if self.cleaned_data.get(f"value_{goal.pk}") is not None
        }

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils import timezone

from matching.forms import CADENCE_DAYS, MEETING_MINUTES, bound_integer
from sessions.models import AgendaItem, Agreement, ClosingAnswer, ClosingSurvey, Goal, Meeting, Note
from sessions.selectors.dashboard.pairs import FILTERS, SORTS
from sessions.services.goals import MISSING, smart_errors
from sessions.services.nudges import NUDGES


def _helper(label: str | None = None, *, form_tag: bool = True) -> FormHelper:
    helper = FormHelper()
    helper.form_tag = form_tag
    if label:
        helper.add_input(Submit("submit", label))
    return helper


class AgreementForm(forms.ModelForm):
    class Meta:
        model = Agreement
        fields = list(Agreement.TERMS)
        widgets = {
            "mentee_expects": forms.Textarea(attrs={"rows": 3}),
            "mentor_expects": forms.Textarea(attrs={"rows": 3}),
            "confidentiality": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "mentee_expects": "What help, how much preparation, how you like to receive feedback.",
            "mentor_expects": "Preparation before meetings, follow-through on action items, notice of cancellations.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bound_integer(self.fields["cadence_days"], CADENCE_DAYS)
        bound_integer(self.fields["length_minutes"], MEETING_MINUTES)
        self.helper = _helper("Save the agreement")


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
        self.helper = _helper("Save meeting")

    def clean_starts_at(self):
        starts_at = self.cleaned_data["starts_at"]
        if starts_at <= timezone.now():
            raise forms.ValidationError("Choose a time in the future.")
        return starts_at


class CancelMeetingForm(forms.Form):
    reason = forms.CharField(label="Reason (optional)", max_length=300, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(form_tag=False)


class ObjectiveForm(forms.Form):
    objective = forms.CharField(
        label="Objective of this meeting",
        max_length=300,
        help_text="What do you want to leave this meeting with?",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(form_tag=False)


class AgendaItemForm(forms.Form):
    category = forms.ChoiceField(choices=AgendaItem.Category.choices)
    text = forms.CharField(label="Item", max_length=500)
    goal = forms.ModelChoiceField(queryset=Goal.objects.none(), required=False, label="About the goal (optional)")

    def __init__(self, *args, goals=None, **kwargs):
        super().__init__(*args, **kwargs)
        if goals is not None:
            self.fields["goal"].queryset = goals
        self.helper = _helper(form_tag=False)


class AgendaCommentForm(forms.Form):
    comment = forms.CharField(label="Your comment", max_length=2000, required=False)


class NoteForm(forms.Form):
    body = forms.CharField(label="Note", widget=forms.Textarea(attrs={"rows": 4}))
    visibility = forms.ChoiceField(
        label="Who may read it",
        choices=Note.Visibility.choices,
        initial=Note.Visibility.PAIR,
        widget=forms.RadioSelect,
        help_text="Coordinators never see your notes unless you choose to raise one with them.",
    )
    meeting = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(form_tag=False)


class ActionItemForm(forms.Form):
    title = forms.CharField(label="What is to be done", max_length=300)
    owner = forms.TypedChoiceField(label="Who does it", coerce=int)
    due_on = forms.DateField(label="Due on", widget=forms.DateInput(attrs={"type": "date"}))
    meeting = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, mentorship=None, **kwargs):
        super().__init__(*args, **kwargs)
        if mentorship is not None:
            self.fields["owner"].choices = [
                (mentorship.mentee_id, f"{mentorship.mentee.display_name} (mentee)"),
                (mentorship.mentor_id, f"{mentorship.mentor.display_name} (mentor)"),
            ]
        self.helper = _helper(form_tag=False)

    def clean_due_on(self):
        due_on = self.cleaned_data["due_on"]
        if due_on < timezone.localdate():
            raise forms.ValidationError("Choose a due date from today on.", code="past")
        return due_on


class EndMentorshipForm(forms.Form):
    reason = forms.CharField(
        label="Why are you ending the mentorship?",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Your partner reads this: be kind and honest.",
    )
    thank_you_note = forms.CharField(
        label="A thank-you note (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Name something that helped: it means a lot.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper("End the mentorship")


class GoalForm(forms.ModelForm):
    """Every SMART part is required; a missing or wrong one is refused with a message on that part."""

    class Meta:
        model = Goal
        fields = [
            "enrollment",
            "mentorship",
            "title",
            "specific",
            "measure",
            "baseline",
            "target",
            "unit",
            "ambition",
            "relevance",
            "target_date",
        ]
        widgets = {
            "specific": forms.Textarea(attrs={"rows": 2}),
            "relevance": forms.Textarea(attrs={"rows": 2}),
            "ambition": forms.RadioSelect,
            "target_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        labels = {"enrollment": "Cohort", "mentorship": "The mentor who helps most (optional)"}
        help_texts = {
            "specific": "What exactly, in one or two sentences: “Lead the quarterly budget review on my own”.",
            "measure": "The number that shows progress: “budget reviews led”, “NPS score”, “hours a week”.",
            "baseline": "Your number today.",
            "target": "The number you aim for.",
            "relevance": "How this goal serves where you want your career to go.",
        }

    def __init__(self, *args, enrollments=None, mentorships=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enrollment"].queryset = enrollments
        self.fields["enrollment"].label_from_instance = lambda e: str(e.cohort)
        self.fields["mentorship"].queryset = mentorships
        self.fields["mentorship"].label_from_instance = lambda m: f"{m.mentor.display_name} ({m.cohort.name})"
        self.fields["ambition"].choices = Goal.Ambition.choices
        for name, field in self.fields.items():
            if name in MISSING:
                field.error_messages["required"] = MISSING[name]
        if self.instance.pk:
            self.fields["enrollment"].disabled = True
        self.helper = _helper("Save goal")

    def clean(self):
        cleaned = super().clean()
        enrollment = cleaned.get("enrollment")
        if enrollment is not None:
            for part, message in smart_errors(enrollment=enrollment, parts=cleaned).items():
                if part not in self.errors:
                    self.add_error(part, message)
        mentorship = cleaned.get("mentorship")
        if mentorship and enrollment and mentorship.cohort_id != enrollment.cohort_id:
            self.add_error("mentorship", "Choose a mentor from this goal's cohort.")
        return cleaned


class CheckInForm(forms.Form):
    value = forms.DecimalField(label="Where are you now?", max_digits=12, decimal_places=2)
    comment = forms.CharField(label="Comment (optional)", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, unit: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        if unit:
            self.fields["value"].help_text = f"In {unit}."
        self.helper = _helper(form_tag=False)


class GoalCommentForm(forms.Form):
    body = forms.CharField(label="Comment", widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(form_tag=False)


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
        self.helper = _helper("Mark as held", form_tag=True)

    def check_ins(self) -> dict:
        return {
            goal.pk: (self.cleaned_data[f"value_{goal.pk}"], self.cleaned_data.get(f"comment_{goal.pk}", ""))
            for goal in self.goals
            if self.cleaned_data.get(f"value_{goal.pk}") is not None
        }


class ClosingAnswerForm(forms.Form):
    choice = forms.ChoiceField(
        label="After the program, I would like to",
        choices=ClosingAnswer.Choice.choices,
        widget=forms.RadioSelect,
        help_text="Private: your partner learns your answer only if you both choose to continue.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper("Save my answer")


class ClosingSurveyForm(forms.Form):
    match_rating = forms.TypedChoiceField(
        label="How well did the match work?",
        choices=[(n, f"{n}{' (not at all)' if n == 1 else ' (very well)' if n == 5 else ''}") for n in range(1, 6)],
        coerce=int,
        widget=forms.RadioSelect,
    )
    helped_most = forms.ChoiceField(
        label="What helped most?", choices=ClosingSurvey.HelpedMost.choices, widget=forms.RadioSelect
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper("Send my answers")


class ThankYouNoteForm(forms.Form):
    body = forms.CharField(
        label="What helped",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Your partner receives this note. Name one thing they did that made a difference.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper("Send the thank-you note")


class PairFilterForm(forms.Form):
    """The dashboard's pair filters, read from the query string. Filters never refuse: a value that is not one of
    the choices falls back to its default."""

    health = forms.ChoiceField(choices=list(FILTERS.items()), required=False)
    q = forms.CharField(required=False)
    sort = forms.ChoiceField(choices=[(s, s) for key in SORTS for s in (key, f"-{key}")], required=False)

    def clean_q(self) -> str:
        return self.cleaned_data["q"][:100]

    def choices(self) -> dict:
        """health, query and sort for `filter_and_sort`."""
        self.is_valid()
        data = self.cleaned_data
        return {"health": data.get("health", ""), "query": data.get("q", ""), "sort": data.get("sort") or "health"}


class NudgeForm(forms.Form):
    template = forms.ChoiceField(choices=[(key, title) for key, (title, _) in NUDGES.items()])

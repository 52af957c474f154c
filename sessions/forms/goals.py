"""SMART goals, their check-ins and comments."""

from django import forms
from django.utils import timezone

from sessions.forms._common import helper, within_reach
from sessions.models import Goal
from sessions.services.goals import MISSING, smart_errors


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
        self.helper = helper("Save goal")

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

    def clean_target_date(self):
        target_date = self.cleaned_data["target_date"]
        if target_date != self.instance.target_date:  # an old goal keeps the date it was given
            message = "Time-bound: choose a date within two years of today."
            within_reach(target_date, today=timezone.localdate(), message=message, back=True)
        return target_date


class CheckInForm(forms.Form):
    value = forms.DecimalField(
        label="Where are you now?",
        max_digits=12,
        decimal_places=2,
        error_messages={"required": "Enter the value you have reached, as a number."},
    )
    comment = forms.CharField(label="Comment (optional)", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    on = forms.DateField(
        label="When (optional)",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Today if you leave it empty.",
    )

    def __init__(self, *args, unit: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        if unit:
            self.fields["value"].help_text = f"In {unit}."
        self.helper = helper(form_tag=False)

    def clean_on(self):
        on = self.cleaned_data["on"]
        if on is not None:
            today = timezone.localdate()
            if on > today:
                raise forms.ValidationError("A check-in records where you are: choose today or an earlier day.")
            within_reach(on, today=today, message="Choose a day within the last two years.", back=True)
        return on


class GoalCommentForm(forms.Form):
    body = forms.CharField(
        label="Comment", widget=forms.Textarea(attrs={"rows": 2}), error_messages={"required": "Write your comment."}
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = helper(form_tag=False)


class GoalStatusForm(forms.Form):
    """The mentee marks a goal achieved or dropped, or reopens it."""

    status = forms.ChoiceField(
        choices=[(status, status) for status in Goal.Status.values],
        error_messages={
            "required": "Choose achieved, dropped or reopen.",
            "invalid_choice": "Choose achieved, dropped or reopen.",
        },
    )

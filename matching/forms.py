from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator

from matching.engine import CRITERIA, Weights
from matching.engine.features import COORDINATOR_LABELS
from matching.models import BoardRole, MentorshipRequest, ProposedPair
from mentoring.profiles.models import Language

# Sensible limits for a meeting rhythm: anything outside them is a typo, not a plan.
CADENCE_DAYS = (1, 365)
MEETING_MINUTES = (5, 480)


def bound_integer(field: forms.IntegerField, limits: tuple[int, int]) -> None:
    """Limit a model form's integer field after construction. Setting `min_value` on a built field changes
    nothing (its validators and widget attributes are made in `__init__`), so both are replaced here."""
    low, high = limits
    field.min_value, field.max_value = low, high
    field.validators = [v for v in field.validators if not isinstance(v, MinValueValidator | MaxValueValidator)] + [
        MinValueValidator(low),
        MaxValueValidator(high),
    ]
    field.widget.attrs.update(min=low, max=high)


def _helper(label: str) -> FormHelper:
    helper = FormHelper()
    helper.add_input(Submit("submit", label))
    return helper


class RequestMentorForm(forms.ModelForm):
    """The mentee's plan: what help, why this mentor, how often and how long."""

    class Meta:
        model = MentorshipRequest
        fields = ["help_wanted", "why_this_mentor", "board_role", "proposed_cadence_days", "proposed_length_minutes"]
        widgets = {
            "help_wanted": forms.Textarea(attrs={"rows": 3}),
            "why_this_mentor": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {"board_role": "Seat on my board"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["board_role"].choices = [("", "Not decided yet"), *BoardRole.choices]
        bound_integer(self.fields["proposed_cadence_days"], CADENCE_DAYS)
        bound_integer(self.fields["proposed_length_minutes"], MEETING_MINUTES)
        self.helper = _helper("Send request")


class DeclineForm(forms.Form):
    message = forms.CharField(label="A kind word (optional)", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper("Decline")


class QuestionForm(forms.Form):
    question = forms.CharField(label="What do you need to know?", widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper("Ask")


class AnswerForm(forms.Form):
    answer = forms.CharField(label="Your answer", widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper("Send answer")


class BoardSeatForm(forms.Form):
    board_role = forms.ChoiceField(
        label="Seat on my board", choices=[("", "Not decided yet"), *BoardRole.choices], required=False
    )
    purpose = forms.CharField(label="What this mentor helps me with", max_length=300, required=False)


class MentorFilterForm(forms.Form):
    """The filters of Find a mentor (a GET form); a value that does not validate is left out of the filtering."""

    skill = forms.IntegerField(required=False, min_value=1)
    department = forms.CharField(required=False, max_length=200)
    language = forms.ChoiceField(choices=[("", "Any"), *Language.choices], required=False)
    available = forms.BooleanField(required=False)

    def filters(self) -> dict:
        self.is_valid()
        return self.cleaned_data


class SwapForm(forms.Form):
    """The two pairs of a run whose mentors the coordinator exchanges."""

    TWO = "Tick exactly two pairs to swap their mentors."

    pair = forms.ModelMultipleChoiceField(
        queryset=ProposedPair.objects.none(),
        error_messages={"required": TWO, "invalid_choice": TWO, "invalid_pk_value": TWO, "invalid_list": TWO},
    )

    def __init__(self, *args, run, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pair"].queryset = ProposedPair.objects.filter(run=run)

    def clean_pair(self):
        pairs = list(self.cleaned_data["pair"])
        if len(pairs) != 2:
            raise forms.ValidationError(self.TWO)
        return pairs


class MatchRunForm(forms.Form):
    """Options of a bulk-matching run."""

    min_score = forms.IntegerField(
        label="Minimum score (%)",
        min_value=0,
        max_value=100,
        initial=0,
        help_text="No pair scoring below this is proposed; its mentee is listed as unmatched.",
    )
    avoid_past_mentors = forms.BooleanField(
        label="Avoid re-pairing past mentors", required=False, initial=True,
        help_text="Never propose a mentor a mentee has already been paired with, in any cohort.",
    )  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper("Run matching")


class MatchingWeightsForm(forms.Form):
    """A program's per-criterion weights: relative importance, 0 to 10; the score divides by their sum."""

    cross_functional = forms.BooleanField(
        label="Prefer cross-functional pairs",
        required=False,
        help_text="Favour mentors from a different career track instead of the same one.",
    )

    def __init__(self, *args, program, **kwargs):
        current = Weights.from_dict(program.matching_weights, cross_functional=program.prefer_cross_functional)
        defaults = Weights()
        super().__init__(*args, initial={"cross_functional": current.cross_functional}, **kwargs)
        self.program = program
        for name in CRITERIA:
            self.fields[name] = forms.FloatField(
                label=COORDINATOR_LABELS[name],
                min_value=0,
                max_value=10,
                initial=round(getattr(current, name) * 100) / 10,
                help_text=f"Default {getattr(defaults, name) * 10:g}.",
            )
        self.order_fields([*CRITERIA, "cross_functional"])
        self.helper = _helper("Save weights")

    def clean(self):
        cleaned = super().clean()
        if all(cleaned.get(name) == 0 for name in CRITERIA):
            raise forms.ValidationError("At least one criterion needs a weight above zero.")
        return cleaned

    def save(self):
        self.program.matching_weights = {name: self.cleaned_data[name] / 10 for name in CRITERIA}
        self.program.prefer_cross_functional = self.cleaned_data["cross_functional"]
        self.program.save(update_fields=["matching_weights", "prefer_cross_functional"])
        return self.program


class OfferForm(forms.Form):
    message = forms.CharField(
        label="Why you offer (a few words)",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What you could help with and how you like to meet.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper("Send my offer")

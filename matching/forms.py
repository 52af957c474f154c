from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms

from matching.models import BoardRole, MentorshipRequest


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
        self.fields["proposed_cadence_days"].min_value = 1
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

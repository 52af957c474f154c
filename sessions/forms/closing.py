"""The end of a program: the private answer, the survey and the thank-you note."""

from django import forms

from sessions.forms._common import helper
from sessions.models import ClosingAnswer, ClosingSurvey


class ClosingAnswerForm(forms.Form):
    choice = forms.ChoiceField(
        label="After the program, I would like to",
        choices=ClosingAnswer.Choice.choices,
        widget=forms.RadioSelect,
        help_text="Private: your partner learns your answer only if you both choose to continue.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = helper("Save my answer")


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
        self.helper = helper("Send my answers")


class ThankYouNoteForm(forms.Form):
    body = forms.CharField(
        label="What helped",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Your partner receives this note. Name one thing they did that made a difference.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = helper("Send the thank-you note")

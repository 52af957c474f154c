"""The end of a program: the private answer, the survey and the thank-you note."""

from django import forms

from programs.kinds import form_field, to_stored
from programs.models import SurveyQuestion
from programs.models.surveys import closing_questions
from sessions.forms._common import helper
from sessions.models import ClosingAnswer


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


class CloseOutSurveyForm(forms.Form):
    """The cohort's close-out survey, its fields named by position (answer_1, ...). Without questions, it asks
    those every close-out survey starts with."""

    def __init__(self, *args, questions: list[SurveyQuestion] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions) if questions is not None else closing_questions()
        for n, question in enumerate(self.questions, start=1):
            self.fields[f"answer_{n}"] = form_field(question)
        self.helper = helper("Send my answers")

    def answers(self) -> dict[SurveyQuestion, object]:
        """Question -> the value to store (None: no answer)."""
        return {q: to_stored(q, self.cleaned_data.get(f"answer_{n}")) for n, q in enumerate(self.questions, start=1)}


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

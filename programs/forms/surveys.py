"""Forms of surveys: the coordinator's survey with its questions (a formset). People answer with AnswersForm."""

from crispy_forms.helper import FormHelper
from django import forms

from programs.forms.programs import DATE
from programs.kinds import QuestionKind, parse_choices
from programs.models import Survey
from programs.services.surveys import SurveyQuestionFields

QUESTION_ROWS = 4


def _embedded() -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    return helper


class SurveyForm(forms.ModelForm):
    """What a survey is, who answers it and when; its questions come from SurveyQuestionFormSet on the same page."""

    with_score = forms.BooleanField(
        label="Add the recommendation score (0 to 10)",
        required=False,
        help_text="“How likely are you to recommend this program to a colleague?”, reported as an average and a "
        "net score.",
    )

    class Meta:
        model = Survey
        fields = ["title", "intro", "audience", "trigger", "send_on"]
        widgets = {"send_on": DATE, "intro": forms.Textarea(attrs={"rows": 2})}
        help_texts = {
            "send_on": "Only for a survey on a date of the timeline: a day between the cohort's start and end."
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _embedded()


class SurveyQuestionForm(forms.Form):
    text = forms.CharField(label="Question", max_length=200, required=False)
    kind = forms.ChoiceField(choices=QuestionKind.choices, initial=QuestionKind.SCALE)
    choices_text = forms.CharField(
        label="Choices", required=False, widget=forms.Textarea(attrs={"rows": 2}), help_text="One per line."
    )
    required = forms.BooleanField(label="An answer is required", required=False)

    def clean_choices_text(self) -> list[str]:
        return parse_choices(self.cleaned_data["choices_text"])

    def fields_or_none(self) -> SurveyQuestionFields | None:
        data = self.cleaned_data
        if not data.get("text", "").strip():
            return None
        return SurveyQuestionFields(
            kind=data["kind"], text=data["text"], required=data["required"], choices=tuple(data["choices_text"])
        )


class BaseSurveyQuestionFormSet(forms.BaseFormSet):
    def questions(self) -> list[SurveyQuestionFields]:
        return [fields for form in self.forms if (fields := form.fields_or_none())]


SurveyQuestionFormSet = forms.formset_factory(
    SurveyQuestionForm, formset=BaseSurveyQuestionFormSet, extra=QUESTION_ROWS, max_num=20, validate_max=True
)

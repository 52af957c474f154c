"""Forms of a program's questions: the coordinator's question and rule forms, and a person's answers."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms

from programs.kinds import form_field, parse_choices, to_stored
from programs.models import MatchRule, Question
from programs.services.questions import QuestionFields


def _helper(label: str, *, form_tag: bool = True) -> FormHelper:
    helper = FormHelper()
    helper.form_tag = form_tag
    helper.disable_csrf = not form_tag  # the page's own form tag carries it
    if label:
        helper.add_input(Submit("save", label))
    return helper


class QuestionForm(forms.ModelForm):
    """A question's text, kind, audience and choices; the service (services.questions) saves it."""

    choices_text = forms.CharField(
        label="Choices",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="For a choice question: one choice per line.",
    )

    class Meta:
        model = Question
        fields = ["text", "help_text", "kind", "audience", "required"]
        labels = {"text": "Question", "help_text": "Hint (optional)", "audience": "Asked of",
                  "required": "An answer is required"}  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("choices_text", "\n".join(self.instance.labels) if self.instance.pk else "")
        self.order_fields(["text", "kind", "choices_text", "audience", "required", "help_text"])
        self.helper = _helper("Save question")

    def clean_choices_text(self) -> list[str]:
        return parse_choices(self.cleaned_data["choices_text"])

    def question_fields(self) -> QuestionFields:
        data = self.cleaned_data
        fields = {name: data[name] for name in ("kind", "text", "help_text", "audience", "required")}
        return QuestionFields(**fields, choices=tuple(data["choices_text"]))


class RuleForm(forms.ModelForm):
    """A matching rule: which questions, how their answers compare, and what it does to a pair."""

    class Meta:
        model = MatchRule
        fields = ["mentee_question", "mentor_question", "operator", "effect", "weight"]
        labels = {"mentee_question": "The mentee's answer to", "operator": "Compared as", "weight": "Weight (0 to 10)",
                  "mentor_question": "against the mentor's answer to", "effect": "What the rule does"}  # fmt: skip
        help_texts = {"weight": "For a rule that counts in the score; the profile criteria use the same scale."}

    def __init__(self, *args, program, **kwargs):
        super().__init__(*args, **kwargs)
        questions = Question.objects.filter(program=program).exclude(kind="text")
        self.fields["mentee_question"].queryset = questions.filter(audience__in=["mentees", "both"])
        self.fields["mentor_question"].queryset = questions.filter(audience__in=["mentors", "both"])
        self.fields["weight"].widget.attrs.update(min=0, max=10, step="any")
        self.helper = _helper("Add rule")


class MoveForm(forms.Form):
    """Which way a question moves in the list."""

    direction = forms.ChoiceField(choices=[("up", "Up"), ("down", "Down")])

    @property
    def up(self) -> bool:
        return self.cleaned_data["direction"] == "up"


class AnswersForm(forms.Form):
    """A person's answers to a program's questions, one field per question (named q<id>), showing what they answered
    before. Embeddable: it has no form tag or button of its own (the page around it has them)."""

    def __init__(self, *args, questions: list[Question], stored: dict[int, object], **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for question in self.questions:
            self.fields[f"q{question.pk}"] = form_field(question, stored.get(question.pk))
        self.helper = _helper("", form_tag=False)

    def answers(self) -> dict[Question, object]:
        """Question -> the value to store (None: no answer)."""
        return {q: to_stored(q, self.cleaned_data.get(f"q{q.pk}")) for q in self.questions}

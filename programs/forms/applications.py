"""Forms of the join page and of the coordinator's decisions on applications."""

from django import forms
from django.utils.dateformat import format as format_date

from programs.models import Application, Cohort, Role

from .questions import AnswersForm


class JoinRoleForm(forms.Form):
    """The role a person chose to apply in (a link's query string)."""

    role = forms.ChoiceField(choices=Role.choices, required=False)

    def chosen(self) -> str:
        return self.cleaned_data["role"] if self.is_valid() else ""


class JoinForm(AnswersForm):
    """An application: which cohort, a note, and the answers to the program's questions for the role."""

    cohort = forms.ModelChoiceField(queryset=Cohort.objects.none(), widget=forms.RadioSelect, empty_label=None)
    note = forms.CharField(
        label="What you hope to give or get",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="A few words for the coordinators (optional).",
    )

    def __init__(self, *args, cohorts: list[Cohort], **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["cohort"]
        field.queryset = Cohort.objects.filter(pk__in=[c.pk for c in cohorts]).order_by("starts_on")
        field.label_from_instance = lambda c: (
            f"{c.name}, {format_date(c.starts_on, 'j M Y')} to {format_date(c.ends_on, 'j M Y')}"
        )
        if len(cohorts) == 1:
            field.initial = cohorts[0].pk


class DecisionForm(forms.Form):
    """The coordinator's decision on one or several of a cohort's open applications, with a message to each."""

    TICK = "Tick the applications to decide on."

    applications = forms.ModelMultipleChoiceField(
        queryset=Application.objects.none(), error_messages={"required": TICK, "invalid_choice": TICK}
    )
    decision = forms.ChoiceField(choices=[("approve", "Approve"), ("decline", "Decline")])
    message = forms.CharField(required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, cohort: Cohort, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["applications"].queryset = cohort.applications.open()

    @property
    def approve(self) -> bool:
        return self.cleaned_data["decision"] == "approve"

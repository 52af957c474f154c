"""The pair's forms: the agreement, notes, action items, ending early, and the pair page's switch."""

from django import forms
from django.utils import timezone

from matching.forms import CADENCE_DAYS, MEETING_MINUTES, bound_integer
from sessions.forms._common import helper, within_reach
from sessions.models import Agreement, Note


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
        self.helper = helper("Save the agreement")


class NoteForm(forms.Form):
    body = forms.CharField(
        label="Note", widget=forms.Textarea(attrs={"rows": 4}), error_messages={"required": "Write the note."}
    )
    visibility = forms.ChoiceField(
        label="Who may read it",
        choices=Note.Visibility.choices,
        initial=Note.Visibility.PAIR,
        widget=forms.RadioSelect,
        help_text="Coordinators never see your notes unless you choose to raise one with them.",
        error_messages={"required": "Choose who may read it.", "invalid_choice": "Choose who may read it."},
    )
    meeting = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = helper(form_tag=False)


class ActionItemForm(forms.Form):
    title = forms.CharField(
        label="What is to be done", max_length=300, error_messages={"required": "Say what is to be done."}
    )
    owner = forms.TypedChoiceField(
        label="Who does it",
        coerce=int,
        error_messages={"required": "Choose who does it.", "invalid_choice": "Choose who does it."},
    )
    due_on = forms.DateField(
        label="Due on",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": "Choose a due date.", "invalid": "Choose a due date."},
    )
    meeting = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, mentorship=None, **kwargs):
        super().__init__(*args, **kwargs)
        if mentorship is not None:
            self.fields["owner"].choices = [
                (mentorship.mentee_id, f"{mentorship.mentee.display_name} (mentee)"),
                (mentorship.mentor_id, f"{mentorship.mentor.display_name} (mentor)"),
            ]
        self.helper = helper(form_tag=False)

    def clean_due_on(self):
        due_on = self.cleaned_data["due_on"]
        today = timezone.localdate()
        if due_on < today:
            raise forms.ValidationError("Choose a due date from today on.", code="past")
        within_reach(due_on, today=today, message="Choose a due date within the next two years.")
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
        self.helper = helper("End the mentorship")


class PairPageForm(forms.Form):
    """The pair page's switch (GET): `items=all` shows every open action item."""

    items = forms.ChoiceField(choices=[("all", "all")], required=False)

    def all_items(self) -> bool:
        return self.is_valid() and self.cleaned_data["items"] == "all"

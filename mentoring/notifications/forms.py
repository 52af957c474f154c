from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset, Layout, Submit
from django import forms

from .models import Kind, NotificationSettings, ReminderLead


class PreferencesForm(forms.ModelForm):
    email_kinds = forms.MultipleChoiceField(
        label="Send me an e-mail for",
        choices=Kind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Everything still appears in your notification centre.",
    )

    meeting_reminder_minutes = forms.TypedMultipleChoiceField(
        label="Remind me before each meeting",
        choices=ReminderLead.choices,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    digest_hour = forms.TypedChoiceField(
        label="Send the digest at", choices=[(h, f"{h:02d}:00") for h in range(24)], coerce=int
    )

    class Meta:
        model = NotificationSettings
        fields = ["meeting_reminder_minutes", "daily_digest", "digest_hour"]
        labels = {"daily_digest": "Send me one daily digest instead of separate e-mails"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email_kinds"].initial = [k for k in Kind.values if self.instance.wants_email(k)]
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Fieldset("E-mail", "email_kinds", "daily_digest", "digest_hour"),
            Fieldset("Meeting reminders", "meeting_reminder_minutes"),
            Submit("save", "Save preferences"),
        )

    def save(self, commit=True):
        chosen = set(self.cleaned_data["email_kinds"])
        self.instance.email_opt_out = [k for k in Kind.values if k not in chosen]
        return super().save(commit=commit)

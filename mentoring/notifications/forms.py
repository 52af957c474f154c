from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset, Layout, Submit
from django import forms

from .models import Kind, NotificationSettings, ReminderLead


class PreferencesForm(forms.ModelForm):
    # The digest is switched on and off by `daily_digest` alone: as a kind to tick it would only duplicate that.
    EMAIL_KINDS = [(value, label) for value, label in Kind.choices if value != Kind.DIGEST]

    email_kinds = forms.MultipleChoiceField(
        label="Send me an e-mail for",
        choices=EMAIL_KINDS,
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
        label="Send the digest at",
        choices=[(h, f"{h:02d}:00") for h in range(24)],
        coerce=int,
        help_text="Your local time; used only when you choose the daily digest.",
    )

    class Meta:
        model = NotificationSettings
        fields = ["meeting_reminder_minutes", "daily_digest", "digest_hour"]
        labels = {"daily_digest": "Send me one daily digest instead of separate e-mails"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # What the person chose, not what is e-mailed today: with the digest on, nothing else is e-mailed, and
        # reading that back as "all unticked" would opt them out of everything on the next save.
        opted_out = set(self.instance.email_opt_out)
        self.fields["email_kinds"].initial = [k for k, _ in self.EMAIL_KINDS if k not in opted_out]
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Fieldset("E-mail", "email_kinds", "daily_digest", "digest_hour"),
            Fieldset("Meeting reminders", "meeting_reminder_minutes"),
            Submit("save", "Save preferences"),
        )

    def save(self, commit=True):
        chosen = set(self.cleaned_data["email_kinds"])
        shown = {k for k, _ in self.EMAIL_KINDS}
        kept = set(self.instance.email_opt_out) - shown
        self.instance.email_opt_out = [k for k in Kind.values if k in kept or (k in shown and k not in chosen)]
        return super().save(commit=commit)


class OneClickUnsubscribeForm(forms.Form):
    """The body of an RFC 8058 one-click unsubscribe POST (`List-Unsubscribe=One-Click`), which the button on the
    confirmation page sends too."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["List-Unsubscribe"] = forms.ChoiceField(choices=[("One-Click", "One-Click")])

from django import forms

from sessions.forms._common import helper
from sessions.models import SafetyReport


class SafetyReportForm(forms.Form):
    reason = forms.ChoiceField(label="What is the concern about?", choices=SafetyReport.Reason.choices)
    details = forms.CharField(
        label="What happened?",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        help_text="Only the program's coordinators read this. Your partner is never told that you reported.",
    )
    end_now = forms.BooleanField(
        label="End the mentorship now",
        required=False,
        help_text="Your partner is told the mentorship has ended, not why; upcoming meetings are cancelled.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = helper("Send to the coordinators")


class ReportActionForm(forms.Form):
    """A coordinator's action on an open report."""

    action = forms.ChoiceField(choices=[("pause", "Pause the mentor"), ("end", "End the pair"), ("close", "Close")])


class AccessReasonForm(forms.Form):
    reason = forms.CharField(
        label="Why do you need to read this pair's notes and agendas?",
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="The pair reads your name, the time and this reason on their page; it is kept in the audit log.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = helper("Open the notes and agendas")

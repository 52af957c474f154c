from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.contrib.auth.base_user import AbstractBaseUser
from django.urls import reverse


class DeleteAccountForm(forms.Form):
    """Deleting one's own account: the person types their e-mail address to say they mean it."""

    email = forms.EmailField(label="Type your e-mail address to confirm")

    def __init__(self, *args, user: AbstractBaseUser, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.helper = FormHelper()
        self.helper.form_action = reverse("privacy:delete")
        self.helper.add_input(Submit("submit", "Delete my account for good", css_class="btn-danger"))

    def clean_email(self):
        email = self.cleaned_data["email"]
        if email.strip().lower() != self.user.email.lower():
            raise forms.ValidationError("This is not the e-mail address of your account.")
        return email


class OnRequestForm(forms.Form):
    """A coordinator acting on a participant's data request: why, in their own words (audited)."""

    reason = forms.CharField(
        label="Whose request, and how it reached you",
        max_length=300,
        help_text="Recorded in the program's audit log, e.g. 'E-mail from the participant on 3 May'.",
    )
    confirm = forms.BooleanField(label="I have checked the request comes from this person", required=True)

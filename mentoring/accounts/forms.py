from allauth.account.adapter import get_adapter
from django import forms
from django.core.exceptions import ValidationError

from mentoring.accounts import sso


class SignupForm(forms.Form):
    """Extra fields on allauth's sign-up form: people are addressed by name, not e-mail."""

    first_name = forms.CharField(
        max_length=150, label="First name", widget=forms.TextInput(attrs={"autocomplete": "given-name"})
    )
    last_name = forms.CharField(
        max_length=150, label="Last name", widget=forms.TextInput(attrs={"autocomplete": "family-name"})
    )

    field_order = ["first_name", "last_name", "email", "password1", "password2"]

    def signup(self, request, user):
        user.first_name = self.cleaned_data["first_name"]
        user.last_name = self.cleaned_data["last_name"]
        user.save(update_fields=["first_name", "last_name"])


class OrganisationSignInForm(forms.Form):
    """ "Sign in with your organisation": the work e-mail address chooses the identity provider."""

    email = forms.EmailField(
        label="Work e-mail address",
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )
    next = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request
        self.app = None

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        self.app = sso.app_for_email(self.request, email)
        if self.app is None:
            raise ValidationError(
                f"No organisation sign-in is set up for {sso.domain_of(email)}: sign in with your e-mail address "
                "and password instead.",
                code="no_provider",
            )
        return email

    def clean_next(self):
        next_url = self.cleaned_data["next"]
        return next_url if next_url and get_adapter(self.request).is_safe_url(next_url) else ""

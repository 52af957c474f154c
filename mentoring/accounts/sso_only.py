"""The password forms for an SSO-only organisation's people: sign-in, sign-up and password reset are refused with
a message that sends them to "Sign in with your organisation". ACCOUNT_FORMS names these; they live apart from
forms.py because allauth's own forms module imports forms.SignupForm (ACCOUNT_SIGNUP_FORM_CLASS)."""

from allauth.account import forms as allauth_forms
from django.core.exceptions import ValidationError

from mentoring.accounts import sso


def refuse_sso_only(email: str) -> None:
    """A password is no way in for the people of an SSO-only organisation."""
    if email and sso.is_sso_only(None, email):
        raise ValidationError(sso.SSO_ONLY_MESSAGE.format(domain=sso.domain_of(email)), code="sso_only")


class LoginForm(allauth_forms.LoginForm):
    def clean(self):
        login = self.cleaned_data.get("login")
        if isinstance(login, str):
            refuse_sso_only(login)
        return super().clean()


class PasswordSignupForm(allauth_forms.SignupForm):
    def clean_email(self):
        email = super().clean_email()
        refuse_sso_only(email)
        return email


class ResetPasswordForm(allauth_forms.ResetPasswordForm):
    def clean_email(self):
        email = super().clean_email()
        refuse_sso_only(email)
        return email


class ResetPasswordKeyForm(allauth_forms.ResetPasswordKeyForm):
    """A reset link sent before the person's organisation went SSO-only no longer sets a password."""

    def clean(self):
        if self.user is not None:
            refuse_sso_only(self.user.email)
        return super().clean()

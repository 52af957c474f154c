from allauth.account.utils import get_next_redirect_url
from allauth.socialaccount.providers.base.constants import AuthProcess
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from mentoring.accounts.forms import OrganisationSignInForm
from mentoring.accounts.sso_config import OIDC


@require_http_methods(["GET", "POST"])
def organisation_sign_in(request):
    """ "Sign in with your organisation": the e-mail address's domain picks the identity provider, which the person
    is sent to at once (an OpenID Connect provider is told who to expect)."""
    form = OrganisationSignInForm(
        request.POST or None, initial={"next": get_next_redirect_url(request) or ""}, request=request
    )
    if request.method == "POST" and form.is_valid():
        provider = form.app.get_provider(request)
        extra = {}
        if form.app.provider == OIDC:
            extra["auth_params"] = {**provider.get_auth_params(), "login_hint": form.cleaned_data["email"]}
        return provider.redirect(request, AuthProcess.LOGIN, next_url=form.cleaned_data["next"] or None, **extra)
    return render(request, "account/organisation_sign_in.html", {"form": form})

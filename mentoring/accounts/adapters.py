"""allauth's adapters: a person who must use a second factor is led to set one up as they sign in, and an
organisation's identity provider signs people into existing accounts only by a verified address of its own domains."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter

from mentoring.accounts import second_factor, sso


class AccountAdapter(DefaultAccountAdapter):
    def post_login(self, request, user, **kwargs):
        response = super().post_login(request, user, **kwargs)
        if second_factor.is_missing(user):
            return second_factor.to_setup(request)
        return response


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def can_authenticate_by_email(self, login, email: str) -> bool:
        """allauth offers only the addresses the provider verified; an organisation's provider must also be the one
        for that address's domain, so that one organisation's directory cannot sign into another's accounts."""
        if not super().can_authenticate_by_email(login, email):
            return False
        app = login.provider.app
        return sso.vouches_for(app, email) if sso.domains_of(app) else True

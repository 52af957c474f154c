"""Every sign-in passes here: allauth's `user_logged_in`, after the password, the identity provider and the second
factor have all been checked. This is the one place that knows who signed in, how, and in which role; the audit log
writes its "coordinator signed in" row from `signed_in`, beside the line in the security log.
"""

import logging
from dataclasses import dataclass

from allauth.account.authentication import get_authentication_records
from allauth.account.signals import user_logged_in
from django.dispatch import receiver

from mentoring.accounts import second_factor
from mentoring.audit.models import Action
from mentoring.audit.services import record as audit

logger = logging.getLogger("mentoring.security")


@dataclass(frozen=True)
class SignIn:
    user_id: int
    methods: tuple[str, ...]  # e.g. ("password", "mfa:totp") or ("sso:contoso",)
    as_coordinator: bool  # a coordinator or a member of staff: someone who sees more than their own pairs

    @property
    def with_second_factor(self) -> bool:
        return any(method.startswith(("mfa:", "passkey")) for method in self.methods)


def describe(request, user) -> SignIn:
    methods = []
    for record in get_authentication_records(request, user):
        method = record.get("method")
        if method == "socialaccount":
            methods.append(f"sso:{record.get('provider')}")
        elif method == "mfa":
            methods.append("passkey" if record.get("passwordless") else f"mfa:{record.get('type')}")
        elif method:
            methods.append(method)
    as_coordinator = user.is_staff or second_factor.is_coordinator(user)
    return SignIn(user_id=user.pk, methods=tuple(dict.fromkeys(methods)), as_coordinator=as_coordinator)


@receiver(user_logged_in, dispatch_uid="mentoring.accounts.signed_in")
def signed_in(sender, request, user, **kwargs) -> SignIn:
    sign_in = describe(request, user)
    if sign_in.as_coordinator:
        logger.info("coordinator signed in: user %s by %s", sign_in.user_id, "+".join(sign_in.methods) or "session")
        audit(actor=user, action=Action.SIGNED_IN, changes={"methods": list(sign_in.methods)})
    return sign_in

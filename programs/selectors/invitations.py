"""What the page behind an invitation link shows to whoever holds it."""

from dataclasses import dataclass

from programs.models import Invitation
from programs.services.invitations import invitation_problem, user_owns_address


@dataclass(frozen=True)
class InvitationPage:
    invitation: Invitation
    problem: str  # why the link cannot be used any more, or ""
    wrong_account: bool  # signed in, but not with the invited address


def invitation_page(invitation: Invitation, user) -> InvitationPage:
    problem = invitation_problem(invitation)
    wrong_account = user.is_authenticated and not problem and not user_owns_address(user, invitation.email)
    return InvitationPage(invitation=invitation, problem=problem, wrong_account=wrong_account)

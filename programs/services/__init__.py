"""The programs workflows, one function per use case (see STYLE.md): every state change of this app goes through
one of them. Import them from here; `importing` (reading invitation lists) is imported from its own module."""

from programs.services.enrollments import set_mentor_capacity, withdraw_enrollment
from programs.services.invitations import (
    InviteResult,
    accept_invitation,
    invitation_problem,
    invite_people,
    pending_invitation_ids,
    queue_invitation_emails,
    resend_invitation,
    revoke_invitation,
    send_invitation_email,
    user_owns_address,
)
from programs.services.orientation import add_orientation_item, check_orientation_item, remove_orientation_item
from programs.services.programs import add_coordinator, create_program

__all__ = [
    "InviteResult",
    "accept_invitation",
    "add_coordinator",
    "add_orientation_item",
    "check_orientation_item",
    "create_program",
    "invitation_problem",
    "invite_people",
    "pending_invitation_ids",
    "queue_invitation_emails",
    "remove_orientation_item",
    "resend_invitation",
    "revoke_invitation",
    "send_invitation_email",
    "set_mentor_capacity",
    "user_owns_address",
    "withdraw_enrollment",
]

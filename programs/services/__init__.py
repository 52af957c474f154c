"""The programs workflows, one function per use case (see STYLE.md): every state change of this app goes through
one of them. Import them from here; `importing` and `reporting`'s parsing (reading files) from their own modules.

Modules: programs, enrollments, invitations, orientation; questions (a program's questions and people's answers),
rules (its matching rules), applications (the join page, decisions and the waiting list), reporting (imported
reporting lines), cohorts (a new cohort from an earlier one)."""

from programs.services.applications import apply, decide_applications, fill_seats, withdraw_application
from programs.services.cohorts import clone_cohort
from programs.services.enrollments import (
    close_onboarding,
    reopen_onboarding,
    set_mentor_capacity,
    withdraw_enrollment,
)
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
from programs.services.programs import add_coordinator, create_program, save_settings
from programs.services.questions import (
    QuestionFields,
    add_question,
    edit_question,
    move_question,
    remove_question,
    save_answers,
)
from programs.services.reporting import clear_reporting_lines, import_reporting_lines
from programs.services.rules import add_rule, remove_rule

__all__ = [
    "close_onboarding",
    "reopen_onboarding",
    "InviteResult",
    "QuestionFields",
    "accept_invitation",
    "add_coordinator",
    "add_orientation_item",
    "add_question",
    "add_rule",
    "apply",
    "check_orientation_item",
    "clear_reporting_lines",
    "clone_cohort",
    "create_program",
    "save_settings",
    "decide_applications",
    "edit_question",
    "fill_seats",
    "import_reporting_lines",
    "invitation_problem",
    "invite_people",
    "move_question",
    "pending_invitation_ids",
    "queue_invitation_emails",
    "remove_orientation_item",
    "remove_question",
    "remove_rule",
    "resend_invitation",
    "revoke_invitation",
    "save_answers",
    "send_invitation_email",
    "set_mentor_capacity",
    "user_owns_address",
    "withdraw_application",
    "withdraw_enrollment",
]

"""The mentee's personal board of directors: the seat each mentor takes on it, and what it is for."""

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction

from matching.models import BoardRole, Mentorship


@transaction.atomic
def set_board_seat(*, mentorship: Mentorship, by: AbstractBaseUser, board_role: str, purpose: str) -> Mentorship:
    """The mentee chooses the seat this mentor takes on their personal board, and what it is for."""
    if by.pk != mentorship.mentee_id:
        raise ValidationError("Only the mentee arranges their board.")
    if board_role and board_role not in BoardRole.values:
        raise ValidationError("Choose one of the board roles.")
    mentorship.board_role = board_role
    mentorship.purpose = purpose[:300]
    mentorship.save(update_fields=["board_role", "purpose"])
    return mentorship

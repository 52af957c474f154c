"""Helpers shared by the sessions services."""

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError

from matching.models import Mentorship
from sessions.models import WORKING_STATUSES


def require_pair(mentorship: Mentorship, by: AbstractBaseUser) -> None:
    if by.pk not in (mentorship.mentee_id, mentorship.mentor_id):
        raise ValidationError("Only the mentor and the mentee of this pair can do that.")


def require_working(mentorship: Mentorship) -> None:
    """Active pairs work together; so do converted ones, which carry on informally after their cohort."""
    if mentorship.status not in WORKING_STATUSES:
        raise ValidationError(f"This mentorship is {mentorship.get_status_display().lower()}.")


def require_mentor(mentorship: Mentorship, by: AbstractBaseUser, what: str) -> None:
    if by.pk != mentorship.mentor_id:
        raise ValidationError(f"Only the mentor can {what}.")


def require_mentee(mentorship: Mentorship, by: AbstractBaseUser, what: str) -> None:
    if by.pk != mentorship.mentee_id:
        raise ValidationError(f"Only the mentee can {what}.")

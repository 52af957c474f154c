"""The early relationship check: each side answers once, privately."""

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from matching.models import Mentorship
from sessions.models import RelationshipCheck, side_of
from sessions.services.health import pair_changed


@transaction.atomic
def answer_relationship_check(
    *,
    mentorship: Mentorship,
    user: AbstractBaseUser,
    working: int,
    meeting_as_agreed: int,
    getting_what_i_came_for: int,
) -> RelationshipCheck:
    """Refused, with nothing saved, for someone outside the pair, a pair no longer active, a second answer from the
    same side, or a value outside 1-5."""
    side = side_of(mentorship, user)
    if side is None:
        raise ValidationError("Only the two people of a pair answer its relationship check.")
    if mentorship.status != Mentorship.Status.ACTIVE:
        raise ValidationError("This pair is no longer active: its relationship check is closed.")
    check = RelationshipCheck(mentorship=mentorship, side=side, working=working, meeting_as_agreed=meeting_as_agreed,
                              getting_what_i_came_for=getting_what_i_came_for)  # fmt: skip
    check.full_clean(exclude=["mentorship"], validate_unique=False, validate_constraints=False)
    try:
        with transaction.atomic():
            check.save()
    except IntegrityError:
        raise ValidationError("You have already answered this relationship check: thank you.") from None
    pair_changed(mentorship.pk)  # the stored health takes the answer in
    return check

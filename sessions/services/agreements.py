"""The mentoring agreement: set up together, confirmed by both, changed only when both agree."""

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from matching.models import Mentorship
from mentoring.notifications.models import Kind
from mentoring.notifications.services import notify
from sessions.models import Agreement
from sessions.services._common import require_pair, require_working
from sessions.services.health import pair_changed


def agreement_for(mentorship: Mentorship) -> Agreement:
    """The pair's agreement, saved from its draft (`Agreement.draft_for`) the first time a change needs it."""
    agreement = Agreement.objects.filter(mentorship=mentorship).first()
    if agreement is None:
        draft = Agreement.draft_for(mentorship)
        terms = {term: getattr(draft, term) for term in Agreement.TERMS}
        agreement, _ = Agreement.objects.get_or_create(mentorship=mentorship, defaults=terms)
    agreement.mentorship = mentorship
    return agreement


def _stamp_field(agreement: Agreement, user: AbstractBaseUser) -> str:
    return "mentee_confirmed_at" if user.pk == agreement.mentorship.mentee_id else "mentor_confirmed_at"


def _tell_other(agreement: Agreement, by: AbstractBaseUser, title: str, key: str) -> None:
    mentorship = agreement.mentorship
    notify(
        recipient=mentorship.other_side(by),
        kind=Kind.MENTORSHIP,
        title=title,
        dedupe_key=key,
        about=agreement,
        url=mentorship.get_absolute_url() + "#agreement",
    )


@transaction.atomic
def save_agreement(*, agreement: Agreement, by: AbstractBaseUser, **terms) -> Agreement:
    """Before both have confirmed, the terms change directly (and count as confirmed by their author);
    afterwards a change becomes a proposal that the other side confirms or declines."""
    mentorship = agreement.mentorship
    require_pair(mentorship, by)
    require_working(mentorship)
    unknown = set(terms) - set(Agreement.TERMS)
    if unknown:
        raise ValueError(f"Not agreement terms: {sorted(unknown)}")
    changes = {term: value for term, value in terms.items() if getattr(agreement, term) != value}
    now = timezone.now()
    if agreement.is_confirmed:
        if not changes:
            raise ValidationError("Nothing changed: the agreement already says this.")
        if agreement.proposal and agreement.proposed_by_id != by.pk:
            raise ValidationError("Answer the change your partner proposed first.")
        agreement.proposal, agreement.proposed_by, agreement.proposed_at = changes, by, now
        agreement.save(update_fields=["proposal", "proposed_by", "proposed_at", "updated_at"])
        _tell_other(
            agreement,
            by,
            f"{by.display_name} proposes a change to your mentoring agreement",
            f"agreement:{agreement.pk}:proposal:{now.timestamp()}",
        )
        return agreement
    for term, value in changes.items():
        setattr(agreement, term, value)
    setattr(agreement, _stamp_field(agreement, by), now)
    if changes:
        other = "mentor_confirmed_at" if _stamp_field(agreement, by) == "mentee_confirmed_at" else "mentee_confirmed_at"
        setattr(agreement, other, None)
    agreement.save()
    if changes:
        _tell_other(
            agreement,
            by,
            f"{by.display_name} drafted your mentoring agreement: please read and confirm it",
            f"agreement:{agreement.pk}:draft:{now.timestamp()}",
        )
    pair_changed(agreement.mentorship_id)
    return agreement


@transaction.atomic
def confirm_agreement(*, agreement: Agreement, by: AbstractBaseUser) -> Agreement:
    """Confirm the agreement, or the change the other side proposed (which then takes effect)."""
    mentorship = agreement.mentorship
    require_pair(mentorship, by)
    require_working(mentorship)
    now = timezone.now()
    if agreement.proposal:
        if agreement.proposed_by_id == by.pk:
            raise ValidationError("Your proposed change is waiting for your partner to confirm it.")
        for term, value in agreement.proposal.items():
            setattr(agreement, term, value)
        agreement.proposal, agreement.proposed_by, agreement.proposed_at = {}, None, None
        agreement.mentee_confirmed_at = agreement.mentor_confirmed_at = now
        agreement.save()
        _tell_other(
            agreement,
            by,
            f"{by.display_name} confirmed the change to your agreement",
            f"agreement:{agreement.pk}:changed:{now.timestamp()}",
        )
        return agreement
    field = _stamp_field(agreement, by)
    if getattr(agreement, field) is not None:
        raise ValidationError("You have already confirmed this agreement.")
    setattr(agreement, field, now)
    agreement.save(update_fields=[field, "updated_at"])
    _tell_other(
        agreement,
        by,
        f"{by.display_name} confirmed your mentoring agreement",
        f"agreement:{agreement.pk}:{field}:{now.timestamp()}",
    )
    pair_changed(agreement.mentorship_id)
    return agreement


@transaction.atomic
def decline_agreement_change(*, agreement: Agreement, by: AbstractBaseUser) -> Agreement:
    """The other side declines a proposed change, or its author withdraws it; the agreement stays as it was."""
    require_pair(agreement.mentorship, by)
    if not agreement.proposal:
        raise ValidationError("There is no proposed change.")
    proposer_withdraws = agreement.proposed_by_id == by.pk
    agreement.proposal, agreement.proposed_by, agreement.proposed_at = {}, None, None
    agreement.save(update_fields=["proposal", "proposed_by", "proposed_at", "updated_at"])
    if not proposer_withdraws:
        _tell_other(
            agreement,
            by,
            f"{by.display_name} would rather keep the agreement as it is",
            f"agreement:{agreement.pk}:declined:{timezone.now().timestamp()}",
        )
    pair_changed(agreement.mentorship_id)
    return agreement

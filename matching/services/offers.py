"""Mentor offers, the mirror of requests: a mentor with a free seat offers, the mentee accepts, asks a question or
declines; the same rules hold (capacity, board size, hard exclusions, expiry), checked again under row locks."""

from datetime import datetime, timedelta

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from matching.models import MentorOffer, Mentorship
from matching.selectors.board import board_seats
from matching.services.exclusions import Audience, ensure_allowed
from matching.services.requests import _enrollment, _lock_pair, mentor_seats_taken
from mentoring.notifications.models import Kind
from mentoring.notifications.services import notify
from programs.models import Cohort, Role

Status = MentorOffer.Status


def _tell(offer: MentorOffer, *, recipient, event: str, title: str, body: str = "", about=None, kind=Kind.REQUEST):
    notify(recipient=recipient, kind=kind, title=title, body=body, dedupe_key=f"offer:{offer.pk}:{event}",
           about=about or offer, url=offer.get_absolute_url())  # fmt: skip


def _check_room(*, cohort: Cohort, mentor_id: int, mentee_id: int, capacity: int) -> None:
    if mentor_seats_taken(cohort=cohort, mentor_id=mentor_id) >= capacity:
        raise ValidationError("This mentor has no free seat left in this cohort.")
    if board_seats(cohort=cohort, mentee_id=mentee_id).full:
        raise ValidationError("This mentee's board is already full.")
    if Mentorship.objects.current().filter(cohort=cohort, mentee_id=mentee_id, mentor_id=mentor_id).exists():
        raise ValidationError("You already mentor this person.")


@transaction.atomic
def offer_mentoring(
    *, mentor: AbstractBaseUser, mentee: AbstractBaseUser, cohort: Cohort, message: str, now: datetime | None = None
) -> MentorOffer:
    """Refused, with nothing saved, for a mentee outside the cohort, a pair the cohort's rules keep apart, a mentor
    without a free seat, a full board, an open offer already, or no message."""
    now = now or timezone.now()
    mentor_enrollment = _enrollment(cohort=cohort, user_id=mentor.pk, role=Role.MENTOR)
    try:
        _enrollment(cohort=cohort, user_id=mentee.pk, role=Role.MENTEE)
    except ValidationError:
        raise ValidationError("You can only offer to mentor a mentee of this cohort.") from None
    ensure_allowed(cohort=cohort, mentee_id=mentee.pk, mentor_id=mentor.pk, audience=Audience.MENTOR)
    _check_room(cohort=cohort, mentor_id=mentor.pk, mentee_id=mentee.pk, capacity=mentor_enrollment.capacity)
    if MentorOffer.objects.pending().filter(cohort=cohort, mentee=mentee, mentor=mentor).exists():
        raise ValidationError("You already have an open offer to this mentee.")
    if not message.strip():
        raise ValidationError("Say in a few words why you offer.")
    offer = MentorOffer.objects.create(cohort=cohort, mentor=mentor, mentee=mentee, message=message.strip(),
                                       created_at=now,
                                       expires_at=now + timedelta(days=cohort.rule("request_expiry_days")))  # fmt: skip
    _tell(offer, recipient=mentee, event="created", title=f"{mentor.display_name} offers to mentor you",
          body=offer.message)  # fmt: skip
    return offer


def _locked_pending(offer: MentorOffer) -> MentorOffer:
    locked = (
        MentorOffer.objects.select_for_update().select_related("cohort__program", "mentor", "mentee").get(pk=offer.pk)
    )
    if not locked.is_pending:
        raise ValidationError(f"This offer is already {locked.get_status_display().lower()}.")
    return locked


def _close(offer: MentorOffer, status: str, now: datetime) -> None:
    offer.status, offer.answered_at = status, now
    offer.save(update_fields=["status", "answered_at"])


def _require_mentee(offer: MentorOffer, by: AbstractBaseUser) -> None:
    if by.pk != offer.mentee_id:
        raise ValidationError("Only the mentee answers this offer.")


@transaction.atomic
def accept_offer(*, offer: MentorOffer, by: AbstractBaseUser) -> Mentorship:
    """The active pair, once the rules still hold under row locks (capacity, board, exclusions, expiry)."""
    _require_mentee(offer, by)
    cohort = offer.cohort
    mentor_enrollment, _ = _lock_pair(cohort, offer.mentor_id, offer.mentee_id)
    offer = _locked_pending(offer)
    now = timezone.now()
    if offer.expires_at <= now:
        raise ValidationError("This offer has expired.")
    ensure_allowed(cohort=cohort, mentee_id=offer.mentee_id, mentor_id=offer.mentor_id, audience=Audience.MENTEE)
    _check_room(
        cohort=cohort, mentor_id=offer.mentor_id, mentee_id=offer.mentee_id, capacity=mentor_enrollment.capacity
    )
    _close(offer, Status.ACCEPTED, now)
    mentorship = Mentorship.objects.create(
        cohort=cohort,
        mentee_id=offer.mentee_id,
        mentor_id=offer.mentor_id,
        status=Mentorship.Status.ACTIVE,
        purpose=offer.message[:300],
        mentee_confirmed_at=now,
        mentor_confirmed_at=now,
        started_at=now,
    )
    _tell(offer, recipient=offer.mentor, event="accepted", title=f"{offer.mentee.display_name} accepted your offer",
          about=mentorship, kind=Kind.MENTORSHIP)  # fmt: skip
    return mentorship


@transaction.atomic
def decline_offer(*, offer: MentorOffer, by: AbstractBaseUser) -> MentorOffer:
    _require_mentee(offer, by)
    offer = _locked_pending(offer)
    _close(offer, Status.DECLINED, timezone.now())
    _tell(offer, recipient=offer.mentor, event="declined", title=f"{offer.mentee.display_name} declined your offer")
    return offer


@transaction.atomic
def withdraw_offer(*, offer: MentorOffer, by: AbstractBaseUser) -> MentorOffer:
    if by.pk != offer.mentor_id:
        raise ValidationError("Only the mentor can withdraw an offer.")
    offer = _locked_pending(offer)
    _close(offer, Status.WITHDRAWN, timezone.now())
    return offer


@transaction.atomic
def ask_about_offer(*, offer: MentorOffer, by: AbstractBaseUser, question: str) -> MentorOffer:
    _require_mentee(offer, by)
    if not question.strip():
        raise ValidationError("Write the question you want answered.")
    offer = _locked_pending(offer)
    if offer.question and not offer.answer:
        raise ValidationError("Your earlier question is still waiting for an answer.")
    offer.question, offer.answer, offer.questions_asked = question.strip(), "", offer.questions_asked + 1
    offer.save(update_fields=["question", "answer", "questions_asked"])
    _tell(offer, recipient=offer.mentor, event=f"question:{offer.questions_asked}",
          title=f"{offer.mentee.display_name} has a question about your offer", body=offer.question)  # fmt: skip
    return offer


@transaction.atomic
def answer_offer_question(*, offer: MentorOffer, by: AbstractBaseUser, answer: str) -> MentorOffer:
    if by.pk != offer.mentor_id:
        raise ValidationError("Only the mentor answers.")
    if not answer.strip():
        raise ValidationError("Write your answer.")
    offer = _locked_pending(offer)
    if not offer.question:
        raise ValidationError("There is no question to answer.")
    offer.answer = answer.strip()
    offer.save(update_fields=["answer"])
    _tell(offer, recipient=offer.mentee, event=f"answer:{offer.questions_asked}",
          title=f"{offer.mentor.display_name} answered your question", body=offer.answer)  # fmt: skip
    return offer


@transaction.atomic
def expire_overdue_offers(*, now: datetime) -> int:
    """Offers past their answer window expire, and the mentor is told."""
    overdue = list(MentorOffer.objects.pending().select_for_update(skip_locked=True).filter(expires_at__lte=now)
                   .select_related("mentee", "mentor"))  # fmt: skip
    for offer in overdue:
        _close(offer, Status.EXPIRED, now)
        _tell(offer, recipient=offer.mentor, event="expired",
              title=f"Your offer to {offer.mentee.display_name} expired without an answer")  # fmt: skip
    return len(overdue)

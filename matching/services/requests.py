"""Mentor requests: the mentee asks with a plan, the mentor answers; capacity is enforced under row locks."""

from datetime import datetime, timedelta

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from matching.models import Mentorship, MentorshipRequest
from matching.selectors.board import board_seats
from matching.services.exclusions import Audience, ensure_allowed
from mentoring.notifications.models import Kind
from mentoring.notifications.services import notify
from programs.models import Cohort, Enrollment, Role

Status = MentorshipRequest.Status


def _enrollment(*, cohort: Cohort, user_id: int, role: str) -> Enrollment:
    enrollment = (
        Enrollment.objects.filter(cohort=cohort, user_id=user_id, role=role, status=Enrollment.Status.ACTIVE)
        .select_related("cohort__program")
        .first()
    )
    if enrollment is None:
        raise ValidationError(f"This person is not an active {role} in this cohort.")
    return enrollment


def mentor_seats_taken(*, cohort: Cohort, mentor_id: int) -> int:
    return Mentorship.objects.current().filter(cohort=cohort, mentor_id=mentor_id).count()


def _lock_pair(cohort: Cohort, mentor_id: int, mentee_id: int) -> tuple[Enrollment, Enrollment]:
    """Lock both enrollments in one consistent order (by primary key) so racing accepts never deadlock."""
    rows = list(
        Enrollment.objects.select_for_update()
        .filter(cohort=cohort, status=Enrollment.Status.ACTIVE, user_id__in=[mentor_id, mentee_id])
        .order_by("pk")
    )
    mentor = next((e for e in rows if e.user_id == mentor_id and e.role == Role.MENTOR), None)
    mentee = next((e for e in rows if e.user_id == mentee_id and e.role == Role.MENTEE), None)
    if mentor is None or mentee is None:
        raise ValidationError("Both people must be active in this cohort.")
    mentor.cohort = cohort
    mentee.cohort = cohort
    return mentor, mentee


def _tell(
    request: MentorshipRequest, *, recipient, event: str, title: str, body: str = "", about=None, kind=Kind.REQUEST
) -> None:
    """Notify one side of the request about `event`, once (the key is the request and the event)."""
    notify(
        recipient=recipient,
        kind=kind,
        title=title,
        body=body,
        dedupe_key=f"request:{request.pk}:{event}",
        about=about or request,
        url=request.get_absolute_url(),
    )


@transaction.atomic
def request_mentor(
    *,
    mentee: AbstractBaseUser,
    mentor: AbstractBaseUser,
    cohort: Cohort,
    help_wanted: str,
    why_this_mentor: str,
    proposed_cadence_days: int = 14,
    proposed_length_minutes: int = 45,
    board_role: str = "",
    now: datetime | None = None,
) -> MentorshipRequest:
    now = now or timezone.now()
    ensure_allowed(cohort=cohort, mentee_id=mentee.pk, mentor_id=mentor.pk, audience=Audience.MENTEE)
    _enrollment(cohort=cohort, user_id=mentee.pk, role=Role.MENTEE)
    mentor_enrollment = _enrollment(cohort=cohort, user_id=mentor.pk, role=Role.MENTOR)
    if mentor_enrollment.paused_at:
        raise ValidationError("This mentor is paused and takes no new requests just now.")
    if mentor_seats_taken(cohort=cohort, mentor_id=mentor.pk) >= mentor_enrollment.capacity:
        raise ValidationError("This mentor has no capacity left.")
    if board_seats(cohort=cohort, mentee_id=mentee.pk).full:
        raise ValidationError("Your board is full: you have as many mentors as this cohort allows.")
    if Mentorship.objects.current().filter(cohort=cohort, mentee=mentee, mentor=mentor).exists():
        raise ValidationError("This person is already your mentor.")
    if MentorshipRequest.objects.pending().filter(cohort=cohort, mentee=mentee, mentor=mentor).exists():
        raise ValidationError("You already have an open request to this mentor.")
    if not help_wanted.strip() or not why_this_mentor.strip():
        raise ValidationError("Say what help you want and why this mentor.")
    request = MentorshipRequest.objects.create(
        cohort=cohort,
        mentee=mentee,
        mentor=mentor,
        help_wanted=help_wanted,
        why_this_mentor=why_this_mentor,
        proposed_cadence_days=proposed_cadence_days,
        proposed_length_minutes=proposed_length_minutes,
        board_role=board_role,
        created_at=now,
        expires_at=now + timedelta(days=cohort.rule("request_expiry_days")),
    )
    title = f"{mentee.display_name} asks you to be their mentor"
    _tell(request, recipient=mentor, event="created", title=title, body=request.help_wanted)
    return request


def _locked_pending(request: MentorshipRequest) -> MentorshipRequest:
    locked = MentorshipRequest.objects.select_for_update().select_related("cohort__program").get(pk=request.pk)
    if not locked.is_pending:
        raise ValidationError(f"This request is already {locked.get_status_display().lower()}.")
    return locked


def _close(request: MentorshipRequest, status: str, *, now: datetime | None = None, **fields) -> None:
    request.status, request.answered_at = status, now or timezone.now()
    for name, value in fields.items():
        setattr(request, name, value)
    request.save(update_fields=["status", "answered_at", *fields])


@transaction.atomic
def withdraw_request(*, request: MentorshipRequest, by: AbstractBaseUser) -> MentorshipRequest:
    if by.pk != request.mentee_id:
        raise ValidationError("Only the mentee can withdraw a request.")
    request = _locked_pending(request)
    _close(request, Status.WITHDRAWN)
    title = f"{request.mentee.display_name} withdrew their request"
    _tell(request, recipient=request.mentor, event="withdrawn", title=title)
    return request


def _require_mentor(request: MentorshipRequest, by: AbstractBaseUser) -> None:
    if by.pk != request.mentor_id:
        raise ValidationError("Only the mentor can answer this request.")


@transaction.atomic
def accept_request(*, request: MentorshipRequest, by: AbstractBaseUser, purpose: str = "") -> Mentorship:
    """Accept and create the active mentorship; capacity and board limits are checked under row locks."""
    _require_mentor(request, by)
    cohort = request.cohort
    mentor_enrollment, _ = _lock_pair(cohort, request.mentor_id, request.mentee_id)
    request = _locked_pending(request)
    # The people may have changed since the request was sent (a new line manager, an answer, an organisation to avoid).
    ensure_allowed(cohort=cohort, mentee_id=request.mentee_id, mentor_id=request.mentor_id, audience=Audience.MENTOR)
    if mentor_seats_taken(cohort=cohort, mentor_id=request.mentor_id) >= mentor_enrollment.capacity:
        raise ValidationError("You have no capacity left in this cohort.")
    seats = board_seats(cohort=cohort, mentee_id=request.mentee_id)
    if seats.full:
        raise ValidationError("This mentee's board is already full.")
    now = timezone.now()
    _close(request, Status.ACCEPTED, now=now)
    mentorship = Mentorship.objects.create(
        cohort=cohort,
        mentee_id=request.mentee_id,
        mentor_id=request.mentor_id,
        status=Mentorship.Status.ACTIVE,
        board_role=request.board_role,
        purpose=purpose or request.help_wanted[:300],
        request=request,
        mentee_confirmed_at=now,
        mentor_confirmed_at=now,
        started_at=now,
    )
    _tell(
        request,
        recipient=request.mentee,
        event="accepted",
        title=f"{request.mentor.display_name} accepted your request",
        about=mentorship,
        kind=Kind.MENTORSHIP,
    )
    if seats.taken + 1 >= seats.allowed:
        release_open_requests(cohort=cohort, mentee_id=request.mentee_id, now=now)
    return mentorship


def release_open_requests(*, cohort: Cohort, mentee_id: int, now: datetime) -> int:
    """The mentee's board is full: free every mentor still holding a pending request from them."""
    released = list(
        MentorshipRequest.objects.pending()
        .select_for_update()
        .filter(cohort=cohort, mentee_id=mentee_id)
        .select_related("mentor", "mentee")
    )
    for other in released:
        _close(other, Status.RELEASED, now=now)
        title = f"{other.mentee.display_name}'s request no longer needs an answer"
        body = "Their board of mentors is now full, so the request was released."
        _tell(other, recipient=other.mentor, event="released", title=title, body=body)
    return len(released)


@transaction.atomic
def decline_request(*, request: MentorshipRequest, by: AbstractBaseUser, message: str = "") -> MentorshipRequest:
    _require_mentor(request, by)
    request = _locked_pending(request)
    _close(request, Status.DECLINED, decline_message=message)
    title = f"{request.mentor.display_name} cannot take your request"
    _tell(request, recipient=request.mentee, event="declined", title=title, body=message)
    return request


@transaction.atomic
def think_about_request(*, request: MentorshipRequest, by: AbstractBaseUser) -> MentorshipRequest:
    """'Let me think': the request stays pending and the mentee is told."""
    _require_mentor(request, by)
    request = _locked_pending(request)
    if request.thinking_since is None:
        request.thinking_since = timezone.now()
        request.save(update_fields=["thinking_since"])
    title = f"{request.mentor.display_name} is thinking about your request"
    _tell(request, recipient=request.mentee, event="thinking", title=title)
    return request


@transaction.atomic
def ask_question(*, request: MentorshipRequest, by: AbstractBaseUser, question: str) -> MentorshipRequest:
    _require_mentor(request, by)
    if not question.strip():
        raise ValidationError("Write the question you want answered.")
    request = _locked_pending(request)
    if request.question and not request.answer:
        raise ValidationError("Your earlier question is still waiting for an answer.")
    request.question, request.answer, request.questions_asked = question, "", request.questions_asked + 1
    request.save(update_fields=["question", "answer", "questions_asked"])
    # The question's number, not its words, keys the notification: every worker computes the same key, and the
    # same words asked again later are told again.
    title = f"{request.mentor.display_name} needs more information"
    _tell(request, recipient=request.mentee, event=f"question:{request.questions_asked}", title=title, body=question)
    return request


@transaction.atomic
def answer_question(*, request: MentorshipRequest, by: AbstractBaseUser, answer: str) -> MentorshipRequest:
    if by.pk != request.mentee_id:
        raise ValidationError("Only the mentee can answer.")
    if not answer.strip():
        raise ValidationError("Write your answer.")
    request = _locked_pending(request)
    if not request.question:
        raise ValidationError("There is no question to answer.")
    request.answer = answer
    request.save(update_fields=["answer"])
    title = f"{request.mentee.display_name} answered your question"
    _tell(request, recipient=request.mentor, event=f"answer:{request.questions_asked}", title=title, body=answer)
    return request

"""Mentor requests: the mentee asks with a plan, the mentor answers; capacity is enforced under row locks."""

from datetime import datetime, timedelta

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import NoReverseMatch
from django.utils import timezone

from matching.models import BoardRole, Mentorship, MentorshipRequest
from mentoring.notifications.models import Kind
from mentoring.notifications.services import notify
from programs.models import Cohort, Enrollment, Role

Status = MentorshipRequest.Status
EXPIRIES_BEFORE_PAUSE = 2


def _enrollment(*, cohort: Cohort, user_id: int, role: str, lock: bool = False) -> Enrollment:
    queryset = Enrollment.objects.filter(
        cohort=cohort, user_id=user_id, role=role, status=Enrollment.Status.ACTIVE
    ).select_related("cohort__program")
    if lock:
        queryset = queryset.select_for_update(of=("self",))
    enrollment = queryset.first()
    if enrollment is None:
        raise ValidationError(f"This person is not an active {role} in this cohort.")
    return enrollment


def mentor_seats_taken(*, cohort: Cohort, mentor_id: int) -> int:
    return Mentorship.objects.current().filter(cohort=cohort, mentor_id=mentor_id).count()


def mentee_seats_taken(*, cohort: Cohort, mentee_id: int) -> int:
    return Mentorship.objects.current().filter(cohort=cohort, mentee_id=mentee_id).count()


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
    if mentee.pk == mentor.pk:
        raise ValidationError("You cannot request yourself as a mentor.")
    _enrollment(cohort=cohort, user_id=mentee.pk, role=Role.MENTEE)
    mentor_enrollment = _enrollment(cohort=cohort, user_id=mentor.pk, role=Role.MENTOR)
    if mentor_enrollment.paused_at:
        raise ValidationError("This mentor is paused and takes no new requests just now.")
    if mentor_seats_taken(cohort=cohort, mentor_id=mentor.pk) >= mentor_enrollment.capacity:
        raise ValidationError("This mentor has no capacity left.")
    if mentee_seats_taken(cohort=cohort, mentee_id=mentee.pk) >= cohort.rule("max_mentors_per_mentee"):
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
    notify(
        recipient=mentor,
        kind=Kind.REQUEST,
        title=f"{mentee.get_full_name() or mentee} asks you to be their mentor",
        body=request.help_wanted,
        dedupe_key=f"request:{request.pk}:created",
        about=request,
        url=_link(request),
    )
    return request


def _link(request: MentorshipRequest) -> str:
    # The request pages land with the views; until they are mounted a notification carries no link.
    try:
        return request.get_absolute_url()
    except NoReverseMatch:
        return ""


def _locked_pending(request: MentorshipRequest) -> MentorshipRequest:
    locked = MentorshipRequest.objects.select_for_update().select_related("cohort__program").get(pk=request.pk)
    if locked.status != Status.PENDING:
        raise ValidationError(f"This request is already {locked.get_status_display().lower()}.")
    return locked


@transaction.atomic
def withdraw_request(*, request: MentorshipRequest, by: AbstractBaseUser) -> MentorshipRequest:
    if by.pk != request.mentee_id:
        raise ValidationError("Only the mentee can withdraw a request.")
    request = _locked_pending(request)
    request.status = Status.WITHDRAWN
    request.answered_at = timezone.now()
    request.save(update_fields=["status", "answered_at"])
    notify(
        recipient=request.mentor,
        kind=Kind.REQUEST,
        title=f"{request.mentee} withdrew their request",
        dedupe_key=f"request:{request.pk}:withdrawn",
        about=request,
        url=_link(request),
    )
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
    if mentor_seats_taken(cohort=cohort, mentor_id=request.mentor_id) >= mentor_enrollment.capacity:
        raise ValidationError("You have no capacity left in this cohort.")
    board_limit = cohort.rule("max_mentors_per_mentee")
    taken = mentee_seats_taken(cohort=cohort, mentee_id=request.mentee_id)
    if taken >= board_limit:
        raise ValidationError("This mentee's board is already full.")
    now = timezone.now()
    request.status = Status.ACCEPTED
    request.answered_at = now
    request.save(update_fields=["status", "answered_at"])
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
    notify(
        recipient=request.mentee,
        kind=Kind.MENTORSHIP,
        title=f"{request.mentor} accepted your request",
        dedupe_key=f"request:{request.pk}:accepted",
        about=mentorship,
        url=_link(request),
    )
    if taken + 1 >= board_limit:
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
        other.status = Status.RELEASED
        other.answered_at = now
        other.save(update_fields=["status", "answered_at"])
        notify(
            recipient=other.mentor,
            kind=Kind.REQUEST,
            title=f"{other.mentee}'s request no longer needs an answer",
            body="Their board of mentors is now full, so the request was released.",
            dedupe_key=f"request:{other.pk}:released",
            about=other,
            url=_link(other),
        )
    return len(released)


@transaction.atomic
def decline_request(*, request: MentorshipRequest, by: AbstractBaseUser, message: str = "") -> MentorshipRequest:
    _require_mentor(request, by)
    request = _locked_pending(request)
    request.status = Status.DECLINED
    request.decline_message = message
    request.answered_at = timezone.now()
    request.save(update_fields=["status", "decline_message", "answered_at"])
    notify(
        recipient=request.mentee,
        kind=Kind.REQUEST,
        title=f"{request.mentor} cannot take your request",
        body=message,
        dedupe_key=f"request:{request.pk}:declined",
        about=request,
        url=_link(request),
    )
    return request


@transaction.atomic
def think_about_request(*, request: MentorshipRequest, by: AbstractBaseUser) -> MentorshipRequest:
    """'Let me think': the request stays pending and the mentee is told."""
    _require_mentor(request, by)
    request = _locked_pending(request)
    if request.thinking_since is None:
        request.thinking_since = timezone.now()
        request.save(update_fields=["thinking_since"])
    notify(
        recipient=request.mentee,
        kind=Kind.REQUEST,
        title=f"{request.mentor} is thinking about your request",
        dedupe_key=f"request:{request.pk}:thinking",
        about=request,
        url=_link(request),
    )
    return request


@transaction.atomic
def ask_question(*, request: MentorshipRequest, by: AbstractBaseUser, question: str) -> MentorshipRequest:
    _require_mentor(request, by)
    if not question.strip():
        raise ValidationError("Write the question you want answered.")
    request = _locked_pending(request)
    if request.question and not request.answer:
        raise ValidationError("Your earlier question is still waiting for an answer.")
    request.question = question
    request.answer = ""
    request.save(update_fields=["question", "answer"])
    notify(
        recipient=request.mentee,
        kind=Kind.REQUEST,
        title=f"{request.mentor} needs more information",
        body=question,
        dedupe_key=f"request:{request.pk}:question:{hash(question) & 0xFFFFFFFF}",
        about=request,
        url=_link(request),
    )
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
    notify(
        recipient=request.mentor,
        kind=Kind.REQUEST,
        title=f"{request.mentee} answered your question",
        body=answer,
        dedupe_key=f"request:{request.pk}:answer:{hash(answer) & 0xFFFFFFFF}",
        about=request,
        url=_link(request),
    )
    return request


@transaction.atomic
def expire_overdue_requests(*, now: datetime | None = None) -> int:
    """Expire pending requests past their answer window; pause mentors who let two in a row expire."""
    now = now or timezone.now()
    overdue = list(
        MentorshipRequest.objects.pending()
        .select_for_update(skip_locked=True)
        .filter(expires_at__lte=now)
        .select_related("mentor", "mentee", "cohort")
    )
    for request in overdue:
        request.status = Status.EXPIRED
        request.answered_at = now
        request.save(update_fields=["status", "answered_at"])
        notify(
            recipient=request.mentee,
            kind=Kind.REQUEST,
            title=f"Your request to {request.mentor} expired without an answer",
            body="You can ask another mentor from your cohort's suggestions.",
            dedupe_key=f"request:{request.pk}:expired",
            about=request,
            url=_link(request),
        )
    for cohort_id, mentor_id in {(r.cohort_id, r.mentor_id) for r in overdue}:
        _pause_if_ignoring(cohort_id=cohort_id, mentor_id=mentor_id, now=now)
    return len(overdue)


def _pause_if_ignoring(*, cohort_id: int, mentor_id: int, now: datetime) -> None:
    last = list(
        MentorshipRequest.objects.filter(cohort_id=cohort_id, mentor_id=mentor_id)
        .exclude(status__in=[Status.PENDING, Status.WITHDRAWN, Status.RELEASED])
        .order_by("-answered_at", "-pk")
        .values_list("status", flat=True)[:EXPIRIES_BEFORE_PAUSE]
    )
    if len(last) < EXPIRIES_BEFORE_PAUSE or any(s != Status.EXPIRED for s in last):
        return
    enrollment = (
        Enrollment.objects.select_related("user", "cohort")
        .filter(cohort_id=cohort_id, user_id=mentor_id, role=Role.MENTOR, paused_at__isnull=True)
        .first()
    )
    if enrollment is None:
        return
    enrollment.paused_at = now
    enrollment.save(update_fields=["paused_at"])
    notify(
        recipient=enrollment.user,
        kind=Kind.REQUEST,
        title=f"You are paused in {enrollment.cohort}",
        body=(
            "Two requests in a row expired without an answer, so mentees cannot send you new ones for now. "
            "Open your requests inbox and choose Resume when you are ready."
        ),
        dedupe_key=f"enrollment:{enrollment.pk}:paused:{now:%Y%m%d%H%M}",
        about=enrollment,
        url="",
    )


@transaction.atomic
def resume_mentor(*, enrollment: Enrollment) -> Enrollment:
    enrollment.paused_at = None
    enrollment.save(update_fields=["paused_at"])
    return enrollment


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

"""SMART goals: set by the mentee, followed with check-ins, shared with their mentors, confirmed by a mentor."""

from datetime import date
from decimal import Decimal

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from matching.models import Mentorship
from mentoring.notifications.models import Kind
from mentoring.notifications.services import notify
from programs.models import Enrollment, Role
from sessions.models import WORKING_STATUSES, Goal, GoalCheckIn, GoalComment
from sessions.services.health import goals_changed

SMART_PARTS = ("title", "specific", "measure", "baseline", "target", "unit", "ambition", "relevance", "target_date")
MISSING = {
    "title": "Give the goal a short name.",
    "specific": "Specific: say exactly what you will achieve.",
    "measure": "Measurable: say how you will measure progress.",
    "baseline": "Measurable: say where you are today.",
    "target": "Measurable: say what number you aim for.",
    "unit": "Measurable: say what you count (the unit).",
    "ambition": "Choose aggressive or attainable.",
    "relevance": "Relevant: say why this goal matters for your career.",
    "target_date": "Time-bound: choose the date you will achieve it by.",
}


def smart_errors(*, enrollment: Enrollment, parts: dict) -> dict[str, str]:
    """A message for each SMART part that is missing or does not hold; empty when the goal is SMART."""
    errors = {}
    for part in SMART_PARTS:
        value = parts.get(part)
        if value is None or (isinstance(value, str) and not value.strip()):
            errors[part] = MISSING[part]
    if parts.get("ambition") and parts["ambition"] not in Goal.Ambition.values:
        errors["ambition"] = MISSING["ambition"]
    if "baseline" not in errors and "target" not in errors and parts["baseline"] == parts["target"]:
        errors["target"] = "Measurable: the target must differ from where you are today."
    target_date = parts.get("target_date")
    cohort = enrollment.cohort
    if target_date and not cohort.starts_on <= target_date <= cohort.ends_on:
        errors["target_date"] = (
            f"Time-bound: choose a date inside your cohort, between {cohort.starts_on:%d %b %Y} "
            f"and {cohort.ends_on:%d %b %Y}."
        )
    return errors


def mentors_of(goal_or_enrollment) -> list:
    enrollment = getattr(goal_or_enrollment, "enrollment", goal_or_enrollment)
    return [
        m.mentor
        for m in Mentorship.objects.filter(
            cohort_id=enrollment.cohort_id, mentee_id=enrollment.user_id, status__in=WORKING_STATUSES
        ).select_related("mentor")
    ]


def _require_owner(goal: Goal, by: AbstractBaseUser, what: str) -> None:
    if goal.enrollment.user_id != by.pk:
        raise ValidationError(f"Only the mentee can {what}.")


def _check_mentorship(enrollment: Enrollment, mentorship: Mentorship | None) -> None:
    if mentorship is not None and (
        mentorship.mentee_id != enrollment.user_id or mentorship.cohort_id != enrollment.cohort_id
    ):
        raise ValidationError({"mentorship": "Choose one of your mentors in this cohort."})


@transaction.atomic
def create_goal(*, enrollment: Enrollment, by: AbstractBaseUser, mentorship: Mentorship | None = None, **parts) -> Goal:
    if enrollment.user_id != by.pk or enrollment.role != Role.MENTEE:
        raise ValidationError("Goals are set by the mentee.")
    if enrollment.status != Enrollment.Status.ACTIVE:
        raise ValidationError("You are no longer active in this cohort.")
    _check_mentorship(enrollment, mentorship)
    errors = smart_errors(enrollment=enrollment, parts=parts)
    if errors:
        raise ValidationError(errors)
    goal = Goal.objects.create(enrollment=enrollment, mentorship=mentorship, **{p: parts[p] for p in SMART_PARTS})
    for mentor in mentors_of(enrollment):
        notify(
            recipient=mentor,
            kind=Kind.GOAL,
            title=f"{by.display_name} set a new goal: {goal.title}",
            body=goal.specific,
            dedupe_key=f"goal:{goal.pk}:shared:{mentor.pk}",
            about=goal,
            url=goal.get_absolute_url(),
        )
    goals_changed(goal.enrollment)
    return goal


@transaction.atomic
def update_goal(*, goal: Goal, by: AbstractBaseUser, mentorship: Mentorship | None = None, **parts) -> Goal:
    _require_owner(goal, by, "change this goal")
    _check_mentorship(goal.enrollment, mentorship)
    errors = smart_errors(enrollment=goal.enrollment, parts=parts)
    if errors:
        raise ValidationError(errors)
    for part in SMART_PARTS:
        setattr(goal, part, parts[part])
    goal.mentorship = mentorship
    goal.save()
    return goal


def _can_see(goal: Goal, user: AbstractBaseUser) -> bool:
    return goal.enrollment.user_id == user.pk or any(m.pk == user.pk for m in mentors_of(goal))


@transaction.atomic
def record_check_in(
    *, goal: Goal, by: AbstractBaseUser, value: Decimal, comment: str = "", on: date | None = None
) -> GoalCheckIn:
    if not _can_see(goal, by):
        raise ValidationError("Only the mentee and their mentors record progress on this goal.")
    if goal.status != Goal.Status.ACTIVE:
        raise ValidationError("This goal is closed; reopen it to record progress.")
    check_in = GoalCheckIn.objects.create(
        goal=goal, value=value, comment=comment.strip(), on=on or timezone.localdate(), author=by
    )
    goals_changed(goal.enrollment)
    return check_in


@transaction.atomic
def mark_goal_achieved(*, goal: Goal, by: AbstractBaseUser) -> Goal:
    """The mentee says it is done; it counts as achieved once a mentor confirms."""
    _require_owner(goal, by, "mark this goal achieved")
    if goal.status != Goal.Status.ACTIVE:
        raise ValidationError(f"This goal is already {goal.get_status_display().lower()}.")
    goal.status, goal.achieved_at = Goal.Status.ACHIEVED, timezone.now()
    goal.save(update_fields=["status", "achieved_at"])
    for mentor in mentors_of(goal):
        notify(
            recipient=mentor,
            kind=Kind.GOAL,
            title=f"{by.display_name} achieved a goal: please confirm",
            body=goal.title,
            dedupe_key=f"goal:{goal.pk}:achieved:{mentor.pk}:{goal.achieved_at.timestamp()}",
            about=goal,
            url=goal.get_absolute_url(),
        )
    goals_changed(goal.enrollment)
    return goal


@transaction.atomic
def drop_goal(*, goal: Goal, by: AbstractBaseUser) -> Goal:
    _require_owner(goal, by, "drop this goal")
    if goal.status != Goal.Status.ACTIVE:
        raise ValidationError(f"This goal is already {goal.get_status_display().lower()}.")
    goal.status, goal.dropped_at = Goal.Status.DROPPED, timezone.now()
    goal.save(update_fields=["status", "dropped_at"])
    goals_changed(goal.enrollment)
    return goal


@transaction.atomic
def reopen_goal(*, goal: Goal, by: AbstractBaseUser) -> Goal:
    _require_owner(goal, by, "reopen this goal")
    if goal.status == Goal.Status.ACTIVE:
        raise ValidationError("This goal is already active.")
    goal.status = Goal.Status.ACTIVE
    goal.achieved_at = goal.dropped_at = goal.confirmed_at = goal.confirmed_by = None
    goal.save(update_fields=["status", "achieved_at", "dropped_at", "confirmed_at", "confirmed_by"])
    goals_changed(goal.enrollment)
    return goal


@transaction.atomic
def confirm_goal_achieved(*, goal: Goal, by: AbstractBaseUser) -> Goal:
    if not any(m.pk == by.pk for m in mentors_of(goal)):
        raise ValidationError("Only one of the mentee's mentors can confirm an achievement.")
    if goal.status != Goal.Status.ACHIEVED:
        raise ValidationError("The mentee has not marked this goal achieved.")
    if goal.confirmed_at is not None:
        raise ValidationError("This achievement is already confirmed.")
    goal.confirmed_at, goal.confirmed_by = timezone.now(), by
    goal.save(update_fields=["confirmed_at", "confirmed_by"])
    notify(
        recipient=goal.enrollment.user,
        kind=Kind.GOAL,
        title=f"{by.display_name} confirmed your achievement: {goal.title}",
        dedupe_key=f"goal:{goal.pk}:confirmed",
        about=goal,
        url=goal.get_absolute_url(),
    )
    goals_changed(goal.enrollment)
    return goal


@transaction.atomic
def comment_on_goal(*, goal: Goal, by: AbstractBaseUser, body: str) -> GoalComment:
    if not _can_see(goal, by):
        raise ValidationError("Only the mentee and their mentors can comment on this goal.")
    if not body.strip():
        raise ValidationError({"body": "Write your comment."})
    comment = GoalComment.objects.create(goal=goal, author=by, body=body.strip())
    mentee = goal.enrollment.user
    recipients = mentors_of(goal) if by.pk == mentee.pk else [mentee]
    for recipient in recipients:
        notify(
            recipient=recipient,
            kind=Kind.GOAL,
            title=f"{by.display_name} commented on the goal “{goal.title}”",
            body=comment.body,
            dedupe_key=f"goalcomment:{comment.pk}:{recipient.pk}",
            about=goal,
            url=goal.get_absolute_url() + "#comments",
        )
    return comment

"""What the goal pages show, and the goals, cohorts and mentors the pair's and goal forms offer."""

from django.utils import timezone

from matching.models import Mentorship
from programs.models import Enrollment, Role
from sessions.charts import progress_chart
from sessions.models import WORKING_STATUSES, Goal
from sessions.services import mentors_of


def goal_list(*, user) -> dict:
    """The person's own goals, and those their mentees share with them."""
    goals = Goal.objects.for_user(user).select_related("enrollment__cohort__program", "enrollment__user")
    goals = list(goals.with_latest_value().order_by("status", "target_date", "pk"))
    return {
        "mine": [g for g in goals if g.enrollment.user_id == user.pk],
        "shared": [g for g in goals if g.enrollment.user_id != user.pk],
        "can_create": mentee_enrollments(user).exists(),
    }


def goal_page(*, goal: Goal, user) -> dict:
    """The goal with its check-ins drawn as a chart, its mentors and its comments."""
    check_ins = list(goal.check_ins.select_related("author").order_by("on", "pk"))
    goal.latest_value = check_ins[-1].value if check_ins else None
    mentors = mentors_of(goal)
    return {
        "goal": goal,
        "is_owner": goal.enrollment.user_id == user.pk,
        "is_mentor": any(m.pk == user.pk for m in mentors),
        "mentors": mentors,
        "check_ins": check_ins,
        "chart": progress_chart(
            baseline=goal.baseline,
            target=goal.target,
            start=timezone.localdate(goal.created_at),
            end=goal.target_date,
            points=[(c.on, c.value) for c in check_ins],
        ),
        "comments": list(goal.comments.select_related("author")),
    }


def mentee_goals(mentorship: Mentorship):
    """The mentee's goals in the pair's cohort: what the mentee and this mentor both see."""
    return Goal.objects.filter(
        enrollment__user_id=mentorship.mentee_id, enrollment__cohort_id=mentorship.cohort_id
    ).with_latest_value()


def goal_choices_for(mentorship: Mentorship):
    return mentee_goals(mentorship).active()


def mentee_enrollments(user):
    return (
        Enrollment.objects.filter(user=user, role=Role.MENTEE, status=Enrollment.Status.ACTIVE)
        .select_related("cohort__program")
        .order_by("-cohort__starts_on")
    )


def mentee_mentorships(user):
    """The pairs a goal of this mentee may name as the mentor who helps most."""
    return Mentorship.objects.filter(mentee=user, status__in=WORKING_STATUSES).select_related("mentor", "cohort")

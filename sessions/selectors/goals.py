"""What the goal pages show, and the goals and cohorts the pair's and goal forms offer."""

from matching.models import Mentorship
from programs.models import Enrollment, Role
from sessions.models import Goal


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

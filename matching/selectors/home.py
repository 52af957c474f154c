"""The matching part of a person's home page (registered with mentoring.home.panels in apps.py): requests to
answer, matches to confirm, cohorts where a mentee still has to find a mentor, and for a coordinator the mentees
without one. Three queries, whatever the number of people. The person's pairs that meet (current, or continuing
informally after the program), with both people and their cohort, go into the context as `pairs`, for the sessions
panel."""

from django.db.models import Count, Exists, OuterRef, Q

from matching.models import Mentorship, MentorshipRequest
from mentoring.accounts.models import person_name
from mentoring.home.panels import Step, Urgency
from mentoring.web import pk_url
from programs.models import Enrollment, Phase, Role
from programs.selectors.home import attach_cohorts

PAIRING_PHASES = (Phase.ENROLLING, Phase.MATCHING, Phase.ACTIVE)
MEETING_PAIRS = (*Mentorship.CURRENT, Mentorship.Status.CONVERTED)


def _name(user) -> str:
    return person_name(user.first_name, user.last_name, user.email)


def home_panel(user, context: dict) -> dict:
    steps = []
    requested = set()  # cohorts where the person, as a mentee, waits for a mentor's answer
    pending = list(MentorshipRequest.objects.filter(Q(mentor=user) | Q(mentee=user)).pending().select_related("mentee"))
    attach_cohorts(pending, context)
    for request in pending:
        if request.mentee_id == user.pk:
            requested.add(request.cohort_id)
            continue
        steps.append(
            Step(
                Urgency.ANSWER_REQUEST,
                f"Answer {_name(request.mentee)}'s request",
                f"{request.cohort} · answer by {request.expires_at:%d %b}",
                request.get_absolute_url(),
                "Answer the request",
                request.expires_at,
            )
        )
    mentee_cohorts = set()
    pairs = list(
        Mentorship.objects.for_user(user)
        .filter(status__in=MEETING_PAIRS)
        .select_related("mentee", "mentor")
        .order_by("pk")
    )
    attach_cohorts(pairs, context)
    for pair in pairs:
        if pair.status not in Mentorship.CURRENT:
            continue
        if pair.mentee_id == user.pk:
            mentee_cohorts.add(pair.cohort_id)
        mine = pair.mentor_confirmed_at if pair.is_mentor(user) else pair.mentee_confirmed_at
        if pair.is_proposed and mine is None:
            steps.append(
                Step(
                    Urgency.CONFIRM_MATCH,
                    f"Confirm your match with {_name(pair.other_side(user))}",
                    str(pair.cohort),
                    pk_url("matching:match_detail", pair.pk),
                    "See the match",
                )
            )
    for enrollment in context.get("mentee_enrollments", []):
        cohort = enrollment.cohort
        if cohort.pk in mentee_cohorts or cohort.pk in requested or cohort.phase not in PAIRING_PHASES:
            continue
        steps.append(
            Step(
                Urgency.FIND_MENTOR,
                "Find a mentor",
                f"{cohort}: browse mentors ranked for you, with the reasons",
                pk_url("matching:find_mentor", cohort.pk),
                "Find a mentor",
            )
        )
    rows = context.get("coordinated_cohorts", {})
    if rows:
        paired = Mentorship.objects.current().filter(cohort=OuterRef("cohort"), mentee=OuterRef("user"))
        unmatched = (
            Enrollment.objects.filter(cohort__in=list(rows), role=Role.MENTEE, status=Enrollment.Status.ACTIVE)
            .filter(~Exists(paired))
            .order_by()
            .values("cohort")
            .annotate(n=Count("pk"))
            .values_list("cohort", "n")
        )
        for cohort_id, n in unmatched:
            rows[cohort_id].unmatched = n
    return {"steps": steps, "mentee_cohorts_paired": mentee_cohorts, "pairs": pairs}

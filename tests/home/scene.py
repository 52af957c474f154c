"""Home-page data at a given size, for the query-budget test and bench_pages.py: a mentee, a mentor, a coordinator
and someone holding both roles, each with `size` of everything their home page lists."""

from datetime import timedelta

from django.utils import timezone

from programs.models import Role
from sessions.models import Agreement
from tests.factories import ProfileFactory, UserFactory
from tests.matching.factories import MentorshipRequestFactory
from tests.programs.factories import CohortFactory, EnrollmentFactory, InvitationFactory, ProgramFactory
from tests.sessions.factories import (
    AgendaItemFactory,
    GoalCheckInFactory,
    GoalFactory,
    MeetingFactory,
    MentorshipFactory,
    mentee_enrollment,
)


def _person(**fields):
    return ProfileFactory(user=UserFactory(**fields)).user


def home_scene(size: int) -> dict:
    people = {
        "mentee": _person(),
        "mentor": _person(),
        "coordinator": _person(is_coordinator=True),
        "both": _person(is_coordinator=True),
    }
    program = ProgramFactory(coordinators=[people["coordinator"], people["both"]])
    ProgramFactory(coordinators=[people["coordinator"]])
    for _ in range(size):
        cohort = CohortFactory(program=program)
        for mentor, mentee in ((people["mentor"], people["mentee"]), (people["both"], None), (None, people["both"])):
            sides = {"mentor": mentor, "mentee": mentee}
            pair = MentorshipFactory(cohort=cohort, **{side: who for side, who in sides.items() if who})
            AgendaItemFactory(meeting=MeetingFactory(mentorship=pair))
            MeetingFactory(mentorship=pair, starts_at=timezone.now() - timedelta(days=1))
            Agreement.objects.create(mentorship=pair)
            GoalCheckInFactory(goal=GoalFactory(enrollment=mentee_enrollment(pair)))
        for mentor in (people["mentor"], people["both"]):
            MentorshipRequestFactory(mentor=mentor, cohort=cohort)
        EnrollmentFactory(cohort=cohort, role=Role.MENTEE)
        InvitationFactory(cohort=cohort)
    return people

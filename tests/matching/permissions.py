from django.urls import reverse
from django.utils import timezone

from programs.models import Role
from tests.matching.factories import MentorshipRequestFactory
from tests.permissions import Access, Case
from tests.programs.factories import CohortFactory, EnrollmentFactory


def _mentee_request(name):
    def setup(owner, outsider):
        return reverse(name, args=[MentorshipRequestFactory(mentee=owner).pk])

    return setup


def _mentor_request(name):
    def setup(owner, outsider):
        return reverse(name, args=[MentorshipRequestFactory(mentor=owner).pk])

    return setup


def _paused(owner, outsider):
    enrollment = EnrollmentFactory(user=owner, role=Role.MENTOR, paused_at=timezone.now())
    return reverse("matching:resume", args=[enrollment.pk])


def _request_mentor(owner, outsider):
    cohort = CohortFactory()
    EnrollmentFactory(user=owner, cohort=cohort, role=Role.MENTEE)
    mentor = EnrollmentFactory(cohort=cohort, role=Role.MENTOR).user
    return reverse("matching:request_mentor", args=[cohort.pk, mentor.pk])


def _post(setup, **data):
    return Case(Access.OWNER, setup, method="post", ok=302, data=data)


CASES = {
    "matching:inbox": Case(Access.LOGIN, lambda owner, outsider: reverse("matching:inbox")),
    "matching:request_detail": Case(Access.OWNER, _mentee_request("matching:request_detail")),
    "matching:request_withdraw": _post(_mentee_request("matching:request_withdraw")),
    "matching:request_answer": _post(_mentee_request("matching:request_answer"), answer="Yes"),
    "matching:request_accept": _post(_mentor_request("matching:request_accept")),
    "matching:request_decline": _post(_mentor_request("matching:request_decline")),
    "matching:request_think": _post(_mentor_request("matching:request_think")),
    "matching:request_question": _post(_mentor_request("matching:request_question"), question="When?"),
    "matching:resume": _post(_paused),
    "matching:request_mentor": Case(Access.OWNER, _request_mentor),
}


def _mentee_cohort(owner, outsider):
    cohort = CohortFactory()
    EnrollmentFactory(user=owner, cohort=cohort, role=Role.MENTEE)
    return cohort


CASES["matching:find_mentor"] = Case(
    Access.OWNER, lambda owner, outsider: reverse("matching:find_mentor", args=[_mentee_cohort(owner, outsider).pk])
)


def _mentor_profile(owner, outsider):
    cohort = _mentee_cohort(owner, outsider)
    mentor = EnrollmentFactory(cohort=cohort, role=Role.MENTOR).user
    return reverse("matching:mentor_profile", args=[cohort.pk, mentor.pk])


CASES["matching:mentor_profile"] = Case(Access.OWNER, _mentor_profile)


def _board_seat(owner, outsider):
    from tests.matching.factories import MentorshipFactory

    return reverse("matching:board_seat", args=[MentorshipFactory(mentee=owner).pk])


CASES["matching:my_board"] = Case(Access.LOGIN, lambda owner, outsider: reverse("matching:my_board"))
CASES["matching:board_seat"] = Case(Access.OWNER, _board_seat, method="post", ok=302, data={"board_role": "peer"})

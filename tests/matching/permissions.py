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


# Bulk matching: the program's coordinators are the owners; everyone else gets a 404.


def _coordinated_cohort(owner):
    from tests.matching.factories_bulk import bulk_cohort

    return bulk_cohort(owner)


def _run(owner):
    from tests.matching.factories_bulk import MatchRunFactory

    return MatchRunFactory(cohort=_coordinated_cohort(owner))


def _run_url(name):
    return lambda owner, outsider: reverse(name, args=[_run(owner).pk])


def _pair_url(name):
    def setup(owner, outsider):
        from tests.matching.factories_bulk import ProposedPairFactory

        pair = ProposedPairFactory(run=_run(owner))
        return reverse(name, args=[pair.run.pk, pair.pk])

    return setup


def _unmatched_restore(owner, outsider):
    from tests.matching.factories_bulk import UnmatchedMenteeFactory

    held = UnmatchedMenteeFactory(run=_run(owner))
    return reverse("matching:unmatched_restore", args=[held.run.pk, held.pk])


def _ban_lift(owner, outsider):
    from tests.matching.factories_bulk import BannedPairFactory

    ban = BannedPairFactory(run=_run(owner))
    return reverse("matching:ban_lift", args=[ban.run.pk, ban.pk])


def _swap(owner, outsider):
    from tests.matching.factories_bulk import ProposedPairFactory

    run = _run(owner)
    ProposedPairFactory(run=run)
    # Without two ticked pairs the swap is refused with a message, after the access check.
    return reverse("matching:pair_swap", args=[run.pk])


def _owner_post(setup, **data):
    return Case(Access.OWNER, setup, method="post", ok=302, data=data)


def _proposed_match(name):
    def setup(owner, outsider):
        from matching.models import Mentorship
        from tests.matching.factories import MentorshipFactory

        return reverse(name, args=[MentorshipFactory(mentee=owner, status=Mentorship.Status.PROPOSED).pk])

    return setup


CASES.update(
    {
        "matching:run_start": Case(
            Access.OWNER, lambda owner, outsider: reverse("matching:run_start", args=[_coordinated_cohort(owner).pk])
        ),
        "matching:run_detail": Case(Access.OWNER, _run_url("matching:run_detail")),
        "matching:run_rerun": _owner_post(_run_url("matching:run_rerun")),
        "matching:run_publish": _owner_post(_run_url("matching:run_publish")),
        "matching:run_discard": _owner_post(_run_url("matching:run_discard")),
        "matching:pair_swap": _owner_post(_swap),
        "matching:pair_lock": _owner_post(_pair_url("matching:pair_lock")),
        "matching:pair_ban": _owner_post(_pair_url("matching:pair_ban")),
        "matching:pair_drop": _owner_post(_pair_url("matching:pair_drop")),
        "matching:unmatched_restore": _owner_post(_unmatched_restore),
        "matching:ban_lift": _owner_post(_ban_lift),
        "matching:program_weights": Case(
            Access.OWNER,
            lambda owner, outsider: reverse("matching:program_weights", args=[_coordinated_cohort(owner).program.slug]),
        ),
        "matching:match_detail": Case(Access.OWNER, _proposed_match("matching:match_detail")),
        "matching:match_confirm": _owner_post(_proposed_match("matching:match_confirm")),
        "matching:match_decline": _owner_post(_proposed_match("matching:match_decline")),
    }
)


def _offer(side, name, **fields):
    """An offer `owner` made (side="mentor") or received (side="mentee"), both enrolled in its cohort."""

    def setup(owner, outsider):
        from datetime import timedelta

        from matching.models import MentorOffer

        cohort = CohortFactory()
        role = Role.MENTOR if side == "mentor" else Role.MENTEE
        EnrollmentFactory(user=owner, cohort=cohort, role=role)
        mentor = owner if side == "mentor" else EnrollmentFactory(cohort=cohort, role=Role.MENTOR).user
        mentee = owner if side == "mentee" else EnrollmentFactory(cohort=cohort, role=Role.MENTEE).user
        offer = MentorOffer.objects.create(cohort=cohort, mentor=mentor, mentee=mentee, message="I can help.",
                                           expires_at=timezone.now() + timedelta(days=7), **fields)  # fmt: skip
        return reverse(name, args=[offer.pk])

    return setup


def _mentor_cohort(name, with_mentee=False):
    def setup(owner, outsider):
        cohort = CohortFactory()
        EnrollmentFactory(user=owner, cohort=cohort, role=Role.MENTOR)
        if with_mentee:
            return reverse(name, args=[cohort.pk, EnrollmentFactory(cohort=cohort, role=Role.MENTEE).user.pk])
        return reverse(name, args=[cohort.pk])

    return setup


CASES.update(
    {
        "matching:offer_mentees": Case(Access.OWNER, _mentor_cohort("matching:offer_mentees")),
        "matching:offer_create": Case(Access.OWNER, _mentor_cohort("matching:offer_create", with_mentee=True)),
        "matching:offer_detail": Case(Access.OWNER, _offer("mentee", "matching:offer_detail")),
        "matching:offer_accept": _post(_offer("mentee", "matching:offer_accept")),
        "matching:offer_decline": _post(_offer("mentee", "matching:offer_decline")),
        "matching:offer_question": _post(_offer("mentee", "matching:offer_question"), question="How often?"),
        "matching:offer_withdraw": _post(_offer("mentor", "matching:offer_withdraw")),
        "matching:offer_answer": _post(
            _offer("mentor", "matching:offer_answer", question="How often?"), answer="Every two weeks"
        ),
    }
)

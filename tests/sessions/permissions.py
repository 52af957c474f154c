"""Permission cases for every sessions URL: the owner is the mentee or the mentor as the case needs; anyone else
gets a 404. The five roles of the privacy rules are enumerated in test_privacy.py."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from matching.models import Mentorship
from mentoring.notifications.services import reset_calendar_token
from programs.models import Program, Role
from programs.services.surveys import add_closing_survey
from sessions.models import MeetingSeries, SafetyReport
from tests.permissions import Access, Case
from tests.programs.factories import CohortFactory, EnrollmentFactory
from tests.sessions.factories import (
    ActionItemFactory,
    AgendaItemFactory,
    GoalFactory,
    MeetingFactory,
    MentorshipFactory,
    mentee_enrollment,
)


def _as_mentee(owner):
    return MentorshipFactory(mentee=owner)


def _as_mentor(owner):
    return MentorshipFactory(mentor=owner)


def _pair(name, side=_as_mentee):
    return lambda owner, outsider: reverse(name, args=[side(owner).pk])


def _meeting(name, side=_as_mentee, **fields):
    return lambda owner, outsider: reverse(name, args=[MeetingFactory(mentorship=side(owner), **fields).pk])


def _item(name, side=_as_mentee):
    return lambda owner, outsider: reverse(
        name, args=[AgendaItemFactory(meeting=MeetingFactory(mentorship=side(owner))).pk]
    )


def _goal(name, side=_as_mentee, **fields):
    def setup(owner, outsider):
        return reverse(name, args=[GoalFactory(enrollment=mentee_enrollment(side(owner)), **fields).pk])

    return setup


def _action_item(owner, outsider):
    return reverse("sessions:action_item_toggle", args=[ActionItemFactory(mentorship=_as_mentee(owner)).pk])


def _coordinated_cohort(owner, outsider):
    mentorship = MentorshipFactory()
    mentorship.cohort.program.coordinators.add(owner)
    return reverse("sessions:cohort_activity", args=[mentorship.cohort_id])


def _closing_pair(owner, *, ended=False, side="mentee"):
    """A pair of `owner` in a cohort within its closing days, or (ended) closed out as completed."""
    today = timezone.localdate()
    ends_on = today - timedelta(days=1) if ended else today + timedelta(days=5)
    cohort = CohortFactory(starts_on=ends_on - timedelta(days=180), ends_on=ends_on)
    status = Mentorship.Status.COMPLETED if ended else Mentorship.Status.ACTIVE
    add_closing_survey(cohort=cohort)
    return MentorshipFactory(cohort=cohort, status=status, **{side: owner})


def _closing(name, **pair):
    return lambda owner, outsider: reverse(name, args=[_closing_pair(owner, **pair).pk])


def _dashboard(name, **extra):
    """A URL of the coordinators' dashboard for a cohort `owner` coordinates (the outsider coordinates another)."""

    def setup(owner, outsider):
        mentorship = MentorshipFactory()
        mentorship.cohort.program.coordinators.add(owner)
        MentorshipFactory().cohort.program.coordinators.add(outsider)
        return reverse(name, args=[mentorship.pk if extra.get("pair") else mentorship.cohort_id])

    return setup


def _goal_create(owner, outsider):
    _as_mentee(owner)
    return reverse("sessions:goal_create")


def _calendar_feed(owner, outsider):
    MeetingFactory(mentorship=_as_mentor(owner))
    return reverse("sessions:calendar_feed", args=[reset_calendar_token(user=owner)])


def _safety_report(name):
    """A report about a pair of a program `owner` coordinates."""

    def setup(owner, outsider):
        mentorship = MentorshipFactory()
        mentorship.cohort.program.coordinators.add(owner)
        report = SafetyReport.objects.create(
            mentorship=mentorship, reporter=mentorship.mentee, about=mentorship.mentor, reason="other", details="."
        )
        return reverse(name, args=[report.pk])

    return setup


def _audited_pair(owner, outsider):
    """A pair of a program `owner` coordinates, with audited access on (the outsider coordinates another such)."""
    mentorship = MentorshipFactory()
    Program.objects.filter(pk=mentorship.cohort.program_id).update(audited_access=True)
    mentorship.cohort.program.coordinators.add(owner)
    return reverse("sessions:pair_content", args=[mentorship.pk])


def _setup(name, role=Role.MENTEE):
    return lambda owner, outsider: reverse(name, args=[EnrollmentFactory(user=owner, role=role).pk])


def _post(setup, ok=302, htmx=False, **data):
    return Case(Access.OWNER, setup, method="post", ok=ok, data=data, htmx=htmx)


PAST = {"starts_at": timezone.now() - timedelta(hours=2)}
FUTURE_TIME = (timezone.localtime() + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")

CASES = {
    "sessions:mentorship_list": Case(Access.LOGIN, lambda owner, outsider: reverse("sessions:mentorship_list")),
    "sessions:mentorship_detail": Case(Access.OWNER, _pair("sessions:mentorship_detail")),
    "sessions:agreement_edit": Case(Access.OWNER, _pair("sessions:agreement_edit", _as_mentor)),
    "sessions:agreement_confirm": _post(_pair("sessions:agreement_confirm")),
    "sessions:agreement_decline": _post(_pair("sessions:agreement_decline")),
    "sessions:mentorship_end": Case(Access.OWNER, _pair("sessions:mentorship_end", _as_mentor)),
    "sessions:report_concern": Case(Access.OWNER, _pair("sessions:report_concern", _as_mentor)),
    "sessions:safety_report": Case(Access.OWNER, _safety_report("sessions:safety_report")),
    "sessions:pair_content": Case(Access.OWNER, _audited_pair),
    "sessions:safety_report_act": _post(_safety_report("sessions:safety_report_act"), action="close"),
    "sessions:note_add": _post(_pair("sessions:note_add"), body="We talked budgets.", visibility="pair"),
    "sessions:action_item_add": _post(_pair("sessions:action_item_add")),
    "sessions:action_item_toggle": _post(_action_item),
    "sessions:meeting_create": Case(Access.OWNER, _pair("sessions:meeting_create", _as_mentor)),
    "sessions:meeting_detail": Case(Access.OWNER, _meeting("sessions:meeting_detail", _as_mentor)),
    "sessions:meeting_edit": Case(Access.OWNER, _meeting("sessions:meeting_edit")),
    "sessions:meeting_cancel": _post(_meeting("sessions:meeting_cancel", _as_mentor)),
    "sessions:meeting_calendar": Case(Access.OWNER, _meeting("sessions:meeting_calendar")),
    "sessions:meeting_objective": _post(_meeting("sessions:meeting_objective"), objective="Plan my first budget"),
    "sessions:agenda_item_add": _post(_meeting("sessions:agenda_item_add", _as_mentor), category="question", text="?"),
    "sessions:agenda_from_template": _post(_meeting("sessions:agenda_from_template"), template="0"),
    "sessions:agenda_review": _post(_meeting("sessions:agenda_review", _as_mentor), ok=200, htmx=True),
    "sessions:meeting_wrap_up": Case(Access.OWNER, _meeting("sessions:meeting_wrap_up", **PAST)),
    "sessions:agenda_item_move": _post(_item("sessions:agenda_item_move"), direction="up"),
    "sessions:agenda_item_toggle": _post(_item("sessions:agenda_item_toggle", _as_mentor), ok=200, htmx=True),
    "sessions:agenda_item_remove": _post(_item("sessions:agenda_item_remove")),
    "sessions:agenda_item_comment": _post(_item("sessions:agenda_item_comment", _as_mentor), comment="Good one"),
    "sessions:goal_list": Case(Access.LOGIN, lambda owner, outsider: reverse("sessions:goal_list")),
    "sessions:goal_create": Case(Access.LOGIN, _goal_create),
    "sessions:goal_detail": Case(Access.OWNER, _goal("sessions:goal_detail")),
    "sessions:goal_edit": Case(Access.OWNER, _goal("sessions:goal_edit")),
    "sessions:goal_check_in": _post(_goal("sessions:goal_check_in", _as_mentor), value="2"),
    "sessions:goal_status": _post(_goal("sessions:goal_status"), status="achieved"),
    "sessions:goal_confirm": _post(_goal("sessions:goal_confirm", _as_mentor, status="achieved")),
    "sessions:goal_comment": _post(_goal("sessions:goal_comment", _as_mentor), body="Nice progress"),
    "sessions:cohort_activity": Case(Access.OWNER, _coordinated_cohort),
    "sessions:dashboard": Case(Access.OWNER, _dashboard("sessions:dashboard")),
    "sessions:dashboard_pairs_csv": Case(Access.OWNER, _dashboard("sessions:dashboard_pairs_csv")),
    "sessions:dashboard_report": Case(Access.OWNER, _dashboard("sessions:dashboard_report")),
    "sessions:dashboard_nudge": _post(_dashboard("sessions:dashboard_nudge", pair=True), template="meet"),
    "sessions:relationship_check": Case(Access.OWNER, _pair("sessions:relationship_check")),
    "sessions:closing_detail": Case(Access.OWNER, _closing("sessions:closing_detail", side="mentor")),
    "sessions:closing_answer": _post(_closing("sessions:closing_answer"), choice="continue"),
    "sessions:closing_survey": _post(
        _closing("sessions:closing_survey", ended=True, side="mentor"), answer_1="4", answer_2="2"
    ),
    "sessions:thank_you_send": _post(_closing("sessions:thank_you_send", ended=True), body="Your questions helped."),
    # A calendar app cannot log in: the unguessable token is the key (a wrong one is a 404, see test_calendar_feed).
    "sessions:calendar_feed": Case(Access.PUBLIC, _calendar_feed),
}


def _series_meeting(name):
    def setup(owner, outsider):
        mentorship = _as_mentee(owner)
        series = MeetingSeries.objects.create(
            mentorship=mentorship, first_starts_at=timezone.now() + timedelta(days=3), count=2, interval_days=7
        )
        starts = series.first_starts_at
        meeting = MeetingFactory(mentorship=mentorship, series=series, recurrence_id=starts, starts_at=starts)
        return reverse(name, args=[meeting.pk])

    return setup


CASES.update(
    {
        "sessions:booking": Case(Access.OWNER, _pair("sessions:booking")),
        "sessions:next_topic_add": Case(Access.OWNER, _pair("sessions:next_topic_add", _as_mentor)),
        "sessions:availability": Case(Access.LOGIN, lambda owner, outsider: reverse("sessions:availability")),
        "sessions:meeting_skip": _post(_series_meeting("sessions:meeting_skip")),
        "sessions:meeting_cancel_future": _post(_series_meeting("sessions:meeting_cancel_future")),
        "sessions:meeting_move_future": _post(_series_meeting("sessions:meeting_move_future"), starts_at=FUTURE_TIME),
        "sessions:onboarding": Case(Access.OWNER, _setup("sessions:onboarding")),
        "sessions:onboarding_skip": _post(_setup("sessions:onboarding_skip")),
        "sessions:onboarding_resume": _post(_setup("sessions:onboarding_resume")),
        "sessions:onboarding_finish": _post(_setup("sessions:onboarding_finish")),
        "sessions:onboarding_capacity": _post(_setup("sessions:onboarding_capacity", Role.MENTOR), capacity="3"),
    }
)

"""Every form endpoint the fuzz test posts to: one entry per URL name, naming the forms it exercises.

An entry's URL, and the objects it is about, come from the permission harness's case for that URL name
(`setup(owner, outsider)`, tests/<app>/permissions.py) unless the entry gives its own `setup`; the owner is who
posts. Fields are read from the forms the page itself renders (a GET of the same URL, plus `page`), so they carry
the real querysets and the per-question or per-goal fields; a POST-only endpoint's forms are built bare.
Adding a form is one entry here (test_registry.py fails for a form no entry names).
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from allauth.account import forms as allauth_forms
from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from django.urls import reverse
from hypothesis import strategies as st

from matching import forms as matching
from mentoring.accounts import forms as accounts
from mentoring.accounts import sso_only
from mentoring.notifications import forms as notifications
from mentoring.privacy.forms import DeleteAccountForm, OnRequestForm
from mentoring.profiles import forms as profiles
from programs import forms as programs
from programs.forms.audit import AuditFilterForm
from programs.forms.resources import TemplateItemForm
from programs.forms.surveys import SurveyQuestionForm
from sessions import forms as sessions
from tests.fuzz import strategies as fuzz
from tests.programs.factories import AgendaTemplateFactory, CohortFactory, EnrollmentFactory, QuestionFactory, choices
from tests.programs.permissions import coordinated_cohort
from tests.sessions.factories import AgendaItemFactory, GoalFactory, MeetingFactory, mentee_enrollment
from tests.sessions.permissions import PAST, _as_mentor


@dataclass(frozen=True)
class Endpoint:
    forms: tuple
    setup: Callable | None = None  # (owner, outsider) -> URL; None: the permission harness's case
    method: str = "post"
    htmx: bool = False
    signed_in: bool = True  # False: posted by someone signed out (sign-in, sign-up, password reset)
    page: str | None = ""  # query string of the GET that shows the form; None: no page shows it
    fields: dict = field(default_factory=dict)  # field name -> strategy, replacing or adding to the forms' own
    visit: bool = False  # GET the URL first and post where it redirects (allauth's password reset key)


def _meeting_with_goal(name, **fields):
    """A meeting whose agenda has an item about one of the mentee's goals (the wrap-up asks a value per goal)."""

    def setup(owner, outsider):
        meeting = MeetingFactory(mentorship=_as_mentor(owner), **fields)
        goal = GoalFactory(enrollment=mentee_enrollment(meeting.mentorship), mentorship=meeting.mentorship)
        AgendaItemFactory(meeting=meeting, goal=goal)
        return reverse(name, args=[meeting.pk])

    return setup


def _template_meeting(owner, outsider):
    """A meeting of the owner's pair, whose program has an agenda template."""
    meeting = MeetingFactory(mentorship=_as_mentor(owner))
    AgendaTemplateFactory(program=meeting.mentorship.cohort.program)
    return reverse("sessions:agenda_from_template", args=[meeting.pk])


def _program_with_questions(name):
    """A program the owner takes part in, with one question of every kind."""

    def setup(owner, outsider):
        enrollment = EnrollmentFactory(user=owner)
        program = enrollment.cohort.program
        for kind in ("text", "single", "multiple"):
            QuestionFactory(program=program, kind=kind, choices=[] if kind == "text" else choices("A", "<b>B</b>"))
        program.applications_open = True
        program.save()
        return reverse(name, args=[program.slug])

    return setup


def _joinable(owner, outsider):
    cohort = CohortFactory()
    cohort.program.applications_open = True
    cohort.program.save()
    QuestionFactory(program=cohort.program, kind="text")
    return reverse("programs:join", args=[cohort.program.slug])


def _coordinator_page(name, key="pk"):
    def setup(owner, outsider):
        cohort = coordinated_cohort(owner)
        return reverse(name, args=[cohort.program.slug if key == "slug" else cohort.pk])

    return setup


def _anyone(name):
    return lambda owner, outsider: reverse(name)


def _reset_key(owner, outsider):
    return reverse(
        "account_reset_password_from_key",
        kwargs={"uidb36": user_pk_to_url_str(owner), "key": default_token_generator.make_token(owner)},
    )


def _without_password(owner, outsider):
    owner.set_unusable_password()
    owner.save()
    return reverse("account_set_password")


# Forms that only carry a page's state (filters, the chosen role) through a post: one that does not validate is
# dropped, not a refusal of the post.
CARRIED = (programs.BackToPeopleForm, programs.JoinRoleForm)
login_or_payload = st.one_of(st.sampled_from(("person@example.org", "PERSON@EXAMPLE.ORG ")), fuzz.emails)
ANSWER = {"role": st.sampled_from(("mentee", "mentor", "<script>alert(1)</script>", "admin"))}

REGISTRY: dict[str, Endpoint] = {
    # mentoring: accounts (and allauth's pages as our URLs serve them), profiles, notifications
    "account_login": Endpoint((sso_only.LoginForm,), _anyone("account_login"), signed_in=False),
    "account_signup": Endpoint(
        (sso_only.PasswordSignupForm, accounts.SignupForm), _anyone("account_signup"), signed_in=False
    ),
    "account_reset_password": Endpoint(
        (sso_only.ResetPasswordForm,), _anyone("account_reset_password"), signed_in=False
    ),
    "account_reset_password_from_key": Endpoint(
        (sso_only.ResetPasswordKeyForm,), _reset_key, signed_in=False, visit=True
    ),
    "account_change_password": Endpoint((allauth_forms.ChangePasswordForm,), _anyone("account_change_password")),
    "account_set_password": Endpoint((allauth_forms.SetPasswordForm,), _without_password),
    "account_reauthenticate": Endpoint((allauth_forms.ReauthenticateForm,), _anyone("account_reauthenticate")),
    "account_email": Endpoint(
        (allauth_forms.AddEmailForm,), _anyone("account_email"), fields={"action_add": st.just("")}
    ),
    "accounts:organisation_sign_in": Endpoint((accounts.OrganisationSignInForm,), signed_in=False),
    "profiles:edit": Endpoint((profiles.ProfileForm,)),
    "notifications:preferences": Endpoint((notifications.PreferencesForm,)),
    "notifications:unsubscribe": Endpoint((notifications.OneClickUnsubscribeForm,), signed_in=False, page=None),
    # programs
    "programs:program_create": Endpoint((programs.ProgramForm,)),
    "programs:program_edit": Endpoint((programs.ProgramForm,)),
    "programs:coordinator_add": Endpoint((programs.CoordinatorForm,), page=None),
    "programs:cohort_create": Endpoint((programs.CohortForm,)),
    "programs:cohort_edit": Endpoint((programs.CohortForm,)),
    "programs:cohort_clone": Endpoint((programs.CloneCohortForm,)),
    "programs:invite": Endpoint((programs.InviteForm,)),
    "programs:reporting_lines": Endpoint((programs.ReportingLinesForm,)),
    "programs:orientation_item_add": Endpoint((programs.OrientationItemForm,), page=None),
    "programs:orientation_check": Endpoint((programs.OrientationCheckForm,), page=None),
    "programs:enrollment_list": Endpoint((programs.EnrollmentFilterForm,), method="get"),
    "programs:enrollment_capacity": Endpoint((programs.CapacityForm, programs.BackToPeopleForm), page=None),
    "sessions:onboarding_capacity": Endpoint((programs.CapacityForm,), page=None),
    "programs:enrollment_withdraw": Endpoint((programs.BackToPeopleForm,), page=None),
    "programs:question_create": Endpoint((programs.QuestionForm,)),
    "programs:question_edit": Endpoint((programs.QuestionForm,)),
    "programs:question_move": Endpoint((programs.MoveForm,), page=None),
    "programs:rule_create": Endpoint((programs.RuleForm,), _program_with_questions("programs:rule_create")),
    "programs:answers": Endpoint((programs.AnswersForm,), _program_with_questions("programs:answers")),
    "programs:join": Endpoint(
        (programs.JoinForm, programs.JoinRoleForm), _joinable, page="?role=mentee", fields=ANSWER
    ),
    "programs:application_decide": Endpoint((programs.DecisionForm,), page=None),
    # matching
    "matching:request_mentor": Endpoint((matching.RequestMentorForm,)),
    "matching:request_decline": Endpoint((matching.DeclineForm,), page=None),
    "matching:match_decline": Endpoint((matching.DeclineForm,), page=None),
    "matching:request_question": Endpoint((matching.QuestionForm,), page=None),
    "matching:request_answer": Endpoint((matching.AnswerForm,), page=None),
    "matching:board_seat": Endpoint((matching.BoardSeatForm,), page=None),
    "matching:find_mentor": Endpoint((matching.MentorFilterForm,), method="get"),
    "matching:pair_swap": Endpoint((matching.SwapForm,), page=None),
    "matching:run_start": Endpoint((matching.MatchRunForm,)),
    "matching:program_weights": Endpoint((matching.MatchingWeightsForm,)),
    # sessions
    "sessions:agreement_edit": Endpoint((sessions.AgreementForm,)),
    "sessions:mentorship_end": Endpoint((sessions.EndMentorshipForm,)),
    "sessions:mentorship_detail": Endpoint((sessions.PairPageForm,), method="get"),
    "sessions:note_add": Endpoint((sessions.NoteForm,), page=None),
    "sessions:action_item_add": Endpoint((sessions.ActionItemForm,), page=None),
    "sessions:meeting_create": Endpoint((sessions.MeetingForm,)),
    "sessions:meeting_edit": Endpoint((sessions.MeetingForm,)),
    "sessions:meeting_detail": Endpoint((sessions.MeetingPageForm,), method="get"),
    "sessions:meeting_cancel": Endpoint((sessions.CancelMeetingForm,), page=None),
    "sessions:meeting_objective": Endpoint((sessions.ObjectiveForm,), page=None),
    "sessions:agenda_item_add": Endpoint((sessions.AgendaItemForm,), page=None),
    "sessions:agenda_item_move": Endpoint((sessions.AgendaMoveForm,), page=None),
    "sessions:agenda_item_comment": Endpoint((sessions.AgendaCommentForm,), page=None),
    "sessions:meeting_wrap_up": Endpoint(
        (sessions.WrapUpForm,), _meeting_with_goal("sessions:meeting_wrap_up", **PAST)
    ),
    "sessions:goal_create": Endpoint((sessions.GoalForm,)),
    "sessions:goal_edit": Endpoint((sessions.GoalForm,)),
    "sessions:goal_check_in": Endpoint((sessions.CheckInForm,), page=None),
    "sessions:goal_status": Endpoint((sessions.GoalStatusForm,), page=None),
    "sessions:goal_comment": Endpoint((sessions.GoalCommentForm,), page=None),
    "sessions:dashboard": Endpoint((sessions.PairFilterForm,), method="get"),
    "sessions:dashboard_pairs_csv": Endpoint((sessions.PairFilterForm,), method="get"),
    "sessions:dashboard_nudge": Endpoint((sessions.NudgeForm,), page=None),
    "sessions:closing_answer": Endpoint((sessions.ClosingAnswerForm,), page=None),
    "sessions:closing_survey": Endpoint((sessions.CloseOutSurveyForm,), page=None),  # bare: the default questions
    "sessions:thank_you_send": Endpoint((sessions.ThankYouNoteForm,), page=None),
    "sessions:report_concern": Endpoint((sessions.SafetyReportForm,)),
    "sessions:safety_report_act": Endpoint((sessions.ReportActionForm,), page=None),
    "sessions:pair_content": Endpoint((sessions.AccessReasonForm,)),
    "programs:audit_log": Endpoint((AuditFilterForm,), method="get"),
    "programs:participant_data_download": Endpoint(
        (OnRequestForm,), page=None, fields={"download-reason": fuzz.for_field(OnRequestForm.base_fields["reason"])}
    ),
    "privacy:delete": Endpoint((DeleteAccountForm,), page=None),
    "sessions:availability": Endpoint((sessions.AvailabilityForm,)),
    "sessions:booking": Endpoint((sessions.BookingForm,)),
    "sessions:meeting_move_future": Endpoint((sessions.MoveFutureForm,), page=None),
    "sessions:next_topic_add": Endpoint((sessions.NextTopicForm,)),
    "sessions:relationship_check": Endpoint((sessions.RelationshipCheckForm,)),
    "matching:offer_create": Endpoint((matching.OfferForm,)),
    "programs:guide_create": Endpoint((programs.GuideForm,)),
    # The file field is not fuzzed (the fuzzer posts text fields): tests/programs/services/test_resources.py
    # sends wrong, renamed and oversized files.
    "programs:file_create": Endpoint((programs.ResourceFileForm,)),
    "programs:template_create": Endpoint(
        (programs.AgendaTemplateForm, TemplateItemForm),
        fields={
            "items-TOTAL_FORMS": st.sampled_from(("1", "0", "21", "1000000", "-1", "x", "")),
            "items-INITIAL_FORMS": st.sampled_from(("0", "5", "")),
            **{f"items-0-{name}": fuzz.for_field(field) for name, field in TemplateItemForm.base_fields.items()},
        },
    ),
    "programs:template_edit": Endpoint(
        (programs.AgendaTemplateForm, TemplateItemForm),
        fields={
            "items-TOTAL_FORMS": st.sampled_from(("1", "0", "21", "1000000", "-1", "x", "")),
            "items-INITIAL_FORMS": st.sampled_from(("0", "5", "")),
            **{f"items-0-{name}": fuzz.for_field(field) for name, field in TemplateItemForm.base_fields.items()},
        },
    ),
    "programs:resource_edit": Endpoint((programs.GuideForm,)),
    "sessions:agenda_from_template": Endpoint((sessions.AgendaTemplateChoiceForm,), _template_meeting, page=None),
    "programs:survey_create": Endpoint(
        (programs.SurveyForm, SurveyQuestionForm),
        fields={
            "questions-TOTAL_FORMS": st.sampled_from(("1", "0", "21", "1000000", "-1", "x", "")),
            "questions-INITIAL_FORMS": st.sampled_from(("0", "5", "")),
            **{f"questions-0-{name}": fuzz.for_field(field) for name, field in SurveyQuestionForm.base_fields.items()},
        },
    ),
}

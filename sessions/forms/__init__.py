"""Every input of the sessions pages comes through one of these forms (views never read request.POST or GET
themselves). Django's CharField refuses a NUL byte ("Null characters are not allowed."), so no text reaches the
database with one. One module per page family; import the forms from here."""

from sessions.forms._common import error_text
from sessions.forms.checks import RelationshipCheckForm
from sessions.forms.closing import CloseOutSurveyForm, ClosingAnswerForm, ThankYouNoteForm
from sessions.forms.dashboard import NudgeForm, PairFilterForm
from sessions.forms.goals import CheckInForm, GoalCommentForm, GoalForm, GoalStatusForm
from sessions.forms.meetings import (
    AgendaCommentForm,
    AgendaItemForm,
    AgendaMoveForm,
    AgendaTemplateChoiceForm,
    CancelMeetingForm,
    MeetingForm,
    MeetingPageForm,
    ObjectiveForm,
    WrapUpForm,
)
from sessions.forms.pairs import ActionItemForm, AgreementForm, EndMentorshipForm, NoteForm, PairPageForm
from sessions.forms.safety import AccessReasonForm, ReportActionForm, SafetyReportForm
from sessions.forms.scheduling import AvailabilityForm, BookingForm, MoveFutureForm, NextTopicForm

__all__ = [
    "AccessReasonForm",
    "ReportActionForm",
    "SafetyReportForm",
    "RelationshipCheckForm",
    "ActionItemForm",
    "AgendaCommentForm",
    "AgendaItemForm",
    "AgendaTemplateChoiceForm",
    "AgendaMoveForm",
    "AgreementForm",
    "AvailabilityForm",
    "BookingForm",
    "MoveFutureForm",
    "NextTopicForm",
    "CancelMeetingForm",
    "CheckInForm",
    "ClosingAnswerForm",
    "CloseOutSurveyForm",
    "EndMentorshipForm",
    "GoalCommentForm",
    "GoalForm",
    "GoalStatusForm",
    "MeetingForm",
    "MeetingPageForm",
    "NoteForm",
    "NudgeForm",
    "ObjectiveForm",
    "PairFilterForm",
    "PairPageForm",
    "ThankYouNoteForm",
    "WrapUpForm",
    "error_text",
]

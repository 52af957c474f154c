"""The programs app's forms, one module per page family; import them from here (`from programs.forms import X`)."""

from programs.forms.applications import DecisionForm, JoinForm, JoinRoleForm
from programs.forms.programs import (
    BackToPeopleForm,
    CapacityForm,
    CloneCohortForm,
    CohortForm,
    CoordinatorForm,
    EnrollmentFilterForm,
    InviteForm,
    OrientationCheckForm,
    OrientationItemForm,
    ProgramForm,
    ReportingLinesForm,
)
from programs.forms.questions import AnswersForm, MoveForm, QuestionForm, RuleForm
from programs.forms.resources import (
    AgendaTemplateForm,
    GuideForm,
    ResourceFileForm,
    TemplateItemForm,
    TemplateItemFormSet,
)
from programs.forms.surveys import SurveyForm, SurveyQuestionFormSet

__all__ = [
    "AgendaTemplateForm",
    "GuideForm",
    "ResourceFileForm",
    "TemplateItemForm",
    "TemplateItemFormSet",
    "AnswersForm",
    "BackToPeopleForm",
    "CapacityForm",
    "CloneCohortForm",
    "CohortForm",
    "CoordinatorForm",
    "DecisionForm",
    "EnrollmentFilterForm",
    "InviteForm",
    "JoinForm",
    "JoinRoleForm",
    "MoveForm",
    "OrientationCheckForm",
    "OrientationItemForm",
    "ProgramForm",
    "QuestionForm",
    "ReportingLinesForm",
    "RuleForm",
    "SurveyForm",
    "SurveyQuestionFormSet",
]

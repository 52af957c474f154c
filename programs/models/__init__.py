"""The programs app's data: import every model from here (`from programs.models import Cohort`)."""

from .applications import Application, ApplicationQuerySet, ReportingLine, taking_part_roles
from .cohorts import LAST_CALL, Cohort, CohortQuerySet, Phase
from .enrollments import Enrollment, EnrollmentQuerySet, OrientationCheck, OrientationItem, Role
from .invitations import Invitation, InvitationQuerySet, default_invitation_expiry, new_invitation_token
from .programs import COHORT_RULES, MatchingMode, Program, ProgramQuerySet
from .questions import MAX_RULES, Answer, Audience, MatchRule, Question, QuestionBase, rule_problem
from .resources import (
    AGENDA_CATEGORIES,
    MAX_TEMPLATE_ITEMS,
    AgendaTemplate,
    AgendaTemplateItem,
    Resource,
    members_of,
)
from .surveys import MIN_ANSWERS, RECOMMENDATION_TEXT, REMINDER_DAYS, Survey, SurveyAsk, SurveyQuestion, Trigger

__all__ = [
    "AGENDA_CATEGORIES",
    "MAX_TEMPLATE_ITEMS",
    "AgendaTemplate",
    "AgendaTemplateItem",
    "Resource",
    "members_of",
    "COHORT_RULES",
    "MAX_RULES",
    "MIN_ANSWERS",
    "RECOMMENDATION_TEXT",
    "REMINDER_DAYS",
    "Survey",
    "SurveyAsk",
    "SurveyQuestion",
    "Trigger",
    "Answer",
    "Application",
    "ApplicationQuerySet",
    "Audience",
    "MatchRule",
    "Question",
    "QuestionBase",
    "ReportingLine",
    "rule_problem",
    "taking_part_roles",
    "LAST_CALL",
    "Cohort",
    "CohortQuerySet",
    "Enrollment",
    "EnrollmentQuerySet",
    "Invitation",
    "InvitationQuerySet",
    "MatchingMode",
    "OrientationCheck",
    "OrientationItem",
    "Phase",
    "Program",
    "ProgramQuerySet",
    "Role",
    "default_invitation_expiry",
    "new_invitation_token",
]

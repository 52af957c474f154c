from django.contrib import admin

from mentoring.admin import SupportAdmin

from .models import (
    AgendaTemplate,
    AgendaTemplateItem,
    Answer,
    Application,
    Cohort,
    Enrollment,
    Invitation,
    MatchRule,
    OrientationItem,
    Program,
    Question,
    ReportingLine,
    Resource,
    Survey,
    SurveyAsk,
    SurveyQuestion,
)


@admin.register(Program)
class ProgramAdmin(SupportAdmin):
    list_display = ["name", "slug", "matching_mode", "created_at"]
    search_fields = ["name", "slug"]
    filter_horizontal = ["coordinators"]


@admin.register(Cohort)
class CohortAdmin(SupportAdmin):
    list_display = ["name", "program", "starts_on", "ends_on"]
    list_filter = ["program"]
    search_fields = ["name", "program__name"]


@admin.register(Enrollment)
class EnrollmentAdmin(SupportAdmin):
    list_display = ["user", "cohort", "role", "status", "orientation_completed_at"]
    list_filter = ["role", "status", "cohort__program"]
    search_fields = ["user__email", "cohort__name"]
    raw_id_fields = ["user", "cohort"]


@admin.register(Invitation)
class InvitationAdmin(SupportAdmin):
    list_display = ["email", "cohort", "role", "created_at", "expires_at", "sent_at", "accepted_at", "revoked_at"]
    list_filter = ["role", "cohort__program"]
    search_fields = ["email"]
    raw_id_fields = ["cohort", "invited_by", "accepted_by"]
    exclude = ["token"]


@admin.register(OrientationItem)
class OrientationItemAdmin(SupportAdmin):
    list_display = ["title", "cohort", "role", "order"]
    list_filter = ["role"]


@admin.register(Question)
class QuestionAdmin(SupportAdmin):
    list_display = ["text", "program", "kind", "audience", "required", "order"]
    list_filter = ["kind", "audience", "program"]
    search_fields = ["text", "program__name"]


@admin.register(Answer)
class AnswerAdmin(SupportAdmin):
    """What a person answered is theirs and their program's: support sees that an answer exists, and when."""

    confidential = ["value"]
    list_display = ["pk", "question", "user", "updated_at"]
    raw_id_fields = ["question", "user"]


@admin.register(Application)
class ApplicationAdmin(SupportAdmin):
    """An applicant's note and the coordinators' message to them are theirs: support sees states and dates."""

    confidential = ["note", "decision_message"]
    list_display = ["pk", "cohort", "user", "role", "status", "created_at", "decided_at"]
    list_filter = ["status", "role"]
    search_fields = ["user__email"]
    raw_id_fields = ["cohort", "user", "decided_by"]


@admin.register(MatchRule)
class MatchRuleAdmin(SupportAdmin):
    list_display = ["pk", "program", "operator", "effect", "weight"]
    list_filter = ["operator", "effect"]
    raw_id_fields = ["mentee_question", "mentor_question"]


@admin.register(ReportingLine)
class ReportingLineAdmin(SupportAdmin):
    list_display = ["email", "manager_email", "program", "imported_at"]
    search_fields = ["email", "manager_email"]
    raw_id_fields = ["program"]


class ReadOnly:
    """Surveys and resources are made and answered in the product, through the services that check them (a file's
    type and size, a survey's questions): support reads them here, it does not change them."""

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class SurveyQuestionInline(ReadOnly, admin.TabularInline):
    model = SurveyQuestion
    fields = ["order", "kind", "text", "required"]
    extra = 0


@admin.register(Survey)
class SurveyAdmin(ReadOnly, SupportAdmin):
    list_display = ["title", "cohort", "audience", "trigger", "send_on", "is_closing", "created_at"]
    list_filter = ["trigger", "audience", "is_closing"]
    search_fields = ["title", "cohort__name"]
    inlines = [SurveyQuestionInline]


@admin.register(SurveyAsk)
class SurveyAskAdmin(ReadOnly, SupportAdmin):
    """Who was asked and whether they answered; what they answered is theirs (coordinators see totals only)."""

    confidential = ["answers"]
    list_display = ["pk", "survey", "user", "occasion", "asked_at", "reminded_at", "answered_at"]
    list_select_related = ["survey", "user"]
    raw_id_fields = ["survey", "user"]


@admin.register(Resource)
class ResourceAdmin(ReadOnly, SupportAdmin):
    list_display = ["title", "program", "kind", "file_name", "content_type", "size", "updated_at"]
    list_filter = ["kind"]
    search_fields = ["title", "program__name"]
    exclude = ["file"]  # served only by the view that checks who asks, never from the admin


class AgendaTemplateItemInline(ReadOnly, admin.TabularInline):
    model = AgendaTemplateItem
    fields = ["order", "category", "text"]
    extra = 0


@admin.register(AgendaTemplate)
class AgendaTemplateAdmin(ReadOnly, SupportAdmin):
    list_display = ["name", "program", "created_at"]
    search_fields = ["name", "program__name"]
    inlines = [AgendaTemplateItemInline]

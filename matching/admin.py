"""Site admin, for support only: coordinators never need it."""

from django.contrib import admin

from mentoring.admin import SupportAdmin

from .models import BannedPair, MatchRun, Mentorship, MentorshipRequest, ProposedPair, UnmatchedMentee


@admin.register(MentorshipRequest)
class MentorshipRequestAdmin(SupportAdmin):
    confidential = ["help_wanted", "why_this_mentor", "question", "answer", "decline_message"]
    list_display = ["mentee", "mentor", "cohort", "status", "created_at", "expires_at"]
    list_filter = ["status", "cohort__program"]
    search_fields = ["mentee__email", "mentor__email"]
    raw_id_fields = ["cohort", "mentee", "mentor"]


@admin.register(Mentorship)
class MentorshipAdmin(SupportAdmin):
    confidential = ["purpose", "end_reason", "thank_you_note"]
    list_display = ["mentee", "mentor", "cohort", "status", "board_role", "match_score", "started_at"]
    list_filter = ["status", "cohort__program"]
    search_fields = ["mentee__email", "mentor__email"]
    raw_id_fields = ["cohort", "mentee", "mentor", "request", "ended_by"]


class UnmatchedMenteeInline(admin.TabularInline):
    model = UnmatchedMentee
    raw_id_fields = ["mentee"]
    extra = 0


class BannedPairInline(admin.TabularInline):
    model = BannedPair
    raw_id_fields = ["mentee", "mentor"]
    extra = 0


@admin.register(MatchRun)
class MatchRunAdmin(SupportAdmin):
    list_display = ["pk", "cohort", "status", "created_by", "created_at", "published_at"]
    list_filter = ["status", "cohort__program"]
    raw_id_fields = ["cohort", "created_by", "published_by"]
    inlines = [BannedPairInline, UnmatchedMenteeInline]


@admin.register(ProposedPair)
class ProposedPairAdmin(SupportAdmin):
    list_display = ["run", "mentee", "mentor", "score", "locked", "source"]
    list_filter = ["locked", "source"]
    raw_id_fields = ["run", "mentee", "mentor", "mentorship"]

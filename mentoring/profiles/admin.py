from django.contrib import admin

from mentoring.admin import SupportAdmin

from .models import Profile, Skill, SoughtSkill


@admin.register(Skill)
class SkillAdmin(SupportAdmin):
    list_display = ["name", "category", "is_active"]
    list_filter = ["category", "is_active"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class SoughtSkillInline(admin.TabularInline):
    model = SoughtSkill
    extra = 0


@admin.register(Profile)
class ProfileAdmin(SupportAdmin):
    list_display = ["user", "organisation", "department", "job_level", "career_track"]
    search_fields = ["user__email", "user__first_name", "user__last_name", "organisation"]
    list_filter = ["career_track", "job_level"]
    filter_horizontal = ["skills_offered"]
    inlines = [SoughtSkillInline]

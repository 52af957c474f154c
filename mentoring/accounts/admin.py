from allauth.mfa.models import Authenticator
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from mentoring.admin import SupportAdminMixin

from .models import User


@admin.register(User)
class UserAdmin(SupportAdminMixin, DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "is_coordinator", "is_staff", "is_active"]
    list_filter = ["is_coordinator", "is_staff", "is_superuser", "is_active"]
    search_fields = ["email", "first_name", "last_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Personal info", {"fields": ["first_name", "last_name"]}),
        (
            "Roles",
            {"fields": ["is_coordinator", "is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]
    actions = ["make_coordinator", "revoke_coordinator"]

    @admin.action(description="Make the selected users coordinators")
    def make_coordinator(self, request, queryset):
        updated = queryset.update(is_coordinator=True)
        self.message_user(request, f"{updated} user(s) can now run programs.")

    @admin.action(description="Remove coordinator rights from the selected users")
    def revoke_coordinator(self, request, queryset):
        updated = queryset.update(is_coordinator=False)
        self.message_user(request, f"{updated} user(s) are no longer coordinators.")


# allauth's own admin for authenticators shows their data: a TOTP secret, the seed of the recovery codes. Support
# needs only whose, which kind and when; removing a lost one (so the person can set up a new one) is allowed.
admin.site.unregister(Authenticator)


@admin.register(Authenticator)
class AuthenticatorAdmin(admin.ModelAdmin):
    list_display = ["user", "type", "created_at", "last_used_at"]
    list_filter = ["type"]
    search_fields = ["user__email"]
    fields = ["user", "type", "created_at", "last_used_at"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

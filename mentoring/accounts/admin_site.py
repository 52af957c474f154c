"""The admin site: signed in through allauth's login, never its own form, and with a second factor for staff.

Django's admin login form would check a password alone: no rate limit, no second factor, no SSO-only rule. Here
/admin/login/ sends a visitor to allauth's sign-in (all three), and every admin page asks staff for a second factor.
"""

from functools import wraps

from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme, urlencode

from mentoring.accounts import second_factor


class MentoringAdminSite(admin.AdminSite):
    # Its header and title are set in mentoring/urls.py.

    def login(self, request, extra_context=None):
        next_url = request.GET.get(REDIRECT_FIELD_NAME, "")
        if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, require_https=request.is_secure()):
            next_url = ""
        if not request.user.is_authenticated:
            query = urlencode({REDIRECT_FIELD_NAME: next_url or resolve_url("admin:index")})
            return redirect(f"{resolve_url('account_login')}?{query}")
        if not (request.user.is_active and request.user.is_staff):
            raise PermissionDenied
        return redirect(next_url or "admin:index")

    def admin_view(self, view, cacheable=False):
        if view == self.logout:
            return super().admin_view(view, cacheable)

        @wraps(view)
        def with_second_factor(request, *args, **kwargs):
            if second_factor.is_missing(request.user):
                return second_factor.to_setup(request)
            return view(request, *args, **kwargs)

        return super().admin_view(with_second_factor, cacheable)

import zoneinfo

from django.utils import timezone

from mentoring import kept


class UserTimezoneMiddleware:
    """Shows dates and times in the signed-in person's own time zone. The profile it reads is kept as
    `request.profile` (None when signed out or without one), so that a page needing it (home) reads it once; and
    kept with the person's pages (mentoring.kept: a saved profile replaces them), so that a kept page reads none."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        tz_name = request.profile = None
        if request.user.is_authenticated:
            from .models import Profile

            user_id = request.user.pk
            request.profile = kept.keep(
                f"profile:{user_id}", Profile.objects.filter(user_id=user_id).first, scopes=[kept.person(user_id)]
            )
            tz_name = request.profile.time_zone if request.profile else None
        try:
            timezone.activate(zoneinfo.ZoneInfo(tz_name or "UTC"))
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            timezone.deactivate()
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()

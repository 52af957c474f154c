import zoneinfo

from django.utils import timezone


class UserTimezoneMiddleware:
    """Shows dates and times in the signed-in person's own time zone. The profile it reads is kept as
    `request.profile` (None when signed out or without one), so that a page needing it (home) reads it once."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        tz_name = request.profile = None
        if request.user.is_authenticated:
            from .models import Profile

            request.profile = Profile.objects.filter(user=request.user).first()
            tz_name = request.profile.time_zone if request.profile else None
        try:
            timezone.activate(zoneinfo.ZoneInfo(tz_name or "UTC"))
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            timezone.deactivate()
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()

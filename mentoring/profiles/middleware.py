import zoneinfo

from django.utils import timezone


class UserTimezoneMiddleware:
    """Shows dates and times in the signed-in person's own time zone."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        tz_name = None
        if request.user.is_authenticated:
            from .models import Profile

            tz_name = Profile.objects.filter(user=request.user).values_list("time_zone", flat=True).first()
        try:
            timezone.activate(zoneinfo.ZoneInfo(tz_name or "UTC"))
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            timezone.deactivate()
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()

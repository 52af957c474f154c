"""The personal calendar feed: no login (calendar apps cannot log in), the secret token is the key."""

from django.http import Http404, HttpResponse
from django.views.decorators.http import require_GET

from mentoring.notifications.models import NotificationSettings
from sessions.calendar import feed_ics, feed_meetings


@require_GET
def calendar_feed(request, token):
    settings_row = (
        NotificationSettings.objects.select_related("user").filter(calendar_token=token, user__is_active=True).first()
    )
    if settings_row is None or not token:
        raise Http404("No such calendar feed.")
    user = settings_row.user
    response = HttpResponse(feed_ics(user, feed_meetings(user)), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="mentoring.ics"'
    response["Cache-Control"] = "private, max-age=300"
    response["X-Robots-Tag"] = "noindex"
    return response

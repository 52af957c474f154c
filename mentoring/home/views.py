from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from mentoring.celery import app as celery_app
from mentoring.home import panels
from mentoring.notifications.models import Notification
from mentoring.profiles.models import Profile


def index(request):
    if not request.user.is_authenticated:
        return render(request, "home/landing.html")
    user = request.user
    profile, _ = Profile.objects.get_or_create(user=user)
    context = {
        "profile": profile,
        "recent_notifications": Notification.objects.for_user(user)[:5],
        **panels.context_for(user),
    }
    return render(request, "home/dashboard.html", context)


@never_cache
def healthz(request):
    status = {"database": _database_ok(), "broker": _broker_ok()}
    healthy = all(status.values())
    body = {"status": "ok" if healthy else "unavailable", **{k: "ok" if v else "down" for k, v in status.items()}}
    return JsonResponse(body, status=200 if healthy else 503)


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        return False


def _broker_ok() -> bool:
    try:
        with celery_app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
        return True
    except Exception:
        return False

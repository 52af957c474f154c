from django.shortcuts import render

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

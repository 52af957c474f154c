from django.shortcuts import render
from django.urls import reverse

from mentoring.home import panels
from mentoring.home.panels import Step, Urgency
from mentoring.notifications.models import Notification
from mentoring.profiles.models import Profile


def index(request):
    if not request.user.is_authenticated:
        return render(request, "home/landing.html")
    user = request.user
    # The profile UserTimezoneMiddleware read (one query fewer), created here for a person without one.
    profile = getattr(request, "profile", None) or Profile.objects.get_or_create(user=user)[0]
    context = panels.context_for(user, profile=profile)
    if not profile.is_complete and (context["is_mentee"] or context["is_mentor"]):
        context["steps"].append(
            Step(
                Urgency.FINISH_PROFILE,
                "Finish your profile",
                f"{profile.completeness}% complete. Still to add: {', '.join(profile.missing_parts)}",
                reverse("profiles:edit"),
                "Finish your profile",
            )
        )
        context["steps"].sort(key=lambda step: step.urgency)
    context.update(profile=profile, recent_notifications=Notification.objects.for_user(user)[:5])
    return render(request, "home/dashboard.html", context)

from django.db.models import Count
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
    # With its count of skills offered, which the guided setup's steps read (sessions.selectors.onboarding).
    profile = Profile.objects.filter(user=user).annotate(skill_count=Count("skills_offered")).first()
    if profile is None:
        profile, _ = Profile.objects.get_or_create(user=user)
        profile.skill_count = 0
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

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse

from mentoring import kept
from mentoring.home import panels
from mentoring.home.panels import Step, Urgency
from mentoring.notifications.models import Notification
from mentoring.profiles.models import Profile

# Home lists the most urgent next steps; the rest are one click away (a mentor of several cohorts can have dozens).
STEPS_SHOWN = 10


def _context(request) -> dict:
    """Every panel's context and the person's next steps, most urgent first."""
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
    context["profile"] = profile
    return context


def _home(request) -> dict:
    context = _context(request)
    steps = context["steps"]
    context.update(
        steps=steps[:STEPS_SHOWN],
        steps_total=len(steps),
        recent_notifications=Notification.objects.for_user(request.user)[:5],
    )
    return context


def index(request):
    if not request.user.is_authenticated:
        return render(request, "home/landing.html")
    user_id = request.user.pk
    content = kept.draw(
        request, "home/_dashboard.html", lambda: _home(request), scopes=lambda: kept.person_scopes(user_id)
    )
    return render(request, "home/dashboard.html", {"content": content})


@login_required
def steps(request):
    """All of a person's next steps, for when home shows only the most urgent."""
    return render(request, "home/steps.html", {"steps": _context(request)["steps"]})

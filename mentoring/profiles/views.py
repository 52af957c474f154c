from django.apps import apps
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render

from mentoring.web import back_or

from .forms import ProfileForm
from .models import Profile


def roles_of(user) -> set[str]:
    """The roles the person holds in any cohort. Programs sits above this app in the layers: its model is looked
    up by name, as programs looks up matching's (EnrollmentQuerySet.with_matched)."""
    enrollment = apps.get_model("programs", "Enrollment")
    return set(enrollment.objects.for_user(user).current().values_list("role", flat=True).distinct().order_by())


@login_required
def profile_edit(request):
    # Written on save only: a GET never creates the profile (sign-up already does, see signals.py).
    profile = Profile.objects.filter(user=request.user).first() or Profile(user=request.user)
    form = ProfileForm(request.POST or None, instance=profile, roles=roles_of(request.user))
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Your profile is saved.")
        return back_or(request, "profiles:detail", user_id=request.user.pk)
    return render(request, "profiles/profile_form.html", {"form": form, "profile": profile})


@login_required
def profile_detail(request, user_id):
    profile = get_object_or_404(Profile.objects.for_user(request.user).with_skills(), user_id=user_id)
    return render(request, "profiles/profile_detail.html", {"profile": profile})

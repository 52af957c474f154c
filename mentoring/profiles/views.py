from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render

from .forms import ProfileForm
from .models import Profile


@login_required
def profile_edit(request):
    # Written on save only: a GET never creates the profile (sign-up already does, see signals.py).
    profile = Profile.objects.filter(user=request.user).first() or Profile(user=request.user)
    form = ProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Your profile is saved.")
        return redirect("profiles:detail", user_id=request.user.pk)
    return render(request, "profiles/profile_form.html", {"form": form, "profile": profile})


@login_required
def profile_detail(request, user_id):
    profile = get_object_or_404(Profile.objects.for_user(request.user).with_skills(), user_id=user_id)
    return render(request, "profiles/profile_detail.html", {"profile": profile})

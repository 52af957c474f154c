from allauth.account.signals import user_signed_up
from django.dispatch import receiver
from django.urls import reverse

from mentoring.notifications.models import Kind
from mentoring.notifications.services import notify

from .models import Profile


@receiver(user_signed_up)
def welcome(sender, request, user, **kwargs):
    profile, _ = Profile.objects.get_or_create(user=user)
    notify(
        recipient=user,
        kind=Kind.WELCOME,
        title="Welcome to Mentoring: start with your profile",
        body="Mentors and mentees find each other through profiles. Add your skills, goals and how you like to work.",
        url=reverse("profiles:edit"),
        about=profile,
        dedupe_key=f"welcome:{user.pk}",
    )

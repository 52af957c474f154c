"""What the site's own apps hold about a person: e-mail addresses and sign-in methods, profile, notifications."""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.socialaccount.models import SocialAccount
from django.db.models import Case, Value, When

from mentoring.notifications.models import Notification, NotificationSettings
from mentoring.privacy.registry import register, rows
from mentoring.profiles.models import Profile

# On erasure the profile's own words are replaced (a placeholder where there was text, so the cohort's "profile
# complete" figures do not move) and what could name someone is emptied. The categorical parts the cohort's figures
# read (job level, career track, work style, languages, channels) and the time zone (the partner's meeting times) stay.
ERASED_TEXT = "(deleted)"
PROFILE_TEXTS = ("headline", "bio", "organisation", "department")
PROFILE_BLANKS = {"years_experience": None, "values": [], "manager_email": "", "avoid_organisations": []}


def export_account(user) -> dict:
    return {
        "E-mail addresses": rows(EmailAddress.objects.filter(user=user)),
        "Single sign-on accounts": rows(SocialAccount.objects.filter(user=user), exclude=("extra_data",)),
        "Second factors": rows(Authenticator.objects.filter(user=user), exclude=("data",)),
    }


def erase_account(user) -> None:
    EmailAddress.objects.filter(user=user).delete()
    SocialAccount.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()


def export_profile(user) -> dict:
    profiles = Profile.objects.filter(user=user)
    profile_rows = rows(profiles)
    for row, profile in zip(profile_rows, profiles.order_by("pk").prefetch_related("skills_offered"), strict=True):
        row["skills_offered"] = [skill.name for skill in profile.skills_offered.all()]
        row["skills_sought"] = list(profile.sought_skills.order_by("rank").values_list("skill__name", flat=True))
    return {"Profile": profile_rows}


def erase_profile(user) -> None:
    for profile in Profile.objects.filter(user=user):
        profile.skills_offered.clear()
        profile.sought_skills.all().delete()
    texts = {name: Case(When(**{name: ""}, then=Value("")), default=Value(ERASED_TEXT)) for name in PROFILE_TEXTS}
    Profile.objects.filter(user=user).update(**texts, **PROFILE_BLANKS)


def export_notifications(user) -> dict:
    return {
        "Notifications": rows(Notification.objects.filter(recipient=user), exclude=("content_type", "object_id")),
        "Notification settings": rows(NotificationSettings.objects.filter(user=user), exclude=("calendar_token",)),
    }


def erase_notifications(user) -> None:
    Notification.objects.filter(recipient=user).delete()
    NotificationSettings.objects.filter(user=user).delete()


def register_all() -> None:
    register("sign-in", export=export_account, erase=erase_account)
    register("profile", export=export_profile, erase=erase_profile)
    register("notifications", export=export_notifications, erase=erase_notifications)

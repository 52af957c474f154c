import factory
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from mentoring.notifications.models import Kind, Notification
from mentoring.profiles.models import JobLevel, Profile, Skill

PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["email"]
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified(user, create, extracted, **kwargs):
        if create and extracted is not False:
            EmailAddress.objects.get_or_create(
                user=user, email=user.email, defaults={"verified": True, "primary": True}
            )
            user.save()


class SkillFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Skill
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Test skill {n}")
    slug = factory.Sequence(lambda n: f"test-skill-{n}")
    category = "Testing"


class ProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Profile
        django_get_or_create = ["user"]

    user = factory.SubFactory(UserFactory)
    headline = "Analyst learning to lead"
    bio = "I like clear plans."
    organisation = "Acme"
    department = "Finance"
    job_level = JobLevel.MID
    years_experience = 6
    career_track = "finance"
    values = ["integrity", "curiosity"]
    work_style = "structured"
    languages = ["en"]
    time_zone = "Europe/London"
    meeting_channels = ["video"]

    @classmethod
    def create(cls, **kwargs):
        """The person's profile with these fields set, also when they have one already (the shared `mentor` and
        `mentee` fixtures come with one): get_or_create alone would drop the fields."""
        user = kwargs.get("user")
        profile = Profile.objects.filter(user=user).first() if getattr(user, "pk", None) else None
        if profile is None:
            return super().create(**kwargs)
        fields = {name: value for name, value in kwargs.items() if name != "user"}
        for name, value in fields.items():
            setattr(profile, name, value)
        if fields:
            profile.save(update_fields=list(fields))
        return profile


def person(*, time_zone: str = "Europe/London", **user_fields):
    """A User with a complete profile in this time zone."""
    return ProfileFactory(user=UserFactory(**user_fields), time_zone=time_zone).user


class NotificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Notification

    recipient = factory.SubFactory(UserFactory)
    kind = Kind.PROGRAM
    title = factory.Sequence(lambda n: f"Notification {n}")
    dedupe_key = factory.Sequence(lambda n: f"test:{n}")
    url = "/profile/"

from datetime import timedelta

import factory
from django.utils import timezone

from matching.models import Mentorship, MentorshipRequest
from programs.models import Role
from tests.factories import ProfileFactory, UserFactory
from tests.programs.factories import CohortFactory


class MentorshipRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MentorshipRequest

    cohort = factory.SubFactory(CohortFactory)
    mentee = factory.SubFactory(UserFactory)
    mentor = factory.SubFactory(UserFactory)
    help_wanted = "Help me plan a budget."
    why_this_mentor = "You run the finance team."
    expires_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))


class MentorshipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Mentorship

    cohort = factory.SubFactory(CohortFactory)
    mentee = factory.SubFactory(UserFactory)
    mentor = factory.SubFactory(UserFactory)


def mentor_in(enrol, skills=(), **profile):
    """An active mentor of the `enrol` fixture's cohort, with a profile offering these skills."""
    user = enrol(Role.MENTOR).user
    ProfileFactory(user=user, **profile).skills_offered.set(skills)
    return user

from datetime import timedelta

import factory
from django.utils import timezone

from matching.models import Mentorship, MentorshipRequest
from tests.factories import UserFactory
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

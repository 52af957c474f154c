from datetime import timedelta

import factory
from django.utils import timezone

from matching.models import Mentorship, MentorshipRequest
from programs.models import Enrollment, Role
from tests.factories import ProfileFactory, UserFactory, person
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
    """An active pair; both people are enrolled in the pair's cohort, as the matching flow would leave them
    (`enrollments=False` to skip that)."""

    class Meta:
        model = Mentorship
        skip_postgeneration_save = True

    cohort = factory.SubFactory(CohortFactory)
    mentee = factory.LazyFunction(person)
    mentor = factory.LazyFunction(person)
    status = Mentorship.Status.ACTIVE
    started_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def enrollments(mentorship, create, extracted, **kwargs):
        if create and extracted is not False:
            for user, role in ((mentorship.mentee, Role.MENTEE), (mentorship.mentor, Role.MENTOR)):
                Enrollment.objects.get_or_create(user=user, cohort=mentorship.cohort, role=role)


def mentor_in(enrol, skills=(), **profile):
    """An active mentor of the `enrol` fixture's cohort, with a profile offering these skills."""
    user = enrol(Role.MENTOR).user
    ProfileFactory(user=user, **profile).skills_offered.set(skills)
    return user

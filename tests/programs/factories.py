from datetime import timedelta

import factory
from django.utils import timezone

from programs.models import Cohort, Enrollment, Invitation, OrientationItem, Program, Role
from tests.factories import UserFactory


class ProgramFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Program
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Program {n}")
    slug = factory.Sequence(lambda n: f"program-{n}")

    @factory.post_generation
    def coordinators(program, create, extracted, **kwargs):
        if create and extracted:
            program.coordinators.add(*extracted)


class CohortFactory(factory.django.DjangoModelFactory):
    """A cohort that started a week ago: enrolling today."""

    class Meta:
        model = Cohort

    program = factory.SubFactory(ProgramFactory)
    name = factory.Sequence(lambda n: f"Cohort {n}")
    starts_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=7))
    ends_on = factory.LazyAttribute(lambda c: c.starts_on + timedelta(days=180))


class EnrollmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enrollment

    user = factory.SubFactory(UserFactory)
    cohort = factory.SubFactory(CohortFactory)
    role = Role.MENTEE


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    cohort = factory.SubFactory(CohortFactory)
    email = factory.Sequence(lambda n: f"invitee{n}@example.org")
    role = Role.MENTEE


class OrientationItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrientationItem

    cohort = factory.SubFactory(CohortFactory)
    role = Role.MENTEE
    title = factory.Sequence(lambda n: f"Step {n}")

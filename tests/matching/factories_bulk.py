"""Factories and helpers for bulk-matching tests: people with profiles and skills, runs and their pairs."""

import factory

from matching.models import BannedPair, MatchRun, ProposedPair, UnmatchedMentee
from programs.models import MatchingMode, Role
from tests.factories import ProfileFactory, SkillFactory, UserFactory
from tests.programs.factories import CohortFactory, EnrollmentFactory, ProgramFactory


class MatchRunFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MatchRun

    cohort = factory.SubFactory(CohortFactory, program=factory.SubFactory(ProgramFactory, matching_mode="coordinator"))


class ProposedPairFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProposedPair

    run = factory.SubFactory(MatchRunFactory)
    mentee = factory.SubFactory(UserFactory)
    mentor = factory.SubFactory(UserFactory)
    score = 0.7
    contributions = factory.LazyFunction(lambda: {"skills": 0.4, "values": 0.1, "language": 0.2})
    reasons = factory.LazyFunction(lambda: ["offers budgeting, one of your sought skills"])


class BannedPairFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BannedPair

    run = factory.SubFactory(MatchRunFactory)
    mentee = factory.SubFactory(UserFactory)
    mentor = factory.SubFactory(UserFactory)


class UnmatchedMenteeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = UnmatchedMentee

    run = factory.SubFactory(MatchRunFactory)
    mentee = factory.SubFactory(UserFactory)
    reason = UnmatchedMentee.Reason.DROPPED


def participant(cohort, role, *, offers=(), seeks=(), capacity=None, **profile):
    """An active participant of the cohort with a complete profile offering / seeking these skills."""
    user = ProfileFactory(**profile).user
    user.profile.skills_offered.set(offers)
    for rank, skill in enumerate(seeks, start=1):
        user.profile.sought_skills.create(skill=skill, rank=rank)
    EnrollmentFactory(user=user, cohort=cohort, role=role, capacity_override=capacity)
    return user


def bulk_cohort(coordinator, *, mode=MatchingMode.COORDINATOR, capacity=2, **program):
    return CohortFactory(
        program=ProgramFactory(coordinators=[coordinator], matching_mode=mode, mentor_capacity=capacity, **program)
    )


def skills(n):
    return [SkillFactory() for _ in range(n)]


def pairs_of(run) -> dict[int, int]:
    """A run's proposal as {mentee id: mentor id}."""
    return dict(run.pairs.values_list("mentee_id", "mentor_id"))


__all__ = ["Role", "bulk_cohort", "pairs_of", "participant", "skills"]

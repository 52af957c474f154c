"""The demo programs, their cohorts in every phase, and who is enrolled in each."""

from datetime import timedelta

from django.utils import timezone

from programs.models import Cohort, Enrollment, MatchingMode, Program, Role
from programs.services.surveys import add_closing_survey

PROGRAMS = {
    "leadership": {
        "name": "Leadership Circle",
        "slug": "leadership-circle",
        "description": "Six months with a senior leader: for people stepping into their first management role.",
        "matching_mode": MatchingMode.HYBRID,
        "mentor_capacity": 3,
    },
    "engineering": {
        "name": "Engineering Growth",
        "slug": "engineering-growth",
        "description": "Mentees choose mentors across engineering, data and product to build a personal board.",
        "matching_mode": MatchingMode.MENTEE_CHOICE,
        "mentor_capacity": 2,
    },
}
# key: (program, name, starts days from today, length in days, mentor numbers, mentee numbers)
COHORTS = {
    "ended": ("leadership", "Autumn 2025", -400, 180, range(1, 11), range(71, 91)),
    "active": ("leadership", "Spring 2026", -90, 182, range(1, 21), range(1, 51)),
    "upcoming": ("leadership", "Winter 2027", 60, 182, range(0), range(0)),
    "closing": ("engineering", "Pilot", -170, 180, range(31, 41), range(81, 101)),
    "enrolling": ("engineering", "Cohort 2", -5, 240, range(21, 41), range(51, 81)),
}


def seed(context: dict) -> set[str]:
    """Puts the programs, cohorts and enrollments in the context; returns the keys of the cohorts built just now."""
    coordinator, mentors, mentees = context["coordinator"], context["mentors"], context["mentees"]
    today = timezone.localdate()
    programs = {}
    for key, fields in PROGRAMS.items():
        program, _ = Program.objects.get_or_create(slug=fields["slug"], defaults=fields)
        program.coordinators.add(coordinator)
        programs[key] = program
    cohorts, enrolled, built = {}, {}, set()
    for key, (program_key, name, offset, length, mentor_numbers, mentee_numbers) in COHORTS.items():
        starts_on = today + timedelta(days=offset)
        cohort, created = Cohort.objects.get_or_create(
            program=programs[program_key],
            name=name,
            defaults={"starts_on": starts_on, "ends_on": starts_on + timedelta(days=length)},
        )
        cohorts[key] = cohort
        add_closing_survey(cohort=cohort)  # as every cohort made in the pages starts with
        status = Enrollment.Status.COMPLETED if key == "ended" else Enrollment.Status.ACTIVE
        people = {
            Role.MENTOR: [mentors[n - 1] for n in mentor_numbers],
            Role.MENTEE: [mentees[n - 1] for n in mentee_numbers],
        }
        enrolled[key] = {"mentors": people[Role.MENTOR], "mentees": people[Role.MENTEE]}
        Enrollment.objects.bulk_create(
            [
                Enrollment(user=user, cohort=cohort, role=role, status=status, enrolled_at=timezone.now())
                for role, users in people.items()
                for user in users
            ],
            ignore_conflicts=True,
        )
        if created:
            built.add(key)
    context.update(programs=programs, cohorts=cohorts, enrollments=enrolled)
    return built

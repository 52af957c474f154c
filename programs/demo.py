"""Demo programs: two programs with cohorts in every phase, enrollments, orientation lists and
pending invitations. Later apps find them in context["programs"] and context["cohorts"]:

    context["cohorts"] = {"ended", "closing", "active", "enrolling", "upcoming"} -> Cohort
    context["enrollments"] = {cohort key: {"mentors": [User], "mentees": [User]}}

Dates are set relative to the day the demo is first built (cohorts are looked up by name after that).
"""

from datetime import timedelta

from django.utils import timezone

from .models import (
    Cohort,
    Enrollment,
    Invitation,
    MatchingMode,
    OrientationCheck,
    OrientationItem,
    Program,
    Role,
)

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
ORIENTATION = {
    Role.MENTEE: [
        ("Read the mentee guide", "How the program works, and what makes a mentoring relationship work."),
        ("Complete your profile", "Mentors choose you through it: skills sought, goals, how you like to work."),
        ("Draft your first goal", "One SMART goal you would like help with."),
    ],
    Role.MENTOR: [
        ("Read the mentor guide", "What mentees expect, and how to say no kindly."),
        ("Check your capacity", "How many mentees you can take on this time."),
    ],
}


def seed(context: dict) -> None:
    rng = context["rng"]
    coordinator, mentors, mentees = context["coordinator"], context["mentors"], context["mentees"]
    today = timezone.localdate()
    programs = {}
    for key, fields in PROGRAMS.items():
        program, _ = Program.objects.get_or_create(slug=fields["slug"], defaults=fields)
        program.coordinators.add(coordinator)
        programs[key] = program
    cohorts, enrolled = {}, {}
    for key, (program_key, name, offset, length, mentor_numbers, mentee_numbers) in COHORTS.items():
        starts_on = today + timedelta(days=offset)
        cohort, created = Cohort.objects.get_or_create(
            program=programs[program_key],
            name=name,
            defaults={"starts_on": starts_on, "ends_on": starts_on + timedelta(days=length)},
        )
        cohorts[key] = cohort
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
            _orientation(cohort, rng)
    _invitations(cohorts, coordinator)
    context["programs"] = programs
    context["cohorts"] = cohorts
    context["enrollments"] = enrolled


def _orientation(cohort: Cohort, rng) -> None:
    for role, steps in ORIENTATION.items():
        items = [
            OrientationItem.objects.create(cohort=cohort, role=role, title=title, description=text, order=i)
            for i, (title, text) in enumerate(steps, start=1)
        ]
        for enrollment in Enrollment.objects.filter(cohort=cohort, role=role):
            done = len(items) if cohort.phase != "enrolling" and rng.random() < 0.8 else rng.randint(0, len(items))
            OrientationCheck.objects.bulk_create(OrientationCheck(enrollment=enrollment, item=i) for i in items[:done])
            if done == len(items):
                enrollment.orientation_completed_at = timezone.now()
                enrollment.save(update_fields=["orientation_completed_at"])


def _invitations(cohorts: dict, coordinator) -> None:
    """Pending invitations to people who have no account yet; marked sent, so seeding sends no mail."""
    wanted = [
        ("enrolling", f"new.hire{n}@demo.mentoring.test", Role.MENTEE if n > 2 else Role.MENTOR) for n in range(1, 7)
    ] + [("upcoming", f"next.year{n}@demo.mentoring.test", Role.MENTEE) for n in range(1, 5)]
    for key, email, role in wanted:
        if not Invitation.objects.filter(cohort=cohorts[key], email=email, role=role).exists():
            Invitation.objects.create(
                cohort=cohorts[key], email=email, role=role, invited_by=coordinator, sent_at=timezone.now()
            )

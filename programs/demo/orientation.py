"""The demo cohorts' orientation checklists, and how far each person got through theirs."""

from django.utils import timezone

from programs.models import Cohort, Enrollment, OrientationCheck, OrientationItem, Role

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


def seed(cohort: Cohort, rng) -> None:
    """The checklist of each role, most people through it except where the cohort is still enrolling."""
    for role, steps in ORIENTATION.items():
        items = [
            OrientationItem.objects.create(cohort=cohort, role=role, title=title, description=text, order=i)
            for i, (title, text) in enumerate(steps, start=1)
        ]
        for enrollment in Enrollment.objects.filter(cohort=cohort, role=role):
            done = len(items) if not cohort.phase.is_enrolling and rng.random() < 0.8 else rng.randint(0, len(items))
            OrientationCheck.objects.bulk_create(OrientationCheck(enrollment=enrollment, item=i) for i in items[:done])
            if done == len(items):
                enrollment.orientation_completed_at = timezone.now()
                enrollment.save(update_fields=["orientation_completed_at"])

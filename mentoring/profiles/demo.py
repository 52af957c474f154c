"""Demo people: a coordinator, 40 mentors and 100 mentees of one organisation, with varied profiles."""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from faker import Faker

from .models import CareerTrack, JobLevel, Language, MeetingChannel, Profile, Skill, SoughtSkill, Value, WorkStyle

DOMAIN = "demo.mentoring.test"
ORGANISATION = "Northwind Group"
DEPARTMENTS = {
    "Engineering": CareerTrack.ENGINEERING, "Product": CareerTrack.PRODUCT, "Design": CareerTrack.DESIGN,
    "Data": CareerTrack.DATA, "Sales": CareerTrack.SALES, "Marketing": CareerTrack.MARKETING,
    "Operations": CareerTrack.OPERATIONS, "Finance": CareerTrack.FINANCE, "People": CareerTrack.PEOPLE,
    "Legal": CareerTrack.LEGAL, "Customer Success": CareerTrack.CUSTOMER,
}  # fmt: skip
TIME_ZONES = ["Europe/London", "Europe/Paris", "Europe/Berlin", "America/New_York", "America/Chicago", "Asia/Kolkata"]
COORDINATOR_EMAIL = f"coordinator@{DOMAIN}"
MENTOR_COUNT = 40
MENTEE_COUNT = 100


def mentor_email(n: int) -> str:
    return f"mentor{n:02d}@{DOMAIN}"


def mentee_email(n: int) -> str:
    return f"mentee{n:03d}@{DOMAIN}"


def demo_accounts() -> list[tuple[str, str]]:
    User = get_user_model()
    if not User.objects.filter(email=COORDINATOR_EMAIL).exists():
        return []
    return [
        ("coordinator", COORDINATOR_EMAIL),
        ("mentor", mentor_email(1)),
        ("mentor", mentor_email(2)),
        ("mentee", mentee_email(1)),
        ("mentee", mentee_email(2)),
        ("…", f"mentor01–{MENTOR_COUNT:02d}, mentee001–{MENTEE_COUNT:03d} @{DOMAIN}"),
    ]


def seed(context: dict) -> None:
    rng = context["rng"]
    fake = Faker(["en_GB", "en_US", "fr_FR", "de_DE", "en_IN"])
    fake.seed_instance(2026)
    password = make_password(context["password"])  # hashed once: hashing 141 times takes a minute
    skills = list(Skill.objects.filter(is_active=True))
    people = [(COORDINATOR_EMAIL, "coordinator")]
    people += [(mentor_email(n), "mentor") for n in range(1, MENTOR_COUNT + 1)]
    people += [(mentee_email(n), "mentee") for n in range(1, MENTEE_COUNT + 1)]
    users = {}
    for email, role in people:
        first, last = fake.first_name(), fake.last_name()
        if role == "coordinator":
            first, last = "Casey", "Morgan"
        user, created = get_user_model().objects.get_or_create(
            email=email,
            defaults={
                "first_name": first,
                "last_name": last,
                "password": password,
                "is_coordinator": role == "coordinator",
            },
        )
        EmailAddress.objects.get_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
        users[email] = user
        if created:
            _build_profile(user, role, rng, skills)
    context["coordinator"] = users[COORDINATOR_EMAIL]
    context["mentors"] = [users[mentor_email(n)] for n in range(1, MENTOR_COUNT + 1)]
    context["mentees"] = [users[mentee_email(n)] for n in range(1, MENTEE_COUNT + 1)]


def _build_profile(user, role: str, rng, skills: list[Skill]) -> None:
    department = rng.choice(list(DEPARTMENTS))
    senior = role != "mentee"
    level = rng.randint(4, 7) if senior else rng.randint(1, 4)
    years = level * 3 + rng.randint(-1, 5)
    track = DEPARTMENTS[department] if rng.random() < 0.85 else rng.choice(CareerTrack.values)
    languages = ["en"] + rng.sample([c for c in Language.values if c != "en"], k=rng.choice([0, 0, 1, 1, 2]))
    profile = Profile.objects.create(
        user=user,
        headline=_headline(role, department, level, rng),
        bio=(
            f"I work in {department.lower()} at {ORGANISATION}. "
            + ("I enjoy helping people find their next step." if senior else "I am looking to grow into my next role.")
        ),
        organisation=ORGANISATION,
        department=department,
        job_level=level,
        years_experience=max(years, 0),
        career_track=track,
        values=rng.sample(Value.values, k=rng.randint(2, 4)),
        work_style=rng.choice(WorkStyle.values),
        languages=languages,
        time_zone=rng.choice(TIME_ZONES),
        meeting_channels=rng.sample(MeetingChannel.values, k=rng.randint(1, 3)),
    )
    if role == "mentor":
        profile.skills_offered.set(rng.sample(skills, k=rng.randint(4, 8)))
    elif role == "mentee":
        sought = rng.sample(skills, k=rng.randint(2, 5))
        SoughtSkill.objects.bulk_create(
            SoughtSkill(profile=profile, skill=skill, rank=rank) for rank, skill in enumerate(sought, start=1)
        )
        if rng.random() < 0.2:
            profile.manager_email = mentor_email(rng.randint(1, MENTOR_COUNT))
            profile.save(update_fields=["manager_email"])


def _headline(role: str, department: str, level: int, rng) -> str:
    title = JobLevel(level).label
    if role == "mentor":
        return rng.choice(
            [f"{title} in {department}, happy to share what I learned the hard way",
             f"{department} {title.lower()} who likes untangling hard problems",
             f"{title}, {department}: coaching, feedback and career moves"]
        )  # fmt: skip
    if role == "mentee":
        return rng.choice(
            [f"{title} in {department}, growing into a bigger role",
             f"{department}, {title.lower()}: building skills for my next step",
             f"Curious {title.lower()} in {department}"]
        )  # fmt: skip
    return "Runs the organisation's mentoring programs"

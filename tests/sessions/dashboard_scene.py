"""A cohort that looks like a real one, built in bulk so that a thousand pairs take seconds: for the dashboard's
tests, its browser journey and its benchmark.

Pairs cycle through five kinds: on track, drifting (watch), at risk, proposed long ago, and completed. Some mentees
are left unmatched with a pending request, a declined one, or none; there are open invitations, profiles for half
the people, orientation done by most, goals in every status with check-ins, and the secret text that must never
appear on the dashboard in agenda items, notes and goals.
"""

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from matching.models import Mentorship, MentorshipRequest
from mentoring.profiles.models import Profile
from programs.models import Cohort, Enrollment, Invitation, Role
from sessions.models import ActionItem, AgendaItem, Agreement, Goal, GoalCheckIn, Meeting, Note
from tests.programs.factories import CohortFactory

KINDS = ("on_track", "watch", "at_risk", "proposed", "completed")
SECRET = "Zebra-Quartz-7731"


@pytest.fixture(name="started_cohort")
def started_cohort_fixture(program):
    """A cohort seventy days into its run. Import the *_fixture functions into a test module, then ask for
    `started_cohort` or `scene` by name."""
    today = timezone.localdate()
    return CohortFactory(program=program, starts_on=today - timedelta(days=70), ends_on=today + timedelta(days=110))


@pytest.fixture(name="scene")
def scene_fixture(started_cohort):
    """Ten pairs: two of each kind (on track, watch, at risk, proposed, completed); six mentees without a mentor."""
    return build(started_cohort, pairs=10, unmatched=6)


@dataclass
class Scene:
    cohort: Cohort
    pairs: list[Mentorship]
    unmatched: int


def _people(prefix: str, count: int, offset: int) -> list:
    User = get_user_model()
    names = ["Ada", "Ben", "Chloe", "Dev", "Eli", "Fay", "Gus", "Hana", "Ivo", "Jun"]
    users = User.objects.bulk_create(
        User(
            email=f"{prefix}{offset + n}@dash.example.org",
            first_name=names[n % len(names)],
            last_name=f"{prefix.title()}{offset + n}",
            password="!",
        )
        for n in range(count)
    )
    Profile.objects.bulk_create(
        Profile(
            user=u,
            headline="Learning to lead",
            bio="Clear plans.",
            organisation="Acme",
            job_level=3,
            career_track="finance",
            work_style="structured",
            languages=["en"],
            meeting_channels=["video"],
        )
        for u in users[::2]
    )
    return users


def build(cohort: Cohort, *, pairs: int, unmatched: int = 0, secret: str = SECRET) -> Scene:
    """`pairs` pairs and `unmatched` mentees without a mentor in `cohort` (which should have started 60+ days ago)."""
    now = timezone.now()
    offset = Mentorship.objects.count() * 10 + get_user_model().objects.count()
    mentees = _people("mentee", pairs + unmatched, offset)
    mentors = _people("mentor", pairs, offset)
    Enrollment.objects.bulk_create(
        [
            Enrollment(
                user=u,
                cohort=cohort,
                role=role,
                orientation_completed_at=now - timedelta(days=50) if i % 4 else None,
                enrolled_at=now - timedelta(days=60),
            )
            for role, users in ((Role.MENTEE, mentees), (Role.MENTOR, mentors))
            for i, u in enumerate(users)
        ]
    )
    Invitation.objects.bulk_create(
        Invitation(cohort=cohort, email=f"invitee{offset + n}@dash.example.org", role=Role.MENTEE)
        for n in range(max(1, pairs // 10))
    )
    made = Mentorship.objects.bulk_create(
        Mentorship(
            cohort=cohort,
            mentee=mentees[i],
            mentor=mentors[i],
            status={"proposed": "proposed", "completed": "completed"}.get(KINDS[i % 5], "active"),
            match_score=(60 + (i * 7) % 35) / 100,
            started_at=now - timedelta(days=56) if KINDS[i % 5] != "proposed" else None,
            created_at=now - timedelta(days=56 if KINDS[i % 5] != "proposed" else 12),
            thank_you_note="Thanks!" if KINDS[i % 5] == "completed" else "",
        )
        for i in range(pairs)
    )
    _unmatched_requests(cohort, mentees[pairs:], mentors, now)
    Agreement.objects.bulk_create(
        Agreement(
            mentorship=m,
            cadence_days=14,
            mentee_confirmed_at=now - timedelta(days=50),
            mentor_confirmed_at=None if KINDS[i % 5] == "at_risk" else now - timedelta(days=50),
            mentee_expects=secret,
        )
        for i, m in enumerate(made)
        if KINDS[i % 5] != "proposed"
    )
    meetings = Meeting.objects.bulk_create(
        meeting for i, m in enumerate(made) for meeting in _meetings(m, KINDS[i % 5], now, secret)
    )
    AgendaItem.objects.bulk_create(
        AgendaItem(
            meeting=meeting,
            author=meeting.mentorship.mentee if n < 2 else meeting.mentorship.mentor,
            text=f"{secret} item {n}",
            order=n,
        )
        for meeting in meetings
        for n in range(3 if meeting.agenda_prepared_at else 1)
    )
    Note.objects.bulk_create(
        Note(mentorship=m, author=m.mentee, body=f"{secret} note", visibility=visibility)
        for m in made[:10]
        for visibility in (Note.Visibility.PAIR, Note.Visibility.PRIVATE)
    )
    ActionItem.objects.bulk_create(
        ActionItem(mentorship=m, owner=m.mentee, title=f"{secret} homework", due_on=(now - timedelta(days=9)).date())
        for i, m in enumerate(made)
        if KINDS[i % 5] == "at_risk"
    )
    _goals(cohort, made, now, secret)
    return Scene(cohort, made, unmatched)


def _meetings(m: Mentorship, kind: str, now, secret: str) -> list[Meeting]:
    if kind == "proposed":
        return []
    days = {"on_track": (42, 28, 14), "watch": (48, 34, 20), "at_risk": (54, 48, 45), "completed": (50, 36, 22)}[kind]
    meetings = [
        Meeting(
            mentorship=m,
            starts_at=now - timedelta(days=d),
            status=Meeting.Status.HELD,
            objective=f"{secret} objective",
            agenda_prepared_at=now - timedelta(days=d + 3) if kind != "at_risk" else None,
            agenda_reviewed_at=now - timedelta(days=d + 1)
            if kind == "on_track" or (kind == "watch" and d == 48)
            else None,
            held_at=now - timedelta(days=d),
        )
        for d in days
    ]
    if kind == "on_track":
        meetings.append(
            Meeting(mentorship=m, starts_at=now + timedelta(days=3), agenda_prepared_at=now - timedelta(hours=1))
        )
    return meetings


def _unmatched_requests(cohort: Cohort, mentees: list, mentors: list, now) -> None:
    statuses = [MentorshipRequest.Status.PENDING, MentorshipRequest.Status.DECLINED, None]
    MentorshipRequest.objects.bulk_create(
        MentorshipRequest(
            cohort=cohort,
            mentee=mentee,
            mentor=mentors[i % len(mentors)],
            help_wanted="Budgets",
            why_this_mentor="Finance lead",
            status=statuses[i % 3],
            expires_at=now + timedelta(days=5),
        )
        for i, mentee in enumerate(mentees)
        if statuses[i % 3] and mentors
    )


def _goals(cohort: Cohort, pairs: list[Mentorship], now, secret: str) -> None:
    enrollments = dict(
        Enrollment.objects.filter(cohort=cohort, role=Role.MENTEE, user__in=[m.mentee_id for m in pairs]).values_list(
            "user_id", "pk"
        )
    )
    goals = Goal.objects.bulk_create(
        Goal(
            enrollment_id=enrollments[m.mentee_id],
            mentorship=m,
            title=f"{secret} goal {n}",
            specific=f"{secret} specific",
            measure="Reviews led",
            baseline=Decimal(0),
            target=Decimal(3),
            unit="reviews",
            ambition=Goal.Ambition.ATTAINABLE,
            relevance=f"{secret} relevance",
            target_date=cohort.ends_on,
            status=("achieved", "active", "dropped")[(i + n) % 3] if i % 5 != 2 else "active",
            achieved_at=now - timedelta(days=10) if (i + n) % 3 == 0 and i % 5 != 2 else None,
            confirmed_at=now - timedelta(days=9) if (i + n) % 3 == 0 and i % 5 != 2 else None,
            dropped_at=now - timedelta(days=15) if (i + n) % 3 == 2 and i % 5 != 2 else None,
            created_at=now - timedelta(days=45),
        )
        for i, m in enumerate(pairs)
        if i % 5 != 3
        for n in range(2)
    )
    GoalCheckIn.objects.bulk_create(
        GoalCheckIn(goal=g, value=Decimal(1), comment=f"{secret} check-in", on=(now - timedelta(days=5)).date())
        for g in goals
        if g.mentorship_id and not g.title.endswith("1")
    )

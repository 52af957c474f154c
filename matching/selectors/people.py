"""What the matching engine sees: profiles loaded as engine Persons in a constant number of queries, a cohort's
weights, skill names, and the words that reasons use for the codes stored on profiles. Shared by suggestions, the
board, bulk matching and the services that check a pair's exclusions."""

from collections import defaultdict
from datetime import datetime
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.utils import timezone

from matching.engine import Person, Weights
from mentoring.profiles.models import (
    CareerTrack,
    Language,
    MeetingChannel,
    Profile,
    Skill,
    SoughtSkill,
    Value,
    WorkStyle,
)
from programs.models import Cohort

# Codes -> words used in reasons ("shares your values: integrity, curiosity").
LABELS = {
    **{code: label.split(":")[0].lower() for choices in (Value, WorkStyle, CareerTrack, MeetingChannel)
       for code, label in choices.choices},
    **dict(Language.choices),
}  # fmt: skip


@lru_cache(maxsize=512)
def _utc_offset(zone: str, day) -> float | None:
    try:
        offset = datetime.combine(day, datetime.min.time(), ZoneInfo(zone)).utcoffset()
    except (ZoneInfoNotFoundError, ValueError):
        return None
    return offset.total_seconds() / 3600 if offset is not None else None


def load_people(users, *, managers: bool = True, skills: bool = True) -> dict[int, Person]:
    """Matching features of these users (ids, or a User QuerySet used as a subquery), in at most four queries
    whatever their number. Users without a profile get an empty Person. `managers=False` skips resolving line
    managers (only a mentee's own manager matters for their suggestions); `skills=False` skips the skills offered
    and sought (the exclusions do not look at them)."""
    User = get_user_model()
    if not isinstance(users, QuerySet):
        users = list(users)
    rows = list(
        Profile.objects.filter(user__in=users).values(
            "id",
            "user_id",
            "values",
            "work_style",
            "years_experience",
            "job_level",
            "career_track",
            "languages",
            "time_zone",
            "meeting_channels",
            "organisation",
            "avoid_organisations",
            "manager_email",
        )
    )
    offered, sought = defaultdict(set), defaultdict(list)
    if skills:
        offered_rows = Profile.skills_offered.through.objects.filter(profile__user__in=users)
        for profile_id, skill_id in offered_rows.values_list("profile_id", "skill_id"):
            offered[profile_id].add(skill_id)
        sought_rows = SoughtSkill.objects.filter(profile__user__in=users).order_by("rank")
        for profile_id, skill_id in sought_rows.values_list("profile_id", "skill_id"):
            sought[profile_id].append(skill_id)
    emails = {row["manager_email"].lower() for row in rows if row["manager_email"] and managers}
    managers = (
        {email.lower(): pk for pk, email in User.objects.filter(email__in=emails).values_list("pk", "email")}
        if emails
        else {}
    )
    today = timezone.now().date()
    people = {} if isinstance(users, QuerySet) else {uid: Person(id=uid) for uid in users}
    for row in rows:
        people[row["user_id"]] = Person(
            id=row["user_id"],
            skills_offered=frozenset(offered[row["id"]]),
            skills_sought=tuple(sought[row["id"]]),
            values=frozenset(row["values"] or ()),
            work_style=row["work_style"],
            years_experience=row["years_experience"],
            job_level=row["job_level"],
            career_track=row["career_track"],
            languages=frozenset(row["languages"] or ()),
            utc_offset=_utc_offset(row["time_zone"] or "UTC", today),
            meeting_channels=frozenset(row["meeting_channels"] or ()),
            organisation=row["organisation"],
            avoid_organisations=frozenset(row["avoid_organisations"] or ()),
            manager_id=managers.get((row["manager_email"] or "").lower()),
        )
    return people


def cohort_weights(cohort: Cohort) -> Weights:
    """How much each criterion counts in this cohort: its program's weights and cross-functional preference."""
    program = cohort.program
    return Weights.from_dict(program.matching_weights, cross_functional=program.prefer_cross_functional)


def skill_names(ids=None) -> dict[int, str]:
    """Skill id -> name, of these skills or of the whole taxonomy."""
    skills = Skill.objects.all() if ids is None else Skill.objects.filter(pk__in=ids)
    return dict(skills.values_list("pk", "name"))

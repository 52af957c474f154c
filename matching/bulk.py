"""Bulk matching glue: load a cohort's pool in a constant number of queries, score it with
matching.scoring and solve it with matching.solver, and hand back plain rows for services_bulk to save.

The database work lives here and in services_bulk; the algorithms live in the pure modules.
"""

import zoneinfo
from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import lru_cache

import numpy as np
from django.contrib.auth import get_user_model
from django.db.models import Count, Subquery
from django.utils import timezone

from matching import scoring, solver
from matching.models import Mentorship, MentorshipRequest
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
from programs.models import Cohort, Enrollment, Role

PROFILE_FIELDS = (
    "user_id",
    "organisation",
    "job_level",
    "years_experience",
    "career_track",
    "work_style",
    "values",
    "languages",
    "time_zone",
    "meeting_channels",
    "manager_email",
    "avoid_organisations",
)


@dataclass
class Pool:
    """The unmatched mentees and the mentors of one cohort, as scoring.Person, with what the solver needs."""

    mentees: list[scoring.Person]
    mentors: list[scoring.Person]
    seats_left: dict[int, int]  # mentor user id -> seats left before this run (0 when paused)
    excluded_pairs: set[tuple[int, int]]  # (mentee id, mentor id): paired before (if avoided), or already asked
    names: dict[int, str]
    skill_names: dict[int, str]
    paused: set[int] = field(default_factory=set)


@lru_cache(maxsize=512)
def _utc_offset(zone: str, day: str) -> float | None:
    try:
        tz = zoneinfo.ZoneInfo(zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None
    offset = datetime.fromisoformat(day).replace(tzinfo=tz).utcoffset()
    return offset.total_seconds() / 3600 if offset is not None else None


def _name(first: str, last: str, email: str) -> str:
    return f"{first} {last}".strip() or email


def _people(user_ids, emails: dict[int, str]) -> dict[int, scoring.Person]:
    """scoring.Person for each of these users (three queries); user_ids may be a subquery."""
    by_email = {email.lower(): pk for pk, email in emails.items()}
    offered: dict[int, set[int]] = {}
    for user_id, skill_id in Profile.skills_offered.through.objects.filter(profile__user_id__in=user_ids).values_list(
        "profile__user_id", "skill_id"
    ):
        offered.setdefault(user_id, set()).add(skill_id)
    sought: dict[int, list[int]] = {}
    for user_id, skill_id in (
        SoughtSkill.objects.filter(profile__user_id__in=user_ids)
        .order_by("profile_id", "rank")
        .values_list("profile__user_id", "skill_id")
    ):
        sought.setdefault(user_id, []).append(skill_id)
    today = timezone.localdate().isoformat()
    people = {}
    for row in Profile.objects.filter(user_id__in=user_ids).values(*PROFILE_FIELDS):
        pk = row["user_id"]
        people[pk] = scoring.Person(
            id=pk,
            skills_offered=frozenset(offered.get(pk, ())),
            skills_sought=tuple(sought.get(pk, ())),
            values=frozenset(row["values"] or ()),
            work_style=row["work_style"] or "",
            years_experience=row["years_experience"],
            job_level=row["job_level"],
            career_track=row["career_track"] or "",
            languages=frozenset(row["languages"] or ()),
            utc_offset=_utc_offset(row["time_zone"] or "UTC", today),
            meeting_channels=frozenset(row["meeting_channels"] or ()),
            organisation=row["organisation"] or "",
            avoid_organisations=frozenset(row["avoid_organisations"] or ()),
            manager_id=by_email.get((row["manager_email"] or "").lower()),
        )
    return people


def load_pool(*, cohort: Cohort, avoid_past_mentors: bool) -> Pool:
    """Everyone bulk matching considers in this cohort, in nine queries whatever the cohort's size."""
    active = Enrollment.objects.filter(cohort=cohort, status=Enrollment.Status.ACTIVE)
    rows = list(
        active.values_list(
            "user_id", "role", "capacity_override", "paused_at", "user__email", "user__first_name", "user__last_name"
        ).order_by("role", "user_id")
    )
    current = Mentorship.objects.current().filter(cohort=cohort)
    matched = set(current.values_list("mentee_id", flat=True).distinct())
    taken = dict(current.order_by().values("mentor_id").annotate(n=Count("pk")).values_list("mentor_id", "n"))
    default_capacity = cohort.rule("mentor_capacity")

    emails, names = {}, {}
    mentee_ids, mentor_ids = [], []
    seats_left: dict[int, int] = {}
    paused: set[int] = set()
    for user_id, role, capacity_override, paused_at, email, first, last in rows:
        emails[user_id], names[user_id] = email, _name(first, last, email)
        if role == Role.MENTEE:
            if user_id not in matched:
                mentee_ids.append(user_id)
            continue
        capacity = default_capacity if capacity_override is None else capacity_override
        seats_left[user_id] = max(capacity - taken.get(user_id, 0), 0)
        if paused_at is not None:
            paused.add(user_id)
            seats_left[user_id] = 0
        mentor_ids.append(user_id)
    people = _people(Subquery(active.values("user_id")), emails)

    # A pending request is the mentee's own choice in progress: the coordinator never proposes that mentor on top.
    excluded_pairs = set(
        MentorshipRequest.objects.pending().filter(cohort=cohort).values_list("mentee_id", "mentor_id")
    )
    if avoid_past_mentors:
        excluded_pairs |= set(
            Mentorship.objects.filter(
                mentee_id__in=Subquery(active.filter(role=Role.MENTEE).values("user_id")),
                mentor_id__in=Subquery(active.filter(role=Role.MENTOR).values("user_id")),
            )
            .values_list("mentee_id", "mentor_id")
            .distinct()
        )
    return Pool(
        mentees=[people.get(pk) or scoring.Person(id=pk) for pk in mentee_ids],
        mentors=[people.get(pk) or scoring.Person(id=pk) for pk in mentor_ids],
        seats_left=seats_left,
        excluded_pairs=excluded_pairs,
        names=names,
        skill_names=skill_names(),
        paused=paused,
    )


def load_people(user_ids: list[int]) -> dict[int, scoring.Person]:
    """A few people by id, as scoring.Person (four queries): what a swap needs to score its two new pairs."""
    emails = dict(get_user_model().objects.filter(pk__in=user_ids).values_list("pk", "email"))
    people = _people(list(emails), emails)
    return {pk: people.get(pk) or scoring.Person(id=pk) for pk in emails}


@dataclass
class PairRow:
    mentee_id: int
    mentor_id: int
    score: float
    contributions: dict[str, float]
    reasons: list[str]


@dataclass
class Explained(PairRow):
    excluded: str | None = None


def explain_pair(
    mentee: scoring.Person, mentor: scoring.Person, *, weights: scoring.Weights, skill_names: dict[int, str]
) -> Explained:
    explanation = scoring.explain(mentee, mentor, weights, skill_names=skill_names, labels=reason_labels())
    return Explained(
        mentee_id=mentee.id,
        mentor_id=mentor.id,
        score=explanation.score,
        contributions={name: round(value, 6) for name, value in explanation.contributions.items()},
        reasons=list(explanation.reasons),
        excluded=explanation.exclusion,
    )


@lru_cache(maxsize=1)
def reason_labels() -> dict[str, str]:
    """Words for the codes stored on profiles (values, languages, tracks, work styles, channels)."""
    labels = {}
    for choices in (Value, WorkStyle, CareerTrack, MeetingChannel):
        labels.update({code: label.split(":")[0].lower() for code, label in choices.choices})
    labels.update(Language.choices)
    return labels


EXPLAIN_CHUNK = 256


def explain_pairs(
    pairs: list[tuple[scoring.Person, scoring.Person]], *, weights: scoring.Weights, skill_names: dict[int, str]
) -> list[PairRow]:
    """Score, contributions and reasons of many pairs at once.

    scoring.explain costs about a millisecond a pair, too slow for thousands. Here each chunk of pairs is scored
    as a small square (the chunk's mentees against the chunk's mentors, whose diagonal is the pairs), once per
    criterion with that criterion alone weighted: scoring.score_matrix then returns the criterion's raw part,
    since a score is the weighted mean of the parts. The reasons come from scoring.reasons_for.
    """
    vector = weights.vector()
    alone = [replace(weights, **{name: float(name == only) for name in scoring.CRITERIA}) for only in scoring.CRITERIA]
    labels = reason_labels()
    rows = []
    for start in range(0, len(pairs), EXPLAIN_CHUNK):
        chunk = pairs[start : start + EXPLAIN_CHUNK]
        mentees, mentors = [p[0] for p in chunk], [p[1] for p in chunk]
        square = scoring.MentorPool(mentors)
        diagonal = np.arange(len(chunk))
        parts = np.empty((len(scoring.CRITERIA), len(chunk)))
        for k, one in enumerate(alone):
            if vector[k] == 0:
                parts[k] = 0.0
                continue
            total, _ = scoring.score_matrix(mentees, square, one)
            parts[k] = np.clip(total[diagonal, diagonal], 0.0, 1.0)
        for i, (mentee, mentor) in enumerate(chunk):
            contributions = {name: round(float(vector[k] * parts[k, i]), 6) for k, name in enumerate(scoring.CRITERIA)}
            rows.append(
                PairRow(
                    mentee_id=mentee.id,
                    mentor_id=mentor.id,
                    score=float(sum(contributions.values())),
                    contributions=contributions,
                    reasons=list(
                        scoring.reasons_for(mentee, mentor, parts[:, i], weights, skill_names, labels, limit=3)
                    ),
                )
            )
    return rows


def skill_names() -> dict[int, str]:
    return dict(Skill.objects.values_list("pk", "name"))


@dataclass
class Proposal:
    pairs: list[PairRow]
    unmatched: list[tuple[int, str, str]]  # (mentee id, reason code, detail)


def propose(
    pool: Pool,
    *,
    weights: scoring.Weights,
    locks: list[tuple[int, int]],
    bans: set[tuple[int, int]],
    min_score: float,
    held_out: set[int],
) -> Proposal:
    """Score and solve the pool around locks, bans and held-out mentees; explain every pair."""
    mentees = [p for p in pool.mentees if p.id not in held_out]
    mentor_pool = scoring.MentorPool(pool.mentors, capacity_left=[pool.seats_left.get(p.id, 0) for p in pool.mentors])
    assignment = solver.match(
        mentees,
        mentor_pool,
        weights,
        locked=locks,
        banned=bans,
        excluded_pairs=pool.excluded_pairs,
        min_score=min_score,
    )
    pairs = explain_pairs(
        [(mentees[i], mentor_pool.people[j]) for i, j in assignment.pairs],
        weights=weights,
        skill_names=pool.skill_names,
    )
    unmatched = [(mentees[i].id, reason.value, reason.text) for i, reason in sorted(assignment.unmatched.items())]
    return Proposal(pairs=pairs, unmatched=unmatched)

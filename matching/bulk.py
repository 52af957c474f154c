"""Bulk matching glue: load a cohort's pool in a constant number of queries, score it with
matching.scoring and solve it with matching.solver, and hand back plain rows for services_bulk to save.

The database work lives here and in services_bulk; the algorithms live in the pure modules.
"""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import Count, Subquery

from matching.engine import scoring, solver
from matching.models import Mentorship, MentorshipRequest
from matching.people import LABELS, load_people
from mentoring.profiles.models import Skill
from programs.models import Cohort, Enrollment, Role


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


def _name(first: str, last: str, email: str) -> str:
    return f"{first} {last}".strip() or email


def load_pool(*, cohort: Cohort, avoid_past_mentors: bool) -> Pool:
    """Everyone bulk matching considers in this cohort, in a fixed number of queries whatever its size."""
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

    names = {}
    mentee_ids, mentor_ids = [], []
    seats_left: dict[int, int] = {}
    paused: set[int] = set()
    for user_id, role, capacity_override, paused_at, email, first, last in rows:
        names[user_id] = _name(first, last, email)
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
    people = load_people(get_user_model().objects.filter(pk__in=Subquery(active.values("user_id"))))

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
    explanation = scoring.explain(mentee, mentor, weights, skill_names=skill_names, labels=LABELS)
    return Explained(
        mentee_id=mentee.id,
        mentor_id=mentor.id,
        score=explanation.score,
        contributions={name: round(value, 6) for name, value in explanation.contributions.items()},
        reasons=list(explanation.reasons),
        excluded=explanation.exclusion,
    )


def explain_pairs(
    pairs: list[tuple[scoring.Person, scoring.Person]], *, weights: scoring.Weights, skill_names: dict[int, str]
) -> list[PairRow]:
    """Score, contributions and reasons of many pairs at once, as the rows a proposal stores."""
    rows = []
    for (mentee, mentor), explained in zip(
        pairs, scoring.explain_pairs(pairs, weights, skill_names=skill_names, labels=LABELS), strict=True
    ):
        contributions = {name: round(value, 6) for name, value in explained.contributions.items()}
        rows.append(
            PairRow(
                mentee_id=mentee.id,
                mentor_id=mentor.id,
                score=float(sum(contributions.values())),
                contributions=contributions,
                reasons=list(explained.reasons),
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

"""Explainable match scores of mentors for mentees, vectorised with numpy (no Django imports).

A score is a weighted mean of parts in [0, 1] (see CRITERIA); hard exclusions set it to EXCLUDED_SCORE (-1).

    pool = MentorPool(mentor_people, capacity_left=[...])          # once per cohort
    scores = score_mentee(mentee, pool, weights)                      # dense: one mentee, every mentor
    scores.total[j], scores.contributions(j), scores.reasons(j, skill_names), scores.exclusion_reason(j)
    candidates = top_candidates(mentees, pool, weights, k=20)         # bulk: chunked, top-K per mentee (sparse)
    explanation = explain(mentee, mentor, weights, skill_names=...)   # one pair (a mentor's profile page)
    explanations = explain_pairs([(mentee, mentor), ...], weights)    # many pairs at once (a bulk proposal)

Person, Weights and MentorPool live in engine.features, the hard exclusions in engine.exclusions, the wording of
reasons in engine.reasons; matching.engine re-exports what callers use.

Indexes: `pool.people[j]` is mentor j; `mentees[i]` is mentee i. Ids are the callers' (user ids).
Unknown data (an empty work style, no years nor job level, no languages...) scores NEUTRAL for that part
and never produces a reason.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import numpy as np

from matching.engine.exclusions import Exclusion, exclusion_codes, pair_exclusion
from matching.engine.features import (
    CRITERIA,
    CRITERIA_LABELS,
    EXCLUDED_SCORE,
    IDEAL_GAP_YEARS,
    NEUTRAL,
    RELATED_TRACK,
    WORKING_HOURS,
    Labels,
    MentorPool,
    Names,
    PeopleArrays,
    Person,
    Weights,
    excluded_pair_index,
    popcount,
)
from matching.engine.reasons import reasons_for


def _part_rows(
    pool: MentorPool, k: int, me: PeopleArrays, cross_functional: bool, pairwise: bool = False
) -> np.ndarray:
    """Part k (CRITERIA[k], not skills) of a few distinct mentees (rows of `me`) against every mentor: (rows, M).
    `pairwise`: mentee i against mentor i only, (rows,)."""
    mt = pool.mentors
    col = (lambda a: a) if pairwise else (lambda a: a[:, None])  # noqa: E731
    name = CRITERIA[k]
    if name == "values":
        shared = popcount(col(me.values) & mt.values) / np.maximum(col(me.n_values), 1)
        return np.where((col(me.n_values) > 0) & (mt.n_values > 0), np.minimum(shared, 1), NEUTRAL)
    if name == "work_style":
        return pool.style_fit[np.minimum(col(me.style), len(pool.styles)), mt.style]
    if name == "seniority":
        gap = mt.experience - col(me.experience)
        return np.where(np.isnan(gap), NEUTRAL, np.clip(gap / IDEAL_GAP_YEARS, 0, 1))
    if name == "career_track":
        same = (col(me.track) == mt.track).astype(np.float32)
        related = ((col(me.family) == mt.family) & (mt.family >= 0)).astype(np.float32)
        similar = np.maximum(same, RELATED_TRACK * related)
        track = 1 - similar if cross_functional else similar
        return np.where((col(me.track) >= 0) & (mt.track >= 0), track, NEUTRAL)
    if name == "language":
        speaks = (col(me.languages) & mt.languages) != 0
        return np.where((col(me.n_languages) > 0) & (mt.n_languages > 0), speaks, NEUTRAL)
    if name == "time_zone":
        apart = np.abs(col(me.offset) - mt.offset) % 24
        overlap = np.clip((WORKING_HOURS - np.minimum(apart, 24 - apart)) / WORKING_HOURS, 0, 1)
        return np.where(np.isnan(apart), NEUTRAL, overlap)
    channels = popcount(col(me.channels) & mt.channels) / np.maximum(col(me.n_channels), 1)
    return np.where((col(me.n_channels) > 0) & (mt.n_channels > 0), np.minimum(channels, 1), NEUTRAL)


# What a part depends on, per mentee: few distinct keys, so each part is computed once per distinct key and
# copied row-wise (a memory copy), instead of element-wise arithmetic over the whole block.
_KEYS = {
    "values": lambda a: a.values * 64 + a.n_values.astype(np.int64),
    "work_style": lambda a: a.style,
    "seniority": lambda a: np.nan_to_num(a.experience, nan=-1.0),
    "career_track": lambda a: a.track * 64 + a.family,
    "language": lambda a: a.languages * 2 + (a.n_languages > 0),
    "time_zone": lambda a: np.nan_to_num(a.offset, nan=99.0),
    "channel": lambda a: a.channels * 8 + a.n_channels.astype(np.int64),
}


def _grouped_tables(pool: MentorPool, me: PeopleArrays, w: np.ndarray, cross_functional: bool, limit: int):
    """Weighted parts 1.. of a block as (table, row index) pairs: sum of table[index] over pairs is their total.

    Criteria are grouped while the distinct combinations of their keys in the block stay under `limit`, so the
    block costs one row copy and one addition per group rather than per criterion.
    """
    singles = []
    for k in range(1, len(CRITERIA)):
        if w[k] == 0:
            continue
        unique, first, inverse = np.unique(_KEYS[CRITERIA[k]](me), return_index=True, return_inverse=True)
        singles.append((len(unique), k, first, inverse.reshape(-1)))
    singles.sort(key=lambda t: t[0])
    groups, current = [], []
    for single in singles:
        combined = _combine([*current, single])
        if current and len(np.unique(combined)) > limit:
            groups.append(current)
            current = [single]
        else:
            current.append(single)
    if current:
        groups.append(current)
    for group in groups:
        combos, first, inverse = np.unique(_combine(group), return_index=True, return_inverse=True)
        table = np.zeros((len(combos), len(pool.people)), dtype=np.float32)
        for _, k, firsts, inv in group:
            rows = _part_rows(pool, k, me.rows(firsts), cross_functional).astype(np.float32) * w[k]
            table += rows[inv[first]]
        yield table, inverse.reshape(-1)


def _combine(group) -> np.ndarray:
    combined = np.zeros_like(group[0][3])
    for size, _, _, inverse in group:
        combined = combined * size + inverse
    return combined


def score_block(
    pool: MentorPool, mentees: Sequence[Person], weights: Weights, excluded: dict, offset: int, keep_parts, me=None
):
    """Scores of a block of mentees against every mentor: (total, exclusion codes, parts or None).

    `me`: the block's precomputed arrays (pool.arrays assigns codes, so threads get them computed beforehand).
    """
    me = pool.arrays(mentees) if me is None else me
    b, m = len(mentees), len(pool.people)
    w = weights.vector().astype(np.float32)
    parts = np.empty((len(CRITERIA), b, m), dtype=np.float32) if keep_parts else None
    # Sought skills the mentor offers, weighted by rank; no sought skills is neutral. It starts the total.
    total = np.asarray(pool.sought_weights(mentees) @ pool.offered_t, dtype=np.float32).reshape(b, m)
    total[np.array([not p.skills_sought for p in mentees], dtype=bool)] = NEUTRAL
    if parts is not None:
        parts[0] = total
    total *= w[0]
    if parts is not None:
        for k in range(1, len(CRITERIA)):
            parts[k] = _part_rows(pool, k, me, weights.cross_functional)
            total += w[k] * parts[k]
    else:
        for table, inverse in _grouped_tables(pool, me, w, weights.cross_functional, limit=max(16, b // 4)):
            total += table[inverse]

    exclusion = exclusion_codes(pool, mentees, me, excluded, offset)
    np.copyto(total, np.float32(EXCLUDED_SCORE), where=exclusion != 0)
    return total, exclusion, parts


@dataclass
class ScoredMentee:
    """One mentee against every mentor of a pool (the Find-a-mentor page)."""

    mentee: Person
    pool: MentorPool
    weights: Weights
    total: np.ndarray  # (mentors,) score in [0, 1], EXCLUDED_SCORE where excluded
    parts: np.ndarray  # (criteria, mentors) raw parts in [0, 1]
    exclusion: np.ndarray  # (mentors,) Exclusion codes

    def ranking(self) -> np.ndarray:
        """Mentor indexes, best first (excluded last)."""
        return np.lexsort((np.arange(len(self.total)), -self.total))

    def contributions(self, j: int) -> dict[str, float]:
        """How much each criterion added to mentor j's score (they sum to the score)."""
        w = self.weights.vector()
        return {name: float(w[k] * self.parts[k, j]) for k, name in enumerate(CRITERIA)}

    def exclusion_reason(self, j: int) -> str | None:
        code = int(self.exclusion[j])
        return Exclusion(code).text if code else None

    def reasons(self, j: int, skill_names: Names = None, labels: Labels = None, limit=3):
        """The top reasons for mentor j in plain words, strongest contribution first."""
        return reasons_for(self.mentee, self.pool.people[j], self.parts[:, j], self.weights, skill_names, labels, limit)


def score_mentee(mentee: Person, pool: MentorPool, weights: Weights | None = None, *, excluded_mentor_ids=()):
    """Dense scores of one mentee against every mentor of the pool."""
    weights = weights or Weights()
    excluded = excluded_pair_index(pool, [mentee.id], [(mentee.id, m) for m in excluded_mentor_ids])
    total, exclusion, parts = score_block(pool, [mentee], weights, excluded, 0, keep_parts=True)
    return ScoredMentee(mentee, pool, weights, total[0], parts[:, 0, :], exclusion[0])


def score_matrix(mentees: Sequence[Person], pool: MentorPool, weights: Weights | None = None, *, excluded_pairs=()):
    """Dense (mentees x mentors) scores and exclusion codes. For small instances and tests; bulk uses top_candidates."""
    weights = weights or Weights()
    excluded = excluded_pair_index(pool, [p.id for p in mentees], excluded_pairs)
    total, exclusion, _ = score_block(pool, list(mentees), weights, excluded, 0, keep_parts=False)
    return total, exclusion


@dataclass
class TopCandidates:
    """The best K allowed mentors of every mentee, as CSR rows sorted best first.

    Mentee i's candidates are mentors indices[indptr[i]:indptr[i+1]] with scores[...]. `bound[i]` is an upper bound
    on the score of any allowed mentor not kept (-inf when every allowed mentor was kept). `allowed[i]` counts the
    mentors not excluded, `allowed_ignoring_capacity[i]` the same before counting full mentors as excluded, and
    `above_min[i]` the allowed ones scoring at least min_score.
    """

    indptr: np.ndarray
    indices: np.ndarray
    scores: np.ndarray
    bound: np.ndarray
    allowed: np.ndarray
    allowed_ignoring_capacity: np.ndarray
    above_min: np.ndarray
    n_mentors: int

    @property
    def n_mentees(self) -> int:
        return len(self.indptr) - 1

    def row(self, i: int) -> tuple[np.ndarray, np.ndarray]:
        return self.indices[self.indptr[i] : self.indptr[i + 1]], self.scores[self.indptr[i] : self.indptr[i + 1]]


def top_candidates(
    mentees: Sequence[Person],
    pool: MentorPool,
    weights: Weights | None = None,
    *,
    k: int = 10,
    excluded_pairs: Iterable[tuple[int, int]] = (),
    min_score: float = 0.0,
    chunk_cells: int = 2_000_000,
    workers: int = 2,
) -> TopCandidates:
    """Score mentees in chunks (memory stays near chunk_cells x 4 bytes x a few) and keep each one's top K."""
    weights = weights or Weights()
    mentees = list(mentees)
    n, m = len(mentees), len(pool.people)
    excluded = excluded_pair_index(pool, [p.id for p in mentees], excluded_pairs)
    k = max(1, min(k, m))
    chunk = max(1, chunk_cells // max(m, 1))
    keep_idx, keep_score = np.full((n, k), -1, dtype=np.int32), np.full((n, k), EXCLUDED_SCORE, dtype=np.float32)
    bound = np.full(n, -np.inf)
    allowed, allowed_nocap, above_min = (np.zeros(n, dtype=np.int64) for _ in range(3))
    everyone = pool.arrays(mentees)
    full = np.flatnonzero(pool.full)

    def run(start: int) -> None:
        block = mentees[start : start + chunk]
        rows = slice(start, start + len(block))
        total, exclusion, _ = score_block(
            pool, block, weights, excluded, start, keep_parts=False, me=everyone.rows(np.arange(n)[rows])
        )
        allowed[rows] = m - np.count_nonzero(exclusion, axis=1)
        allowed_nocap[rows] = allowed[rows] + (exclusion[:, full] == Exclusion.AT_CAPACITY).sum(1)
        # Excluded pairs score -1: counting scores at or above a positive minimum skips them by itself.
        above_min[rows] = allowed[rows] if min_score <= 0 else np.count_nonzero(total >= min_score, axis=1)
        top = (
            np.argpartition(total, m - k, axis=1)[:, m - k :]
            if k < m
            else np.broadcast_to(np.arange(m), (len(block), m))
        )
        top_scores = np.take_along_axis(total, top, axis=1)
        order = np.argsort(-top_scores, axis=1, kind="stable")
        keep_idx[rows] = np.take_along_axis(top, order, axis=1)
        keep_score[rows] = np.take_along_axis(top_scores, order, axis=1)
        bound[rows] = np.where(allowed[rows] > k, keep_score[rows, -1], -np.inf)

    # numpy releases the GIL in the heavy steps: two threads use both cores of a small server.
    with ThreadPoolExecutor(max_workers=workers) as executor:
        list(executor.map(run, range(0, n if m else 0, chunk)))
    valid = keep_score > EXCLUDED_SCORE / 2
    indptr = np.concatenate([[0], np.cumsum(valid.sum(1))]).astype(np.int64)
    return TopCandidates(
        indptr, keep_idx[valid].astype(np.int64), keep_score[valid], bound, allowed, allowed_nocap, above_min, m
    )


def explain(
    mentee: Person,
    mentor: Person,
    weights: Weights | None = None,
    *,
    skill_names: Names = None,
    labels: Labels = None,
    limit=3,
):
    """Score, contributions and reasons of one pair (capacity is not considered here)."""
    weights = weights or Weights()
    scored = score_mentee(mentee, MentorPool([mentor]), weights)
    return Explanation(
        score=max(float(scored.total[0]), 0.0),
        contributions=scored.contributions(0),
        reasons=scored.reasons(0, skill_names, labels, limit),
        exclusion=scored.exclusion_reason(0),
        maximum=dict(zip(CRITERIA, weights.vector().tolist(), strict=True)),
    )


@dataclass(frozen=True)
class Explanation:
    score: float
    contributions: dict[str, float]  # criterion -> share of the score it adds (they sum to the score)
    reasons: list[str]
    exclusion: str | None
    maximum: dict[str, float] = field(default_factory=dict)  # criterion -> the most it could add (its weight)

    def breakdown(self) -> list[tuple[str, float, float]]:
        """(label, points, maximum points) per criterion, out of 100 for the whole score."""
        return [
            (CRITERIA_LABELS[name], round(100 * value, 1), round(100 * self.maximum.get(name, 0.0), 1))
            for name, value in self.contributions.items()
        ]


def explain_pairs(
    pairs: Sequence[tuple[Person, Person]],
    weights: Weights | None = None,
    *,
    skill_names: Names = None,
    labels: Labels = None,
    limit: int = 3,
) -> list[Explanation]:
    """Explanations of many (mentee, mentor) pairs at once, element-wise with numpy (a proposal of thousands of
    pairs takes milliseconds, not a pool per pair). Capacity is not considered; the other exclusions are."""
    weights = weights or Weights()
    if not pairs:
        return []
    mentees, mentors = [a for a, _ in pairs], [b for _, b in pairs]
    pool = MentorPool(mentors)  # its arrays are the mentors in pair order
    me = pool.arrays(mentees)
    parts = np.empty((len(CRITERIA), len(pairs)), dtype=np.float32)
    skills = pool.sought_weights(mentees).multiply(pool.offered_t.T).sum(axis=1)
    parts[0] = np.where([not p.skills_sought for p in mentees], NEUTRAL, np.asarray(skills).ravel())
    for k in range(1, len(CRITERIA)):
        parts[k] = _part_rows(pool, k, me, weights.cross_functional, pairwise=True)
    w = weights.vector()
    maximum = dict(zip(CRITERIA, w.tolist(), strict=True))
    out = []
    for i, (mentee, mentor) in enumerate(pairs):
        exclusion = pair_exclusion(mentee, mentor)
        contributions = {name: float(w[k] * parts[k, i]) for k, name in enumerate(CRITERIA)}
        out.append(
            Explanation(
                score=0.0 if exclusion else sum(contributions.values()),
                contributions=contributions,
                reasons=reasons_for(mentee, mentor, parts[:, i], weights, skill_names, labels, limit),
                exclusion=exclusion.text if exclusion else None,
                maximum=maximum,
            )
        )
    return out

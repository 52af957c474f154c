"""Explainable match scores of mentors for mentees, vectorised with numpy (no Django imports).

A score is a weighted mean of parts in [0, 1] (see CRITERIA); hard exclusions set it to EXCLUDED_SCORE (-1).

    pool = MentorPool(mentor_people, capacity_left=[...])          # once per cohort
    scores = score_mentee(mentee, pool, weights)                      # dense: one mentee, every mentor
    scores.total[j], scores.contributions(j), scores.reasons(j, skill_names), scores.exclusion_reason(j)
    candidates = top_candidates(mentees, pool, weights, k=20)         # bulk (engine.candidates): top-K per mentee
    explanation = explain(mentee, mentor, weights, skill_names=...)   # one pair (a mentor's profile page)
    explanations = explain_pairs([(mentee, mentor), ...], weights)    # many pairs at once (a bulk proposal)

Person, Weights and MentorPool live in engine.features, the hard exclusions in engine.exclusions, the wording of
reasons in engine.reasons, a program's own rules in engine.rules (the pool's policy: each weighted rule is one more
term of the score after the criteria, each hard rule an exclusion); matching.engine re-exports what callers use.

Indexes: `pool.people[j]` is mentor j; `mentees[i]` is mentee i. Ids are the callers' (user ids).
Unknown data (an empty work style, no years nor job level, no languages...) scores NEUTRAL for that part
and never produces a reason.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import partial

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
    grouped_tables,
    popcount,
    term_names,
    weight_vector,
)
from matching.engine.reasons import MENTEE, Voice, reasons_for, rule_exclusion_text
from matching.engine.rules import NO_POLICY, Policy, rule_rows


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


def _criterion_rows(pool: MentorPool, k: int, me: PeopleArrays, cross_functional: bool, weight, firsts):
    return _part_rows(pool, k, me.rows(firsts), cross_functional).astype(np.float32) * weight


def _rule_rows(rule, values: np.ndarray, mentors: np.ndarray, weight, firsts):
    return rule_rows(rule, values[firsts], mentors)[0] * weight


def _terms(pool: MentorPool, me: PeopleArrays, w: np.ndarray, cross_functional: bool):
    """Every weighted term but skills, as (key per mentee, weighted rows of some mentees' positions)."""
    for k in range(1, len(CRITERIA)):
        if w[k]:
            yield _KEYS[CRITERIA[k]](me), partial(_criterion_rows, pool, k, me, cross_functional, w[k])
    policy = pool.policy
    for k, rule in enumerate(policy.weighted, start=len(CRITERIA)):
        if w[k]:
            values = policy.mentee_values(rule, me.choices, me.numbers)
            yield values, partial(_rule_rows, rule, values, pool.rule_mentors[rule], w[k])


def _grouped_tables(pool: MentorPool, me: PeopleArrays, w: np.ndarray, cross_functional: bool, limit: int):
    """Weighted terms 1.. of a block as (table, row index) pairs: sum of table[index] over pairs is their total
    (see features.grouped_tables)."""
    return grouped_tables(_terms(pool, me, w, cross_functional), len(pool.people), limit)


def score_block(
    pool: MentorPool, mentees: Sequence[Person], weights: Weights, excluded: dict, offset: int, keep_parts, me=None
):
    """Scores of a block of mentees against every mentor: (total, exclusion codes, parts or None).

    `me`: the block's precomputed arrays (pool.arrays assigns codes, so threads get them computed beforehand).
    """
    me = pool.arrays(mentees) if me is None else me
    b, m = len(mentees), len(pool.people)
    policy = pool.policy
    w = weight_vector(weights, policy).astype(np.float32)
    parts = np.empty((len(w), b, m), dtype=np.float32) if keep_parts else None
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
        for k, rule in enumerate(policy.weighted, start=len(CRITERIA)):
            parts[k] = rule_rows(rule, policy.mentee_values(rule, me.choices, me.numbers), pool.rule_mentors[rule])[0]
            total += w[k] * parts[k]
    else:
        for table, inverse in _grouped_tables(pool, me, w, weights.cross_functional, limit=max(16, b // 4)):
            total += table[inverse]

    exclusion = exclusion_codes(pool, mentees, me, excluded, offset)
    # Excluded pairs score EXCLUDED_SCORE, the others keep their score in [0, 1]: a minimum with EXCLUDED_SCORE where
    # excluded and 2 elsewhere. Branch-free, so it costs the same whatever the share of pairs excluded; a masked copy
    # costs five times as much when a program's hard rules exclude a third of them.
    np.minimum(total, np.float32(2) + np.float32(EXCLUDED_SCORE - 2) * (exclusion != 0), out=total)
    return total, exclusion, parts


@dataclass
class ScoredMentee:
    """One mentee against every mentor of a pool (the Find-a-mentor page)."""

    mentee: Person
    pool: MentorPool
    weights: Weights
    total: np.ndarray  # (mentors,) score in [0, 1], EXCLUDED_SCORE where excluded
    parts: np.ndarray  # (terms, mentors) raw parts in [0, 1]: the criteria, then the weighted rules
    exclusion: np.ndarray  # (mentors,) Exclusion codes

    def ranking(self) -> np.ndarray:
        """Mentor indexes, best first (excluded last)."""
        return np.lexsort((np.arange(len(self.total)), -self.total))

    def contributions(self, j: int) -> dict[str, float]:
        """How much each term (criterion or weighted rule) added to mentor j's score (they sum to the score)."""
        w = weight_vector(self.weights, self.pool.policy)
        return {name: float(w[k] * self.parts[k, j]) for k, name in enumerate(term_names(self.pool.policy))}

    def exclusion_reason(self, j: int) -> str | None:
        return exclusion_text(int(self.exclusion[j]), self.mentee, self.pool.people[j], self.pool.policy)

    def reasons(self, j: int, skill_names: Names = None, labels: Labels = None, limit=3):
        """The top reasons for mentor j in plain words, strongest contribution first."""
        mentor = self.pool.people[j]
        return reasons_for(
            self.mentee, mentor, self.parts[:, j], self.weights, skill_names, labels, limit, self.pool.policy
        )


def exclusion_text(code: int, mentee: Person, mentor: Person, policy: Policy) -> str | None:
    """An exclusion code in the mentee's words; a hard rule says which rule and what it found."""
    if not code:
        return None
    if code == Exclusion.RULE and (rule := policy.broken_rule(mentee, mentor)) is not None:
        return rule_exclusion_text(rule)
    return Exclusion(code).text


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


def explain(
    mentee: Person,
    mentor: Person,
    weights: Weights | None = None,
    *,
    policy: Policy = NO_POLICY,
    skill_names: Names = None,
    labels: Labels = None,
    limit=3,
):
    """Score, contributions and reasons of one pair (capacity is not considered here)."""
    weights = weights or Weights()
    scored = score_mentee(mentee, MentorPool([mentor], policy=policy), weights)
    return Explanation(
        score=max(float(scored.total[0]), 0.0),
        contributions=scored.contributions(0),
        reasons=scored.reasons(0, skill_names, labels, limit),
        exclusion=scored.exclusion_reason(0),
        maximum=dict(zip(term_names(policy), weight_vector(weights, policy).tolist(), strict=True)),
        labels=rule_labels(policy),
    )


def rule_labels(policy: Policy) -> dict[str, str]:
    """The weighted rules' keys -> their short words, for a score's breakdown."""
    return {rule.key: rule.label for rule in policy.weighted}


@dataclass(frozen=True)
class Explanation:
    score: float
    contributions: dict[str, float]  # term -> share of the score it adds (they sum to the score)
    reasons: list[str]
    exclusion: str | None
    maximum: dict[str, float] = field(default_factory=dict)  # term -> the most it could add (its weight)
    labels: dict[str, str] = field(default_factory=dict)  # the weighted rules' keys -> their words

    def breakdown(self) -> list[tuple[str, float, float]]:
        """(label, points, maximum points) per term, out of 100 for the whole score."""
        return [
            (CRITERIA_LABELS.get(name) or self.labels.get(name, name), round(100 * value, 1),
             round(100 * self.maximum.get(name, 0.0), 1))
            for name, value in self.contributions.items()
        ]  # fmt: skip


def explain_pairs(
    pairs: Sequence[tuple[Person, Person]],
    weights: Weights | None = None,
    *,
    policy: Policy = NO_POLICY,
    skill_names: Names = None,
    labels: Labels = None,
    limit: int = 3,
    voice: Voice = MENTEE,
) -> list[Explanation]:
    """Explanations of many (mentee, mentor) pairs at once, element-wise with numpy (a proposal of thousands of
    pairs takes milliseconds, not a pool per pair). Capacity is not considered; the other exclusions are."""
    weights = weights or Weights()
    if not pairs:
        return []
    mentees, mentors = [a for a, _ in pairs], [b for _, b in pairs]
    pool = MentorPool(mentors, policy=policy)  # its arrays are the mentors in pair order
    me = pool.arrays(mentees)
    w = weight_vector(weights, policy)
    parts = np.empty((len(w), len(pairs)), dtype=np.float32)
    skills = pool.sought_weights(mentees).multiply(pool.offered_t.T).sum(axis=1)
    parts[0] = np.where([not p.skills_sought for p in mentees], NEUTRAL, np.asarray(skills).ravel())
    for k in range(1, len(CRITERIA)):
        parts[k] = _part_rows(pool, k, me, weights.cross_functional, pairwise=True)
    for k, rule in enumerate(policy.weighted, start=len(CRITERIA)):
        values = policy.mentee_values(rule, me.choices, me.numbers)
        parts[k] = rule_rows(rule, values, pool.rule_mentors[rule], pairwise=True)[0]
    names = term_names(policy)
    maximum = dict(zip(names, w.tolist(), strict=True))
    words = rule_labels(policy)
    out = []
    for i, (mentee, mentor) in enumerate(pairs):
        exclusion = pair_exclusion(mentee, mentor, policy)
        contributions = {name: float(w[k] * parts[k, i]) for k, name in enumerate(names)}
        out.append(
            Explanation(
                score=0.0 if exclusion else sum(contributions.values()),
                contributions=contributions,
                reasons=reasons_for(mentee, mentor, parts[:, i], weights, skill_names, labels, limit, policy, voice),
                exclusion=exclusion_text(exclusion, mentee, mentor, policy),
                maximum=maximum,
                labels=words,
            )
        )
    return out

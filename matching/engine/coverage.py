"""Personal boards of mentors: cover a mentee's sought skills with a few mentors (no Django imports).

boards = propose_boards(mentees, pool, max_mentors=3)   # greedy max-coverage under mentor capacity
boards.mentors_of[i], boards.covered[i], boards.coverage
person = favour_uncovered(mentee, covered_skill_ids)      # score a further mentor for what the board lacks
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np

from matching.engine.features import MentorPool, Person, Weights, excluded_pair_index
from matching.engine.scoring import score_block


@dataclass
class Boards:
    """Mentor indexes (into pool.people) picked per mentee, in the order picked, and the sought skills covered."""

    mentors_of: list[list[int]]
    covered: list[set[int]]
    sought: list[tuple[int, ...]]
    load: np.ndarray  # (mentors,) seats taken by this proposal

    @property
    def coverage(self) -> float:
        """Share of all sought skills (over every mentee) that the boards cover."""
        wanted = sum(len(s) for s in self.sought)
        return sum(len(c) for c in self.covered) / wanted if wanted else 1.0


def favour_uncovered(mentee: Person, covered: Iterable[int]) -> Person:
    """The mentee with sought skills not yet covered by their board ranked first (covered ones keep their
    order, after them), so rank weighting makes a further mentor score on what the board is missing."""
    covered = set(covered)
    sought = mentee.skills_sought
    return replace(
        mentee, skills_sought=(*[s for s in sought if s not in covered], *[s for s in sought if s in covered])
    )


def propose_boards(
    mentees: Sequence[Person],
    pool: MentorPool,
    weights: Weights | None = None,
    *,
    max_mentors: int = 3,
    existing: Mapping[int, Sequence[int]] | None = None,
    excluded_pairs: Iterable[tuple[int, int]] = (),
    chunk_cells: int = 2_000_000,
) -> Boards:
    """Greedy max-coverage: mentees whose skills are scarcest choose first; each round every mentee takes the
    allowed mentor with a free seat who covers the most of their still-uncovered sought skills (weighted by rank),
    ties going to the less versatile mentor, then the better score. Up to `max_mentors` per mentee, counting
    `existing` board members (mentee index -> mentor indexes, whose seats pool.capacity_left already counts).
    """
    weights = weights or Weights()
    mentees = list(mentees)
    n, m = len(mentees), len(pool.people)
    existing = existing or {}
    left = np.maximum(pool.capacity_left, 0).astype(np.int64)
    load = np.zeros(m, dtype=np.int64)
    mentors_of = [list(existing.get(i, ())) for i in range(n)]
    covered = [
        {s for s in p.skills_sought for j in mentors_of[i] if s in pool.people[j].skills_offered}
        for i, p in enumerate(mentees)
    ]
    offered = pool.offered_t  # offered skills x mentors
    skill_row = pool.skill_index
    supply = offered.sum(axis=1)
    breadth = offered.sum(axis=0)  # skills each mentor offers
    # Scarcity: mentees whose rarest sought skill has the fewest mentors go first.
    scarcity = [min((supply[skill_row[s]] for s in p.skills_sought if s in skill_row), default=np.inf) for p in mentees]
    order = sorted(range(n), key=lambda i: (scarcity[i], i))
    excluded = excluded_pair_index(pool, [p.id for p in mentees], excluded_pairs)
    chunk = max(1, chunk_cells // max(m, 1))

    def missing(i: int) -> list[int]:
        return [s for s in mentees[i].skills_sought if s not in covered[i] and s in skill_row]

    # Round by round, so every mentee gets a first mentor before anyone gets a third.
    for _round in range(max_mentors):
        waiting = [i for i in order if missing(i) and len(mentors_of[i]) < max_mentors]
        for start in range(0, len(waiting) if m else 0, chunk):
            rows = waiting[start : start + chunk]
            local = {r: excluded[i] for r, i in enumerate(rows) if i in excluded}
            total, exclusion, _ = score_block(pool, [mentees[i] for i in rows], weights, local, 0, keep_parts=False)
            for r, i in enumerate(rows):
                p, wanted = mentees[i], missing(i)
                rank_weight = np.array([1.0 / (p.skills_sought.index(s) + 1) for s in wanted], dtype=np.float32)
                gain = rank_weight @ offered[[skill_row[s] for s in wanted]]
                candidates = (exclusion[r] == 0) & (left > 0) & (gain > 0)
                candidates[mentors_of[i]] = False
                if not candidates.any():
                    continue
                # Most new coverage first; among equals, the mentor offering fewer skills (keep versatile
                # mentors for mentees who need them), then the better match score.
                best = np.where(candidates, gain, -np.inf)
                ties = np.flatnonzero(best >= best.max() - 1e-6)
                j = int(ties[np.lexsort((-total[r, ties], breadth[ties]))[0]])
                mentors_of[i].append(j)
                left[j] -= 1
                load[j] += 1
                covered[i] |= {s for s in wanted if s in pool.people[j].skills_offered}
    return Boards(mentors_of, covered, [p.skills_sought for p in mentees], load)

"""Optimal capacity-constrained assignment of mentees to mentors (no Django imports).

Maximise the total score; each mentor takes at most their capacity; each mentee gets at most one mentor per round;
locked pairs are forced in, banned pairs never proposed; pairs under `min_score` never proposed.

    result = match(mentees, pool, weights, locked=[(mentee_id, mentor_id)], banned=[...], min_score=0.3)
    result.pairs -> [(mentee index, mentor index)], result.unmatched -> {mentee index: Unmatched}

The solve runs on the sparse top-K candidate graph (engine.candidates.top_candidates) as a min-cost flow
(OR-Tools' SimpleMinCostFlow: source -> mentee -> mentor -> sink with the mentor's capacity, plus a bypass for
mentees left out), exact on that graph; without OR-Tools, scipy's LAPJVsp on capacity-expanded slots gives the same
optimum, much slower. Pruning to K can only lose optimality where mentees compete for the same full mentors.
When seats are scarce (more mentees than seats, the usual cohort) K is SCARCE_K and each mentor then keeps only its
best MENTOR_DEPTH x capacity + MENTOR_SLACK mentees of that graph (`prune_by_mentor`), and one flow solves it
(bench_matching_scale.py: 0.999998 of the dense optimum at 5,000 x 1,000, where greedy reaches 0.9935). Then
`match` repairs: mentees left out while some allowed mentors were pruned are scored against the mentors with a free
seat only (nobody is scored when every seat is taken) and that small assignment is solved, so no mentee is left out
while an allowed mentor (at or above the minimum score) has a free seat.
`solve_dense` is the exact reference on a full score matrix, for tests and the benchmark.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy import sparse
from scipy.optimize import linear_sum_assignment
from scipy.sparse.csgraph import min_weight_full_bipartite_matching

try:  # OR-Tools' min-cost flow is several times faster than scipy's matching on capacity-expanded slots
    from ortools.graph.python import min_cost_flow
except ImportError:  # pragma: no cover - exercised by the fallback test
    min_cost_flow = None

from matching.engine.candidates import TopCandidates, top_candidates
from matching.engine.features import EXCLUDED_SCORE, MentorPool, Person, Weights
from matching.engine.scoring import score_matrix

# A matched pair costs BASE - score, staying unmatched costs BASE + TIE: every allowed pair, even at score 0,
# beats leaving a mentee out, and scores never go negative.
BASE = 2.0
TIE = 1e-7


class Unmatched(enum.StrEnum):
    """The binding constraint that left a mentee without a mentor."""

    NO_MENTORS = "no_mentors", "there are no mentors in this cohort"
    ALL_EXCLUDED = "all_excluded", "every mentor is excluded (own manager, avoided organisation, past or banned pair)"
    NO_CAPACITY = "no_capacity", "no mentor they could be paired with has a seat left"
    BELOW_MIN_SCORE = "below_min_score", "every mentor with a free seat scores below the minimum"

    def __new__(cls, value, text):
        member = str.__new__(cls, value)
        member._value_ = value
        member.text = text
        return member


@dataclass
class Assignment:
    """A solution. Indexes are positions in the mentees list and in pool.people."""

    mentor_of: np.ndarray  # (mentees,) mentor index or -1
    score_of: np.ndarray  # (mentees,) score of the assigned pair, 0 when unmatched
    load: np.ndarray  # (mentors,) mentees assigned in this run (locked included)
    unmatched: dict[int, Unmatched] = field(default_factory=dict)
    locked: frozenset[tuple[int, int]] = frozenset()
    rounds: int = 1  # solves run (1 + widenings)

    @property
    def pairs(self) -> list[tuple[int, int]]:
        return [(int(i), int(j)) for i, j in enumerate(self.mentor_of) if j >= 0]

    @property
    def total(self) -> float:
        return float(self.score_of[self.mentor_of >= 0].sum())

    @property
    def matched(self) -> int:
        return int((self.mentor_of >= 0).sum())


def _as_edges(candidates: TopCandidates):
    rows = np.repeat(np.arange(candidates.n_mentees), np.diff(candidates.indptr))
    return rows, candidates.indices.astype(np.int64), candidates.scores.astype(np.float64)


def solve_edges(
    n_mentees: int,
    capacity: Sequence[int],
    rows: np.ndarray,
    cols: np.ndarray,
    scores: np.ndarray,
    *,
    locked: Iterable[tuple[int, int]] = (),
    banned: Iterable[tuple[int, int]] = (),
    min_score: float = 0.0,
    locked_scores: dict | None = None,
    unique: bool = False,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Optimal assignment on an explicit edge list (mentee index, mentor index, score): (mentor_of, score_of, load).

    Locked pairs are taken first (they use a seat even if the edge is absent); banned pairs and edges under
    min_score are dropped. Duplicate edges keep their best score; `unique`: the caller knows there are none (a
    candidate graph), which skips sorting the edges.
    """
    capacity = np.asarray(capacity, dtype=np.int64).copy()
    mentor_of = np.full(n_mentees, -1, dtype=np.int64)
    score_of = np.zeros(n_mentees, dtype=np.float64)
    load = np.zeros(len(capacity), dtype=np.int64)
    for i, j in locked:
        mentor_of[i] = j
        score_of[i] = (locked_scores or {}).get((i, j), 0.0)
        load[j] += 1
    capacity -= load
    keep = (scores >= min_score) & (scores > EXCLUDED_SCORE / 2) & (mentor_of[rows] < 0) & (capacity[cols] > 0)
    banned = set(banned)
    if banned:
        keep &= np.array([(int(i), int(j)) not in banned for i, j in zip(rows, cols, strict=True)], dtype=bool)
    rows, cols, scores = rows[keep], cols[keep], scores[keep]
    if len(rows) and not unique:
        # Best score per (mentee, mentor): sort by score, keep the first of each pair.
        order = np.lexsort((-scores, cols, rows))
        rows, cols, scores = rows[order], cols[order], scores[order]
        first = np.ones(len(rows), dtype=bool)
        first[1:] = (rows[1:] != rows[:-1]) | (cols[1:] != cols[:-1])
        rows, cols, scores = rows[first], cols[first], scores[first]
    free = np.flatnonzero(mentor_of < 0)
    if len(rows) == 0 or len(free) == 0:
        return mentor_of, score_of, load
    mentees, row_pos = np.unique(rows, return_inverse=True)
    mentors, col_pos = np.unique(cols, return_inverse=True)
    solver = _min_cost_flow if min_cost_flow is not None else _lapjvsp
    chosen = solver(len(mentees), capacity[mentors], row_pos, col_pos, scores)
    r, c = row_pos[chosen], col_pos[chosen]
    mentor_of[mentees[r]] = mentors[c]
    score_of[mentees[r]] = scores[chosen]
    np.add.at(load, mentors[c], 1)
    return mentor_of, score_of, load


SCALE = 1_000_000  # integer costs for the flow: scores kept to a millionth


def _min_cost_flow(n: int, capacity: np.ndarray, rows: np.ndarray, cols: np.ndarray, scores: np.ndarray):
    """Indexes of the chosen edges, by OR-Tools' min-cost flow: source -> mentee (1) -> mentor (1) -> sink
    (capacity), plus a free source -> sink bypass for mentees left out. An edge costs -(score + a millionth), so
    any allowed pair beats the bypass."""
    m = len(capacity)
    source, sink = n + m, n + m + 1
    flow = min_cost_flow.SimpleMinCostFlow()
    first_edge = flow.add_arcs_with_capacity_and_unit_cost(
        np.concatenate([np.full(n, source), rows, n + np.arange(m), [source]]).astype(np.int32),
        np.concatenate([np.arange(n), n + cols, np.full(m, sink), [sink]]).astype(np.int32),
        np.concatenate([np.ones(n), np.ones(len(rows)), capacity, [n]]).astype(np.int64),
        np.concatenate([np.zeros(n), -np.round(scores * SCALE) - 1, np.zeros(m), [0]]).astype(np.int64),
    )[n]
    flow.set_node_supply(source, n)
    flow.set_node_supply(sink, -n)
    status = flow.solve()
    if status != flow.OPTIMAL:  # cannot happen with the bypass arc; kept loud rather than silently greedy
        raise RuntimeError(f"min-cost flow failed with status {status}")
    return np.flatnonzero(flow.flows(np.arange(first_edge, first_edge + len(rows))) > 0)


def _lapjvsp(n: int, capacity: np.ndarray, rows: np.ndarray, cols: np.ndarray, scores: np.ndarray):
    """Indexes of the chosen edges, by scipy's LAPJVsp on capacity-expanded mentor slots plus one "stay unmatched"
    slot per mentee (slower than the flow; used when OR-Tools is not installed)."""
    degree = np.bincount(cols, minlength=len(capacity))
    slots = np.minimum(capacity, degree)
    first_slot = np.concatenate([[0], np.cumsum(slots)])
    n_slots = int(first_slot[-1])
    per_edge = slots[cols]
    edge_rows = np.repeat(rows, per_edge)
    offsets = np.arange(per_edge.sum()) - np.repeat(np.cumsum(per_edge) - per_edge, per_edge)
    edge_cols = np.repeat(first_slot[cols], per_edge) + offsets
    graph = sparse.csr_matrix(
        (
            np.concatenate([np.repeat(BASE - scores, per_edge), np.full(n, BASE + TIE)]),
            (np.concatenate([edge_rows, np.arange(n)]), np.concatenate([edge_cols, n_slots + np.arange(n)])),
        ),
        shape=(n, n_slots + n),
    )
    matched_rows, matched_cols = min_weight_full_bipartite_matching(graph)
    real = matched_cols < n_slots
    slot_mentor = np.repeat(np.arange(len(capacity)), slots)
    r, c = matched_rows[real], slot_mentor[matched_cols[real]]
    keys = rows * len(capacity) + cols  # one edge per (mentee, mentor), in any order
    order = np.argsort(keys)
    return order[np.searchsorted(keys[order], r * len(capacity) + c)]


def solve(
    candidates: TopCandidates,
    capacity: Sequence[int],
    *,
    locked: Iterable[tuple[int, int]] = (),
    banned: Iterable[tuple[int, int]] = (),
    min_score: float = 0.0,
) -> Assignment:
    """Optimal assignment on a candidate graph, without widening (see `match` for the full workflow)."""
    locked = frozenset(locked)
    mentor_of, score_of, load = solve_edges(
        candidates.n_mentees, capacity, *_as_edges(candidates), locked=locked, banned=banned, min_score=min_score
    )
    assignment = Assignment(mentor_of, score_of, load, locked=locked)
    assignment.unmatched = unmatched_reasons(assignment, candidates)
    return assignment


def unmatched_reasons(assignment: Assignment, candidates: TopCandidates) -> dict[int, Unmatched]:
    reasons = {}
    for i in np.flatnonzero(assignment.mentor_of < 0):
        if candidates.n_mentors == 0:
            reasons[int(i)] = Unmatched.NO_MENTORS
        elif candidates.allowed_ignoring_capacity[i] == 0:
            reasons[int(i)] = Unmatched.ALL_EXCLUDED
        elif candidates.allowed[i] == 0:
            reasons[int(i)] = Unmatched.NO_CAPACITY
        elif candidates.above_min[i] == 0:
            reasons[int(i)] = Unmatched.BELOW_MIN_SCORE
        else:
            reasons[int(i)] = Unmatched.NO_CAPACITY
    return reasons


def solve_dense(scores: np.ndarray, capacity: Sequence[int], *, min_score: float = 0.0) -> tuple[np.ndarray, float]:
    """Exact optimum on a dense (mentees x mentors) matrix (EXCLUDED_SCORE = not allowed): (mentor_of, total).

    Reference for tests and the benchmark: Hungarian method on capacity-expanded columns plus one "unmatched"
    column per mentee. Quadratic memory: small instances only.
    """
    scores = np.asarray(scores, dtype=np.float64)
    n, m = scores.shape
    capacity = np.minimum(np.asarray(capacity, dtype=np.int64), n)
    slot_mentor = np.repeat(np.arange(m), capacity)
    allowed = (scores >= min_score) & (scores > EXCLUDED_SCORE / 2)
    profit = np.where(allowed, scores + TIE, -1.0)[:, slot_mentor]
    profit = np.hstack([profit, np.zeros((n, n))])
    rows, cols = linear_sum_assignment(profit, maximize=True)
    mentor_of = np.full(n, -1, dtype=np.int64)
    real = cols < len(slot_mentor)
    real &= profit[rows, cols] >= 0
    mentor_of[rows[real]] = slot_mentor[cols[real]]
    total = float(sum(scores[i, j] for i, j in enumerate(mentor_of) if j >= 0))
    return mentor_of, total


SCARCE_K = 32  # candidates per mentee when mentees outnumber seats
# When seats are scarce, each mentor keeps its best MENTOR_DEPTH x capacity + MENTOR_SLACK candidate mentees.
MENTOR_DEPTH, MENTOR_SLACK = 8, 8


def default_k(n_mentees: int, n_mentors: int, total_capacity: int) -> int:
    """Candidates kept per mentee: more when seats are scarce, since mentees then compete harder (and the mentor
    side prunes the graph again, see `prune_by_mentor`)."""
    pressure = n_mentees / max(total_capacity, 1)
    if pressure > 1:
        return int(min(n_mentors, SCARCE_K))
    return int(min(n_mentors, max(8, round(8 + 8 * min(pressure, 1.0)))))


def prune_by_mentor(rows: np.ndarray, cols: np.ndarray, scores: np.ndarray, capacity: np.ndarray) -> np.ndarray:
    """Mask of the edges kept when each mentor keeps only the MENTOR_DEPTH x capacity + MENTOR_SLACK mentees who
    score best with them. A mentor with c seats takes c mentees: a mentee with that many better-placed rivals at
    this mentor is, when seats are scarce, almost never the one it takes, and the flow on the smaller graph runs
    several times faster. Not exact (the benchmark measures the ratio to the dense optimum); the repair after the
    solve still gives any seat left free to a mentee who can take it."""
    depth = MENTOR_DEPTH * np.asarray(capacity, dtype=np.int64) + MENTOR_SLACK
    # By mentor, then score descending (scores lie in [-1, 1]).
    order = np.argsort(cols * 4.0 - scores)
    sorted_cols = cols[order]
    starts = np.searchsorted(sorted_cols, np.arange(len(capacity)))
    rank = np.arange(len(order)) - starts[sorted_cols]
    keep = np.zeros(len(rows), dtype=bool)
    keep[order[rank < depth[sorted_cols]]] = True
    return keep


def match(
    mentees: Sequence[Person],
    pool: MentorPool,
    weights: Weights | None = None,
    *,
    locked: Iterable[tuple[int, int]] = (),
    banned: Iterable[tuple[int, int]] = (),
    excluded_pairs: Iterable[tuple[int, int]] = (),
    min_score: float = 0.0,
    k: int | None = None,
    max_widenings: int = 50,
) -> Assignment:
    """Score, prune to top K (and, when seats are scarce, to each mentor's best), solve once, then repair.

    locked / banned / excluded_pairs are (mentee id, mentor id) pairs. Capacity is pool.capacity_left (seats left
    before this run). Locked pairs are forced in and use a seat; banned and excluded pairs are never proposed and
    count as exclusions in the unmatched reasons.

    The repair: mentees left out while some of their allowed mentors were pruned from the graph are scored against
    the mentors with a free seat only (none when every seat is taken, the usual case when seats are scarce), and that
    small assignment is solved; again for those whose list of free mentors was cut at 2K, until no seat is left free
    while a mentee who could take it is unmatched.
    """
    weights = weights or Weights()
    mentees = list(mentees)
    position = {p.id: i for i, p in enumerate(mentees)}
    capacity = np.maximum(pool.capacity_left, 0)
    locked_idx = {(position[a], pool.index[b]) for a, b in locked if a in position and b in pool.index}
    banned_ids = set(banned)
    excluded = set(excluded_pairs) | banned_ids
    scarce = len(mentees) > int(capacity.sum())
    k = k or default_k(len(mentees), len(pool.people), int(capacity.sum()))
    candidates = top_candidates(mentees, pool, weights, k=k, excluded_pairs=excluded, min_score=min_score)
    rows, cols, scores = _as_edges(candidates)
    pending = np.isfinite(candidates.bound)  # mentees some of whose allowed mentors are not in the graph
    if scarce and len(rows):
        keep = prune_by_mentor(rows, cols, scores, capacity)
        pending |= np.bincount(rows[~keep], minlength=len(mentees)) > 0
        rows, cols, scores = rows[keep], cols[keep], scores[keep]
    locked_scores = {}
    if locked_idx:
        lock_rows = sorted({i for i, _ in locked_idx})
        dense, _ = score_matrix([mentees[i] for i in lock_rows], pool, weights)
        locked_scores = {(i, j): max(float(dense[lock_rows.index(i), j]), 0.0) for i, j in locked_idx}
    mentor_of, score_of, load = solve_edges(
        len(mentees),
        capacity,
        rows,
        cols,
        scores,
        locked=locked_idx,
        min_score=min_score,
        locked_scores=locked_scores,
        unique=True,
    )
    rounds = 1
    while rounds <= max_widenings:
        left = capacity - load
        free = np.flatnonzero(left > 0)  # only mentors with a free seat can help
        suspects = np.flatnonzero((mentor_of < 0) & pending)
        if not len(suspects) or not len(free):
            break
        seats = MentorPool([pool.people[j] for j in free], left[free], policy=pool.policy)
        wider = top_candidates(
            [mentees[i] for i in suspects], seats, weights, k=2 * k, excluded_pairs=excluded, min_score=min_score
        )
        new_rows, new_cols, new_scores = _as_edges(wider)
        ok = new_scores >= max(min_score, 0.0)
        pending[:] = False
        pending[suspects] = np.isfinite(wider.bound)  # their list of free mentors was cut: look again if left out
        if not ok.any():
            break
        rounds += 1
        # The solution so far is optimal on the edges it had, and the new edges join mentees it left out to mentors
        # with a seat it left free: any better solution of all edges differs from it only in how those mentees take
        # those seats (every other change was already open to it, and gains nothing). So the widening solves that
        # small assignment, not the whole graph again; tests compare it with solving the whole graph.
        taken, taken_score, used = solve_edges(
            len(suspects), left[free], new_rows[ok], new_cols[ok], new_scores[ok], min_score=min_score, unique=True
        )
        placed = taken >= 0
        mentor_of[suspects[placed]] = free[taken[placed]]
        score_of[suspects[placed]] = taken_score[placed]
        load[free] += used
    assignment = Assignment(mentor_of, score_of, load, locked=frozenset(locked_idx), rounds=rounds)
    assignment.unmatched = unmatched_reasons(assignment, candidates)
    return assignment

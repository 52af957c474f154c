"""The best K allowed mentors of every mentee, scored in chunks: the candidate graph bulk matching solves on (no Django
imports)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np

from matching.engine.exclusions import Exclusion
from matching.engine.features import EXCLUDED_SCORE, MentorPool, Person, Weights, excluded_pair_index
from matching.engine.scoring import score_block


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
        top = top_k_columns(total, k) if k < m else np.broadcast_to(np.arange(m), (len(block), m))
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


SAMPLE = 256  # columns sampled per row to guess the threshold of its top K


def top_k_columns(total: np.ndarray, k: int) -> np.ndarray:
    """Column indexes of each row's K highest scores, in no order: (rows, K).

    argpartition writes a full int64 index array (8 bytes a cell, several passes); instead a threshold under each
    row's K-th score is guessed from a sample of columns, one comparison pass keeps the cells above it (about 2K a
    row), and the exact top K is picked among them. Rows the guess leaves short fall back to argpartition, so the
    result is exact either way (ties at the K-th score may pick any of the tied columns, as argpartition does).
    """
    b, m = total.shape
    if m < 8 * k or m <= SAMPLE:
        return np.argpartition(total, m - k, axis=1)[:, m - k :]
    sample = total[:, :: m // SAMPLE]
    width = sample.shape[1]
    q = min(width, int(np.ceil(1.5 * k * width / m)) + 3)  # expect about 2K cells per row over the threshold
    threshold = np.partition(sample, width - q, axis=1)[:, width - q]
    cells = np.flatnonzero(total >= threshold[:, None])
    rows, cols = np.divmod(cells, m)
    counts = np.bincount(rows, minlength=b)
    short = counts < k
    if short.any():
        keep = ~short[rows]
        cells, rows, cols = cells[keep], rows[keep], cols[keep]
    # Best first within each row: scores lie in [-1, 1], so row * 4 - score sorts by row, then score descending.
    order = np.argsort(rows * 4.0 - total.ravel()[cells])
    rows, cols = rows[order], cols[order]
    starts = np.concatenate([[0], np.cumsum(counts * ~short)])[:-1]
    rank = np.arange(len(rows)) - starts[rows]
    top = np.empty((b, k), dtype=np.int64)
    chosen = rank < k
    top[rows[chosen], rank[chosen]] = cols[chosen]
    if short.any():
        top[short] = np.argpartition(total[short], m - k, axis=1)[:, m - k :]
    return top

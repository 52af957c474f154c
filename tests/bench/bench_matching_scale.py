"""Matching with scarce seats at organisation scale: solve time against the dense score floor, peak RSS, optimality.

Run: .venv/bin/python tests/bench/bench_matching_scale.py [--sizes 5000x1000,20000x5000,100000x25000]
Prints one `name: value` line per figure. Instances come from bench_matching's generator with each mentor's capacity
drawn from 1-5 (fewer seats than mentees) and two excluded mentors per mentee (past or banned pairs). Each size runs
in its own subprocess, so its peak RSS is its own:

- solve_<size>_s: build the mentor pool, generate the candidates, solve, repair (engine.match);
- floor_<size>_s: the dense score floor in the same process, every pair scored in the same chunks and threads as
  candidate generation, nothing kept; solve_over_floor_<size> is their ratio (the two are timed in alternation,
  best of a few rounds at the small sizes, once at the largest);
- matched_<size>, and summed over sizes stranded_seats (a mentor's free seats while an unmatched mentee could take
  them: not excluded, at or above the minimum score) and capacity_violations;
- at 5000x1000: optimality_scarce_5000x1000, the total score over the exact optimum of the full graph (every allowed
  pair, min-cost flow), and greedy_scarce_5000x1000, the same ratio for Chronus-style greedy (best pairs first).
"""

import argparse
import random
import resource
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from matching.engine import MentorPool, Weights, match  # noqa: E402
from matching.engine.features import excluded_pair_index  # noqa: E402
from matching.engine.scoring import score_block  # noqa: E402
from matching.engine.solver import solve_edges  # noqa: E402
from tests.bench.bench_matching import people  # noqa: E402
from tests.bench.harness import report  # noqa: E402

SIZES = ("5000x1000", "20000x5000", "100000x25000")
CHUNK_CELLS = 2_000_000  # engine.candidates' default
WORKERS = 2


def scarce_instance(n_mentees: int, n_mentors: int, seed: int = 1):
    """bench_matching's profiles, capacity drawn from 1-5, two excluded mentors per mentee."""
    mentees = people(n_mentees, mentors=False, seed=seed, id_start=1_000_000)
    mentors = people(n_mentors, mentors=True, seed=seed + 1)
    rng = random.Random(seed + 2)
    capacity = [rng.randint(1, 5) for _ in range(n_mentors)]
    excluded = [(p.id, mentors[j].id) for p in mentees for j in rng.sample(range(n_mentors), 2)]
    return mentees, mentors, capacity, excluded


def blocks(mentees, pool, excluded_pairs, function):
    """Score every pair in candidate generation's chunks and threads; call function(start, total, exclusion)."""
    n, m = len(mentees), len(pool.people)
    excluded = excluded_pair_index(pool, [p.id for p in mentees], excluded_pairs)
    chunk = max(1, CHUNK_CELLS // max(m, 1))
    everyone = pool.arrays(mentees)
    weights = Weights()

    def run(start):
        block = mentees[start : start + chunk]
        me = everyone.rows(np.arange(start, start + len(block)))
        total, exclusion, _ = score_block(pool, block, weights, excluded, start, keep_parts=False, me=me)
        function(start, total, exclusion)

    with ThreadPoolExecutor(max_workers=WORKERS) as executor:
        list(executor.map(run, range(0, n, chunk)))


def floor(mentees, mentors, capacity, excluded_pairs) -> float:
    """Seconds to build the pool and score every pair once, keeping nothing."""
    started = time.perf_counter()
    pool = MentorPool(mentors, capacity)
    blocks(mentees, pool, excluded_pairs, lambda start, total, exclusion: None)
    return time.perf_counter() - started


def stranded(result, pool, mentees, excluded_pairs, min_score=0.0) -> tuple[int, int]:
    """(capacity violations, seats left empty while a compatible mentee is unmatched)."""
    load = np.bincount(result.mentor_of[result.mentor_of >= 0], minlength=len(pool.people))
    violations = int((load > pool.capacity_left).sum())
    free = np.maximum(pool.capacity_left - load, 0)
    unmatched = np.flatnonzero(result.mentor_of < 0)
    if not len(unmatched) or not free.any():
        return violations, 0
    subset = [mentees[i] for i in unmatched]
    ids = {p.id for p in subset}
    pairs = [(a, b) for a, b in excluded_pairs if a in ids]

    counts = {}  # start -> per mentor (threads write distinct keys)

    def count(start, total, exclusion):
        counts[start] = ((exclusion == 0) & (total >= min_score)).sum(axis=0)

    blocks(subset, pool, pairs, count)
    wanting = sum(counts.values())
    return violations, int(np.minimum(free, wanting).sum())


def dense_edges(mentees, pool, excluded_pairs):
    found = {}  # start -> edges of the block (threads write distinct keys)

    def keep(start, total, exclusion):
        r, c = np.nonzero(exclusion == 0)
        found[start] = (r + start, c, total[r, c].astype(np.float64))

    blocks(mentees, pool, excluded_pairs, keep)
    return tuple(np.concatenate([found[s][k] for s in sorted(found)]) for k in range(3))


def greedy(n, capacity, rows, cols, scores) -> float:
    """Chronus-style greedy: the best remaining pair first, while both sides have room."""
    left = np.array(capacity)
    taken = np.zeros(n, dtype=bool)
    total, seats = 0.0, int(left.sum())
    for e in np.argsort(-scores, kind="stable").tolist():
        i, j = rows[e], cols[e]
        if not taken[i] and left[j] > 0:
            taken[i] = True
            left[j] -= 1
            total += scores[e]
            seats -= 1
            if not seats:
                break
    return total


def one_size(size: str) -> None:
    n, m = (int(x) for x in size.split("x"))
    mentees, mentors, capacity, excluded = scarce_instance(n, m)
    rounds = 3 if n <= 20_000 else 1
    solves, floors = [], []
    for _ in range(rounds):
        floors.append(floor(mentees, mentors, capacity, excluded))
        started = time.perf_counter()
        pool = MentorPool(mentors, capacity)
        result = match(mentees, pool, excluded_pairs=excluded)
        solves.append(time.perf_counter() - started)
    report(f"solve_{size}_s", min(solves))
    report(f"floor_{size}_s", min(floors))
    report(f"solve_over_floor_{size}", min(solves) / min(floors))
    report(f"peak_rss_{size}_mb", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    report(f"matched_{size}", result.matched)
    report(f"seats_{size}", int(sum(capacity)))
    violations, empty = stranded(result, pool, mentees, excluded)
    report(f"stranded_seats_{size}", empty)
    report(f"capacity_violations_{size}", violations)
    if size == "5000x1000":
        rows, cols, scores = dense_edges(mentees, pool, excluded)
        _, best, _ = solve_edges(n, capacity, rows, cols, scores)
        optimum = float(best.sum())
        report(f"optimality_scarce_{size}", f"{result.total / optimum:.6f}")
        report(f"greedy_scarce_{size}", f"{greedy(n, capacity, rows, cols, scores) / optimum:.6f}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default=",".join(SIZES), help="comma-separated MENTEESxMENTORS")
    parser.add_argument("--one", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        one_size(args.one)
        return
    stranded_seats = violations = 0
    for size in args.sizes.split(","):
        run = subprocess.run([sys.executable, __file__, "--one", size], capture_output=True, text=True, check=True)
        for line in run.stdout.splitlines():
            name, value = line.split(": ")
            if name.startswith("stranded_seats_"):
                stranded_seats += int(value)
            elif name.startswith("capacity_violations_"):
                violations += int(value)
            else:
                print(line, flush=True)
    report("stranded_seats", stranded_seats)
    report("capacity_violations", violations)


if __name__ == "__main__":
    main()

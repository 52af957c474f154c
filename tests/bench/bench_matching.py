"""Matching benchmark: scoring + optimal solve at scale, optimality, capacity, board coverage, suggestions page.

Run: DJANGO_DEBUG=1 .venv/bin/python tests/bench/bench_matching.py  (DATABASE_URL picks PostgreSQL for the page)
Prints one `name: value` line per figure. The 20,000 x 5,000 case runs in a subprocess so its peak RSS is its own.
Solve times include building the mentor pool, scoring every pair and solving; profiles are synthetic (a 200-skill
taxonomy with skewed popularity, capacity 5) and given in memory: loading them is bulk_end_to_end's part.
solve_5000x1000_rules_s is the same solve with a program's ten question rules (six weighted, four hard: see
tests/bench/questions.py) and everyone's answers; the two are timed in alternation, best of five each, so
rules_cost_ratio compares them in the same run.
"""

import random
import resource
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))


from matching.engine import NO_POLICY, MentorPool, Person, match, propose_boards, score_matrix, solve_dense  # noqa: E402
from tests.bench import questions  # noqa: E402
from tests.bench.harness import report  # noqa: E402

SKILLS = 200
VALUES = ("integrity", "curiosity", "collaboration", "ambition", "balance", "creativity", "service", "learning")
STYLES = ("structured", "flexible", "collaborative", "independent", "")
TRACKS = ("engineering", "product", "design", "data", "sales", "marketing", "finance", "people", "legal", "")
LANGUAGES = ("en", "fr", "de", "es", "pt", "nl")
CHANNELS = ("video", "phone", "in_person")
ORGS = tuple(f"Org {i}" for i in range(30))


def people(n: int, *, mentors: bool, seed: int, id_start: int = 0) -> list[Person]:
    """Synthetic profiles: skill popularity is skewed, as in real programs (a few skills are wanted by many)."""
    rng = random.Random(seed)
    popularity = [1.0 / (1 + i) ** 0.6 for i in range(SKILLS)]
    out = []
    for i in range(n):
        skills = set(rng.choices(range(SKILLS), weights=popularity, k=rng.randint(3, 8) if mentors else 0))
        sought = tuple(dict.fromkeys(rng.choices(range(SKILLS), weights=popularity, k=0 if mentors else 5)))[:3]
        out.append(
            Person(
                id=id_start + i,
                skills_offered=frozenset(skills),
                skills_sought=sought,
                values=frozenset(rng.sample(VALUES, 3)),
                work_style=rng.choice(STYLES),
                years_experience=rng.randint(8, 30) if mentors else rng.randint(0, 12),
                career_track=rng.choice(TRACKS),
                languages=frozenset(rng.sample(LANGUAGES, rng.randint(1, 2))),
                utc_offset=rng.choice((-8, -5, 0, 0, 1, 1, 2, 5.5, 8)),
                meeting_channels=frozenset(rng.sample(CHANNELS, rng.randint(1, 3))),
                organisation=rng.choice(ORGS),
                avoid_organisations=frozenset(rng.sample(ORGS, 1)) if rng.random() < 0.05 else frozenset(),
                manager_id=rng.randrange(n) + 10**7 if rng.random() < 0.5 else None,
            )
        )
    return out


def instance(n_mentees: int, n_mentors: int, *, capacity: int, seed: int = 1):
    mentees = people(n_mentees, mentors=False, seed=seed, id_start=1_000_000)
    mentors = people(n_mentors, mentors=True, seed=seed + 1)
    return mentees, mentors, [capacity] * n_mentors


def timed_solve(n_mentees: int, n_mentors: int, *, rules: bool = False) -> tuple[float, object, object]:
    """Seconds to build the pool, score and solve (profiles are given: loading them is the page's/service's job)."""
    mentees, mentors, capacity = instance(n_mentees, n_mentors, capacity=5)
    policy = NO_POLICY
    if rules:
        mentees = questions.with_answers(mentees, mentors=False, seed=11)
        mentors = questions.with_answers(mentors, mentors=True, seed=12)
        policy = questions.policy()
    started = time.perf_counter()
    pool = MentorPool(mentors, capacity, policy=policy)
    result = match(mentees, pool)
    return time.perf_counter() - started, result, pool


def check(result, pool, mentees) -> tuple[int, int]:
    """(capacity violations, mentees left unmatched while an allowed mentor still had a seat)."""
    load = np.bincount(result.mentor_of[result.mentor_of >= 0], minlength=len(pool.people))
    violations = int((load > pool.capacity_left).sum())
    left = pool.capacity_left - load
    unmatched = [i for i in range(len(mentees)) if result.mentor_of[i] < 0]
    stranded = 0
    if unmatched:
        scores, exclusion = score_matrix([mentees[i] for i in unmatched], pool)
        stranded = int(((exclusion == 0) & (left > 0)[None, :]).any(axis=1).sum())
    return violations, stranded


def large_case() -> None:
    """Run in a subprocess: the 20,000 x 5,000 solve and its own peak RSS."""
    seconds, result, pool = timed_solve(20_000, 5_000)
    report("solve_20000x5000_s", seconds)
    report("peak_rss_20000x5000_mb", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    mentees, _, _ = instance(20_000, 5_000, capacity=5)
    violations, stranded = check(result, pool, mentees)
    report("large_capacity_violations", violations)
    report("large_unmatched_with_capacity", stranded)


def bulk_and_page_figures() -> None:
    """The figures that need the database.

    bulk_end_to_end_5000_s (load profiles from PostgreSQL, score, solve, save the proposal) and its query counts
    come from bench_matching_bulk.py, run in its own process.
    suggestions_page_ms and its query count come from bench_matching_django.py (Find a mentor, one mentee among
    5,000 mentors, Django test client against DATABASE_URL), run in its own process.
    """
    page = subprocess.run(
        [sys.executable, str(Path(__file__).with_name("bench_matching_django.py"))],
        capture_output=True,
        text=True,
        check=True,
    )
    print(page.stdout, end="", flush=True)
    bulk = subprocess.run(
        [sys.executable, str(Path(__file__).with_name("bench_matching_bulk.py"))],
        capture_output=True,
        text=True,
        check=True,
    )
    print(bulk.stdout, end="", flush=True)


def main() -> None:
    if sys.argv[1:] == ["large"]:
        large_case()
        return
    plain, ruled = [], []
    for _ in range(5):
        plain.append(timed_solve(5_000, 1_000))
        ruled.append(timed_solve(5_000, 1_000, rules=True))
    seconds, result, pool = min(plain, key=lambda run: run[0])
    rules_seconds, rules_result, rules_pool = min(ruled, key=lambda run: run[0])
    report("solve_5000x1000_s", seconds)
    report("solve_5000x1000_rules_s", rules_seconds)
    report("rules_cost_ratio", rules_seconds / seconds)
    report("solve_5000x1000_rules_matched", rules_result.matched)
    mentees, _, _ = instance(5_000, 1_000, capacity=5)
    violations, stranded = check(result, pool, mentees)
    v, u = check(rules_result, rules_pool, questions.with_answers(mentees, mentors=False, seed=11))
    violations, stranded = violations + v, stranded + u

    mentees, mentors, capacity = instance(1_000, 200, capacity=5, seed=7)
    pool = MentorPool(mentors, capacity)
    result = match(mentees, pool)
    scores, _ = score_matrix(mentees, pool)
    _, optimum = solve_dense(scores, capacity)
    report("optimality_ratio", f"{result.total / optimum:.6f}")
    v, u = check(result, pool, mentees)
    violations, stranded = violations + v, stranded + u

    large = subprocess.run([sys.executable, __file__, "large"], capture_output=True, text=True, check=True)
    for line in large.stdout.splitlines():
        name, value = line.split(": ")
        if name == "large_capacity_violations":
            violations += int(value)
        elif name == "large_unmatched_with_capacity":
            stranded += int(value)
        else:
            print(line, flush=True)
    report("capacity_violations", violations)
    report("unmatched_with_capacity", stranded)

    mentees, mentors, capacity = instance(5_000, 1_000, capacity=15, seed=5)
    started = time.perf_counter()
    boards = propose_boards(mentees, MentorPool(mentors, capacity), max_mentors=3)
    report("board_seconds", time.perf_counter() - started)
    report("board_skill_coverage", boards.coverage)
    bulk_and_page_figures()


if __name__ == "__main__":
    main()

import itertools

import numpy as np
import pytest

from matching.engine import EXCLUDED_SCORE, MentorPool, Person, TopCandidates, Unmatched, score_matrix, solver
from matching.engine.solver import match, solve, solve_dense, solve_edges


def brute_force(scores: np.ndarray, capacity, min_score=0.0) -> float:
    """Best total over every assignment (each mentee: a mentor or nobody), by enumeration."""
    n, m = scores.shape
    best = 0.0
    for choice in itertools.product(range(-1, m), repeat=n):
        load = np.bincount([j for j in choice if j >= 0], minlength=m)
        if (load > capacity).any():
            continue
        if any(j >= 0 and (scores[i, j] < min_score or scores[i, j] <= EXCLUDED_SCORE) for i, j in enumerate(choice)):
            continue
        best = max(best, sum(scores[i, j] for i, j in enumerate(choice) if j >= 0))
    return best


def dense_candidates(scores: np.ndarray, capacity, min_score=0.0) -> TopCandidates:
    n, m = scores.shape
    allowed = scores > EXCLUDED_SCORE
    rows, cols = np.nonzero(allowed)
    return TopCandidates(
        indptr=np.concatenate([[0], np.cumsum(allowed.sum(1))]),
        indices=cols,
        scores=scores[rows, cols].astype(np.float32),
        bound=np.full(n, -np.inf),
        allowed=(allowed & (np.asarray(capacity) > 0)).sum(1),
        allowed_ignoring_capacity=allowed.sum(1),
        above_min=(allowed & (scores >= min_score) & (np.asarray(capacity) > 0)).sum(1),
        n_mentors=m,
    )


def random_instance(seed: int, n=6, m=3):
    rng = np.random.default_rng(seed)
    scores = rng.random((n, m)).round(3)
    scores[rng.random((n, m)) < 0.2] = EXCLUDED_SCORE
    capacity = rng.integers(0, 3, m)
    return scores, capacity


@pytest.mark.parametrize("seed", range(25))
def test_solver_finds_the_brute_force_optimum(seed):
    scores, capacity = random_instance(seed)
    result = solve(dense_candidates(scores, capacity), capacity)
    assert result.total == pytest.approx(brute_force(scores, capacity), abs=1e-5)
    assert (result.load <= capacity).all()
    _, dense_total = solve_dense(scores, capacity)
    assert dense_total == pytest.approx(result.total, abs=1e-5)


@pytest.mark.parametrize("seed", range(10))
def test_scipy_fallback_finds_the_same_optimum(seed, monkeypatch):
    scores, capacity = random_instance(seed, n=7, m=3)
    with_flow = solve(dense_candidates(scores, capacity), capacity).total
    monkeypatch.setattr(solver, "min_cost_flow", None)
    without = solve(dense_candidates(scores, capacity), capacity)
    assert without.total == pytest.approx(with_flow, abs=1e-5)
    assert without.total == pytest.approx(brute_force(scores, capacity), abs=1e-5)
    assert (without.load <= capacity).all()


@pytest.mark.parametrize("seed", range(8))
def test_minimum_score_is_honoured_and_stays_optimal(seed):
    scores, capacity = random_instance(seed)
    result = solve(dense_candidates(scores, capacity, 0.5), capacity, min_score=0.5)
    assert all(scores[i, j] >= 0.5 for i, j in result.pairs)
    assert result.total == pytest.approx(brute_force(scores, capacity, 0.5), abs=1e-5)


def test_capacity_is_never_exceeded_and_free_seats_are_used():
    scores = np.full((5, 2), 0.9)
    result = solve(dense_candidates(scores, [2, 1]), [2, 1])
    assert np.bincount(result.mentor_of[result.mentor_of >= 0], minlength=2).tolist() == [2, 1]
    assert result.matched == 3
    assert set(result.unmatched.values()) == {Unmatched.NO_CAPACITY}


def test_even_a_zero_score_pair_beats_leaving_a_mentee_out():
    scores = np.array([[0.0], [EXCLUDED_SCORE]])
    result = solve(dense_candidates(scores, [1]), [1])
    assert result.pairs == [(0, 0)]
    assert result.unmatched == {1: Unmatched.ALL_EXCLUDED}


def test_locked_pairs_are_forced_in_and_banned_pairs_kept_out():
    scores = np.array([[0.9, 0.1], [0.8, 0.2]])
    locked = solve(dense_candidates(scores, [1, 1]), [1, 1], locked=[(1, 0)])
    assert sorted(locked.pairs) == [(0, 1), (1, 0)]
    banned = solve(dense_candidates(scores, [1, 1]), [1, 1], banned=[(0, 0)])
    assert (0, 0) not in banned.pairs
    assert sorted(banned.pairs) == [(0, 1), (1, 0)]


def test_unmatched_reasons_name_the_binding_constraint():
    scores = np.array([[EXCLUDED_SCORE, EXCLUDED_SCORE], [0.2, 0.1], [0.9, 0.8], [0.95, 0.9]])
    result = solve(dense_candidates(scores, [1, 1], 0.5), [1, 1], min_score=0.5)
    assert result.unmatched == {0: Unmatched.ALL_EXCLUDED, 1: Unmatched.BELOW_MIN_SCORE}
    full = solve(dense_candidates(scores, [0, 0]), [0, 0])
    assert full.unmatched[2] == Unmatched.NO_CAPACITY
    assert Unmatched.NO_CAPACITY.text


def test_solve_edges_keeps_the_best_of_duplicate_edges():
    mentor_of, score_of, load = solve_edges(
        1, [1], np.array([0, 0]), np.array([0, 0]), np.array([0.2, 0.7]), min_score=0.0
    )
    assert mentor_of.tolist() == [0] and score_of.tolist() == [pytest.approx(0.7)] and load.tolist() == [1]


def _people(rng, n, *, mentors, start=0):
    return [
        Person(
            id=start + i,
            skills_offered=frozenset(rng.choice(20, 3, replace=False).tolist()) if mentors else frozenset(),
            skills_sought=() if mentors else tuple(rng.choice(20, 3, replace=False).tolist()),
            years_experience=int(rng.integers(0, 30)),
            utc_offset=float(rng.choice([0, 1, 5, 9])),
            organisation=str(rng.choice(["A", "B"])),
            avoid_organisations=frozenset({"A"}) if rng.random() < 0.1 else frozenset(),
        )
        for i in range(n)
    ]


@pytest.mark.parametrize("seed", range(5))
def test_match_on_pruned_candidates_reaches_the_dense_optimum_and_strands_nobody(seed):
    rng = np.random.default_rng(seed)
    mentees = _people(rng, 60, mentors=False, start=1000)
    capacity = rng.integers(0, 4, 20)
    pool = MentorPool(_people(rng, 20, mentors=True), capacity)
    result = match(mentees, pool, k=3)
    dense, exclusion = score_matrix(mentees, pool)
    _, optimum = solve_dense(dense, capacity)
    assert result.total >= optimum * 0.995
    assert (result.load <= capacity).all()
    left = capacity - result.load
    for i in result.unmatched:
        assert not ((exclusion[i] == 0) & (left > 0)).any()


def test_match_takes_locks_and_bans_by_id():
    mentees = [Person(id=10, skills_sought=(1,)), Person(id=11, skills_sought=(1,))]
    pool = MentorPool([Person(id=1, skills_offered=frozenset({1})), Person(id=2)], [1, 1])
    assert sorted(match(mentees, pool, locked=[(11, 1)]).pairs) == [(0, 1), (1, 0)]
    banned = match(mentees, pool, banned=[(10, 1), (11, 1)])
    assert all(j != 0 for _, j in banned.pairs)
    assert banned.unmatched == {1: Unmatched.NO_CAPACITY} or banned.unmatched == {0: Unmatched.NO_CAPACITY}


def test_everyone_excluded_and_empty_cohort():
    mentees = [Person(id=10, manager_id=1)]
    assert match(mentees, MentorPool([Person(id=1)], [1])).unmatched == {0: Unmatched.ALL_EXCLUDED}
    assert match(mentees, MentorPool([], [])).unmatched == {0: Unmatched.NO_MENTORS}


def test_mentees_left_out_by_pruning_are_widened_to_mentors_with_free_seats():
    mentees = [Person(id=10 + i, skills_sought=(1, 2)) for i in range(3)]
    favourite = Person(id=1, skills_offered=frozenset({1, 2}))
    second = Person(id=2, skills_offered=frozenset({2}))
    pool = MentorPool([favourite, second], [1, 2])
    result = match(mentees, pool, k=1)  # everyone's single candidate is the favourite, who has one seat
    assert result.matched == 3
    assert result.rounds >= 2
    assert sorted(result.load.tolist()) == [1, 2]

"""Matching when seats are scarce (fewer seats than mentees): the optimum on tiny instances known by brute force,
exclusions respected, capacity never exceeded, no seat left free while a mentee who could take it is unmatched."""

import itertools

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from matching.engine import EXCLUDED_SCORE, MentorPool, Person, score_matrix, solver, top_candidates
from matching.engine.candidates import top_k_columns
from matching.engine.solver import match, prune_by_mentor

SKILLS = 6
ORGS = ("A", "B", "C")


def brute_force(scores: np.ndarray, capacity) -> float:
    """Best total over every assignment (each mentee: an allowed mentor or nobody), by enumeration."""
    n, m = scores.shape
    best = 0.0
    for choice in itertools.product(range(-1, m), repeat=n):
        if any(j >= 0 and scores[i, j] <= EXCLUDED_SCORE / 2 for i, j in enumerate(choice)):
            continue
        if (np.bincount([j for j in choice if j >= 0], minlength=m) > capacity).any():
            continue
        best = max(best, sum(float(scores[i, j]) for i, j in enumerate(choice) if j >= 0))
    return best


person = st.builds(
    lambda i, offered, sought, years, org, avoid: (offered, sought, years, org, avoid),
    st.just(0),
    st.frozensets(st.integers(0, SKILLS - 1), max_size=3),
    st.lists(st.integers(0, SKILLS - 1), max_size=3, unique=True).map(tuple),
    st.integers(0, 25),
    st.sampled_from(ORGS),
    st.frozensets(st.sampled_from(ORGS), max_size=1),
)


def people(specs, *, mentors: bool, start: int) -> list[Person]:
    return [
        Person(
            id=start + i,
            skills_offered=offered if mentors else frozenset(),
            skills_sought=() if mentors else sought,
            years_experience=years,
            organisation=org,
            avoid_organisations=avoid,
        )
        for i, (offered, sought, years, org, avoid) in enumerate(specs)
    ]


@st.composite
def scarce_instances(draw, max_mentees=6, max_mentors=3):
    """Mentees outnumber seats; a few (mentee, mentor) pairs are excluded besides the organisations avoided."""
    mentors = people(draw(st.lists(person, min_size=1, max_size=max_mentors)), mentors=True, start=0)
    capacity = draw(st.lists(st.integers(0, 2), min_size=len(mentors), max_size=len(mentors)))
    n = draw(st.integers(sum(capacity) + 1, max(sum(capacity) + 1, max_mentees)))
    mentees = people(draw(st.lists(person, min_size=n, max_size=n)), mentors=False, start=100)
    pairs = [(a.id, b.id) for a in mentees for b in mentors]
    excluded = draw(st.lists(st.sampled_from(pairs), max_size=len(pairs) // 3, unique=True))
    return mentees, mentors, capacity, excluded


def check(result, mentees, pool, excluded):
    """Capacity, exclusions and no stranded seat, against the dense matrix."""
    dense, exclusion = score_matrix(mentees, pool, excluded_pairs=excluded)
    capacity = pool.capacity_left
    load = np.bincount(result.mentor_of[result.mentor_of >= 0], minlength=len(pool.people))
    assert (load <= capacity).all() and (result.load == load).all()
    for i, j in result.pairs:
        assert exclusion[i, j] == 0, "an excluded pair was proposed"
        assert (mentees[i].id, pool.people[j].id) not in set(excluded)
        assert result.score_of[i] == pytest.approx(dense[i, j], abs=1e-6)
    free = capacity - load > 0
    for i in result.unmatched:
        assert not ((exclusion[i] == 0) & free).any(), "a seat was left free while this mentee could take it"
    return dense


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scarce_instances())
def test_scarce_seats_reach_the_brute_force_optimum(instance):
    mentees, mentors, capacity, excluded = instance
    pool = MentorPool(mentors, capacity)
    result = match(mentees, pool, excluded_pairs=excluded)
    dense = check(result, mentees, pool, excluded)
    assert result.total == pytest.approx(brute_force(dense, np.array(capacity)), abs=1e-5)
    assert result.matched <= sum(capacity)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scarce_instances(max_mentees=7, max_mentors=4))
def test_heavy_pruning_still_respects_capacity_and_exclusions_and_strands_no_seat(instance):
    """One candidate a mentee and one a mentor: the repair must still give every free seat to a mentee who can take
    it."""
    mentees, mentors, capacity, excluded = instance
    pool = MentorPool(mentors, capacity)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(solver, "MENTOR_DEPTH", 0)
        patch.setattr(solver, "MENTOR_SLACK", 1)
        result = match(mentees, pool, excluded_pairs=excluded, k=1)
    check(result, mentees, pool, excluded)


def test_a_left_out_mentee_takes_the_free_seat_the_pruning_hid():
    """Two mentees want the favourite (one seat); the second mentor's seat goes to the one left out, although
    neither had the second mentor among their candidates."""
    favourite = Person(id=1, skills_offered=frozenset({1, 2}))
    other = Person(id=2, skills_offered=frozenset({3}))
    mentees = [Person(id=10 + i, skills_sought=(1, 2)) for i in range(3)]
    pool = MentorPool([favourite, other], [1, 1])
    result = match(mentees, pool, k=1)
    assert result.matched == 2 and sorted(result.load.tolist()) == [1, 1]
    assert result.rounds == 2
    assert len(result.unmatched) == 1


def test_the_repair_scores_only_against_mentors_with_a_free_seat_and_stops_when_none_is_left(monkeypatch):
    mentees = [Person(id=10 + i, skills_sought=(1,)) for i in range(6)]
    skilled = [Person(id=1, skills_offered=frozenset({1})), Person(id=2, skills_offered=frozenset({1}))]
    pool = MentorPool([*skilled, Person(id=3, skills_offered=frozenset({4}))], [1, 1, 1])
    pools = []
    real = solver.top_candidates

    def recording(mentees, pool, *args, **kwargs):
        pools.append([p.id for p in pool.people])
        return real(mentees, pool, *args, **kwargs)

    monkeypatch.setattr(solver, "top_candidates", recording)
    result = match(mentees, pool, k=2)  # everyone's two candidates are the skilled mentors
    assert result.matched == 3 and result.load.tolist() == [1, 1, 1]
    assert pools == [[1, 2, 3], [3]], "the repair scored the four mentees left out against mentor 3 only, once"
    assert result.rounds == 2


def test_excluded_pairs_stay_out_when_seats_are_scarce():
    mentees = [Person(id=10 + i, skills_sought=(1,)) for i in range(4)]
    pool = MentorPool(
        [Person(id=1, skills_offered=frozenset({1})), Person(id=2, skills_offered=frozenset({1}))], [1, 1]
    )
    excluded = [(10, 1), (10, 2), (11, 1)]
    result = match(mentees, pool, excluded_pairs=excluded)
    check(result, mentees, pool, excluded)
    assert 0 not in dict(result.pairs)
    assert result.matched == 2


def test_prune_by_mentor_keeps_each_mentors_best_mentees(monkeypatch):
    monkeypatch.setattr(solver, "MENTOR_DEPTH", 1)
    monkeypatch.setattr(solver, "MENTOR_SLACK", 1)
    rows = np.array([0, 0, 1, 1, 2, 2, 3])
    cols = np.array([0, 1, 0, 1, 0, 1, 0])
    scores = np.array([0.9, 0.1, 0.5, 0.8, 0.7, 0.2, 0.95])
    keep = prune_by_mentor(rows, cols, scores, np.array([1, 2]))
    # Mentor 0 (1 seat) keeps its best 2: mentees 3 and 0; mentor 1 (2 seats) keeps its best 3: all of them.
    assert sorted(zip(rows[keep].tolist(), cols[keep].tolist(), strict=True)) == [
        (0, 0), (0, 1), (1, 1), (2, 1), (3, 0)
    ]  # fmt: skip


@settings(max_examples=80, deadline=None)
@given(
    st.integers(1, 6),
    st.integers(2, 1200),
    st.integers(1, 40),
    st.integers(0, 2**32 - 1),
    st.sampled_from([0, 1, 2]),
)
def test_top_k_columns_by_threshold_match_argpartition(rows, m, k, seed, ties):
    k = min(k, m - 1)
    rng = np.random.default_rng(seed)
    total = rng.random((rows, m)).astype(np.float32)
    if ties:
        total = np.round(total, ties).astype(np.float32)  # many ties at the K-th score
    total[rng.random((rows, m)) < 0.3] = EXCLUDED_SCORE
    top = top_k_columns(total, k)
    assert top.shape == (rows, k)
    assert all(len(set(row)) == k for row in top.tolist())
    expected = np.take_along_axis(total, np.argpartition(total, m - k, axis=1)[:, m - k :], axis=1)
    got = np.take_along_axis(total, top, axis=1)
    assert np.array_equal(np.sort(got, axis=1), np.sort(expected, axis=1))


def test_top_candidates_on_a_wide_pool_keep_the_dense_best():
    """Wide enough for the sampled threshold (at least 8K mentors and more than the sample)."""
    rng = np.random.default_rng(8)
    mentors = [
        Person(id=i, skills_offered=frozenset(rng.choice(20, 3, replace=False).tolist()),
               years_experience=int(rng.integers(0, 30)), organisation=str(rng.choice(ORGS)))
        for i in range(600)
    ]  # fmt: skip
    mentees = [
        Person(id=10_000 + i, skills_sought=tuple(rng.choice(20, 3, replace=False).tolist()),
               years_experience=int(rng.integers(0, 10)), avoid_organisations=frozenset({"A"}))
        for i in range(30)
    ]  # fmt: skip
    pool = MentorPool(mentors, rng.integers(0, 3, 600))
    dense, exclusion = score_matrix(mentees, pool)
    candidates = top_candidates(mentees, pool, k=20)
    for i in range(len(mentees)):
        mentors_i, scores = candidates.row(i)
        allowed = np.flatnonzero(exclusion[i] == 0)
        assert (exclusion[i, mentors_i] == 0).all()
        assert np.allclose(scores, dense[i, mentors_i], atol=1e-6)
        assert (np.diff(scores) <= 1e-7).all(), "best first"
        assert np.allclose(scores, np.sort(dense[i, allowed])[::-1][: len(mentors_i)], atol=1e-6)

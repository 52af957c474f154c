"""A program's rules in the engine: each operator for one pair, the vectorised form against it, weighted rules as
terms of the score with their reasons, hard rules and reporting lines as exclusions everywhere scores are made."""

import random
from dataclasses import replace

import numpy as np
import pytest

from matching.engine import (
    EXCLUDED_SCORE,
    Exclusion,
    MentorPool,
    Person,
    Policy,
    Rule,
    Weights,
    explain,
    explain_pairs,
    match,
    pair_exclusion,
    score_matrix,
    score_mentee,
)
from matching.engine.candidates import top_candidates
from matching.engine.rules import UNMATCHED_BIT, compare, rule_rows
from matching.engine.solver import solve_edges

WHERE = ("Remote", "Office", "Hybrid")
TOPICS = ("Strategy", "People", "Finance", "Data")


def rule(operator="same", effect="weight", *, numeric=False, weight=0.5, mentee_q=1, mentor_q=None, **words):
    labels = () if numeric else words.pop("labels", WHERE)
    return Rule(
        id=words.pop("id", 1), operator=operator, effect=effect, mentee_question=mentee_q,
        mentor_question=mentor_q or mentee_q, mentee_text=words.pop("mentee_text", "Where do you work?"),
        mentor_text=words.pop("mentor_text", "Where do you work?"), numeric=numeric, weight=weight,
        mentee_labels=words.pop("mentee_labels", labels), mentor_labels=words.pop("mentor_labels", labels),
    )  # fmt: skip


def bits(*positions) -> int:
    return sum(1 << p for p in positions)


@pytest.mark.parametrize(
    ("operator", "numeric", "mine", "theirs", "expected"),
    [
        ("same", False, bits(0), bits(0), (1.0, True)),
        ("same", False, bits(0), bits(1), (0.0, False)),
        ("same", False, bits(0, 1), bits(0, 1), (1.0, True)),
        ("different", False, bits(0), bits(1), (1.0, True)),
        ("overlap", False, bits(0, 1), bits(1, 2), (0.5, True)),
        ("overlap", False, bits(0), bits(2), (0.0, False)),
        ("above", True, 3.0, 5.0, (1.0, True)),
        ("above", True, 5.0, 5.0, (0.0, False)),
        ("below", True, 5.0, 2.0, (1.0, True)),
        ("same", True, 4.0, 4.0, (1.0, True)),
        ("same", False, 0, bits(1), None),
        ("above", True, float("nan"), 3.0, None),
        ("above", True, 3.0, None, None),
    ],
)
def test_each_operator_compares_one_pair(operator, numeric, mine, theirs, expected):
    assert compare(rule(operator, numeric=numeric), mine, theirs) == expected


def test_choices_of_two_questions_are_the_same_answer_when_their_words_are():
    cross = rule(mentor_q=2, mentee_labels=("Remote", "Office", "On the road"), mentor_labels=("office", "remote"))
    assert cross.translate(bits(0)) == bits(1)
    assert cross.translate(bits(0, 2)) == bits(1) | UNMATCHED_BIT
    assert compare(cross, bits(0), bits(1)) == (1.0, True)
    # A choice the mentor's question does not offer is never the same answer, nor shared.
    assert compare(cross, bits(0, 2), bits(1)) == (0.0, False)
    assert compare(replace(cross, operator="overlap"), bits(0, 2), bits(1)) == (0.5, True)


def random_values(rng, n, numeric):
    if numeric:
        return np.array([rng.choice([np.nan, 1.0, 2.0, 3.0, 5.0]) for _ in range(n)])
    return np.array([rng.choice([0, bits(0), bits(1), bits(0, 1), bits(2), bits(1, 2, 3)]) for _ in range(n)])


@pytest.mark.parametrize("operator", ["same", "different", "overlap", "above", "below"])
def test_the_vectorised_rule_agrees_with_the_one_pair_rule(operator):
    rng = random.Random(7)
    numeric = operator in ("above", "below")
    r = rule(operator, numeric=numeric, labels=TOPICS)
    mine, theirs = random_values(rng, 30, numeric), random_values(rng, 20, numeric)
    part, have, holds = rule_rows(r, mine, theirs)
    for i, a in enumerate(mine):
        for j, b in enumerate(theirs):
            outcome = compare(r, a.item(), b.item())
            assert have[i, j] == (outcome is not None)
            if outcome is None:
                assert part[i, j] == 0.5 and not holds[i, j]
            else:
                assert part[i, j] == pytest.approx(outcome[0]) and holds[i, j] == outcome[1]


def mentee(**fields):
    return Person(id=100, **fields)


def mentor(id=1, **fields):
    return Person(id=id, **fields)


def test_a_weighted_rule_is_a_term_of_the_score_with_its_reason():
    policy = Policy(rules=(rule(weight=1.0),))
    same = explain(mentee(answers={1: bits(0)}), mentor(answers={1: bits(0)}), policy=policy)
    other = explain(mentee(answers={1: bits(0)}), mentor(answers={1: bits(1)}), policy=policy)
    assert same.contributions["rule:1"] > 0 and other.contributions["rule:1"] == 0
    assert same.score == pytest.approx(sum(same.contributions.values()))
    assert sum(same.maximum.values()) == pytest.approx(1.0)
    assert same.reasons[0] == "you both answered “Remote” to “Where do you work?”"
    assert ("Where do you work?", 50.0, 50.0) in same.breakdown()
    assert other.reasons == []


@pytest.mark.parametrize(
    ("r", "mine", "theirs", "reason"),
    [
        (rule("overlap", labels=TOPICS, mentee_text="Topics?", mentor_text="Topics?"), bits(0, 2), bits(2, 3),
         "you both chose “Finance” for “Topics?”"),
        (rule("above", numeric=True, mentee_text="Years?", mentor_text="Years?"), 2.0, 9.0,
         "answered 9 to “Years?”, more than your 2"),
        (rule("different", mentor_q=2, mentor_text="Where are you based?"), bits(0), bits(1),
         "answered “Office” to “Where are you based?”, where you answered “Remote”"),
        (rule(mentor_q=2, mentor_text="Where are you based?"), bits(2), bits(2),
         "answered “Hybrid” to “Where are you based?”, as you did to “Where do you work?”"),
    ],
)  # fmt: skip
def test_reasons_are_built_from_the_questions_words(r, mine, theirs, reason):
    result = explain(mentee(answers={1: mine}), mentor(answers={r.mentor_question: theirs}), policy=Policy((r,)))
    assert reason in result.reasons


def test_a_hard_rule_excludes_with_its_reason_and_never_when_a_side_has_not_answered():
    policy = Policy(rules=(rule(effect="must"),))
    pool = MentorPool([mentor(1, answers={1: bits(1)}), mentor(2, answers={1: bits(0)}), mentor(3)], policy=policy)
    scored = score_mentee(mentee(answers={1: bits(0)}), pool)
    assert list(scored.exclusion) == [Exclusion.RULE, Exclusion.NONE, Exclusion.NONE]
    assert scored.total[0] == EXCLUDED_SCORE
    assert scored.exclusion_reason(0) == (
        "your answers to “Where do you work?” differ, and this program's rule keeps such pairs apart"
    )
    assert "you both answered “Remote” to “Where do you work?”" in scored.reasons(1)


def test_reporting_lines_exclude_the_management_chain_and_peers_when_the_program_says_so():
    me = mentee(manager_id=1, higher_managers=(2, 3))
    boss, boss_boss, peer, other = mentor(1), mentor(2, manager_id=3), mentor(4, manager_id=1), mentor(5)
    assert [pair_exclusion(me, m) for m in (boss, boss_boss, peer)] == [
        Exclusion.MANAGER,
        Exclusion.NONE,
        Exclusion.NONE,
    ]
    policy = Policy(management_chain=True, peers=True)
    assert [pair_exclusion(me, m, policy) for m in (boss, boss_boss, peer, other)] == [
        Exclusion.MANAGER, Exclusion.MANAGEMENT_CHAIN, Exclusion.PEER, Exclusion.NONE,
    ]  # fmt: skip
    _, codes = score_matrix([me], MentorPool([boss, boss_boss, peer, other], policy=policy))
    assert list(codes[0]) == [Exclusion.MANAGER, Exclusion.MANAGEMENT_CHAIN, Exclusion.PEER, Exclusion.NONE]


def random_policy_people(rng, n, *, start, mentors):
    return [
        Person(
            id=start + i,
            skills_offered=frozenset(rng.sample(range(10), 3)) if mentors else frozenset(),
            skills_sought=() if mentors else tuple(rng.sample(range(10), 2)),
            manager_id=rng.choice([None, 1, 2, 3]),
            higher_managers=tuple(rng.sample(range(5), rng.randint(0, 2))),
            answers={
                q: value
                for q in (1, 2, 3)
                if (value := rng.choice([None, bits(0), bits(1), bits(0, 1), bits(2)] if q < 3 else [None, 1.0, 4.0]))
                is not None
            },
        )
        for i in range(n)
    ]


POLICY = Policy(
    rules=(
        rule("same", id=1, weight=0.3),
        rule("overlap", "must", id=2, mentee_q=2, mentee_text="Topics?", labels=TOPICS),
        rule("above", "must_not", id=3, mentee_q=3, numeric=True, mentee_text="Years?"),
        rule("different", id=4, mentee_q=1, mentor_q=2, mentee_labels=WHERE, mentor_labels=("remote", "x", "y")),
    ),
    management_chain=True,
    peers=True,
)


def test_the_scores_exclude_exactly_the_pairs_the_rule_excludes_with_a_policy():
    rng = random.Random(5)
    for _ in range(10):
        people = random_policy_people(rng, 24, start=0, mentors=True)
        mentees, mentors = people[:14], people[8:]
        _, codes = score_matrix(mentees, MentorPool(mentors, policy=POLICY))
        expected = np.array([[pair_exclusion(a, b, POLICY) for b in mentors] for a in mentees])
        np.testing.assert_array_equal(codes, expected)


def test_dense_single_and_pairwise_scores_agree_with_a_policy():
    rng = random.Random(9)
    mentees = random_policy_people(rng, 8, start=100, mentors=False)
    mentors = random_policy_people(rng, 10, start=0, mentors=True)
    pool = MentorPool(mentors, policy=POLICY)
    dense, _ = score_matrix(mentees, pool)
    for i, person in enumerate(mentees):
        assert np.allclose(score_mentee(person, pool).total, dense[i], atol=1e-6)
    pairs = [(a, b) for a in mentees for b in mentors[:3]]
    for (a, b), got in zip(pairs, explain_pairs(pairs, Weights(), policy=POLICY), strict=True):
        one = explain(a, b, Weights(), policy=POLICY)
        assert got.score == pytest.approx(one.score, abs=1e-5)
        assert got.contributions == pytest.approx(one.contributions, abs=1e-5)
        assert (got.reasons, got.exclusion) == (one.reasons, one.exclusion)


def test_matching_never_proposes_a_pair_a_hard_rule_excludes():
    rng = random.Random(2)
    mentees = random_policy_people(rng, 40, start=100, mentors=False)
    pool = MentorPool(random_policy_people(rng, 12, start=0, mentors=True), [3] * 12, policy=POLICY)
    result = match(mentees, pool)
    assert result.matched
    for i, j in result.pairs:
        assert pair_exclusion(mentees[i], pool.people[j], POLICY) == Exclusion.NONE


def test_widening_to_free_seats_finds_the_optimum_of_all_the_edges_it_looked_at():
    """The widening solves only the left-out mentees against the free seats: it must find what solving the whole
    graph again (the edges of the first solve and the new ones) finds."""
    rng = random.Random(4)
    widened = 0
    for _ in range(15):
        mentees = random_policy_people(rng, 60, start=100, mentors=False)
        pool = MentorPool(random_policy_people(rng, 20, start=0, mentors=True), [3] * 20, policy=POLICY)
        k = 2
        result = match(mentees, pool, k=k, max_widenings=1)
        candidates = top_candidates(mentees, pool, Weights(), k=k)
        rows = np.repeat(np.arange(len(mentees)), np.diff(candidates.indptr))
        cols, scores = candidates.indices, candidates.scores.astype(np.float64)
        # The same first solve as match (edges in candidate order: another optimum may leave other seats free).
        mentor_of, _, load = solve_edges(len(mentees), pool.capacity_left, rows, cols, scores, unique=True)
        suspects = np.flatnonzero((mentor_of < 0) & np.isfinite(candidates.bound))
        if len(suspects):
            dense, _ = score_matrix([mentees[i] for i in suspects], pool)
            dense[:, pool.capacity_left - load <= 0] = EXCLUDED_SCORE
            top = np.argsort(-dense, axis=1)[:, : 2 * k]
            new = np.take_along_axis(dense, top, axis=1).ravel()
            ok = new >= 0
            rows = np.concatenate([rows, np.repeat(suspects, top.shape[1])[ok]])
            cols = np.concatenate([cols, top.ravel()[ok]])
            scores = np.concatenate([scores, new[ok]])
        _, whole, _ = solve_edges(len(mentees), pool.capacity_left, rows, cols, scores)
        assert result.total == pytest.approx(whole.sum(), abs=1e-4)
        widened += result.rounds > 1
    assert widened >= 5

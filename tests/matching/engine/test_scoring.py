from dataclasses import asdict

import numpy as np
import pytest

from matching.engine import (
    CRITERIA,
    EXCLUDED_SCORE,
    Exclusion,
    MentorPool,
    Person,
    Weights,
    explain,
    explain_pairs,
    score_matrix,
    score_mentee,
    top_candidates,
)
from matching.engine.features import weight_vector

NAMES = {10: "budgeting", 11: "contract management", 12: "public speaking"}


def mentee(**kwargs) -> Person:
    defaults = {
        "id": 1,
        "skills_sought": (10, 11, 12),
        "values": frozenset({"integrity", "curiosity", "ambition"}),
        "work_style": "structured",
        "years_experience": 3,
        "career_track": "finance",
        "languages": frozenset({"en"}),
        "utc_offset": 0.0,
        "meeting_channels": frozenset({"video"}),
        "organisation": "Acme",
    }
    return Person(**{**defaults, **kwargs})


def mentor(id=2, **kwargs) -> Person:
    defaults = {
        "id": id,
        "skills_offered": frozenset({10, 11}),
        "values": frozenset({"integrity", "curiosity"}),
        "work_style": "structured",
        "years_experience": 15,
        "career_track": "finance",
        "languages": frozenset({"en", "fr"}),
        "utc_offset": 1.0,
        "meeting_channels": frozenset({"video", "phone"}),
        "organisation": "Initech",
    }
    return Person(**{**defaults, **kwargs})


def test_reasons_name_skills_experience_and_values_in_plain_words():
    result = explain(mentee(), mentor(), skill_names=NAMES, limit=8)
    assert result.reasons[:2] == [
        "offers budgeting and contract management, two of your three sought skills",
        "12 years more experience",
    ]
    assert "shares your values: curiosity, integrity" in result.reasons
    assert "same career track: finance" in result.reasons
    assert result.exclusion is None


def test_contributions_sum_to_the_score_and_each_part_is_bounded():
    result = explain(mentee(), mentor(), skill_names=NAMES)
    assert set(result.contributions) == set(CRITERIA)
    assert sum(result.contributions.values()) == pytest.approx(result.score, abs=1e-5)
    for name, value in result.contributions.items():
        assert 0 <= value <= result.maximum[name] + 1e-6


def test_sought_skills_count_by_rank():
    top = explain(mentee(), mentor(skills_offered=frozenset({10})))
    third = explain(mentee(), mentor(skills_offered=frozenset({12})))
    assert top.contributions["skills"] > third.contributions["skills"] > 0
    assert "offers public speaking, one of your three sought skills" in (
        explain(mentee(), mentor(skills_offered=frozenset({12})), skill_names=NAMES).reasons
    )


def test_seniority_counts_only_in_the_right_direction():
    junior = explain(mentee(years_experience=10), mentor(years_experience=4))
    senior = explain(mentee(years_experience=10), mentor(years_experience=20))
    assert junior.contributions["seniority"] == 0
    assert senior.contributions["seniority"] == pytest.approx(weight_vector(Weights())[CRITERIA.index("seniority")])
    assert "10 years more experience" in explain(mentee(years_experience=10), mentor(years_experience=20)).reasons


def test_cross_functional_preference_rewards_a_different_track():
    same, other = mentor(career_track="finance"), mentor(career_track="engineering")
    plain, cross = Weights(), Weights(cross_functional=True)
    assert (
        explain(mentee(), same, plain).contributions["career_track"]
        > explain(mentee(), other, plain).contributions["career_track"]
    )
    assert (
        explain(mentee(), other, cross).contributions["career_track"]
        > explain(mentee(), same, cross).contributions["career_track"]
    )
    assert "a different angle: engineering" in explain(mentee(), other, cross, limit=8).reasons


def test_time_zone_language_and_channel_overlap():
    near = explain(mentee(), mentor(utc_offset=0.0), limit=8)
    far = explain(mentee(), mentor(utc_offset=9.0, languages=frozenset({"ja"}), meeting_channels=frozenset({"phone"})))
    assert "same time zone" in near.reasons
    assert far.contributions["time_zone"] == 0
    assert far.contributions["language"] == 0
    assert far.contributions["channel"] == 0
    assert "speaks en with you" in near.reasons


def test_unknown_parts_are_neutral_and_give_no_reason():
    result = explain(Person(id=1), Person(id=2), limit=8)
    assert result.score == pytest.approx(0.5)
    assert result.reasons == []


@pytest.mark.parametrize(
    ("me", "them", "reason"),
    [
        (mentee(), mentor(id=1), Exclusion.SAME_PERSON),
        (mentee(manager_id=2), mentor(), Exclusion.MANAGER),
        (mentee(avoid_organisations=frozenset({"initech "})), mentor(), Exclusion.AVOIDED_ORGANISATION),
        (mentee(), mentor(avoid_organisations=frozenset({"ACME"})), Exclusion.AVOIDS_YOUR_ORGANISATION),
    ],
)
def test_hard_exclusions_score_minus_one_with_a_reason(me, them, reason):
    scored = score_mentee(me, MentorPool([them]))
    assert scored.total[0] == EXCLUDED_SCORE
    assert scored.exclusion[0] == reason
    assert scored.exclusion_reason(0) == reason.text


def test_full_mentors_and_excluded_pairs_are_excluded():
    pool = MentorPool([mentor(id=2), mentor(id=3), mentor(id=4)], capacity_left=[0, 1, 1])
    scored = score_mentee(mentee(), pool, excluded_mentor_ids=[3])
    assert list(scored.exclusion) == [Exclusion.AT_CAPACITY, Exclusion.EXCLUDED_PAIR, Exclusion.NONE]
    assert list(scored.ranking())[0] == 2


def test_weights_from_stored_json_ignore_junk_and_negative_numbers():
    weights = Weights.from_dict({"skills": "0.8", "values": -1, "channel": "lots", "unknown": 3, "cross_functional": 1})
    assert weights.skills == 0.8
    assert weights.values == Weights().values
    assert weights.channel == Weights().channel
    assert weights.cross_functional is True
    assert Weights.from_dict(asdict(weights)) == weights
    assert Weights.from_dict(None) == Weights()


def test_zero_weight_drops_a_criterion():
    only_skills = Weights.from_dict(dict.fromkeys(CRITERIA, 0) | {"skills": 1})
    result = explain(mentee(), mentor(skills_offered=frozenset()), only_skills)
    assert result.score == 0


def _random_people(rng, n, *, mentors, start=0):
    values = ["integrity", "curiosity", "ambition", "balance", "service"]
    return [
        Person(
            id=start + i,
            skills_offered=frozenset(rng.choice(30, 4, replace=False).tolist()) if mentors else frozenset(),
            skills_sought=tuple(rng.choice(30, 3, replace=False).tolist()) if not mentors else (),
            values=frozenset(rng.choice(values, 2, replace=False).tolist()),
            work_style=str(rng.choice(["structured", "flexible", ""])),
            years_experience=int(rng.integers(0, 25)),
            career_track=str(rng.choice(["finance", "data", "sales", ""])),
            languages=frozenset(rng.choice(["en", "fr", "de"], 1).tolist()),
            utc_offset=float(rng.choice([-5, 0, 1, 8])),
            meeting_channels=frozenset(rng.choice(["video", "phone"], 1).tolist()),
            organisation=str(rng.choice(["A", "B", "C"])),
            avoid_organisations=frozenset({"B"}) if rng.random() < 0.2 else frozenset(),
        )
        for i in range(n)
    ]


def test_top_candidates_keep_the_best_allowed_mentors_of_the_dense_matrix():
    rng = np.random.default_rng(3)
    mentees = _random_people(rng, 40, mentors=False, start=1000)
    pool = MentorPool(_random_people(rng, 25, mentors=True), capacity_left=rng.integers(0, 3, 25))
    dense, exclusion = score_matrix(mentees, pool)
    candidates = top_candidates(mentees, pool, k=5, chunk_cells=100)
    for i in range(len(mentees)):
        mentors, scores = candidates.row(i)
        allowed = np.flatnonzero(exclusion[i] == 0)
        assert candidates.allowed[i] == len(allowed)
        assert len(mentors) == min(5, len(allowed))
        assert np.allclose(np.sort(scores)[::-1], np.sort(dense[i, allowed])[::-1][: len(mentors)], atol=1e-6)
        if len(allowed) > 5:
            assert candidates.bound[i] >= np.sort(dense[i, allowed])[::-1][5] - 1e-6


def test_dense_and_single_mentee_scores_agree():
    rng = np.random.default_rng(5)
    mentees = _random_people(rng, 6, mentors=False, start=1000)
    pool = MentorPool(_random_people(rng, 9, mentors=True))
    dense, _ = score_matrix(mentees, pool)
    for i, person in enumerate(mentees):
        assert np.allclose(score_mentee(person, pool).total, dense[i], atol=1e-6)


def test_explain_pairs_matches_explain_pair_by_pair():
    rng = np.random.default_rng(11)
    mentees = _random_people(rng, 12, mentors=False, start=1000)
    mentors = _random_people(rng, 12, mentors=True)
    pairs = list(zip(mentees, mentors, strict=True)) + [(mentee(), mentor(id=1)), (mentee(manager_id=2), mentor())]
    batch = explain_pairs(pairs, Weights(cross_functional=True), skill_names=NAMES)
    for (a, b), got in zip(pairs, batch, strict=True):
        one = explain(a, b, Weights(cross_functional=True), skill_names=NAMES)
        assert got.score == pytest.approx(one.score, abs=1e-5)
        assert got.contributions == pytest.approx(one.contributions, abs=1e-5)
        assert got.reasons == one.reasons
        assert got.exclusion == one.exclusion

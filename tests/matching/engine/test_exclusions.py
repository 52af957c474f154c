import random

import numpy as np
import pytest

from matching.engine import EXCLUSION_TEXT, Exclusion, MentorPool, Person, pair_exclusion, score_matrix

ORGS = ("Acme", " acme ", "ACME", "Globex", "Initech", "", "  ")


def random_people(rng: random.Random, n: int, *, start: int) -> list[Person]:
    return [
        Person(
            id=start + i,
            organisation=rng.choice(ORGS),
            avoid_organisations=frozenset(rng.sample(ORGS, rng.randint(0, 2))),
            manager_id=rng.choice([None, None, rng.randrange(20)]),
        )
        for i in range(n)
    ]


@pytest.mark.parametrize(
    ("mentee", "mentor", "expected"),
    [
        (Person(id=1), Person(id=1), Exclusion.SAME_PERSON),
        (Person(id=1, manager_id=2), Person(id=2), Exclusion.MANAGER),
        (Person(id=1, avoid_organisations=frozenset({"globex "})), Person(id=2, organisation="Globex"),
         Exclusion.AVOIDED_ORGANISATION),
        (Person(id=1, organisation="Acme"), Person(id=2, avoid_organisations=frozenset({"ACME"})),
         Exclusion.AVOIDS_YOUR_ORGANISATION),
        (Person(id=1, manager_id=2, organisation="Acme"), Person(id=2, avoid_organisations=frozenset({"Acme"})),
         Exclusion.MANAGER),
        (Person(id=1, avoid_organisations=frozenset({""})), Person(id=2, organisation=""), Exclusion.NONE),
        (Person(id=1, manager_id=3), Person(id=2), Exclusion.NONE),
    ],
)  # fmt: skip
def test_pair_exclusion_names_the_most_telling_rule(mentee, mentor, expected):
    assert pair_exclusion(mentee, mentor) == expected


def test_the_scores_exclude_exactly_the_pairs_the_rule_excludes():
    rng = random.Random(3)
    for _ in range(20):
        people = random_people(rng, 20, start=0)
        mentees, mentors = people[:12], people[8:]  # a few people are on both sides
        _, codes = score_matrix(mentees, MentorPool(mentors))
        expected = np.array([[pair_exclusion(a, b) for b in mentors] for a in mentees])
        np.testing.assert_array_equal(codes, expected)


def test_every_exclusion_has_words():
    assert set(EXCLUSION_TEXT) == set(Exclusion) - {Exclusion.NONE}

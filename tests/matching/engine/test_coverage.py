import numpy as np

from matching.engine import MentorPool, Person, explain, favour_uncovered, propose_boards


def test_each_mentee_gets_mentors_covering_their_sought_skills():
    mentees = [Person(id=100, skills_sought=(1, 2, 3)), Person(id=101, skills_sought=(3,))]
    pool = MentorPool(
        [
            Person(id=1, skills_offered=frozenset({1})),
            Person(id=2, skills_offered=frozenset({2, 3})),
            Person(id=3, skills_offered=frozenset({3})),
        ],
        [2, 1, 1],
    )
    boards = propose_boards(mentees, pool, max_mentors=3)
    assert boards.covered == [{1, 2, 3}, {3}]
    assert boards.coverage == 1.0
    assert sorted(boards.mentors_of[0]) == [0, 1]
    assert boards.mentors_of[1] == [2]
    assert (boards.load <= pool.capacity_left).all()


def test_boards_respect_capacity_the_cap_on_mentors_and_exclusions():
    mentees = [Person(id=100 + i, skills_sought=(1, 2, 3, 4), manager_id=4) for i in range(3)]
    pool = MentorPool([Person(id=j, skills_offered=frozenset({j})) for j in range(1, 5)], [1, 3, 3, 3])
    boards = propose_boards(mentees, pool, max_mentors=2)
    assert all(len(m) <= 2 for m in boards.mentors_of)
    assert all(3 not in m for m in boards.mentors_of)  # index 3 is everyone's manager
    assert np.bincount([j for m in boards.mentors_of for j in m], minlength=4)[0] <= 1


def test_existing_board_members_count_and_are_not_picked_twice():
    mentees = [Person(id=100, skills_sought=(1, 2))]
    pool = MentorPool([Person(id=1, skills_offered=frozenset({1})), Person(id=2, skills_offered=frozenset({2}))])
    boards = propose_boards(mentees, pool, max_mentors=2, existing={0: [0]})
    assert boards.mentors_of == [[0, 1]]
    assert boards.covered == [{1, 2}]


def test_favour_uncovered_puts_missing_skills_first_so_they_score_more():
    me = Person(id=100, skills_sought=(1, 2, 3))
    assert favour_uncovered(me, {1}).skills_sought == (2, 3, 1)
    covers_first = Person(id=1, skills_offered=frozenset({1}))
    covers_gap = Person(id=2, skills_offered=frozenset({2}))
    assert explain(me, covers_first).score > explain(me, covers_gap).score
    adjusted = favour_uncovered(me, {1})
    assert explain(adjusted, covers_gap).score > explain(adjusted, covers_first).score

"""The benchmarks' program questions and rules: ten questions answered by (nearly) everyone, and ten rules on them,
six weighted and four hard (which rule out about a third of the pairs), as plain data (QUESTIONS, RULES) the engine
benchmark turns into a Policy and the page benchmark into Question, Answer and MatchRule rows."""

import random
from dataclasses import replace

from matching.engine import Person, Policy, Rule

# key: (kind, choices (None for numbers), text)
QUESTIONS = {
    "where": ("single", ("Remote", "Office", "Hybrid", "Field"), "Where do you work?"),
    "topics": ("multiple", ("Strategy", "People", "Delivery", "Finance", "Sales", "Data", "Design", "Legal"),
               "What would you like to talk about?"),
    "time": ("scale", None, "How much time can you give each month?"),
    "managing": ("number", None, "Years managing people"),
    "region": ("single", ("North", "South", "East", "West", "Central"), "Which region are you in?"),
    "pace": ("single", ("Steady", "Fast", "Flexible"), "Which pace suits you?"),
    "interests": ("multiple", ("Books", "Sport", "Music", "Travel", "Cooking", "Games"), "What do you enjoy?"),
    "formality": ("scale", None, "How formal do you like meetings?"),
    "languages": ("multiple", ("English", "French", "German", "Spanish"), "Which languages can you mentor in?"),
    "department": ("single", ("Finance", "Sales", "IT", "Operations", "People", "Legal"), "Which department?"),
}  # fmt: skip
# (mentee question, mentor question, operator, effect, weight on the 0-10 scale)
RULES = [
    ("where", "where", "same", "weight", 5),
    ("topics", "topics", "overlap", "weight", 8),
    ("time", "time", "above", "weight", 3),
    ("pace", "pace", "same", "weight", 2),
    ("interests", "interests", "overlap", "weight", 2),
    ("formality", "formality", "same", "weight", 2),
    ("managing", "managing", "above", "must", 0),
    ("region", "region", "same", "must_not", 0),
    ("languages", "languages", "overlap", "must", 0),
    ("department", "department", "same", "must_not", 0),
]
QUESTION_IDS = {key: i for i, key in enumerate(QUESTIONS, start=1)}
NUMERIC = {"scale", "number"}


def answer(rng: random.Random, key: str, *, mentor: bool):
    """One synthetic answer, encoded as the engine takes it (a choice bitmask or a number), or None (unanswered)."""
    kind, choices, _ = QUESTIONS[key]
    if rng.random() < 0.05:
        return None
    if kind == "single":
        return 1 << rng.randrange(len(choices))
    if kind == "multiple":
        return sum(1 << i for i in rng.sample(range(len(choices)), rng.randint(2, 4)))
    if kind == "scale":
        return float(rng.randint(1, 5))
    return float(rng.randint(3, 20) if mentor else rng.randint(0, 5))


def with_answers(people: list[Person], *, mentors: bool, seed: int) -> list[Person]:
    rng = random.Random(seed)
    out = []
    for person in people:
        answers = {QUESTION_IDS[key]: value for key in QUESTIONS if (value := answer(rng, key, mentor=mentors))}
        out.append(replace(person, answers=answers))
    return out


def policy() -> Policy:
    rules = []
    for number, (mentee_key, mentor_key, operator, effect, weight) in enumerate(RULES, start=1):
        kind, choices, text = QUESTIONS[mentee_key]
        rules.append(
            Rule(
                id=number,
                operator=operator,
                effect=effect,
                mentee_question=QUESTION_IDS[mentee_key],
                mentor_question=QUESTION_IDS[mentor_key],
                mentee_text=text,
                mentor_text=QUESTIONS[mentor_key][2],
                numeric=kind in NUMERIC,
                weight=weight / 10,
                mentee_labels=choices or (),
                mentor_labels=QUESTIONS[mentor_key][1] or (),
            )  # fmt: skip
        )
    return Policy(rules=tuple(rules))

"""A program's own matching rules, in the engine (no Django imports).

A Rule compares a mentee's answer to one question with a mentor's answer to another (or the same question on both
sides): same answer, different answers, at least one choice in common, the mentor's number above or below the
mentee's. A weighted rule is one more criterion of the score, with its weight beside the profile criteria's; a hard
rule (must / must not) is a hard exclusion. A Policy is what a program adds to matching: its rules, and whether its
reporting lines keep a mentee from their management chain and peers apart.

Answers arrive encoded in Person.answers (question id -> value): a choice answer is a bitmask of its choices'
positions in the question (bit i: the i-th choice), a number or a scale point is a float. Choices of two different
questions are the same answer when their words are (case aside); the mentee's mask is translated into the mentor
question's bits once per distinct mask. A pair where either side has not answered is unknown: the part is NEUTRAL
and no hard rule excludes it.

`compare(rule, mentee_value, mentor_value)` is the rule for one pair; `rule_rows` its vectorised form over blocks of
pairs, which tests keep in agreement with it.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np

NEUTRAL = 0.5
UNMATCHED_BIT = 1 << 62  # a mentee's choice that the mentor's question does not offer: never shared, never equal


class Operator(enum.StrEnum):
    SAME = "same"
    DIFFERENT = "different"
    OVERLAP = "overlap"
    ABOVE = "above"
    BELOW = "below"


class Effect(enum.StrEnum):
    WEIGHT = "weight"
    MUST = "must"
    MUST_NOT = "must_not"


@dataclass(frozen=True)
class Rule:
    id: int
    operator: Operator
    effect: Effect
    mentee_question: int
    mentor_question: int
    mentee_text: str
    mentor_text: str
    numeric: bool = False
    weight: float = 0.0  # in the units of Weights' fields (a program's 0-10 scale divided by 10)
    mentee_labels: tuple[str, ...] = ()  # choice position -> its words
    mentor_labels: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        """The rule's name among the criteria of a score's contributions."""
        return f"rule:{self.id}"

    @property
    def is_hard(self) -> bool:
        return self.effect != Effect.WEIGHT

    @property
    def same_question(self) -> bool:
        return self.mentee_question == self.mentor_question

    @property
    def label(self) -> str:
        """Short words for the rule as a criterion: the question, or both questions."""
        return self.mentee_text if self.same_question else f"{self.mentee_text} / {self.mentor_text}"

    @cached_property
    def _bits(self) -> tuple[int, ...]:
        """Mentee choice position -> the mentor question's bit for the same words (UNMATCHED_BIT when it has none)."""
        if self.same_question:
            return tuple(1 << i for i in range(len(self.mentee_labels)))
        position = {label.casefold(): i for i, label in enumerate(self.mentor_labels)}
        return tuple(
            (1 << position[label.casefold()]) if label.casefold() in position else UNMATCHED_BIT
            for label in self.mentee_labels
        )

    def translate(self, mask: int) -> int:
        """A mentee's choice mask in the mentor question's bits."""
        if self.same_question or self.numeric or not mask:
            return mask
        out = 0
        for i, bit in enumerate(self._bits):
            if mask >> i & 1:
                out |= bit
        return out


def known(rule: Rule, value) -> bool:
    if value is None:
        return False
    return not math.isnan(value) if rule.numeric else value != 0


def compare(rule: Rule, mentee_value, mentor_value) -> tuple[float, bool] | None:
    """(part in [0, 1], whether the rule's condition holds) for one pair's answers; None when either is unknown.
    `mentee_value` is the mentee's raw answer (a mask in the mentee question's bits, or a number)."""
    if not (known(rule, mentee_value) and known(rule, mentor_value)):
        return None
    me = mentee_value if rule.numeric else rule.translate(int(mentee_value))
    them = mentor_value if rule.numeric else int(mentor_value)
    if rule.operator == Operator.OVERLAP:
        shared = (me & them).bit_count()
        return min(shared / max(me.bit_count(), 1), 1.0), shared > 0
    holds = {
        Operator.SAME: me == them,
        Operator.DIFFERENT: me != them,
        Operator.ABOVE: them > me,
        Operator.BELOW: them < me,
    }[rule.operator]
    return float(holds), bool(holds)


def breaks(rule: Rule, outcome: tuple[float, bool] | None) -> bool:
    """Whether a hard rule keeps the pair apart, given compare()'s outcome."""
    if outcome is None or not rule.is_hard:
        return False
    return outcome[1] if rule.effect == Effect.MUST_NOT else not outcome[1]


def _popcount(a: np.ndarray) -> np.ndarray:
    return np.bitwise_count(a).astype(np.float32)


def rule_rows(rule: Rule, mentee: np.ndarray, mentor: np.ndarray, *, pairwise: bool = False):
    """compare() for a few mentees (their values already translated, see Policy.mentee_values) against every mentor,
    (rows, M), or pairwise (mentee i against mentor i), (rows,): (part float32, known, holds)."""
    me = mentee if pairwise else mentee[:, None]
    have = ~np.isnan(me) & ~np.isnan(mentor) if rule.numeric else (me != 0) & (mentor != 0)
    if rule.operator == Operator.OVERLAP:
        shared = _popcount(me & mentor)
        part = np.minimum(shared / np.maximum(_popcount(me), 1), 1)
        holds = shared > 0
    else:
        holds = {
            Operator.SAME: lambda: me == mentor,
            Operator.DIFFERENT: lambda: me != mentor,
            Operator.ABOVE: lambda: mentor > me,
            Operator.BELOW: lambda: mentor < me,
        }[rule.operator]()
        part = holds.astype(np.float32)
    return np.where(have, part, np.float32(NEUTRAL)).astype(np.float32), have, holds & have


def rule_breaks(rule: Rule, mentee: np.ndarray, mentor: np.ndarray, *, pairwise: bool = False) -> np.ndarray:
    """breaks() over blocks of pairs: where a hard rule keeps mentees and mentors apart."""
    _, have, holds = rule_rows(rule, mentee, mentor, pairwise=pairwise)
    return (have & ~holds) if rule.effect == Effect.MUST else holds


@dataclass(frozen=True)
class Policy:
    """What a program adds to matching: its rules, and how its reporting lines keep pairs apart."""

    rules: tuple[Rule, ...] = ()
    management_chain: bool = False  # exclude the mentee's manager's manager and up (the line manager always is)
    peers: bool = False  # exclude mentors who report to the mentee's line manager

    @cached_property
    def weighted(self) -> tuple[Rule, ...]:
        return tuple(rule for rule in self.rules if not rule.is_hard)

    @cached_property
    def hard(self) -> tuple[Rule, ...]:
        return tuple(rule for rule in self.rules if rule.is_hard)

    @cached_property
    def choice_questions(self) -> tuple[int, ...]:
        """Question ids whose answers the rules compare as choices, in a fixed order (the arrays' columns)."""
        return tuple(sorted({q for r in self.rules if not r.numeric for q in (r.mentee_question, r.mentor_question)}))

    @cached_property
    def number_questions(self) -> tuple[int, ...]:
        return tuple(sorted({q for r in self.rules if r.numeric for q in (r.mentee_question, r.mentor_question)}))

    def encode(self, people: Sequence) -> tuple[np.ndarray, np.ndarray]:
        """(choices (people, choice questions) int64, numbers (people, number questions) float64) of Persons;
        0 and NaN where a person has not answered."""
        n = len(people)
        choices = np.zeros((n, len(self.choice_questions)), dtype=np.int64)
        for c, question in enumerate(self.choice_questions):
            choices[:, c] = np.fromiter((p.answers.get(question, 0) for p in people), dtype=np.int64, count=n)
        numbers = np.full((n, len(self.number_questions)), np.nan)
        for c, question in enumerate(self.number_questions):
            numbers[:, c] = np.fromiter((p.answers.get(question, np.nan) for p in people), dtype=np.float64, count=n)
        return choices, numbers

    def column(self, rule: Rule, choices: np.ndarray, numbers: np.ndarray, *, mentee: bool) -> np.ndarray:
        """One side's answers to the rule's question, from encode()'s arrays."""
        question = rule.mentee_question if mentee else rule.mentor_question
        if rule.numeric:
            return numbers[:, self.number_questions.index(question)]
        return choices[:, self.choice_questions.index(question)]

    def mentee_values(self, rule: Rule, choices: np.ndarray, numbers: np.ndarray) -> np.ndarray:
        """Mentees' answers to the rule's mentee question, translated into the mentor question's bits."""
        values = self.column(rule, choices, numbers, mentee=True)
        if rule.numeric or rule.same_question:
            return values
        distinct, inverse = np.unique(values, return_inverse=True)
        return np.array([rule.translate(int(v)) for v in distinct], dtype=np.int64)[inverse.reshape(-1)]

    def broken_rule(self, mentee, mentor) -> Rule | None:
        """The first hard rule that keeps these two people apart, if any."""
        for rule in self.hard:
            outcome = compare(rule, mentee.answers.get(rule.mentee_question), mentor.answers.get(rule.mentor_question))
            if breaks(rule, outcome):
                return rule
        return None


NO_POLICY = Policy()

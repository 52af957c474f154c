"""The hard exclusions: which mentor can never be proposed to which mentee, and why (no Django imports).

The rule is `pair_exclusion(mentee, mentor, policy)`: the same person, the mentee's own line manager, someone above
them in their reporting line or a peer reporting to the same manager (when the program's policy says so), a mentor
working at an organisation the mentee avoids, a mentor avoiding the mentee's organisation, or one of the program's
hard rules (engine.rules). Every service that creates a request or a pair asks it (through
matching.services.exclusions), and scoring applies it to whole blocks of pairs with `exclusion_codes`, its
vectorised form, which tests keep in agreement with it. Capacity and the pairs a caller rules
out (already paired, already asked, banned, a past pair) are exclusions too, but they depend on the cohort's state,
not on the two people: the block adds them from what its caller passes.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from functools import partial

import numpy as np

from matching.engine.features import MentorPool, PeopleArrays, Person, grouped_tables, organisation_key
from matching.engine.rules import NO_POLICY, Policy, rule_breaks


class Exclusion(enum.IntEnum):
    """Why a pair can never be proposed; NONE means the pair is allowed."""

    NONE = 0
    SAME_PERSON = 1
    MANAGER = 2
    AVOIDED_ORGANISATION = 3  # the mentee avoids the mentor's organisation
    AVOIDS_YOUR_ORGANISATION = 4  # the mentor avoids the mentee's organisation
    AT_CAPACITY = 5
    EXCLUDED_PAIR = 6  # already paired, already asked, banned, or a past pair: whatever the caller passes
    MANAGEMENT_CHAIN = 7  # the mentor is above the mentee's line manager in their reporting line
    PEER = 8  # both report to the same line manager
    RULE = 9  # one of the program's hard rules (Policy.broken_rule says which)

    @property
    def text(self) -> str:
        """The reason in the mentee's words ("your line manager")."""
        return EXCLUSION_TEXT[self]


EXCLUSION_TEXT = {
    Exclusion.SAME_PERSON: "this is you",
    Exclusion.MANAGER: "your line manager",
    Exclusion.AVOIDED_ORGANISATION: "works at an organisation you avoid",
    Exclusion.AVOIDS_YOUR_ORGANISATION: "prefers not to mentor people from your organisation",
    Exclusion.AT_CAPACITY: "has no capacity left",
    Exclusion.EXCLUDED_PAIR: "already paired with you or asked",
    Exclusion.MANAGEMENT_CHAIN: "above you in your reporting line",
    Exclusion.PEER: "reports to the same manager as you",
    Exclusion.RULE: "ruled out by one of the program's rules",
}


def _avoids(person: Person, organisation: str) -> bool:
    key = organisation_key(organisation)
    return bool(key) and key in {organisation_key(o) for o in person.avoid_organisations}


def pair_exclusion(mentee: Person, mentor: Person, policy: Policy = NO_POLICY) -> Exclusion:
    """The hard exclusion between two people, the most telling one when several apply; Exclusion.NONE if none."""
    if mentee.id == mentor.id:
        return Exclusion.SAME_PERSON
    if mentee.manager_id is not None and mentee.manager_id == mentor.id:
        return Exclusion.MANAGER
    if policy.management_chain and mentor.id in mentee.higher_managers:
        return Exclusion.MANAGEMENT_CHAIN
    if policy.peers and mentee.manager_id is not None and mentee.manager_id == mentor.manager_id:
        return Exclusion.PEER
    if _avoids(mentee, mentor.organisation):
        return Exclusion.AVOIDED_ORGANISATION
    if _avoids(mentor, mentee.organisation):
        return Exclusion.AVOIDS_YOUR_ORGANISATION
    if policy.broken_rule(mentee, mentor) is not None:
        return Exclusion.RULE
    return Exclusion.NONE


def _hard_rules(pool: MentorPool, me: PeopleArrays) -> np.ndarray | None:
    """(mentees, mentors) where one of the pool's hard rules keeps the pair apart, or None without hard rules.
    Each rule is evaluated once per distinct answer in the block, then copied row-wise (features.grouped_tables)."""
    policy = pool.policy
    if not policy.hard:
        return None
    terms = []
    for rule in policy.hard:
        values = policy.mentee_values(rule, me.choices, me.numbers)
        terms.append((values, partial(_breaks, rule, values, pool.rule_mentors[rule])))
    ruled_out = np.zeros((len(me.ids), len(pool.people)), dtype=bool)
    for table, index in grouped_tables(terms, len(pool.people), limit=max(16, len(me.ids) // 4), dtype=bool):
        ruled_out |= table[index]
    return ruled_out


def _breaks(rule, values: np.ndarray, mentors: np.ndarray, firsts: np.ndarray) -> np.ndarray:
    return rule_breaks(rule, values[firsts], mentors)


def exclusion_codes(
    pool: MentorPool, mentees: Sequence[Person], me: PeopleArrays, excluded: dict[int, np.ndarray], offset: int = 0
) -> np.ndarray:
    """(mentees, mentors) Exclusion codes of a block: pair_exclusion for every pair, plus full mentors and the
    caller's excluded pairs (`excluded`: mentee index + offset -> mentor indexes). `me` is pool.arrays(mentees).

    Codes are written from the least to the most telling, so where several apply the last written is the one kept,
    in pair_exclusion's order."""
    b = len(mentees)
    policy = pool.policy
    ruled_out = _hard_rules(pool, me)
    # A hard rule outranks capacity and the caller's pairs: its code is larger, so a maximum keeps it.
    codes = (
        np.zeros((b, len(pool.people)), dtype=np.int8)
        if ruled_out is None
        else ruled_out.view(np.int8) * np.int8(Exclusion.RULE)
    )
    codes[:, pool.full] = np.maximum(codes[:, pool.full], np.int8(Exclusion.AT_CAPACITY))
    for i in range(b):
        if (i + offset) in excluded:
            js = excluded[i + offset]
            codes[i, js] = np.maximum(codes[i, js], np.int8(Exclusion.EXCLUDED_PAIR))
    for code in np.unique(me.org[me.org >= 0]):  # a mentee with no organisation is avoided by nobody
        if int(code) in pool.avoided_by:
            codes[np.ix_(np.flatnonzero(me.org == code), pool.avoided_by[int(code)])] = (
                Exclusion.AVOIDS_YOUR_ORGANISATION
            )
    for i, p in enumerate(mentees):
        if p.avoid_organisations:
            avoided = [pool.orgs[o] for o in map(organisation_key, p.avoid_organisations) if o in pool.orgs]
            codes[i, np.isin(pool.mentors.org, avoided)] = Exclusion.AVOIDED_ORGANISATION
        if policy.peers and p.manager_id in pool.managed_by:
            codes[i, pool.managed_by[p.manager_id]] = Exclusion.PEER
        if policy.management_chain:
            for manager in p.higher_managers:
                if manager in pool.index:
                    codes[i, pool.index[manager]] = Exclusion.MANAGEMENT_CHAIN
        if p.manager_id in pool.index:
            codes[i, pool.index[p.manager_id]] = Exclusion.MANAGER
        if p.id in pool.index:
            codes[i, pool.index[p.id]] = Exclusion.SAME_PERSON
    return codes

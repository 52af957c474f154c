"""What matching knows of people, as plain data and numpy arrays (no Django imports): Person, Weights, and
MentorPool (a cohort's mentors as arrays). engine.scoring computes the scores from these; engine.exclusions says
which pairs can never be proposed."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields

import numpy as np
from scipy import sparse

from matching.engine.rules import NO_POLICY, Policy

Names = Mapping[int, str] | None  # skill id -> name
Labels = Mapping[str, str] | None  # value, language, track... code -> words
CRITERIA = ("skills", "values", "work_style", "seniority", "career_track", "language", "time_zone", "channel")
# Each criterion's words: what a mentee reads (how a score adds up), what a coordinator reads (the weights form,
# a proposal's bars) and a bar's short label.
WORDS = {
    "skills": ("Sought skills offered", "Sought skills the mentor offers", "Skills"),
    "values": ("Shared values", "Shared values", "Values"),
    "work_style": ("Work style", "Compatible work style", "Work style"),
    "seniority": ("Experience ahead of you", "Seniority gap", "Seniority"),
    "career_track": ("Career track", "Career track", "Career track"),
    "language": ("Shared language", "Shared language", "Language"),
    "time_zone": ("Time-zone overlap", "Time-zone overlap", "Time zone"),
    "channel": ("Meeting channels", "Meeting channel", "Channel"),
}
CRITERIA_LABELS = {name: words[0] for name, words in WORDS.items()}
COORDINATOR_LABELS = {name: words[1] for name, words in WORDS.items()}
SHORT_LABELS = {name: words[2] for name, words in WORDS.items()}
EXCLUDED_SCORE = -1.0
NEUTRAL = 0.5
IDEAL_GAP_YEARS = 5.0  # a mentor this many years ahead (or more) scores 1 on seniority
WORKING_HOURS = 8.0
# Years of experience a job level stands for, when years are not given.
LEVEL_YEARS = {1: 0.0, 2: 2.0, 3: 5.0, 4: 8.0, 5: 12.0, 6: 16.0, 7: 20.0}
# Career tracks that are near each other score RELATED_TRACK on track similarity.
TRACK_FAMILIES = (
    {"engineering", "data", "product", "design", "research"},
    {"sales", "marketing", "customer"},
    {"finance", "operations", "legal"},
    {"people", "leadership"},
)
RELATED_TRACK = 0.5
# Work-style compatibility; unlisted pairs of known styles score 0.5.
WORK_STYLE_FIT = {
    frozenset({"structured"}): 1.0,
    frozenset({"flexible"}): 1.0,
    frozenset({"collaborative"}): 1.0,
    frozenset({"independent"}): 1.0,
    frozenset({"structured", "flexible"}): 0.25,
    frozenset({"collaborative", "independent"}): 0.25,
    frozenset({"structured", "collaborative"}): 0.75,
    frozenset({"flexible", "independent"}): 0.75,
}


@dataclass(frozen=True)
class Person:
    """What matching knows of one person. `skills_sought` is ranked: the first is the most important."""

    id: int
    skills_offered: frozenset[int] = frozenset()
    skills_sought: tuple[int, ...] = ()
    values: frozenset[str] = frozenset()
    work_style: str = ""
    years_experience: float | None = None
    job_level: int | None = None
    career_track: str = ""
    languages: frozenset[str] = frozenset()
    utc_offset: float | None = None  # hours
    meeting_channels: frozenset[str] = frozenset()
    organisation: str = ""
    avoid_organisations: frozenset[str] = frozenset()
    manager_id: int | None = None
    higher_managers: tuple[int, ...] = ()  # the line manager's manager, theirs, and up
    # Answers to the program's questions, encoded (engine.rules): question id -> choice bitmask or number.
    answers: Mapping[int, float] = field(default_factory=dict, hash=False)

    @property
    def experience(self) -> float | None:
        """Years of experience, estimated from the job level when not given."""
        if self.years_experience is not None:
            return float(self.years_experience)
        return LEVEL_YEARS.get(self.job_level) if self.job_level else None


@dataclass(frozen=True)
class Weights:
    """Per-criterion weights (any non-negative numbers; the score divides by their sum) and preferences."""

    skills: float = 0.40
    values: float = 0.10
    work_style: float = 0.08
    seniority: float = 0.12
    career_track: float = 0.10
    language: float = 0.08
    time_zone: float = 0.07
    channel: float = 0.05
    cross_functional: bool = False  # reward mentors from a different career track instead of the same one

    @classmethod
    def from_dict(cls, data: Mapping | None, **overrides) -> Weights:
        """Weights from a program's stored JSON: unknown keys are ignored, bad or negative numbers fall back."""
        values = {}
        for f in fields(cls):
            raw = {**(data or {}), **overrides}.get(f.name)
            if raw is None:
                continue
            if f.name == "cross_functional":
                values[f.name] = bool(raw)
                continue
            try:
                number = float(raw)
            except (TypeError, ValueError):
                continue
            if np.isfinite(number) and number >= 0:
                values[f.name] = number
        return cls(**values)


def term_names(policy: Policy = NO_POLICY) -> tuple[str, ...]:
    """The score's terms: the criteria, then the policy's weighted rules (by their keys)."""
    return (*CRITERIA, *(rule.key for rule in policy.weighted))


def weight_vector(weights: Weights, policy: Policy = NO_POLICY) -> np.ndarray:
    """The weights of term_names(policy), normalised to sum to 1: rule weights count beside the criteria's."""
    w = np.array([*(getattr(weights, name) for name in CRITERIA), *(r.weight for r in policy.weighted)])
    total = w.sum()
    return w / total if total > 0 else np.full(len(w), 1.0 / len(w))


class _Vocabulary:
    """Small string vocabularies as bit positions (values, languages, channels: a few dozen at most)."""

    def __init__(self, words: Iterable[str]):
        self.bits = {w: i for i, w in enumerate(sorted(set(words))[:48])}

    def mask(self, words: Iterable[str]) -> int:
        return sum(1 << self.bits[w] for w in set(words) if w in self.bits)


def popcount(a: np.ndarray) -> np.ndarray:
    return np.bitwise_count(a).astype(np.float32)


def organisation_key(name: str) -> str:
    """An organisation's name as compared: case and spacing do not count."""
    return " ".join(name.lower().split())


def _track_family(track: str) -> int:
    for i, family in enumerate(TRACK_FAMILIES):
        if track in family:
            return i
    return -1


@dataclass
class PeopleArrays:
    """Column-wise features of a list of people, ready to broadcast."""

    ids: np.ndarray
    values: np.ndarray
    n_values: np.ndarray
    style: np.ndarray
    experience: np.ndarray
    track: np.ndarray
    family: np.ndarray
    languages: np.ndarray
    n_languages: np.ndarray
    offset: np.ndarray
    channels: np.ndarray
    n_channels: np.ndarray
    org: np.ndarray
    manager: np.ndarray
    choices: np.ndarray  # (people, the policy's choice questions) answer bitmasks, 0 when unanswered
    numbers: np.ndarray  # (people, the policy's number questions), NaN when unanswered

    def rows(self, index: np.ndarray) -> PeopleArrays:
        """The same features for the people at these positions."""
        return PeopleArrays(**{f.name: getattr(self, f.name)[index] for f in fields(PeopleArrays)})


class MentorPool:
    """The mentors of a cohort as arrays, built once and scored against many mentees.

    capacity_left[j]: seats mentor j still has (<= 0 excludes them, reason AT_CAPACITY); None = unlimited.
    avoided_by: organisation code -> indexes of the mentors who avoid mentoring people from it.
    policy: the program's rules and reporting-line exclusions, applied to every score of this pool.
    """

    def __init__(
        self, people: Sequence[Person], capacity_left: Sequence[int] | None = None, *, policy: Policy = NO_POLICY
    ):
        self.people = list(people)
        self.policy = policy
        self.index = {p.id: j for j, p in enumerate(self.people)}
        n = len(self.people)
        self.capacity_left = (
            np.full(n, np.iinfo(np.int32).max, dtype=np.int64)
            if capacity_left is None
            else np.asarray(capacity_left, dtype=np.int64).reshape(n)
        )
        self.value_vocab = _Vocabulary(v for p in self.people for v in p.values)
        self.language_vocab = _Vocabulary(v for p in self.people for v in p.languages)
        self.channel_vocab = _Vocabulary(v for p in self.people for v in p.meeting_channels)
        known_styles = {s for pair in WORK_STYLE_FIT for s in pair} | {p.work_style for p in self.people}
        style_names = sorted(s for s in known_styles if s)
        self.styles = {s: i for i, s in enumerate(style_names)}
        fit = np.full((len(style_names) + 1, len(style_names) + 1), NEUTRAL, dtype=np.float32)
        for a, sa in enumerate(style_names):
            for b, sb in enumerate(style_names):
                fit[a, b] = WORK_STYLE_FIT.get(frozenset({sa, sb}), 0.5)
        self.style_fit = fit  # the last row and column stand for an unknown style
        self.tracks: dict[str, int] = {}
        self.orgs: dict[str, int] = {}
        self.mentors = self.arrays(self.people)
        # Skills offered by anyone, as compact columns: skills x mentors, dense (200 x 5,000 float32 is 4 MB).
        self.skill_index = {s: k for k, s in enumerate(sorted({s for p in self.people for s in p.skills_offered}))}
        offered_t = np.zeros((max(len(self.skill_index), 1), n), dtype=np.float32)
        for j, p in enumerate(self.people):
            offered_t[[self.skill_index[s] for s in p.skills_offered], j] = 1.0
        self.offered_t = offered_t
        self.full = self.capacity_left <= 0
        avoided_by: dict[int, list[int]] = {}  # organisation code -> mentors who avoid it
        for j, p in enumerate(self.people):
            for o in p.avoid_organisations:
                avoided_by.setdefault(self._code(self.orgs, organisation_key(o)), []).append(j)
        self.avoided_by = {code: np.array(js, dtype=np.int64) for code, js in avoided_by.items()}
        # Each rule's mentor side: the mentors' answers to its mentor question.
        self.rule_mentors = {
            rule: policy.column(rule, self.mentors.choices, self.mentors.numbers, mentee=False) for rule in policy.rules
        }
        managed: dict[int, list[int]] = {}  # line manager id -> the mentors reporting to them
        for j, p in enumerate(self.people):
            if policy.peers and p.manager_id is not None:
                managed.setdefault(p.manager_id, []).append(j)
        self.managed_by = {manager: np.array(js, dtype=np.int64) for manager, js in managed.items()}

    def _code(self, table: dict[str, int], key: str) -> int:
        if not key:
            return -1
        return table.setdefault(key, len(table))

    def arrays(self, people: Sequence[Person]) -> PeopleArrays:
        experience = [p.experience for p in people]
        choices, numbers = self.policy.encode(people)
        return PeopleArrays(
            ids=np.array([p.id for p in people], dtype=np.int64),
            values=np.array([self.value_vocab.mask(p.values) for p in people], dtype=np.int64),
            n_values=np.array([len(p.values) for p in people], dtype=np.float32),
            style=np.array([self.styles.get(p.work_style, len(self.styles)) for p in people], dtype=np.int64),
            experience=np.array([np.nan if e is None else e for e in experience], dtype=np.float32),
            track=np.array([self._code(self.tracks, p.career_track) for p in people], dtype=np.int64),
            family=np.array([_track_family(p.career_track) for p in people], dtype=np.int64),
            languages=np.array([self.language_vocab.mask(p.languages) for p in people], dtype=np.int64),
            n_languages=np.array([len(p.languages) for p in people], dtype=np.float32),
            offset=np.array([np.nan if p.utc_offset is None else p.utc_offset for p in people], dtype=np.float32),
            channels=np.array([self.channel_vocab.mask(p.meeting_channels) for p in people], dtype=np.int64),
            n_channels=np.array([len(p.meeting_channels) for p in people], dtype=np.float32),
            org=np.array([self._code(self.orgs, organisation_key(p.organisation)) for p in people], dtype=np.int64),
            manager=np.array([-1 if p.manager_id is None else p.manager_id for p in people], dtype=np.int64),
            choices=choices,
            numbers=numbers,
        )

    def sought_weights(self, mentees: Sequence[Person]) -> sparse.csr_matrix:
        """Mentees x offered skills: 1/rank per sought skill, normalised over all the mentee's sought skills."""
        rows, cols, data = [], [], []
        for i, p in enumerate(mentees):
            ranks = [1.0 / (r + 1) for r in range(len(p.skills_sought))]
            total = sum(ranks)
            for skill, w in zip(p.skills_sought, ranks, strict=True):
                if skill in self.skill_index:
                    rows.append(i)
                    cols.append(self.skill_index[skill])
                    data.append(w / total)
        return sparse.csr_matrix(
            (np.array(data, dtype=np.float32), (rows, cols)), shape=(len(mentees), self.offered_t.shape[0])
        )


def grouped_tables(terms, n_columns: int, limit: int, dtype=np.float32):
    """Terms that each depend on one key per row (a mentee's work style, their answer to a question...), as
    (table, row index) pairs whose table[index] summed over pairs (for booleans: or-ed) is the terms' total.

    `terms` are (key per row, function of some rows' positions -> their values against every column). A term is
    computed once per distinct key and copied row-wise (a memory copy) instead of computed element-wise over the
    whole block; terms are grouped while the distinct combinations of their keys stay under `limit`, so the block
    costs one row copy and one addition per group rather than per term.
    """
    singles = []
    for key, rows in terms:
        unique, first, inverse = np.unique(key, return_index=True, return_inverse=True)
        singles.append((len(unique), rows, first, inverse.reshape(-1)))
    singles.sort(key=lambda t: t[0])
    groups, current, combined = [], [], None
    for single in singles:
        size, _, _, inverse = single
        # One dense code per row for the group's combination of keys, so that many terms never overflow.
        trial = inverse if combined is None else np.unique(combined * size + inverse, return_inverse=True)[1]
        if current and trial.max(initial=0) >= limit:
            groups.append((current, combined))
            current, combined = [single], inverse
        else:
            current, combined = [*current, single], trial.reshape(-1)
    if current:
        groups.append((current, combined))
    for group, codes in groups:
        combos, first, inverse = np.unique(codes, return_index=True, return_inverse=True)
        table = np.zeros((len(combos), n_columns), dtype=dtype)
        for _, rows, firsts, inv in group:
            table += rows(firsts)[inv[first]]
        yield table, inverse.reshape(-1)


def excluded_pair_index(pool: MentorPool, mentee_ids: Sequence[int], pairs) -> dict[int, np.ndarray]:
    """Mentee index -> mentor indexes of the pairs to exclude. `pairs` is (mentee id, mentor id) tuples."""
    position = {m: i for i, m in enumerate(mentee_ids)}
    found: dict[int, list[int]] = {}
    for mentee_id, mentor_id in pairs or ():
        if mentee_id in position and mentor_id in pool.index:
            found.setdefault(position[mentee_id], []).append(pool.index[mentor_id])
    return {i: np.array(js, dtype=np.int64) for i, js in found.items()}

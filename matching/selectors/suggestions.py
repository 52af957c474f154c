"""Mentors of a cohort ranked for one mentee, with reasons: profiles loaded in a constant number of queries,
scored by the engine (numpy), reasons worded only for the mentors a page shows."""

import time
import uuid
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db.models import Count, Max, Q, Subquery, Sum
from django.utils import timezone
from django.utils.formats import date_format

from matching.engine import MentorPool, ScoredMentee, explain, favour_uncovered, score_mentee
from matching.models import Mentorship, MentorshipRequest
from matching.selectors.people import LABELS, ProgramRules, cohort_rules, cohort_weights, load_people, skill_names
from mentoring.accounts.models import person_name
from mentoring.profiles.models import Profile
from programs.models import Cohort, Enrollment, Role


@dataclass
class Suggestion:
    user_id: int
    department: str
    capacity: int
    seats_taken: int
    score: float
    scored: ScoredMentee
    index: int
    skill_names: dict
    gaps: frozenset = frozenset()  # sought skills the mentee's board does not cover yet
    asked: bool = False
    paired: bool = False
    paused: bool = False
    held_back: str = ""  # why a board does not suggest this mentor (already on it elsewhere, said no): see _history
    name: str = ""  # name and headline: filled by fill_display for the suggestions a page shows
    headline: str = ""

    @property
    def skill_ids(self) -> frozenset:
        return self.scored.pool.people[self.index].skills_offered

    @property
    def has_capacity(self) -> bool:
        return self.seats_taken < self.capacity and not self.paused

    @property
    def percent(self) -> int:
        return round(max(self.score, 0) * 100)

    @cached_property
    def reasons(self) -> list[str]:
        """Top reasons in plain words; worded on first use, so only for the mentors a page shows."""
        reasons = self.scored.reasons(self.index, self.skill_names, LABELS)
        fills = [
            self.skill_names[s] for s in self.scored.mentee.skills_sought if s in self.gaps and s in self.skill_ids
        ]
        if fills:
            reasons = [f"fills a gap on your board: {', '.join(fills)}", *reasons[:2]]
        return reasons


def fill_display(suggestions) -> None:
    """Names and headlines of the suggestions a page shows, in one query."""
    suggestions = list(suggestions)
    rows = (
        get_user_model()
        .objects.filter(pk__in=[s.user_id for s in suggestions])
        .values_list("pk", "first_name", "last_name", "email", "profile__headline")
    )
    found = {pk: (person_name(first, last, email), headline or "") for pk, first, last, email, headline in rows}
    for suggestion in suggestions:
        suggestion.name, suggestion.headline = found.get(suggestion.user_id, ("", ""))


@dataclass
class CohortMentors:
    """A cohort's mentors as scoring sees them, with what the filters need. Cached per process (see below)."""

    pool: MentorPool
    departments: list[str]
    rules: ProgramRules  # the program's rules the pool scores with (the mentee is loaded for them too)


_CACHE: OrderedDict = OrderedDict()
CACHE_SIZE = 16
CACHE_SECONDS = 300  # a safety net: any profile save, enrollment or offered-skill change invalidates at once


@dataclass
class _Cached:
    version: tuple  # what _version read when the mentors were loaded
    profiles_changed: object  # the latest change to any profile then (table-wide)
    mentors_changed: object  # the latest change to a profile of the cohort's mentors then
    expires: float
    data: CohortMentors


def _version(cohort: Cohort, enrollments) -> tuple[tuple, object]:
    """What every page reads, in one query that reads no mentor's row but the enrollments': a version that differs
    when the pool may have changed, and the latest change to any profile (table-wide, from its index)."""
    latest_profile = Profile.objects.order_by("-updated_at").values("updated_at")[:1]
    # Offered skills are edited with the profile (which bumps updated_at); a row added any other way still raises
    # the table's highest id, read from its primary-key index.
    latest_offered = Profile.skills_offered.through.objects.order_by("-id").values("id")[:1]
    row = enrollments.aggregate(
        # The two table-wide figures are subqueries run once; an aggregate query takes them wrapped in Max().
        n=Count("pk"),
        ids=Sum("user_id"),
        offered=Max(Subquery(latest_offered)),
        profiles=Max(Subquery(latest_profile)),
    )
    version = (
        # A token in the shared cache: clearing that cache (as every test does) drops what this process holds.
        cache.get_or_set("matching:mentors-generation", lambda: uuid.uuid4().hex, timeout=None),
        row["n"],
        row["ids"],
        row["offered"],
        # Questions, rules, answers and reporting lines: their services mark the program (cohort.program is loaded).
        cohort.program.matching_changed_at,
    )
    return version, row["profiles"]


def _mentors_changed(enrollments):
    """The latest change to a profile of the cohort's mentors. It reads every mentor's profile: asked only when the
    mentors are loaded and when some profile changed since."""
    return enrollments.aggregate(changed=Max("user__profile__updated_at"))["changed"]


def cohort_mentors(cohort: Cohort) -> CohortMentors:
    """The active mentors of a cohort, loaded in a few queries and kept in this process while their profiles,
    enrollments and offered skills, and the program's questions, rules, answers and reporting lines, are unchanged:
    a page for one mentee among thousands of mentors then costs one small aggregate query instead of reloading
    every profile (and a second one after someone's profile changed, to see whether it was a mentor's)."""
    enrollments = Enrollment.objects.filter(cohort=cohort, role=Role.MENTOR, status=Enrollment.Status.ACTIVE)
    version, profiles_changed = _version(cohort, enrollments)
    cached = _CACHE.get(cohort.pk)
    if cached and cached.version == version and cached.expires > time.monotonic():
        if cached.profiles_changed != profiles_changed:
            # Someone's profile changed: the pool still holds if it was not one of this cohort's mentors.
            if _mentors_changed(enrollments) != cached.mentors_changed:
                cached = None
            else:
                cached.profiles_changed = profiles_changed
        if cached:
            _CACHE.move_to_end(cohort.pk)
            return cached.data
    # Read before loading: a change made while the mentors load is then seen by the next page.
    mentors_changed = _mentors_changed(enrollments)
    mentor_users = get_user_model().objects.filter(
        enrollments__cohort=cohort, enrollments__role=Role.MENTOR, enrollments__status=Enrollment.Status.ACTIVE
    )
    rules = cohort_rules(cohort)
    # A mentor's own manager matters only when the program keeps peers apart.
    people = load_people(mentor_users, managers=rules.policy.peers, rules=rules)
    departments = dict.fromkeys(people, "")
    departments |= dict(Profile.objects.filter(user__in=mentor_users).values_list("user_id", "department"))
    order = sorted(people)
    data = CohortMentors(
        pool=MentorPool([people[uid] for uid in order], policy=rules.policy),
        departments=[departments[uid] for uid in order],
        rules=rules,
    )
    _CACHE[cohort.pk] = _Cached(version, profiles_changed, mentors_changed, time.monotonic() + CACHE_SECONDS, data)
    while len(_CACHE) > CACHE_SIZE:
        _CACHE.popitem(last=False)
    return data


def _history(*, cohort: Cohort, mentee) -> tuple[set[int], set[int], dict[int, str]]:
    """The mentee's mentors in this cohort, the ones they have asked here, and the mentors a board does not suggest
    to them, with why: one already on their board in another cohort, one who declined their request, one whose
    mentorship with them ended early (either side ended it, or declined the proposed match). Two queries, whatever
    the mentee's history."""
    Status = MentorshipRequest.Status
    mine, asked, held_back = set(), set(), {}
    pairs = (
        Mentorship.objects.filter(mentee=mentee)
        .filter(Q(status__in=Mentorship.CURRENT) | Q(status=Mentorship.Status.ENDED_EARLY))
        .order_by("-ended_at", "-created_at")
        .values_list("mentor_id", "cohort_id", "cohort__name", "status", "ended_at")
    )
    requests = (
        MentorshipRequest.objects.filter(mentee=mentee)
        .filter(Q(status=Status.PENDING, cohort=cohort) | Q(status=Status.DECLINED))
        .order_by("-answered_at")
        .values_list("mentor_id", "status", "answered_at")
    )
    for mentor_id, cohort_id, cohort_name, status, ended_at in pairs:
        if status in Mentorship.CURRENT and cohort_id == cohort.pk:
            mine.add(mentor_id)
        elif status in Mentorship.CURRENT:
            held_back[mentor_id] = f"already on your board in {cohort_name}"
        else:
            held_back.setdefault(mentor_id, f"your mentorship ended early on {_day(ended_at)}")
    for mentor_id, status, answered_at in requests:
        if status == Status.PENDING:
            asked.add(mentor_id)
        else:
            held_back.setdefault(mentor_id, f"declined your request on {_day(answered_at)}")
    return mine, asked, held_back


def _day(moment) -> str:
    return date_format(timezone.localtime(moment), "j M Y") if moment else "an earlier day"


class Ranked(Sequence):
    """Suggestions in rank order, built only for the slice a page asks for (a Paginator takes it as is)."""

    def __init__(self, order: np.ndarray, make):
        self.order, self._make, self._made = order, make, {}

    def __len__(self) -> int:
        return len(self.order)

    def __getitem__(self, item):
        if isinstance(item, slice):
            return [self[i] for i in range(*item.indices(len(self)))]
        j = int(self.order[item])
        if j not in self._made:
            self._made[j] = self._make(j)
        return self._made[j]


def suggestions_for(
    *,
    cohort: Cohort,
    mentee,
    covered_skills=None,
    skill: int | None = None,
    department: str = "",
    language: str = "",
    available: bool = False,
    requestable: bool = False,
) -> Ranked:
    """The cohort's active mentors ranked for this mentee, requestable ones first; mentors excluded for them (own
    manager, avoided organisation, themselves) are left out. `covered_skills`: skill ids the mentee's board already
    covers; suggestions then favour the skills still missing. Filters: a skill offered, a department, a language,
    `available` (has a free seat and is not paused), `requestable` (available, not asked, not already my mentor,
    and not held back: see _history). Call fill_display on the ones shown."""
    mentors = cohort_mentors(cohort)
    pool = mentors.pool
    # Only mentors with their own capacity or paused differ from the cohort's rule: usually a handful of rows.
    overrides = Enrollment.objects.filter(
        Q(capacity_override__isnull=False) | Q(paused_at__isnull=False),
        cohort=cohort,
        role=Role.MENTOR,
        status=Enrollment.Status.ACTIVE,
    ).values_list("user_id", "capacity_override", "paused_at")
    seats = (
        Mentorship.objects.current()
        .filter(cohort=cohort)
        .values("mentor_id")
        .annotate(n=Count("pk"))
        .values_list("mentor_id", "n")
    )
    mine, asked, held_back = _history(cohort=cohort, mentee=mentee)

    n = len(pool.people)
    capacity = np.full(n, cohort.rule("mentor_capacity"), dtype=np.int64)
    taken = np.zeros(n, dtype=np.int64)
    paused = np.zeros(n, dtype=bool)
    for user_id, capacity_override, paused_at in overrides:
        if (j := pool.index.get(user_id)) is not None:
            capacity[j] = capacity[j] if capacity_override is None else capacity_override
            paused[j] = paused_at is not None
    for user_id, count in seats:
        if (j := pool.index.get(user_id)) is not None:
            taken[j] = count
    is_mine = np.isin(pool.mentors.ids, list(mine))
    is_asked = np.isin(pool.mentors.ids, list(asked))
    is_held_back = np.isin(pool.mentors.ids, list(held_back))
    has_capacity = (taken < capacity) & ~paused
    can_request = has_capacity & ~is_mine & ~is_asked

    me = load_people([mentee.pk], rules=mentors.rules)[mentee.pk]
    gaps = frozenset()
    if covered_skills is not None:
        gaps = frozenset(me.skills_sought) - set(covered_skills)
        me = favour_uncovered(me, covered_skills)
    names = skill_names(me.skills_sought)
    scored = score_mentee(me, pool, cohort_weights(cohort))

    keep = scored.exclusion == 0
    if skill is not None:
        row = pool.skill_index.get(skill)
        keep &= pool.offered_t[row] > 0 if row is not None else False
    if department:
        keep &= np.array([d.lower() == department.lower() for d in mentors.departments], dtype=bool)
    if language:
        bit = pool.language_vocab.bits.get(language)
        keep &= (pool.mentors.languages & (1 << bit)) != 0 if bit is not None else False
    if available:
        keep &= has_capacity
    if requestable:
        keep &= can_request & ~is_held_back
    order = scored.ranking()
    order = order[keep[order]]
    # Capacity and pending requests do not hide a mentor: they show as a badge and sort after the rest.
    order = order[np.argsort(~can_request[order], kind="stable")]

    def make(j: int) -> Suggestion:
        person = pool.people[j]
        return Suggestion(
            user_id=person.id,
            department=mentors.departments[j],
            capacity=int(capacity[j]),
            seats_taken=int(taken[j]),
            score=float(scored.total[j]),
            scored=scored,
            index=j,
            skill_names=names,
            gaps=gaps,
            asked=bool(is_asked[j]),
            paired=bool(is_mine[j]),
            paused=bool(paused[j]),
            held_back=held_back.get(person.id, ""),
        )

    return Ranked(order, make)


def explanation_for(*, cohort: Cohort, mentee, mentor):
    """Score, contributions and reasons of one mentor for one mentee (the mentor's profile page)."""
    rules = cohort_rules(cohort)
    people = load_people([mentee.pk, mentor.pk], rules=rules)
    me = people[mentee.pk]
    names = skill_names(me.skills_sought)
    return explain(
        me, people[mentor.pk], cohort_weights(cohort), policy=rules.policy, skill_names=names, labels=LABELS, limit=5
    )

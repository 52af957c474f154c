"""Who bulk matching considers in a cohort: the unmatched mentees and the mentors with their seats left, as engine
Persons, loaded in a fixed number of queries whatever the cohort's size (services.bulk solves and saves it)."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Count, Subquery

from matching.engine import Person
from matching.models import Mentorship, MentorshipRequest
from matching.selectors.people import ProgramRules, cohort_rules, load_people, skill_names
from programs.models import Cohort, Enrollment, Role


@dataclass
class Pool:
    """The unmatched mentees and the mentors of one cohort, with what the solver needs."""

    mentees: list[Person]
    mentors: list[Person]
    seats_left: dict[int, int]  # mentor user id -> seats left before this run (0 when paused)
    excluded_pairs: set[tuple[int, int]]  # (mentee id, mentor id): paired before (if avoided), or already asked
    skill_names: dict[int, str]
    rules: ProgramRules  # the program's rules and reporting-line options, which the people's answers are loaded for


def load_pool(*, cohort: Cohort, avoid_past_mentors: bool) -> Pool:
    """Everyone bulk matching considers in this cohort, in a fixed number of queries whatever its size."""
    active = Enrollment.objects.filter(cohort=cohort, status=Enrollment.Status.ACTIVE)
    rows = list(active.values_list("user_id", "role", "capacity_override", "paused_at").order_by("role", "user_id"))
    current = Mentorship.objects.current().filter(cohort=cohort)
    matched = set(current.values_list("mentee_id", flat=True).distinct())
    taken = dict(current.order_by().values("mentor_id").annotate(n=Count("pk")).values_list("mentor_id", "n"))
    default_capacity = cohort.rule("mentor_capacity")

    mentee_ids, mentor_ids = [], []
    seats_left: dict[int, int] = {}
    for user_id, role, capacity_override, paused_at in rows:
        if role == Role.MENTEE:
            if user_id not in matched:
                mentee_ids.append(user_id)
            continue
        capacity = default_capacity if capacity_override is None else capacity_override
        seats_left[user_id] = 0 if paused_at is not None else max(capacity - taken.get(user_id, 0), 0)
        mentor_ids.append(user_id)
    rules = cohort_rules(cohort)
    people = load_people(get_user_model().objects.filter(pk__in=Subquery(active.values("user_id"))), rules=rules)

    # A pending request is the mentee's own choice in progress: the coordinator never proposes that mentor on top.
    excluded_pairs = set(
        MentorshipRequest.objects.pending().filter(cohort=cohort).values_list("mentee_id", "mentor_id")
    )
    if avoid_past_mentors:
        excluded_pairs |= set(
            Mentorship.objects.filter(
                mentee_id__in=Subquery(active.filter(role=Role.MENTEE).values("user_id")),
                mentor_id__in=Subquery(active.filter(role=Role.MENTOR).values("user_id")),
            )
            .values_list("mentee_id", "mentor_id")
            .distinct()
        )
    return Pool(
        mentees=[people.get(pk) or Person(id=pk) for pk in mentee_ids],
        mentors=[people.get(pk) or Person(id=pk) for pk in mentor_ids],
        seats_left=seats_left,
        excluded_pairs=excluded_pairs,
        skill_names=skill_names(),
        rules=rules,
    )

"""What the matching engine sees: profiles loaded as engine Persons in a constant number of queries (with their
answers to the program's questions and their reporting lines, when a program's rules are given), a cohort's weights
and rules, skill names, and the words that reasons use for the codes stored on profiles. Shared by suggestions, the
board, bulk matching and the services that check a pair's exclusions."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import QuerySet
from django.utils import timezone

from matching.engine import NO_POLICY, Effect, Operator, Person, Policy, Rule, Weights
from mentoring.profiles.models import (
    CareerTrack,
    Language,
    MeetingChannel,
    Profile,
    Skill,
    SoughtSkill,
    Value,
    WorkStyle,
)
from programs.kinds import encoder
from programs.models import Answer, Cohort, MatchRule, Program, Question, ReportingLine

# How far up a reporting line a management chain is followed (and where a loop in the data stops).
CHAIN_DEPTH = 20

# Codes -> words used in reasons ("shares your values: integrity, curiosity").
LABELS = {
    **{code: label.split(":")[0].lower() for choices in (Value, WorkStyle, CareerTrack, MeetingChannel)
       for code, label in choices.choices},
    **dict(Language.choices),
}  # fmt: skip


@lru_cache(maxsize=512)
def _utc_offset(zone: str, day) -> float | None:
    try:
        offset = datetime.combine(day, datetime.min.time(), ZoneInfo(zone)).utcoffset()
    except (ZoneInfoNotFoundError, ValueError):
        return None
    return offset.total_seconds() / 3600 if offset is not None else None


@dataclass(frozen=True)
class ProgramRules:
    """What a program adds to matching: its policy for the engine, and the questions whose answers it compares."""

    program: Program | None = None
    policy: Policy = NO_POLICY
    questions: dict[int, Question] = field(default_factory=dict)


NO_RULES = ProgramRules()


def program_rules(program: Program) -> ProgramRules:
    """The program's matching rules and reporting-line options as an engine Policy, in one query."""
    rows = MatchRule.objects.filter(program=program).select_related("mentee_question", "mentor_question")
    rules, questions = [], {}
    for row in rows.order_by("pk"):
        mentee_q, mentor_q = row.mentee_question, row.mentor_question
        questions[mentee_q.pk], questions[mentor_q.pk] = mentee_q, mentor_q
        rules.append(
            Rule(
                id=row.pk,
                operator=Operator(row.operator),
                effect=Effect(row.effect),
                mentee_question=mentee_q.pk,
                mentor_question=mentor_q.pk,
                mentee_text=mentee_q.text,
                mentor_text=mentor_q.text,
                numeric=mentee_q.is_numeric,
                weight=row.weight / 10,  # the 0-10 scale of MatchingWeightsForm
                mentee_labels=tuple(mentee_q.labels),
                mentor_labels=tuple(mentor_q.labels),
            )
        )
    policy = Policy(rules=tuple(rules), management_chain=program.exclude_management_chain, peers=program.exclude_peers)
    return ProgramRules(program=program, policy=policy, questions=questions)


def cohort_rules(cohort: Cohort) -> ProgramRules:
    return program_rules(cohort.program)


def _answers(users, rules: ProgramRules) -> dict[int, dict[int, float]]:
    """user id -> {question id: encoded answer} for the questions the rules compare, in one query."""
    if not rules.questions:
        return {}
    encode = {pk: encoder(question) for pk, question in rules.questions.items()}
    found: dict[int, dict[int, float]] = defaultdict(dict)
    rows = Answer.objects.filter(question__in=list(encode), user__in=users).values_list(
        "user_id", "question_id", "value"
    )
    for user_id, question_id, value in rows:
        if (encoded := encode[question_id](value)) is not None:
            found[user_id][question_id] = encoded
    return found


def _reporting_lines(users, program: Program, depth: int) -> dict[int, list[int]]:
    """user id -> their managers' user ids, line manager first and up to `depth` levels, in one query: a recursive
    walk of the program's imported reporting lines, or of profiles for people the import does not name."""
    quote = connection.ops.quote_name
    line, profile, user = (quote(m._meta.db_table) for m in (ReportingLine, Profile, get_user_model()))
    if isinstance(users, QuerySet):
        members, member_params = users.values("pk").query.sql_with_params()
    else:
        members, member_params = ", ".join(["%s"] * len(users)) or "NULL", list(users)
    # Table names come from the models, quoted by the backend; every value goes as a parameter.
    sql = f"""
        WITH RECURSIVE line(person, manager) AS (
            SELECT LOWER(r.email), LOWER(r.manager_email) FROM {line} r WHERE r.program_id = %s
            UNION ALL
            SELECT LOWER(u.email), LOWER(p.manager_email) FROM {profile} p JOIN {user} u ON u.id = p.user_id
            WHERE p.manager_email <> '' AND NOT EXISTS (
                SELECT 1 FROM {line} r WHERE r.program_id = %s AND LOWER(r.email) = LOWER(u.email))
        ),
        chain(member, manager, depth) AS (
            SELECT u.id, line.manager, 1 FROM {user} u JOIN line ON line.person = LOWER(u.email)
            WHERE u.id IN ({members})
            UNION ALL
            SELECT chain.member, line.manager, chain.depth + 1 FROM chain JOIN line ON line.person = chain.manager
            WHERE chain.depth < %s
        )
        SELECT chain.member, u.id FROM chain JOIN {user} u ON LOWER(u.email) = chain.manager
        ORDER BY chain.member, chain.depth
    """  # noqa: S608
    chains: dict[int, list[int]] = defaultdict(list)
    with connection.cursor() as cursor:
        cursor.execute(sql, [program.pk, program.pk, *member_params, depth])
        for member, manager in cursor.fetchall():
            if manager not in chains[member]:
                chains[member].append(manager)
    return chains


# What the hard exclusions read of a profile (engine.exclusions.pair_exclusion), besides managers and answers.
EXCLUSION_COLUMNS = ("id", "user_id", "organisation", "avoid_organisations", "manager_email")
FEATURE_COLUMNS = ("values", "work_style", "years_experience", "job_level", "career_track", "languages", "time_zone",
                   "meeting_channels")  # fmt: skip


def load_people(
    users, *, managers: bool = True, skills: bool = True, features: bool = True, rules: ProgramRules = NO_RULES
) -> dict[int, Person]:
    """Matching features of these users (ids, or a User QuerySet used as a subquery), in at most five queries
    whatever their number. Users without a profile get an empty Person. `managers=False` skips resolving line
    managers (only a mentee's own manager matters for their suggestions, unless the program keeps peers apart);
    `skills=False` skips the skills offered and sought (the exclusions do not look at them); `features=False` skips
    the rest of what scoring reads, keeping what the hard exclusions compare (a bulk publish checks thousands of
    pairs: a third of the columns, one JSON field per row instead of four). With a program's
    `rules`, people carry their answers to the questions the rules compare, and their managers come from the
    program's reporting lines (imported, or else their profiles), up their chain when the program excludes it."""
    User = get_user_model()
    if not isinstance(users, QuerySet):
        users = list(users)
    rows = list(
        Profile.objects.filter(user__in=users).values(*EXCLUSION_COLUMNS, *(FEATURE_COLUMNS if features else ()))
    )
    offered, sought = defaultdict(set), defaultdict(list)
    if skills:
        offered_rows = Profile.skills_offered.through.objects.filter(profile__user__in=users)
        for profile_id, skill_id in offered_rows.values_list("profile_id", "skill_id"):
            offered[profile_id].add(skill_id)
        sought_rows = SoughtSkill.objects.filter(profile__user__in=users).order_by("rank")
        for profile_id, skill_id in sought_rows.values_list("profile_id", "skill_id"):
            sought[profile_id].append(skill_id)
    chains: dict[int, list[int]] = {}
    if managers and rules.program is not None:
        depth = CHAIN_DEPTH if rules.policy.management_chain else 1
        chains = _reporting_lines(users, rules.program, depth)
    elif managers:
        emails = {row["manager_email"].lower() for row in rows if row["manager_email"]}
        found = dict(User.objects.filter(email__in=emails).values_list("email", "pk")) if emails else {}
        by_email = {email.lower(): pk for email, pk in found.items()}
        chains = {
            row["user_id"]: [by_email[row["manager_email"].lower()]]
            for row in rows
            if (row["manager_email"] or "").lower() in by_email
        }
    answers = _answers(users, rules)
    today = timezone.now().date()
    people = {} if isinstance(users, QuerySet) else {uid: Person(id=uid) for uid in users}
    for row in rows:
        chain = chains.get(row["user_id"]) or [None]
        if not features:
            people[row["user_id"]] = Person(
                id=row["user_id"],
                organisation=row["organisation"],
                avoid_organisations=frozenset(row["avoid_organisations"] or ()),
                manager_id=chain[0],
                higher_managers=tuple(chain[1:]),
                answers=answers.get(row["user_id"], {}),
            )
            continue
        people[row["user_id"]] = Person(
            id=row["user_id"],
            skills_offered=frozenset(offered[row["id"]]),
            skills_sought=tuple(sought[row["id"]]),
            values=frozenset(row["values"] or ()),
            work_style=row["work_style"],
            years_experience=row["years_experience"],
            job_level=row["job_level"],
            career_track=row["career_track"],
            languages=frozenset(row["languages"] or ()),
            utc_offset=_utc_offset(row["time_zone"] or "UTC", today),
            meeting_channels=frozenset(row["meeting_channels"] or ()),
            organisation=row["organisation"],
            avoid_organisations=frozenset(row["avoid_organisations"] or ()),
            manager_id=chain[0],
            higher_managers=tuple(chain[1:]),
            answers=answers.get(row["user_id"], {}),
        )
    # Someone without a profile may still have answered and have an imported manager.
    profiled = {row["user_id"] for row in rows}
    for user_id in (set(answers) | set(chains)) & (set(people) - profiled):
        chain = chains.get(user_id) or [None]
        people[user_id] = Person(id=user_id, manager_id=chain[0], higher_managers=tuple(chain[1:]),
                                 answers=answers.get(user_id, {}))  # fmt: skip
    return people


def cohort_weights(cohort: Cohort) -> Weights:
    """How much each criterion counts in this cohort: its program's weights and cross-functional preference."""
    program = cohort.program
    return Weights.from_dict(program.matching_weights, cross_functional=program.prefer_cross_functional)


def skill_names(ids=None) -> dict[int, str]:
    """Skill id -> name, of these skills or of the whole taxonomy."""
    skills = Skill.objects.all() if ids is None else Skill.objects.filter(pk__in=ids)
    return dict(skills.values_list("pk", "name"))

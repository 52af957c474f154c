"""A published run and its matches: publishing turns a draft's pairs into mentorships under row locks (proposed,
for both sides to confirm, or active, per the cohort's rule); the matched people confirm or decline."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Count, DateTimeField, F, Q, Value
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Coalesce, Substr
from django.utils import timezone

from matching.models import MatchRun, Mentorship, ProposedPair, UnmatchedMentee
from matching.selectors.people import cohort_rules, load_people
from matching.services.bulk import locked_draft, require_bulk_mode, require_coordinator
from matching.services.exclusions import broken_rule, coordinator_reason, exclusions_of
from mentoring.audit.models import Action
from mentoring.audit.services import record
from mentoring.notifications.models import Kind
from mentoring.notifications.services import Draft, notify, notify_many
from mentoring.web import pk_url
from programs.models import Enrollment, Role

Reason = UnmatchedMentee.Reason


def match_url(mentorship: Mentorship) -> str:
    return pk_url("matching:match_detail", mentorship.pk)


@dataclass
class Published:
    run: MatchRun
    created: int
    skipped: int


@transaction.atomic
def publish_run(*, run: MatchRun, by: AbstractBaseUser) -> Published:
    """Turn the proposal into mentorships: proposed (both sides confirm) or active, per the cohort's rule.

    Capacity is checked again with the cohort's enrollments locked, so requests accepted since the run was solved
    never overbook a mentor; a pair that no longer fits (mentor full, mentee matched or gone meanwhile, or the two
    excluded by their profiles as they are now) is left out and its mentee listed as unmatched.

    Set-based, whatever the number of pairs: the pairs and enrollments are read as plain rows, the mentorships and
    the notifications written in one statement each, and the proposal pointed at its mentorships in another.
    """
    run = locked_draft(run)
    cohort = run.cohort
    require_coordinator(cohort, by)
    require_bulk_mode(cohort)
    # (pk, mentee, mentor, score, first reason): only what publishing uses, not every pair's reasons and scores.
    pairs = list(run.pairs.values_list("pk", "mentee_id", "mentor_id", "score", "reasons__0"))  # best first
    if not pairs:
        raise ValidationError("This proposal has no pair to publish: run matching again once people have joined.")
    # Lock the cohort's enrollments in one consistent order (accept_request locks its two the same way).
    enrollments = (
        Enrollment.objects.select_for_update()
        .filter(cohort=cohort, status=Enrollment.Status.ACTIVE)
        .order_by("pk")
        .values_list("user_id", "role", "capacity_override")
    )
    default_capacity = cohort.rule("mentor_capacity")
    capacity, mentees = {}, set()
    for user_id, role, override in enrollments:
        if role == Role.MENTOR:
            capacity[user_id] = default_capacity if override is None else override
        elif role == Role.MENTEE:
            mentees.add(user_id)
    current = Mentorship.objects.current().filter(cohort=cohort)
    mentor_taken = dict(current.order_by().values("mentor_id").annotate(n=Count("pk")).values_list("mentor_id", "n"))
    mentee_taken = dict(current.order_by().values("mentee_id").annotate(n=Count("pk")).values_list("mentee_id", "n"))
    existing = set(current.values_list("mentee_id", "mentor_id"))
    rules = cohort_rules(cohort)
    # The run's people as a subquery: thousands of ids as parameters cost more to send than the rows they fetch.
    in_run = get_user_model().objects.filter(
        Q(pk__in=run.pairs.values("mentee_id")) | Q(pk__in=run.pairs.values("mentor_id"))
    )
    people = load_people(in_run, skills=False, features=False, rules=rules)
    excluded = exclusions_of(((mentee, mentor) for _, mentee, mentor, *_ in pairs), rules=rules, people=people)
    confirm = cohort.rule("confirm_bulk_matches")
    now = timezone.now()
    fitting, skipped = [], []
    for pair in pairs:
        _, mentee_id, mentor_id, _, _ = pair
        fits = (
            mentee_id in mentees
            and mentor_id in capacity
            and mentor_taken.get(mentor_id, 0) < capacity[mentor_id]
            # A round gives unmatched mentees their first mentor: one who found a mentor since keeps that one.
            and mentee_taken.get(mentee_id, 0) == 0
            and (mentee_id, mentor_id) not in existing
            and (mentee_id, mentor_id) not in excluded
        )
        if fits:
            mentor_taken[mentor_id] = mentor_taken.get(mentor_id, 0) + 1
            mentee_taken[mentee_id] = mentee_taken.get(mentee_id, 0) + 1
            fitting.append(pair)
        else:
            skipped.append(pair)
    if skipped:
        ProposedPair.objects.filter(pk__in=[pk for pk, *_ in skipped]).delete()
        UnmatchedMentee.objects.bulk_create(
            [
                UnmatchedMentee(
                    run=run,
                    mentee_id=mentee_id,
                    reason=Reason.CHANGED,
                    detail=_why_left_out((mentee_id, mentor_id), excluded, rules=rules, people=people),
                )
                for _, mentee_id, mentor_id, _, _ in skipped
            ],
            ignore_conflicts=True,
        )
    # What is left of the proposal fits: it becomes mentorships in one INSERT ... SELECT.
    mentorships = _create_mentorships(run, confirm=confirm, now=now) if fitting else []
    _notify_published(mentorships, confirm=confirm)
    run.status, run.published_at, run.published_by = MatchRun.Status.PUBLISHED, now, by
    run.save(update_fields=["status", "published_at", "published_by"])
    record(
        actor=by,
        action=Action.MATCHES_PUBLISHED,
        target=run,
        program_id=cohort.program_id,
        changes={"created": len(mentorships), "skipped": len(skipped)},
    )
    return Published(run=run, created=len(mentorships), skipped=len(skipped))


def _create_mentorships(run: MatchRun, *, confirm: bool, now) -> list[tuple[int, int, int]]:
    """Every pair left in the run becomes a mentorship (proposed, or active at once), and the pair points at it:
    two statements whatever the number, the rows built by the database from the proposal itself. Returns (pk,
    mentee, mentor) of each new mentorship."""
    meta = Mentorship._meta
    confirmed_at = None if confirm else now
    chosen = {
        "cohort": Value(run.cohort_id),
        "mentee": F("mentee_id"),
        "mentor": F("mentor_id"),
        "status": Value(Mentorship.Status.PROPOSED if confirm else Mentorship.Status.ACTIVE),
        "match_score": F("score"),
        "purpose": Substr(Coalesce(KeyTextTransform("0", "reasons"), Value("")), 1, 300),
        "mentee_confirmed_at": Value(confirmed_at, output_field=DateTimeField()),
        "mentor_confirmed_at": Value(confirmed_at, output_field=DateTimeField()),
        "started_at": Value(confirmed_at, output_field=DateTimeField()),
        "created_at": Value(now, output_field=DateTimeField()),
    }
    fields = [f for f in meta.concrete_fields if not f.primary_key]
    # Every other column takes the model's own default, so a field added later needs no change here.
    values = {f"v_{f.name}": chosen.get(f.name, Value(f.get_default(), output_field=f)) for f in fields}
    select, params = (
        ProposedPair.objects.filter(run=run).order_by("-score", "pk").values(**values)
    ).query.sql_with_params()
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    pair_table, table = ProposedPair._meta.db_table, meta.db_table
    quote = connection.ops.quote_name
    # Only identifiers from the models' own _meta are formatted in; every value is a parameter.
    insert = f"INSERT INTO {quote(table)} ({columns}) {select} RETURNING {quote(meta.pk.column)}, mentee_id, mentor_id"  # noqa: S608
    link = (
        f"UPDATE {quote(pair_table)} SET mentorship_id = m.id FROM {quote(table)} m "  # noqa: S608
        f"WHERE {quote(pair_table)}.run_id = %s AND m.cohort_id = %s AND m.created_at = %s "
        f"AND m.mentee_id = {quote(pair_table)}.mentee_id AND m.mentor_id = {quote(pair_table)}.mentor_id"
    )
    with connection.cursor() as cursor:
        cursor.execute(insert, params)
        created = [tuple(row) for row in cursor.fetchall()]
        cursor.execute(link, [run.pk, run.cohort_id, connection.ops.adapt_datetimefield_value(now)])
    return created


def _why_left_out(key: tuple[int, int], excluded: dict, *, rules, people) -> str:
    exclusion = excluded.get(key)
    return coordinator_reason(exclusion, broken_rule(key, rules=rules, people=people)) if exclusion else ""


def _notify_published(mentorships: list[tuple[int, int, int]], *, confirm: bool) -> None:
    content_type = ContentType.objects.get_for_model(Mentorship)
    page = "matching:match_detail" if confirm else "sessions:mentorship_detail"
    drafts = []
    for pk, mentee_id, mentor_id in mentorships:
        url = pk_url(page, pk)
        for side, recipient_id, title in (
            ("mentee", mentee_id, "Your coordinator found you a mentor"),
            ("mentor", mentor_id, "Your coordinator matched you with a mentee"),
        ):
            drafts.append(
                Draft(
                    recipient_id=recipient_id,
                    kind=Kind.MENTORSHIP,
                    title=title,
                    body="Have a look and confirm the match." if confirm else "Your mentorship has started.",
                    dedupe_key=f"mentorship:{pk}:matched:{side}",
                    url=url,
                    content_type_id=content_type.pk,
                    object_id=pk,
                )
            )
    # The keys name mentorships created in this transaction: none can exist yet.
    notify_many(drafts, new_keys=True)


def _locked_proposed(mentorship: Mentorship, by: AbstractBaseUser) -> Mentorship:
    locked = Mentorship.objects.select_for_update(of=("self",)).select_related("mentee", "mentor").get(pk=mentorship.pk)
    if by.pk not in (locked.mentee_id, locked.mentor_id):
        raise ValidationError("Only the two people matched can answer this match.")
    if not locked.is_proposed:
        raise ValidationError(f"This match is already {locked.get_status_display().lower()}.")
    return locked


@transaction.atomic
def confirm_match(*, mentorship: Mentorship, by: AbstractBaseUser) -> Mentorship:
    """Each side confirms a proposed match; once both have, the mentorship is active."""
    mentorship = _locked_proposed(mentorship, by)
    now = timezone.now()
    side = "mentor" if mentorship.is_mentor(by) else "mentee"
    setattr(mentorship, f"{side}_confirmed_at", getattr(mentorship, f"{side}_confirmed_at") or now)
    fields = [f"{side}_confirmed_at"]
    other = mentorship.other_side(by)
    if mentorship.mentee_confirmed_at and mentorship.mentor_confirmed_at:
        mentorship.status, mentorship.started_at = Mentorship.Status.ACTIVE, now
        fields += ["status", "started_at"]
        title, key = f"Your mentorship with {by.display_name} has started", "started"
    else:
        title, key = f"{by.display_name} confirmed your match", f"confirmed:{side}"
    mentorship.save(update_fields=fields)
    notify(
        recipient=other,
        kind=Kind.MENTORSHIP,
        title=title,
        dedupe_key=f"mentorship:{mentorship.pk}:{key}",
        about=mentorship,
        url=match_url(mentorship) if mentorship.is_proposed else "",
    )
    return mentorship


@transaction.atomic
def decline_match(*, mentorship: Mentorship, by: AbstractBaseUser, message: str = "") -> Mentorship:
    """Either side may say no to a proposed match: it ends before it starts, and the coordinators are told."""
    mentorship = _locked_proposed(mentorship, by)
    mentorship.status = Mentorship.Status.ENDED_EARLY
    mentorship.ended_at, mentorship.ended_by = timezone.now(), by
    mentorship.end_reason = message or "Declined the proposed match."
    mentorship.save(update_fields=["status", "ended_at", "ended_by", "end_reason"])
    partner = mentorship.other_side(by)
    recipients = [(partner, Kind.MENTORSHIP)]
    recipients += [(c, Kind.COORDINATOR) for c in mentorship.cohort.program.coordinators.exclude(pk=partner.pk)]
    for recipient, kind in recipients:
        notify(
            recipient=recipient,
            kind=kind,
            title=f"{by.display_name} declined the match with {partner.display_name}",
            body=message,
            dedupe_key=f"mentorship:{mentorship.pk}:declined:{recipient.pk}",
            about=mentorship,
            url="",
        )
    return mentorship

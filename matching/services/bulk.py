"""Coordinators' bulk matching: run, adjust (lock, swap, ban, drop), re-run around the adjustments.

A cohort has at most one draft run. Solving it again keeps its locked pairs, bans and held-out mentees; publishing
it (services.matches) turns its pairs into mentorships. Mentees already matched are never in a run's pool, so
running again never disturbs what was published. The pool comes from selectors.pool, the scores and the optimal
assignment from the engine.
"""

from dataclasses import dataclass

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from matching import engine
from matching.models import BULK_MODES, BannedPair, MatchRun, ProposedPair, UnmatchedMentee
from matching.selectors.people import LABELS, ProgramRules, cohort_rules, cohort_weights, load_people, skill_names
from matching.selectors.pool import Pool, load_pool
from matching.services.exclusions import Audience, ensure_allowed, exclusions_of, refusal_of
from mentoring.audit.models import Action
from mentoring.audit.services import record
from programs.models import Cohort

Reason = UnmatchedMentee.Reason


def require_coordinator(cohort: Cohort, by: AbstractBaseUser) -> None:
    if not cohort.program.is_coordinated_by(by):
        raise ValidationError("Only the program's coordinators run matching.")


def require_bulk_mode(cohort: Cohort) -> None:
    if cohort.rule("matching_mode") not in BULK_MODES:
        raise ValidationError("In this cohort mentees choose their mentors: bulk matching is not available.")


def locked_draft(run: MatchRun) -> MatchRun:
    """The run's row, locked, as long as it is a draft (the only state in which a run changes)."""
    # Lock the run's row only: locking the joined cohort too would block every mentorship insert in the cohort.
    locked = MatchRun.objects.select_for_update(of=("self",)).select_related("cohort__program").get(pk=run.pk)
    if not locked.is_draft:
        raise ValidationError(f"This run is {locked.get_status_display().lower()}: it can no longer change.")
    return locked


@dataclass
class PairRow:
    """A pair as a proposal stores it: score, contributions and reasons."""

    mentee_id: int
    mentor_id: int
    score: float
    contributions: dict[str, float]
    reasons: list[str]


def explain_rows(
    pairs: list[tuple[engine.Person, engine.Person]],
    *,
    weights: engine.Weights,
    names: dict[int, str],
    policy: engine.Policy = engine.NO_POLICY,
) -> list[PairRow]:
    """Score, contributions and reasons of many pairs at once, as the rows a proposal stores."""
    rows = []
    explained_pairs = engine.explain_pairs(pairs, weights, policy=policy, skill_names=names, labels=LABELS)
    for (mentee, mentor), explained in zip(pairs, explained_pairs, strict=True):
        contributions = {name: round(value, 6) for name, value in explained.contributions.items()}
        rows.append(
            PairRow(
                mentee_id=mentee.id,
                mentor_id=mentor.id,
                score=float(sum(contributions.values())),
                contributions=contributions,
                reasons=list(explained.reasons),
            )
        )
    return rows


@dataclass
class Proposal:
    pairs: list[PairRow]
    unmatched: list[tuple[int, str, str]]  # (mentee id, reason code, detail)


def propose(
    pool: Pool,
    *,
    weights: engine.Weights,
    locks: list[tuple[int, int]],
    bans: set[tuple[int, int]],
    min_score: float,
    held_out: set[int],
) -> Proposal:
    """Score and solve the pool around locks, bans and held-out mentees; explain every pair."""
    mentees = [p for p in pool.mentees if p.id not in held_out]
    policy = pool.rules.policy
    seats = [pool.seats_left.get(p.id, 0) for p in pool.mentors]
    mentor_pool = engine.MentorPool(pool.mentors, capacity_left=seats, policy=policy)
    assignment = engine.match(
        mentees,
        mentor_pool,
        weights,
        locked=locks,
        banned=bans,
        excluded_pairs=pool.excluded_pairs,
        min_score=min_score,
    )
    pairs = explain_rows(
        [(mentees[i], mentor_pool.people[j]) for i, j in assignment.pairs],
        weights=weights,
        names=pool.skill_names,
        policy=policy,
    )
    unmatched = [(mentees[i].id, reason.value, reason.text) for i, reason in sorted(assignment.unmatched.items())]
    return Proposal(pairs=pairs, unmatched=unmatched)


@transaction.atomic
def run_matching(
    *, cohort: Cohort, by: AbstractBaseUser, min_score: float = 0.0, avoid_past_mentors: bool = True
) -> MatchRun:
    """Propose a mentor for every unmatched mentee; the cohort's draft run is solved again with these options."""
    require_coordinator(cohort, by)
    require_bulk_mode(cohort)
    if not 0 <= min_score <= 1:
        raise ValidationError("The minimum score is between 0 and 100%.")
    # Two coordinators starting the cohort's first run at once queue here instead of one hitting the one-draft
    # constraint. NO KEY UPDATE leaves the cohort free for the key-share locks of mentorship inserts.
    Cohort.objects.select_for_update(no_key=True).filter(pk=cohort.pk).first()
    run = MatchRun.objects.select_for_update().filter(cohort=cohort, status=MatchRun.Status.DRAFT).first()
    if run is None:
        run = MatchRun.objects.create(
            cohort=cohort, created_by=by, min_score=min_score, avoid_past_mentors=avoid_past_mentors
        )
    else:
        run.min_score, run.avoid_past_mentors = min_score, avoid_past_mentors
        run.save(update_fields=["min_score", "avoid_past_mentors"])
    run.cohort = cohort
    _solve(run)
    _record_run(run, by)
    return run


@transaction.atomic
def rerun(*, run: MatchRun, by: AbstractBaseUser) -> MatchRun:
    """What-if: solve again around the locked pairs, the bans and the mentees held out."""
    run = locked_draft(run)
    require_coordinator(run.cohort, by)
    require_bulk_mode(run.cohort)
    _solve(run)
    _record_run(run, by)
    return run


def _record_run(run: MatchRun, by: AbstractBaseUser) -> None:
    record(
        actor=by,
        action=Action.MATCHING_RUN,
        target=run,
        program_id=run.cohort.program_id,
        changes={"min_score": run.min_score, "avoid_past_mentors": run.avoid_past_mentors},
    )


def _solve(run: MatchRun) -> None:
    pool = load_pool(cohort=run.cohort, avoid_past_mentors=run.avoid_past_mentors)
    in_pool = {p.id for p in pool.mentees}
    mentors = set(pool.seats_left)
    # A locked pair stays only while both people are still free to be paired, and allowed to be.
    stale = run.pairs.filter(locked=True).exclude(mentee_id__in=in_pool, mentor_id__in=mentors)
    stale.delete()
    locks = list(run.pairs.filter(locked=True).values_list("mentee_id", "mentor_id"))
    people = {p.id: p for p in (*pool.mentees, *pool.mentors)}
    if excluded := exclusions_of(locks, rules=pool.rules, people=people):
        run.pairs.filter(locked=True, mentee_id__in=[mentee for mentee, _ in excluded]).delete()
        locks = [pair for pair in locks if pair not in excluded]
    bans = set(run.bans.values_list("mentee_id", "mentor_id"))
    held_out = set(run.unmatched.filter(reason=Reason.DROPPED).values_list("mentee_id", flat=True))
    proposal = propose(
        pool, weights=cohort_weights(run.cohort), locks=locks, bans=bans, min_score=run.min_score, held_out=held_out
    )
    run.pairs.filter(locked=False).delete()
    run.unmatched.exclude(reason=Reason.DROPPED).delete()
    locked_mentees = {mentee for mentee, _ in locks}
    ProposedPair.objects.bulk_create(
        [
            ProposedPair(
                run=run,
                mentee_id=row.mentee_id,
                mentor_id=row.mentor_id,
                score=row.score,
                contributions=row.contributions,
                reasons=row.reasons,
            )
            for row in proposal.pairs
            if row.mentee_id not in locked_mentees
        ]
    )
    UnmatchedMentee.objects.bulk_create(
        [
            UnmatchedMentee(run=run, mentee_id=mentee_id, reason=reason, detail=detail[:300])
            for mentee_id, reason, detail in proposal.unmatched
            if mentee_id not in held_out
        ]
    )
    run.solved_at = timezone.now()
    run.save(update_fields=["solved_at"])


def _draft_pair(pair: ProposedPair, by: AbstractBaseUser) -> tuple[MatchRun, ProposedPair]:
    run = locked_draft(pair.run)
    require_coordinator(run.cohort, by)
    pair = ProposedPair.objects.select_for_update().filter(run=run, pk=pair.pk).first()
    if pair is None:
        raise ValidationError("This pair is no longer in the proposal.")
    return run, pair


@transaction.atomic
def lock_pair(*, pair: ProposedPair, by: AbstractBaseUser, locked: bool = True) -> ProposedPair:
    """A locked pair is kept as it is when the run is solved again."""
    _, pair = _draft_pair(pair, by)
    if locked:
        ensure_allowed(
            cohort=pair.run.cohort, mentee_id=pair.mentee_id, mentor_id=pair.mentor_id, audience=Audience.COORDINATOR
        )
    pair.locked = locked
    pair.save(update_fields=["locked"])
    return pair


@transaction.atomic
def swap_pairs(*, first: ProposedPair, second: ProposedPair, by: AbstractBaseUser) -> tuple[ProposedPair, ...]:
    """Two pairs exchange mentors; both are scored again and locked, so a re-run keeps the swap."""
    if first.pk == second.pk:
        raise ValidationError("Choose two different pairs to swap.")
    run, first = _draft_pair(first, by)
    _, second = _draft_pair(second, by)
    if first.run_id != second.run_id:
        raise ValidationError("Both pairs must belong to the same run.")
    if first.mentor_id == second.mentor_id:
        raise ValidationError("These two mentees already have the same mentor: swapping changes nothing.")
    swapped = ((first, second.mentor_id), (second, first.mentor_id))
    bans = set(run.bans.values_list("mentee_id", "mentor_id"))
    if any((pair.mentee_id, mentor_id) in bans for pair, mentor_id in swapped):
        raise ValidationError("One of the swapped pairs is banned.")
    rules: ProgramRules = cohort_rules(run.cohort)
    people = load_people([first.mentee_id, first.mentor_id, second.mentee_id, second.mentor_id], rules=rules)
    new_pairs = [(pair.mentee_id, mentor_id) for pair, mentor_id in swapped]
    if words := refusal_of(new_pairs, rules=rules, audience=Audience.COORDINATOR, people=people):
        raise ValidationError(words)
    rows = explain_rows(
        [(people[mentee_id], people[mentor_id]) for mentee_id, mentor_id in new_pairs],
        weights=cohort_weights(run.cohort),
        names=skill_names(),
        policy=rules.policy,
    )
    for (pair, mentor_id), row in zip(swapped, rows, strict=True):
        pair.mentor_id, pair.score = mentor_id, row.score
        pair.contributions, pair.reasons = row.contributions, row.reasons
        pair.locked, pair.source = True, ProposedPair.Source.SWAP
    ProposedPair.objects.bulk_update(
        [first, second], ["mentor", "score", "contributions", "reasons", "locked", "source"]
    )
    return first, second


@transaction.atomic
def ban_pair(*, pair: ProposedPair, by: AbstractBaseUser) -> BannedPair:
    """Never pair these two in this run; the mentee waits for a re-run to find another mentor."""
    run, pair = _draft_pair(pair, by)
    ban, _ = BannedPair.objects.get_or_create(run=run, mentee_id=pair.mentee_id, mentor_id=pair.mentor_id)
    pair.delete()
    UnmatchedMentee.objects.update_or_create(
        run=run,
        mentee_id=ban.mentee_id,
        defaults={"reason": Reason.AWAITING_RERUN, "detail": "The proposed mentor was ruled out."},
    )
    return ban


@transaction.atomic
def lift_ban(*, ban: BannedPair, by: AbstractBaseUser) -> None:
    run = locked_draft(ban.run)
    require_coordinator(run.cohort, by)
    BannedPair.objects.filter(pk=ban.pk).delete()


@transaction.atomic
def drop_pair(*, pair: ProposedPair, by: AbstractBaseUser) -> UnmatchedMentee:
    """Take the pair out and hold the mentee out of this run until restored."""
    run, pair = _draft_pair(pair, by)
    pair.delete()
    unmatched, _ = UnmatchedMentee.objects.update_or_create(
        run=run, mentee_id=pair.mentee_id, defaults={"reason": Reason.DROPPED, "detail": ""}
    )
    return unmatched


@transaction.atomic
def restore_mentee(*, unmatched: UnmatchedMentee, by: AbstractBaseUser) -> UnmatchedMentee:
    """Put a held-out mentee back in the pool for the next re-run."""
    run = locked_draft(unmatched.run)
    require_coordinator(run.cohort, by)
    if not unmatched.is_dropped:
        raise ValidationError("Only a mentee you held out can be put back.")
    unmatched.reason, unmatched.detail = Reason.AWAITING_RERUN, ""
    unmatched.save(update_fields=["reason", "detail"])
    return unmatched


@transaction.atomic
def discard_run(*, run: MatchRun, by: AbstractBaseUser) -> MatchRun:
    run = locked_draft(run)
    require_coordinator(run.cohort, by)
    run.status = MatchRun.Status.DISCARDED
    run.save(update_fields=["status"])
    record(actor=by, action=Action.MATCHING_DISCARDED, target=run, program_id=run.cohort.program_id)
    return run

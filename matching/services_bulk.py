"""Coordinators' bulk matching: run, adjust (lock, swap, ban, drop), re-run around the adjustments, publish.

A cohort has at most one draft run. Solving it again keeps its locked pairs, bans and held-out mentees;
publishing turns its pairs into mentorships under row locks and leaves the run read-only. Mentees already
matched are never in a run's pool, so running again never disturbs what was published.
"""

from dataclasses import dataclass

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, OuterRef, Q, Subquery, Sum
from django.urls import reverse
from django.utils import timezone

from matching import bulk
from matching.engine import scoring
from matching.models import BannedPair, MatchRun, Mentorship, ProposedPair, UnmatchedMentee
from matching.people import load_people
from mentoring.notifications.models import Kind
from mentoring.notifications.services import Draft, notify, notify_many
from programs.models import Cohort, Enrollment, MatchingMode, Role

BULK_MODES = (MatchingMode.COORDINATOR, MatchingMode.HYBRID)
Reason = UnmatchedMentee.Reason


def weights_for(cohort: Cohort) -> scoring.Weights:
    program = cohort.program
    return scoring.Weights.from_dict(program.matching_weights, cross_functional=program.prefer_cross_functional)


def _require_coordinator(cohort: Cohort, by: AbstractBaseUser) -> None:
    if not cohort.program.is_coordinated_by(by):
        raise ValidationError("Only the program's coordinators run matching.")


def _require_bulk_mode(cohort: Cohort) -> None:
    if cohort.rule("matching_mode") not in BULK_MODES:
        raise ValidationError("In this cohort mentees choose their mentors: bulk matching is not available.")


def _locked_draft(run: MatchRun) -> MatchRun:
    # Lock the run's row only: locking the joined cohort too would block every mentorship insert in the cohort.
    locked = MatchRun.objects.select_for_update(of=("self",)).select_related("cohort__program").get(pk=run.pk)
    if locked.status != MatchRun.Status.DRAFT:
        raise ValidationError(f"This run is {locked.get_status_display().lower()}: it can no longer change.")
    return locked


@transaction.atomic
def run_matching(
    *, cohort: Cohort, by: AbstractBaseUser, min_score: float = 0.0, avoid_past_mentors: bool = True
) -> MatchRun:
    """Propose a mentor for every unmatched mentee; the cohort's draft run is solved again with these options."""
    _require_coordinator(cohort, by)
    _require_bulk_mode(cohort)
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
    return run


@transaction.atomic
def rerun(*, run: MatchRun, by: AbstractBaseUser) -> MatchRun:
    """What-if: solve again around the locked pairs, the bans and the mentees held out."""
    run = _locked_draft(run)
    _require_coordinator(run.cohort, by)
    _require_bulk_mode(run.cohort)
    _solve(run)
    return run


def _solve(run: MatchRun) -> None:
    pool = bulk.load_pool(cohort=run.cohort, avoid_past_mentors=run.avoid_past_mentors)
    in_pool = {p.id for p in pool.mentees}
    mentors = set(pool.seats_left)
    # A locked pair stays only while both people are still free to be paired.
    stale = run.pairs.filter(locked=True).exclude(mentee_id__in=in_pool, mentor_id__in=mentors)
    stale.delete()
    locks = list(run.pairs.filter(locked=True).values_list("mentee_id", "mentor_id"))
    bans = set(run.bans.values_list("mentee_id", "mentor_id"))
    held_out = set(run.unmatched.filter(reason=Reason.DROPPED).values_list("mentee_id", flat=True))
    proposal = bulk.propose(
        pool, weights=weights_for(run.cohort), locks=locks, bans=bans, min_score=run.min_score, held_out=held_out
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
    run = _locked_draft(pair.run)
    _require_coordinator(run.cohort, by)
    pair = ProposedPair.objects.select_for_update().filter(run=run, pk=pair.pk).first()
    if pair is None:
        raise ValidationError("This pair is no longer in the proposal.")
    return run, pair


@transaction.atomic
def lock_pair(*, pair: ProposedPair, by: AbstractBaseUser, locked: bool = True) -> ProposedPair:
    """A locked pair is kept as it is when the run is solved again."""
    _, pair = _draft_pair(pair, by)
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
    bans = set(run.bans.values_list("mentee_id", "mentor_id"))
    people = load_people([first.mentee_id, first.mentor_id, second.mentee_id, second.mentor_id])
    weights = weights_for(run.cohort)
    names = bulk.skill_names()
    explained = []
    for pair, mentor_id in ((first, second.mentor_id), (second, first.mentor_id)):
        if (pair.mentee_id, mentor_id) in bans:
            raise ValidationError("One of the swapped pairs is banned.")
        row = bulk.explain_pair(people[pair.mentee_id], people[mentor_id], weights=weights, skill_names=names)
        if row.excluded:
            raise ValidationError(f"That swap is not allowed: {row.excluded}.")
        explained.append((pair, mentor_id, row))
    for pair, mentor_id, row in explained:
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
    run = _locked_draft(ban.run)
    _require_coordinator(run.cohort, by)
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
    run = _locked_draft(unmatched.run)
    _require_coordinator(run.cohort, by)
    if unmatched.reason != Reason.DROPPED:
        raise ValidationError("Only a mentee you held out can be put back.")
    unmatched.reason, unmatched.detail = Reason.AWAITING_RERUN, ""
    unmatched.save(update_fields=["reason", "detail"])
    return unmatched


@transaction.atomic
def discard_run(*, run: MatchRun, by: AbstractBaseUser) -> MatchRun:
    run = _locked_draft(run)
    _require_coordinator(run.cohort, by)
    run.status = MatchRun.Status.DISCARDED
    run.save(update_fields=["status"])
    return run


@dataclass
class Published:
    run: MatchRun
    created: int
    skipped: int


@transaction.atomic
def publish_run(*, run: MatchRun, by: AbstractBaseUser) -> Published:
    """Turn the proposal into mentorships: proposed (both sides confirm) or active, per the cohort's rule.

    Capacity is checked again with the cohort's enrollments locked, so requests accepted since the run was solved
    never overbook a mentor; a pair that no longer fits (mentor full, mentee matched or gone meanwhile) is left out
    and its mentee listed as unmatched.
    """
    run = _locked_draft(run)
    cohort = run.cohort
    _require_coordinator(cohort, by)
    _require_bulk_mode(cohort)
    pairs = list(run.pairs.all())
    # Lock the cohort's enrollments in one consistent order (accept_request locks its two the same way).
    enrollments = list(
        Enrollment.objects.select_for_update().filter(cohort=cohort, status=Enrollment.Status.ACTIVE).order_by("pk")
    )
    for enrollment in enrollments:
        enrollment.cohort = cohort
    capacity = {e.user_id: e.capacity for e in enrollments if e.role == Role.MENTOR}
    mentees = {e.user_id for e in enrollments if e.role == Role.MENTEE}
    current = Mentorship.objects.current().filter(cohort=cohort)
    mentor_taken = dict(current.order_by().values("mentor_id").annotate(n=Count("pk")).values_list("mentor_id", "n"))
    mentee_taken = dict(current.order_by().values("mentee_id").annotate(n=Count("pk")).values_list("mentee_id", "n"))
    existing = set(current.values_list("mentee_id", "mentor_id"))
    confirm = cohort.rule("confirm_bulk_matches")
    now = timezone.now()
    fitting, skipped = [], []
    for pair in pairs:
        fits = (
            pair.mentee_id in mentees
            and pair.mentor_id in capacity
            and mentor_taken.get(pair.mentor_id, 0) < capacity[pair.mentor_id]
            # A round gives unmatched mentees their first mentor: one who found a mentor since keeps that one.
            and mentee_taken.get(pair.mentee_id, 0) == 0
            and (pair.mentee_id, pair.mentor_id) not in existing
        )
        if fits:
            mentor_taken[pair.mentor_id] = mentor_taken.get(pair.mentor_id, 0) + 1
            mentee_taken[pair.mentee_id] = mentee_taken.get(pair.mentee_id, 0) + 1
            fitting.append(pair)
        else:
            skipped.append(pair)
    mentorships = Mentorship.objects.bulk_create(
        [
            Mentorship(
                cohort=cohort,
                mentee_id=pair.mentee_id,
                mentor_id=pair.mentor_id,
                status=Mentorship.Status.PROPOSED if confirm else Mentorship.Status.ACTIVE,
                match_score=pair.score,
                purpose="; ".join(pair.reasons[:1])[:300],
                mentee_confirmed_at=None if confirm else now,
                mentor_confirmed_at=None if confirm else now,
                started_at=None if confirm else now,
                created_at=now,
            )
            for pair in fitting
        ]
    )
    if skipped:
        ProposedPair.objects.filter(pk__in=[p.pk for p in skipped]).delete()
        UnmatchedMentee.objects.bulk_create(
            [UnmatchedMentee(run=run, mentee_id=p.mentee_id, reason=Reason.CHANGED) for p in skipped],
            ignore_conflicts=True,
        )
    run.pairs.update(
        mentorship=Subquery(current.filter(mentee=OuterRef("mentee"), mentor=OuterRef("mentor")).values("pk")[:1])
    )
    _notify_published(mentorships, confirm=confirm)
    run.status, run.published_at, run.published_by = MatchRun.Status.PUBLISHED, now, by
    run.save(update_fields=["status", "published_at", "published_by"])
    return Published(run=run, created=len(mentorships), skipped=len(skipped))


def _notify_published(mentorships: list[Mentorship], *, confirm: bool) -> None:
    content_type = ContentType.objects.get_for_model(Mentorship)
    drafts = []
    for m in mentorships:
        url = match_url(m) if confirm else m.get_absolute_url()
        for side, recipient_id, title in (
            ("mentee", m.mentee_id, "Your coordinator found you a mentor"),
            ("mentor", m.mentor_id, "Your coordinator matched you with a mentee"),
        ):
            drafts.append(
                Draft(
                    recipient_id=recipient_id,
                    kind=Kind.MENTORSHIP,
                    title=title,
                    body="Have a look and confirm the match." if confirm else "Your mentorship has started.",
                    dedupe_key=f"mentorship:{m.pk}:matched:{side}",
                    url=url,
                    content_type_id=content_type.pk,
                    object_id=m.pk,
                )
            )
    notify_many(drafts)


def _locked_proposed(mentorship: Mentorship, by: AbstractBaseUser) -> Mentorship:
    locked = Mentorship.objects.select_for_update(of=("self",)).select_related("mentee", "mentor").get(pk=mentorship.pk)
    if by.pk not in (locked.mentee_id, locked.mentor_id):
        raise ValidationError("Only the two people matched can answer this match.")
    if locked.status != Mentorship.Status.PROPOSED:
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
        title, key = f"Your mentorship with {by.get_full_name() or by} has started", "started"
    else:
        title, key = f"{by.get_full_name() or by} confirmed your match", f"confirmed:{side}"
    mentorship.save(update_fields=fields)
    notify(
        recipient=other,
        kind=Kind.MENTORSHIP,
        title=title,
        dedupe_key=f"mentorship:{mentorship.pk}:{key}",
        about=mentorship,
        url=match_url(mentorship) if mentorship.status == Mentorship.Status.PROPOSED else "",
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
            title=f"{by.get_full_name() or by} declined the match with {partner.get_full_name() or partner}",
            body=message,
            dedupe_key=f"mentorship:{mentorship.pk}:declined:{recipient.pk}",
            about=mentorship,
            url="",
        )
    return mentorship


def match_url(mentorship: Mentorship) -> str:
    return reverse("matching:match_detail", args=[mentorship.pk])


def run_summary(run: MatchRun) -> dict:
    """Totals for the proposal page, in one query."""
    totals = run.pairs.aggregate(pairs=Count("pk"), locked=Count("pk", filter=Q(locked=True)), total=Sum("score"))
    totals["total"] = totals["total"] or 0.0
    totals["average"] = totals["total"] / totals["pairs"] if totals["pairs"] else 0.0
    return totals

"""A published run and its matches: publishing turns a draft's pairs into mentorships under row locks (proposed,
for both sides to confirm, or active, per the cohort's rule); the matched people confirm or decline."""

from dataclasses import dataclass

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, OuterRef, Subquery
from django.urls import reverse
from django.utils import timezone

from matching.models import MatchRun, Mentorship, ProposedPair, UnmatchedMentee
from matching.selectors.people import cohort_rules, load_people
from matching.services.bulk import locked_draft, require_bulk_mode, require_coordinator
from matching.services.exclusions import broken_rule, coordinator_reason, exclusions_of
from mentoring.audit.models import Action
from mentoring.audit.services import record
from mentoring.notifications.models import Kind
from mentoring.notifications.services import Draft, notify, notify_many
from programs.models import Enrollment, Role

Reason = UnmatchedMentee.Reason


def match_url(mentorship: Mentorship) -> str:
    return reverse("matching:match_detail", args=[mentorship.pk])


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
    """
    run = locked_draft(run)
    cohort = run.cohort
    require_coordinator(cohort, by)
    require_bulk_mode(cohort)
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
    rules = cohort_rules(cohort)
    people = load_people(
        sorted({u for pair in pairs for u in (pair.mentee_id, pair.mentor_id)}), skills=False, rules=rules
    )
    excluded = exclusions_of(((pair.mentee_id, pair.mentor_id) for pair in pairs), rules=rules, people=people)
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
            and (pair.mentee_id, pair.mentor_id) not in excluded
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
            [
                UnmatchedMentee(
                    run=run,
                    mentee_id=p.mentee_id,
                    reason=Reason.CHANGED,
                    detail=_why_left_out(p, excluded, rules=rules, people=people),
                )
                for p in skipped
            ],
            ignore_conflicts=True,
        )
    run.pairs.update(
        mentorship=Subquery(current.filter(mentee=OuterRef("mentee"), mentor=OuterRef("mentor")).values("pk")[:1])
    )
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


def _why_left_out(pair: ProposedPair, excluded: dict, *, rules, people) -> str:
    key = (pair.mentee_id, pair.mentor_id)
    exclusion = excluded.get(key)
    return coordinator_reason(exclusion, broken_rule(key, rules=rules, people=people)) if exclusion else ""


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

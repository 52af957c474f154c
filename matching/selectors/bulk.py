"""What the bulk-matching pages show: a cohort's runs and free seats, a run's proposal with its totals and unmatched
mentees, and a proposed match as the two matched people see it."""

from django.core.paginator import Paginator
from django.db.models import Count, Min, Q, Sum

from matching.engine.features import COORDINATOR_LABELS, SHORT_LABELS, term_names, weight_vector
from matching.models import BULK_MODES, MatchRun, Mentorship, ProposedPair
from matching.selectors.people import cohort_rules, cohort_weights
from programs.models import Cohort, Role

RUNS_SHOWN = 20
PAIRS_PER_PAGE = 100
UNMATCHED_SHOWN = 200


def run_start_page(*, cohort: Cohort) -> dict:
    """The cohort's draft (whose options the form starts from), its earlier runs, and who is left to match."""
    draft = cohort.match_runs.drafts().first()
    active = cohort.enrollments.active()
    current = Mentorship.objects.current().filter(cohort=cohort)
    mentors = list(active.mentors().filter(paused_at__isnull=True).values_list("user_id", "capacity_override"))
    taken = dict(current.order_by().values("mentor_id").annotate(n=Count("pk")).values_list("mentor_id", "n"))
    default_capacity = cohort.rule("mentor_capacity")
    invited = dict(
        cohort.invitations.pending().order_by().values("role").annotate(n=Count("pk")).values_list("role", "n")
    )
    return {
        "cohort": cohort,
        "program": cohort.program,
        "draft": draft,
        "initial": (
            {"min_score": round(draft.min_score * 100), "avoid_past_mentors": draft.avoid_past_mentors} if draft else {}
        ),
        "runs": cohort.match_runs.select_related("created_by").annotate(pair_count=Count("pairs"))[:RUNS_SHOWN],
        "mode_allows": cohort.rule("matching_mode") in BULK_MODES,
        "unmatched": active.mentees().exclude(user_id__in=current.values("mentee_id")).count(),
        "seats": sum(
            max((default_capacity if cap is None else cap) - taken.get(user_id, 0), 0) for user_id, cap in mentors
        ),
        "mentor_count": len(mentors),
        # Invitees are matched only once they join: an empty pool says so.
        "invited_mentees": invited.get(Role.MENTEE, 0),
        "invited_mentors": invited.get(Role.MENTOR, 0),
    }


def run_summary(run: MatchRun) -> dict:
    """Totals for the proposal page, in one query."""
    totals = run.pairs.aggregate(
        pairs=Count("pk"), locked=Count("pk", filter=Q(locked=True)), total=Sum("score"), lowest=Min("score")
    )
    totals["total"] = totals["total"] or 0.0
    totals["average"] = totals["total"] / totals["pairs"] if totals["pairs"] else 0.0
    return totals


def run_page(*, run: MatchRun, page_number=None) -> dict:
    """The proposal: pairs with scores, contributions and reasons; totals; every unmatched mentee and why."""
    pairs = run.pairs.select_related("mentee", "mentor", "mentorship").order_by("-score", "pk")
    page = Paginator(pairs, PAIRS_PER_PAGE).get_page(page_number)
    # A bar is full when the pair earns everything the heaviest term can give; the figure is in points. A rule is
    # a term of its own, named by its question.
    policy = cohort_rules(run.cohort).policy
    scale = max(weight_vector(cohort_weights(run.cohort), policy).max(), 1e-9)
    words = {**{name: (SHORT_LABELS[name], COORDINATOR_LABELS[name]) for name in SHORT_LABELS},
             **{rule.key: (_short(rule.label), f"Rule: {rule.label}") for rule in policy.weighted}}  # fmt: skip
    for pair in page.object_list:
        pair.bars = [
            (*words[name], round(100 * value), min(round(100 * value / scale), 100))
            for name in term_names(policy)
            if (value := pair.contributions.get(name)) is not None
        ]
    unmatched = run.unmatched.select_related("mentee").order_by("reason", "pk")
    return {
        "run": run,
        "cohort": run.cohort,
        "program": run.cohort.program,
        "page": page,
        "summary": run_summary(run),
        "unmatched": unmatched[:UNMATCHED_SHOWN],
        "unmatched_count": unmatched.count(),
        "unmatched_shown": UNMATCHED_SHOWN,
        "bans": run.bans.select_related("mentee", "mentor"),
    }


def _short(text: str, length: int = 18) -> str:
    return text if len(text) <= length else f"{text[: length - 1]}…"


def match_page(*, mentorship: Mentorship, user) -> dict:
    """A proposed match as one of the two matched people sees it: who, and why the coordinator's run chose them."""
    pair = ProposedPair.objects.filter(mentorship=mentorship).only("reasons", "score").first()
    is_mentor = mentorship.is_mentor(user)
    return {
        "mentorship": mentorship,
        "partner": mentorship.other_side(user),
        "is_mentor": is_mentor,
        "reasons": pair.reasons if pair else [],
        "i_confirmed": mentorship.mentor_confirmed_at if is_mentor else mentorship.mentee_confirmed_at,
    }

"""Coordinators' bulk-matching pages, a program's matching weights, and the matched people's confirm step."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from matching import services_bulk
from matching.engine import CRITERIA
from matching.forms import DeclineForm, MatchingWeightsForm, MatchRunForm, criterion_label
from matching.models import BannedPair, MatchRun, Mentorship, ProposedPair, UnmatchedMentee
from programs.models import Cohort, Program

PAIRS_PER_PAGE = 100
SHORT_LABELS = {
    "skills": "Skills",
    "values": "Values",
    "work_style": "Work style",
    "seniority": "Seniority",
    "career_track": "Career track",
    "language": "Language",
    "time_zone": "Time zone",
    "channel": "Channel",
}
UNMATCHED_SHOWN = 200


def _error(request, exc: ValidationError) -> None:
    messages.error(request, " ".join(exc.messages))


def _cohort(request, pk: int) -> Cohort:
    return get_object_or_404(Cohort.objects.for_coordinator(request.user).select_related("program"), pk=pk)


def _run(request, pk: int) -> MatchRun:
    return get_object_or_404(MatchRun.objects.for_coordinator(request.user).select_related("cohort__program"), pk=pk)


def _pair(request, pk: int, pair_pk: int) -> ProposedPair:
    run = _run(request, pk)
    pair = get_object_or_404(ProposedPair.objects.select_related("mentee", "mentor"), run=run, pk=pair_pk)
    pair.run = run
    return pair


def _do(request, back: MatchRun, action, success: str, **kwargs):
    """Call a bulk-matching service as this coordinator, say how it went, and go back to the proposal."""
    try:
        action(by=request.user, **kwargs)
    except ValidationError as exc:
        _error(request, exc)
    else:
        messages.success(request, success)
    return redirect(back)


@login_required
def run_start(request, cohort_pk):
    """Start (or re-run with new options) the cohort's bulk-matching draft, and see earlier runs."""
    cohort = _cohort(request, cohort_pk)
    draft = cohort.match_runs.drafts().first()
    initial = {}
    if draft:
        initial = {"min_score": round(draft.min_score * 100), "avoid_past_mentors": draft.avoid_past_mentors}
    form = MatchRunForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            run = services_bulk.run_matching(
                cohort=cohort,
                by=request.user,
                min_score=form.cleaned_data["min_score"] / 100,
                avoid_past_mentors=form.cleaned_data["avoid_past_mentors"],
            )
        except ValidationError as exc:
            _error(request, exc)
        else:
            messages.success(request, "Matching is done: review the proposal, adjust it, then publish.")
            return redirect(run)
    runs = cohort.match_runs.select_related("created_by").annotate(pair_count=Count("pairs"))[:20]
    active = cohort.enrollments.active()
    current = Mentorship.objects.current().filter(cohort=cohort)
    mentors = list(active.mentors().filter(paused_at__isnull=True).values_list("user_id", "capacity_override"))
    taken = dict(current.order_by().values("mentor_id").annotate(n=Count("pk")).values_list("mentor_id", "n"))
    default_capacity = cohort.rule("mentor_capacity")
    seats = sum(max((default_capacity if cap is None else cap) - taken.get(user_id, 0), 0) for user_id, cap in mentors)
    unmatched = active.mentees().exclude(user_id__in=current.values("mentee_id")).count()
    return render(
        request,
        "matching/bulk_start.html",
        {
            "cohort": cohort,
            "program": cohort.program,
            "form": form,
            "draft": draft,
            "runs": runs,
            "mode_allows": cohort.rule("matching_mode") in services_bulk.BULK_MODES,
            "unmatched": unmatched,
            "seats": seats,
            "mentor_count": len(mentors),
        },
    )


@login_required
def run_detail(request, pk):
    """The proposal: pairs with scores, contributions and reasons; totals; every unmatched mentee and why."""
    run = _run(request, pk)
    pairs = run.pairs.select_related("mentee", "mentor", "mentorship").order_by("-score", "pk")
    page = Paginator(pairs, PAIRS_PER_PAGE).get_page(request.GET.get("page"))
    # A bar is full when the pair earns everything the heaviest criterion can give; the figure is in points.
    scale = max(services_bulk.weights_for(run.cohort).vector().max(), 1e-9)
    for pair in page.object_list:
        pair.bars = [
            (
                SHORT_LABELS.get(name, name),
                criterion_label(name),
                round(100 * value),
                min(round(100 * value / scale), 100),
            )
            for name in CRITERIA
            if (value := pair.contributions.get(name)) is not None
        ]
    unmatched = run.unmatched.select_related("mentee").order_by("reason", "pk")
    return render(
        request,
        "matching/bulk_run.html",
        {
            "run": run,
            "cohort": run.cohort,
            "program": run.cohort.program,
            "page": page,
            "summary": services_bulk.run_summary(run),
            "unmatched": unmatched[:UNMATCHED_SHOWN],
            "unmatched_count": unmatched.count(),
            "unmatched_shown": UNMATCHED_SHOWN,
            "bans": run.bans.select_related("mentee", "mentor"),
            "dropped": UnmatchedMentee.Reason.DROPPED,
        },
    )


@require_POST
@login_required
def run_rerun(request, pk):
    run = _run(request, pk)
    return _do(request, run, services_bulk.rerun, "Solved again around your locks and bans.", run=run)


@require_POST
@login_required
def run_publish(request, pk):
    run = _run(request, pk)
    try:
        result = services_bulk.publish_run(run=run, by=request.user)
    except ValidationError as exc:
        _error(request, exc)
    else:
        confirm = run.cohort.rule("confirm_bulk_matches")
        messages.success(
            request,
            f"{_pairs(result.created)} published"
            + (": each side is asked to confirm." if confirm else " and started.")
            + " Both sides are told.",
        )
        if result.skipped:
            messages.warning(
                request,
                f"{_pairs(result.skipped)} no longer fitted (capacity changed since the run) and were left out.",
            )
    return redirect(run)


def _pairs(n: int) -> str:
    return f"{n} pair" if n == 1 else f"{n} pairs"


@require_POST
@login_required
def run_discard(request, pk):
    run = _run(request, pk)
    return _do(request, run, services_bulk.discard_run, "The draft is discarded.", run=run)


@require_POST
@login_required
def pair_lock(request, pk, pair_pk):
    pair = _pair(request, pk, pair_pk)
    locked = not pair.locked
    success = "Locked: a re-run keeps this pair." if locked else "Unlocked."
    return _do(request, pair.run, services_bulk.lock_pair, success, pair=pair, locked=locked)


@require_POST
@login_required
def pair_ban(request, pk, pair_pk):
    pair = _pair(request, pk, pair_pk)
    success = f"{pair.mentor} will not be proposed for {pair.mentee}. Re-run to find another mentor."
    return _do(request, pair.run, services_bulk.ban_pair, success, pair=pair)


@require_POST
@login_required
def pair_drop(request, pk, pair_pk):
    pair = _pair(request, pk, pair_pk)
    return _do(request, pair.run, services_bulk.drop_pair, f"{pair.mentee} is held out of this run.", pair=pair)


@require_POST
@login_required
def pair_swap(request, pk):
    run = _run(request, pk)
    chosen = [value for value in request.POST.getlist("pair") if value.isdigit()]
    pairs = list(ProposedPair.objects.filter(run=run, pk__in=chosen))
    if len(pairs) != 2:
        messages.error(request, "Tick exactly two pairs to swap their mentors.")
        return redirect(run)
    for pair in pairs:
        pair.run = run
    return _do(request, run, services_bulk.swap_pairs, "Swapped and locked.", first=pairs[0], second=pairs[1])


@require_POST
@login_required
def unmatched_restore(request, pk, unmatched_pk):
    run = _run(request, pk)
    unmatched = get_object_or_404(UnmatchedMentee.objects.select_related("mentee"), run=run, pk=unmatched_pk)
    unmatched.run = run
    success = f"{unmatched.mentee} is back in the pool for the next re-run."
    return _do(request, run, services_bulk.restore_mentee, success, unmatched=unmatched)


@require_POST
@login_required
def ban_lift(request, pk, ban_pk):
    run = _run(request, pk)
    ban = get_object_or_404(BannedPair, run=run, pk=ban_pk)
    ban.run = run
    return _do(request, run, services_bulk.lift_ban, "The ban is lifted.", ban=ban)


@login_required
def program_weights(request, slug):
    """How much each criterion counts when this program's mentees and mentors are matched."""
    program = get_object_or_404(Program.objects.for_user(request.user), slug=slug)
    form = MatchingWeightsForm(request.POST or None, program=program)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "The matching weights are saved; the next run uses them.")
        return redirect(program)
    return render(request, "matching/bulk_weights.html", {"program": program, "form": form})


# The matched people


def _proposed_match(request, pk: int) -> Mentorship:
    return get_object_or_404(
        Mentorship.objects.for_user(request.user).select_related("mentee", "mentor", "cohort__program"), pk=pk
    )


@login_required
def match_detail(request, pk):
    mentorship = _proposed_match(request, pk)
    pair = ProposedPair.objects.filter(mentorship=mentorship).only("reasons", "score").first()
    is_mentor = mentorship.is_mentor(request.user)
    return render(
        request,
        "matching/bulk_match.html",
        {
            "mentorship": mentorship,
            "partner": mentorship.other_side(request.user),
            "is_mentor": is_mentor,
            "reasons": pair.reasons if pair else [],
            "i_confirmed": mentorship.mentor_confirmed_at if is_mentor else mentorship.mentee_confirmed_at,
            "decline_form": DeclineForm(),
        },
    )


@require_POST
@login_required
def match_confirm(request, pk):
    mentorship = _proposed_match(request, pk)
    try:
        mentorship = services_bulk.confirm_match(mentorship=mentorship, by=request.user)
    except ValidationError as exc:
        _error(request, exc)
    else:
        if mentorship.status == Mentorship.Status.ACTIVE:
            messages.success(request, "You have both confirmed: your mentorship has started.")
            return redirect(mentorship)
        messages.success(request, "Confirmed. We will tell you when your partner confirms too.")
    return redirect("matching:match_detail", pk=mentorship.pk)


@require_POST
@login_required
def match_decline(request, pk):
    mentorship = _proposed_match(request, pk)
    form = DeclineForm(request.POST)
    message = form.cleaned_data["message"] if form.is_valid() else ""
    try:
        services_bulk.decline_match(mentorship=mentorship, by=request.user, message=message)
    except ValidationError as exc:
        _error(request, exc)
    else:
        messages.success(request, "You declined the match; your coordinator is told.")
    return redirect("matching:match_detail", pk=mentorship.pk)

"""Coordinators' bulk-matching pages and a program's matching weights."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from matching import services
from matching.forms import MatchingWeightsForm, MatchRunForm, SwapForm
from matching.models import BannedPair, UnmatchedMentee
from matching.selectors.bulk import run_page, run_start_page
from matching.views._access import REFUSED, act, attempt, coordinated_cohort, coordinated_run, run_pair
from mentoring.accounts.second_factor import second_factor_required
from programs.models import Program


@login_required
def run_start(request, cohort_pk):
    """Start (or re-run with new options) the cohort's bulk-matching draft, and see earlier runs."""
    cohort = coordinated_cohort(request, cohort_pk)
    context = run_start_page(cohort=cohort)
    form = MatchRunForm(request.POST or None, initial=context["initial"])
    if request.method == "POST" and form.is_valid():
        options = form.cleaned_data
        run = attempt(
            request,
            services.run_matching,
            cohort=cohort,
            min_score=options["min_score"] / 100,
            avoid_past_mentors=options["avoid_past_mentors"],
        )
        if run is not REFUSED:
            messages.success(request, "Matching is done: review the proposal, adjust it, then publish.")
            return redirect(run)
    return render(request, "matching/bulk_start.html", {**context, "form": form})


@login_required
def run_detail(request, pk):
    """The proposal: pairs with scores, contributions and reasons; totals; every unmatched mentee and why."""
    run = coordinated_run(request, pk)
    return render(request, "matching/bulk_run.html", run_page(run=run, page_number=request.GET.get("page")))


@require_POST
@login_required
def run_rerun(request, pk):
    run = coordinated_run(request, pk)
    return act(request, run, services.rerun, "Solved again around your locks and bans.", run=run)


def _pairs(n: int) -> str:
    return f"{n} pair" if n == 1 else f"{n} pairs"


@require_POST
@login_required
def run_publish(request, pk):
    run = coordinated_run(request, pk)
    result = attempt(request, services.publish_run, run=run)
    if result is not REFUSED and not result.created:
        messages.warning(request, "No pair was published: none of them fitted any more (capacity or profiles changed).")
    elif result is not REFUSED:
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
                f"{_pairs(result.skipped)} no longer fitted (capacity or profiles changed since the run) "
                "and were left out.",
            )
    return redirect(run)


@require_POST
@login_required
def run_discard(request, pk):
    run = coordinated_run(request, pk)
    return act(request, run, services.discard_run, "The draft is discarded.", run=run)


@require_POST
@login_required
def pair_lock(request, pk, pair_pk):
    pair = run_pair(request, pk, pair_pk)
    locked = not pair.locked
    success = "Locked: a re-run keeps this pair." if locked else "Unlocked."
    return act(request, pair.run, services.lock_pair, success, pair=pair, locked=locked)


@require_POST
@login_required
def pair_ban(request, pk, pair_pk):
    pair = run_pair(request, pk, pair_pk)
    success = (
        f"{pair.mentor.display_name} will not be proposed for {pair.mentee.display_name}. "
        "Re-run to find another mentor."
    )
    return act(request, pair.run, services.ban_pair, success, pair=pair)


@require_POST
@login_required
def pair_drop(request, pk, pair_pk):
    pair = run_pair(request, pk, pair_pk)
    return act(request, pair.run, services.drop_pair, f"{pair.mentee.display_name} is held out of this run.", pair=pair)


@require_POST
@login_required
def pair_swap(request, pk):
    run = coordinated_run(request, pk)
    form = SwapForm(request.POST, run=run)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors["pair"]))
        return redirect(run)
    first, second = form.cleaned_data["pair"]
    first.run = second.run = run
    return act(request, run, services.swap_pairs, "Swapped and locked.", first=first, second=second)


@require_POST
@login_required
def unmatched_restore(request, pk, unmatched_pk):
    run = coordinated_run(request, pk)
    unmatched = get_object_or_404(UnmatchedMentee.objects.select_related("mentee"), run=run, pk=unmatched_pk)
    unmatched.run = run
    success = f"{unmatched.mentee.display_name} is back in the pool for the next re-run."
    return act(request, run, services.restore_mentee, success, unmatched=unmatched)


@require_POST
@login_required
def ban_lift(request, pk, ban_pk):
    run = coordinated_run(request, pk)
    ban = get_object_or_404(BannedPair, run=run, pk=ban_pk)
    ban.run = run
    return act(request, run, services.lift_ban, "The ban is lifted.", ban=ban)


@login_required
@second_factor_required
def program_weights(request, slug):
    """How much each criterion counts when this program's mentees and mentors are matched."""
    program = get_object_or_404(Program.objects.for_user(request.user), slug=slug)
    form = MatchingWeightsForm(request.POST or None, program=program)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "The matching weights are saved; the next run uses them.")
        return redirect(program)
    return render(request, "matching/bulk_weights.html", {"program": program, "form": form})

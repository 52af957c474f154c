"""The coordinators' cohort health dashboard for a cohort of 1,000 pairs and 2,200 participants (1,200 mentees,
1,000 mentors), and for one of 10 pairs: server time of the page and the number of queries at both sizes, which
must be equal. Also the pairs CSV export and the printable report for the large cohort, and the page for a cohort
of 10,000 pairs (`dashboard_10000_ms`; BENCH_DASHBOARD_HUGE sets its size, 0 leaves it out), with the page of 10
pairs timed again right beside it as the reference (`dashboard_10_ms`) and their ratio: the machine is shared, so
the ratio says how much of a slow figure is the page and how much the machine. The whole-cohort figures are kept
between visits (sessions.selectors.dashboard.snapshot): the timed visits read them kept, as a live dashboard does
between changes, and `dashboard_<size>_after_a_change_ms` is the first visit after a change (figures computed).
For the large cohort also the page with nothing stored (`_unstored_ms`) and the first visit after midnight
(`_after_midnight_ms`). BENCH_PROFILE=1 prints what each part of the huge page costs (`part_<name>_ms`) and a
cProfile of it.

Run: DJANGO_DEBUG=1 .venv/bin/python tests/bench/bench_dashboard.py
"""

import os
import sys
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.bench.harness import page_queries, report, scratch_database, setup_django, timed  # noqa: E402

setup_django()


def main() -> None:
    from datetime import timedelta

    from django.db import connection
    from django.test import Client
    from django.urls import reverse
    from django.utils import timezone

    from tests.factories import ProfileFactory, UserFactory
    from tests.programs.factories import CohortFactory, ProgramFactory
    from tests.sessions import dashboard_scene

    with scratch_database():
        coordinator = ProfileFactory(user=UserFactory(is_coordinator=True)).user
        program = ProgramFactory(coordinators=[coordinator])
        today = timezone.localdate()
        small, large = (
            CohortFactory(program=program, starts_on=today - timedelta(days=150), ends_on=today + timedelta(days=10))
            for _ in range(2)
        )
        dashboard_scene.build(small, pairs=10, unmatched=5)
        dashboard_scene.build(large, pairs=1000, unmatched=200)
        _settle(small)
        _settle(large)
        # Freshly bulk-loaded tables have no planner statistics yet; a live database has them (autovacuum).
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        client = Client()
        client.force_login(coordinator)
        page = {size: reverse("sessions:dashboard", args=[c.pk]) for size, c in (("10", small), ("1000", large))}
        client.get(page["1000"])  # warm up: templates, content types, and both cohorts' figures kept
        client.get(page["10"])
        report("dashboard_ms", round(timed(partial(client.get, page["1000"]), repeat=5) * 1000, 1))
        report("dashboard_queries_10_pairs", page_queries(client, page["10"]))
        report("dashboard_queries_1000_pairs", page_queries(client, page["1000"]))
        filtered = f"{page['1000']}?health=at_risk&sort=-last"
        report("dashboard_at_risk_filter_ms", round(timed(partial(client.get, filtered), repeat=5) * 1000, 1))
        csv_url = reverse("sessions:dashboard_pairs_csv", args=[large.pk])
        report("pairs_csv_ms", round(timed(partial(_read, client, csv_url), repeat=3) * 1000, 1))
        report_url = reverse("sessions:dashboard_report", args=[large.pk])
        report("report_ms", round(timed(partial(client.get, report_url), repeat=3) * 1000, 1))
        huge = int(os.environ.get("BENCH_DASHBOARD_HUGE", "10000"))
        if huge:
            cohort = CohortFactory(
                program=program, starts_on=today - timedelta(days=150), ends_on=today + timedelta(days=10)
            )
            dashboard_scene.build(cohort, pairs=huge, unmatched=huge // 5)
            _settle(cohort)
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
            url = reverse("sessions:dashboard", args=[cohort.pk])
            client.get(url)
            # Interleaved, the best of each: the reference suffers the same neighbours as the page it measures.
            best = {"10": float("inf"), str(huge): float("inf")}
            for _ in range(5):
                best["10"] = min(best["10"], timed(partial(client.get, page["10"]), repeat=1))
                best[str(huge)] = min(best[str(huge)], timed(partial(client.get, url), repeat=1))
            report(f"dashboard_{huge}_ms", round(best[str(huge)] * 1000, 1))
            report("dashboard_10_ms", round(best["10"] * 1000, 1))
            report(f"dashboard_{huge}_over_10", round(best[str(huge)] / best["10"], 2))
            report(f"dashboard_queries_{huge}_pairs", page_queries(client, url))
            from programs.figures import figures_changed

            changed = float("inf")
            for _ in range(2):
                figures_changed(program_ids=[program.pk])  # outside a transaction: at once
                changed = min(changed, timed(partial(client.get, url), repeat=1))
            report(f"dashboard_{huge}_after_a_change_ms", round(changed * 1000, 1))
            huge_csv = reverse("sessions:dashboard_pairs_csv", args=[cohort.pk])
            report(f"pairs_csv_{huge}_ms", round(timed(partial(_read, client, huge_csv), repeat=1) * 1000, 1))
            if os.environ.get("BENCH_PROFILE") == "1":
                _parts(cohort, client, url)
            # The same page with nothing stored: it computes and stores every pair's health before it shows them
            # (the first visit of a new day, before the scan has caught up).
            from sessions.models import PairHealth

            unstored = float("inf")
            for _ in range(2):
                PairHealth.objects.filter(mentorship__cohort=cohort).delete()
                unstored = min(unstored, timed(partial(client.get, url), repeat=1))
            report(f"dashboard_{huge}_unstored_ms", round(unstored * 1000, 1))
            _after_midnight(cohort, client, url, huge)


def _after_midnight(cohort, client, url: str, huge: int) -> None:
    """The first visit of a day: every working pair's stored row expires at midnight. The scan prepared the new
    day's health in the hour before (batches of DUE_BATCH a minute, `day_turn_batch_ms` the best), and the visit
    comes in the seconds after midnight, before the scan's next run: the page takes the prepared rows in itself.
    Twice, on two midnights (the clock moved with time-machine); the best."""
    from datetime import timedelta

    import time_machine
    from django.utils import timezone

    from sessions.models import PairHealth
    from sessions.selectors.dashboard.pairs import day_turn
    from sessions.services.health import refresh_due_health

    best, batch = float("inf"), float("inf")
    midnight = day_turn(timezone.now())
    for _ in range(2):
        waiting = PairHealth.objects.filter(mentorship__cohort=cohort, valid_until=midnight, next_day_from=None)
        for minutes in range(50, 0, -1):  # one scan a minute from 23:10
            with time_machine.travel(midnight - timedelta(minutes=minutes), tick=False):
                batch = min(batch, timed(lambda: refresh_due_health(timezone.now()), repeat=1))
            if not waiting.exists():
                break
        with time_machine.travel(midnight + timedelta(seconds=10), tick=False):
            best = min(best, timed(partial(client.get, url), repeat=1))
        midnight += timedelta(days=1)
    report("day_turn_batch_ms", round(batch * 1000, 1))
    report(f"dashboard_{huge}_after_midnight_ms", round(best * 1000, 1))


def _read(client, url: str) -> bytes:
    """The whole of a response, streamed or not."""
    return client.get(url).getvalue()


def _parts(cohort, client, url: str) -> None:
    """What each part of the dashboard costs on its own, then a cProfile of the whole page."""
    import cProfile
    import pstats

    from programs.selectors.surveys import cohort_survey_results
    from sessions.selectors.dashboard import figures, pages, snapshot, table
    from sessions.services.health import refresh_stale_health

    choices = {"health": "", "query": "", "sort": "health"}
    parts = {
        "refresh_stale": partial(refresh_stale_health, cohort=cohort),
        "counts": partial(table.counts, cohort),
        "pairs_table": partial(pages.pairs_table, cohort, {}, choices=choices, page=None),
        "triage": lambda: table.rows(table.at_risk(table.cohort_pairs(cohort)), stop=pages.TRIAGE_SHOWN),
        "weekly": partial(figures.weekly, cohort),
        "funnel": partial(figures.funnel, cohort),
        "history": partial(figures.cohort_history, cohort),
        "matching_quality": partial(figures.matching_quality, cohort),
        "closing": partial(figures.closing, cohort),
        "figures_computed": partial(snapshot.computed_figures, cohort),
        "figures_kept": partial(snapshot.cohort_figures, cohort),
        "surveys": partial(cohort_survey_results, cohort),
        "whole_page": partial(client.get, url),
    }
    for name, part in parts.items():
        report(f"part_{name}_ms", round(timed(part, repeat=3) * 1000, 1))
    profile = cProfile.Profile()
    profile.runcall(client.get, url)
    pstats.Stats(profile).sort_stats("cumulative").print_stats(r"(sessions|programs|matching|mentoring)/(?!.*test)", 25)


def _settle(cohort) -> None:
    """What a live database has after its scans ran: every pair's health stored (sessions.services.health)."""
    from matching.models import Mentorship
    from sessions.services.health import refresh_pair_health

    refresh_pair_health(mentorship_ids=list(Mentorship.objects.filter(cohort=cohort).values_list("pk", flat=True)))


if __name__ == "__main__":
    main()

"""Bulk matching end to end: load 5,000 mentees' and 1,000 mentors' profiles from the database, score, solve and
save the proposal (matching.services.run_matching), then publish it; with query counts at two sizes, so a
count that does not grow shows.

Run: DJANGO_DEBUG=1 DATABASE_URL=postgres://... .venv/bin/python tests/bench/bench_matching_bulk.py
(bench_matching.py runs it too). Profiles are bench_matching.people()'s synthetic ones, written to a scratch database.
"""

import os
import sys
import time
from datetime import date
from pathlib import Path
from unittest import mock

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.bench.bench_matching import SKILLS, people  # noqa: E402
from tests.bench.harness import report, scratch_database, setup_django  # noqa: E402

setup_django()

ZONES = {-8: "America/Los_Angeles", -5: "America/New_York", 0: "Europe/London", 1: "Europe/Paris",
         2: "Europe/Helsinki", 5.5: "Asia/Kolkata", 8: "Asia/Singapore"}  # fmt: skip
SIZES = ((500, 100), (5_000, 1_000))
# BENCH_PROFILE=publish prints a cProfile of the largest publish (sorted by cumulative time).
PROFILE = os.environ.get("BENCH_PROFILE") == "publish"


def main() -> None:
    from django.db import connection

    from matching import services

    with scratch_database():
        for n_mentees, n_mentors in SIZES:
            cohort, coordinator = bulk_cohort(n_mentees, n_mentors, seed=n_mentees)
            queries = []

            def counted(execute, sql, *args, queries=queries):
                queries.append(sql)
                return execute(sql, *args)

            started = time.perf_counter()
            with connection.execute_wrapper(counted):
                run = services.run_matching(cohort=cohort, by=coordinator)
            seconds = time.perf_counter() - started
            if n_mentees == 5_000:
                report("bulk_end_to_end_5000_s", seconds)
            report(f"bulk_end_to_end_{n_mentees}_queries", len(queries))
            report(f"bulk_end_to_end_{n_mentees}_pairs", run.pairs.count())
            queries.clear()
            started = time.perf_counter()
            # E-mails are the outside world: a benchmark queues none.
            with (
                mock.patch("mentoring.notifications.tasks.send_notification_emails.delay"),
                connection.execute_wrapper(counted),
            ):
                if PROFILE and n_mentees == SIZES[-1][0]:
                    profile_publish(services, run, coordinator)
                else:
                    services.publish_run(run=run, by=coordinator)
            if n_mentees == 5_000:
                report("bulk_publish_5000_s", time.perf_counter() - started)
            report(f"bulk_publish_{n_mentees}_queries", len(queries))


def profile_publish(services, run, coordinator) -> None:
    """cProfile of one publish, then its queries by time (BENCH_PROFILE=publish)."""
    import cProfile
    import pstats

    from django.db import connection

    timings = []

    def timed(execute, sql, *args):
        started = time.perf_counter()
        try:
            return execute(sql, *args)
        finally:
            timings.append((time.perf_counter() - started, sql[:160]))

    profile = cProfile.Profile()
    with connection.execute_wrapper(timed):
        profile.runcall(services.publish_run, run=run, by=coordinator)
    pstats.Stats(profile).sort_stats("cumulative").print_stats(40)
    for seconds, sql in sorted(timings, reverse=True)[:15]:
        print(f"{seconds:.3f}s {sql}")


def bulk_cohort(n_mentees: int, n_mentors: int, *, seed: int):
    """A coordinator-matched cohort (capacity 5) whose people have bench_matching.people()'s profiles."""
    from django.contrib.auth import get_user_model

    from mentoring.profiles.models import Profile, Skill, SoughtSkill
    from programs.models import Cohort, Enrollment, MatchingMode, Program, Role

    User = get_user_model()
    skill_ids = [
        Skill.objects.get_or_create(slug=f"bench-skill-{i}", defaults={"name": f"Bench skill {i}"})[0].pk
        for i in range(SKILLS)
    ]
    coordinator = User.objects.create(email=f"coordinator{seed}@example.org", first_name="Coordinator")
    program = Program.objects.create(
        name=f"Bench {seed}", slug=f"bench-{seed}", matching_mode=MatchingMode.COORDINATOR, mentor_capacity=5
    )
    program.coordinators.add(coordinator)
    cohort = Cohort.objects.create(program=program, name="Bulk", starts_on=date(2026, 1, 1), ends_on=date(2026, 7, 1))
    synthetic = people(n_mentors, mentors=True, seed=seed) + people(n_mentees, mentors=False, seed=seed + 1)
    users = User.objects.bulk_create(
        [User(email=f"b{seed}-{i}@example.org", first_name=f"P{i}", last_name="Bench") for i in range(len(synthetic))]
    )
    profiles = Profile.objects.bulk_create(
        [
            Profile(
                user=user,
                values=sorted(p.values),
                work_style=p.work_style,
                years_experience=p.years_experience,
                career_track=p.career_track,
                languages=sorted(p.languages),
                time_zone=ZONES[p.utc_offset],
                meeting_channels=sorted(p.meeting_channels),
                organisation=p.organisation,
                avoid_organisations=sorted(p.avoid_organisations),
            )
            for user, p in zip(users, synthetic, strict=True)
        ]
    )
    Through = Profile.skills_offered.through
    Through.objects.bulk_create(
        [
            Through(profile=profile, skill_id=skill_ids[s])
            for profile, p in zip(profiles, synthetic, strict=True)
            for s in p.skills_offered
        ]
    )
    SoughtSkill.objects.bulk_create(
        [
            SoughtSkill(profile=profile, skill_id=skill_ids[s], rank=rank)
            for profile, p in zip(profiles, synthetic, strict=True)
            for rank, s in enumerate(p.skills_sought, start=1)
        ]
    )
    Enrollment.objects.bulk_create(
        [
            Enrollment(user=user, cohort=cohort, role=Role.MENTOR if i < n_mentors else Role.MENTEE)
            for i, user in enumerate(users)
        ]
    )
    return cohort, coordinator


if __name__ == "__main__":
    main()

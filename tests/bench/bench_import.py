"""CSV invitation import: time for 5,000 rows, and queries at 100 and 5,000 rows (constant: bulk work).

Run: .venv/bin/python tests/bench/bench_import.py  (PostgreSQL when DATABASE_URL is set)
"""

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.bench.harness import count_queries, report, scratch_database, setup_django  # noqa: E402


def csv_data(n: int, prefix: str) -> bytes:
    lines = ["email,role,first name,last name"]
    lines += [
        f"{prefix}{i}@bench.example.org,{'mentor' if i % 5 == 0 else 'mentee'},First{i},Last{i}" for i in range(n)
    ]
    return ("\n".join(lines) + "\n").encode()


def import_csv(cohort, coordinator, data: bytes):
    from django.db import transaction

    from programs import services
    from programs.services.importing import parse_csv

    # The e-mail tasks are queued after commit; the benchmark measures the import, not the broker.
    with transaction.atomic():
        result = services.invite_people(cohort=cohort, rows=parse_csv(data), invited_by=coordinator)
        transaction.set_rollback(True)
    return result


def main() -> None:
    setup_django()
    from datetime import timedelta

    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from programs.models import Cohort, Program

    with scratch_database():
        coordinator = get_user_model().objects.create_user("bench-coordinator@example.org", is_coordinator=True)
        # Some invitees already have accounts: they get notifications, the rest plain e-mails.
        get_user_model().objects.bulk_create(
            get_user_model()(email=f"n{i}@bench.example.org") for i in range(0, 5000, 10)
        )
        program = Program.objects.create(name="Bench", slug="bench")
        program.coordinators.add(coordinator)
        today = timezone.localdate()
        cohort = Cohort.objects.create(
            program=program, name="Bench", starts_on=today, ends_on=today + timedelta(days=180)
        )

        for n in (100, 5000):
            with count_queries() as queries:
                result = import_csv(cohort, coordinator, csv_data(n, "n"))
            assert len(result.created) == n
            report(f"csv_import_queries_{n}", len(queries))

        best = float("inf")
        for _ in range(3):
            started = time.perf_counter()
            import_csv(cohort, coordinator, csv_data(5000, "n"))
            best = min(best, time.perf_counter() - started)
        report("csv_import_5000_s", best)


if __name__ == "__main__":
    main()

"""Shared set-up for benchmarks: Django configured from the environment, a scratch test database
(PostgreSQL when DATABASE_URL says so), and `name: value` reporting."""

import os
import sys
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def setup_django() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mentoring.settings")
    os.environ.setdefault("DJANGO_DEBUG", "1")
    # In process, a benchmark times drawing its pages, not reading copies kept of them (mentoring.kept):
    # bench_throughput serves them as production does, kept.
    os.environ.setdefault("DJANGO_KEPT_PAGES_SECONDS", "0")
    import django

    django.setup()


@contextmanager
def scratch_database():
    """A freshly migrated scratch database, dropped afterwards: bench_<name> on PostgreSQL (not pytest's
    test_<name>, which a test run beside the benchmark would drop and re-create), in memory on SQLite."""
    from django.db import connections
    from django.test.utils import (
        setup_databases,
        setup_test_environment,
        teardown_databases,
        teardown_test_environment,
    )

    database = connections["default"].settings_dict
    if database["ENGINE"].endswith("postgresql"):
        database["TEST"]["NAME"] = f"bench_{database['NAME']}"
    setup_test_environment()
    config = setup_databases(verbosity=0, interactive=False, serialized_aliases=[])
    try:
        yield
    finally:
        teardown_databases(config, verbosity=0)
        teardown_test_environment()  # so that a benchmark may use a second scratch database


@contextmanager
def count_queries():
    """Counts the SQL queries run inside the block: `with count_queries() as queries: ...; len(queries)`.

    It yields the capture itself: its list of queries is only complete once the block has ended."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as context:
        yield context


def page_queries(client, url: str) -> int:
    """The queries of one GET, which must answer 200. Counted with an execute wrapper: a request resets
    connection.queries, so capturing them would read 0."""
    from django.db import connection

    queries = []

    def record(execute, sql, *args):
        queries.append(sql)
        return execute(sql, *args)

    with connection.execute_wrapper(record):
        assert client.get(url).status_code == 200
    return len(queries)


def timed(function, *, repeat: int = 5) -> float:
    """Best wall time of `repeat` runs, in seconds."""
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - started)
    return best


def report(name: str, value) -> None:
    print(f"{name}: {round(value, 4) if isinstance(value, float) else value}", flush=True)

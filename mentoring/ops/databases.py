"""The database settings from the environment: DATABASE_URL (the embedded SQLite file by default), persistent or
pooled PostgreSQL connections, and SQLite set up for a site, a worker and beat sharing one file."""

from pathlib import Path

import environ


def database_config(env: environ.Env, sqlite_file: Path) -> dict:
    db = env.db_url("DATABASE_URL", default=f"sqlite:///{sqlite_file}")
    db["ATOMIC_REQUESTS"] = False
    # Persistent connections by default: opening a PostgreSQL connection costs 5-17 ms, more than a whole page with
    # few queries. A connection is checked before it is reused (health checks), so a restarted database costs one
    # retry.
    db["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
    db["CONN_HEALTH_CHECKS"] = db["CONN_MAX_AGE"] != 0
    if db["ENGINE"] == "django.db.backends.postgresql" and not env.bool("DATABASE_JIT", default=False):
        # PostgreSQL's JIT compiles a query whose estimated cost passes jit_above_cost: worth it for analytics
        # that run for seconds, a loss for pages of 10-100 ms queries. Its compile time is paid on every run (no
        # cache), and once a planner estimate was off it cost a dashboard rewrite 6 s of compiling for a 50 ms
        # query; the 10,000-pair dashboard measured 535 ms with it and 370 ms without on the same machine.
        options = db.setdefault("OPTIONS", {})
        options["options"] = f"{options.get('options', '')} -c jit=off".strip()
    if env.bool("DATABASE_POOL", default=False) and db["ENGINE"] == "django.db.backends.postgresql":
        # psycopg 3's pool, one per process (each gunicorn worker, each Celery pool process); needs CONN_MAX_AGE=0.
        db["CONN_MAX_AGE"] = 0
        db.setdefault("OPTIONS", {})["pool"] = {
            "min_size": env.int("DATABASE_POOL_MIN_SIZE", default=1),
            "max_size": env.int("DATABASE_POOL_MAX_SIZE", default=4),
            "timeout": env.int("DATABASE_POOL_TIMEOUT", default=10),
        }
    if db["ENGINE"] == "django.db.backends.sqlite3":
        # The embedded default serves the site and runs the worker and beat on one file: write-ahead logging lets
        # pages read while the scan writes, writers wait for each other (up to 20 s) instead of failing with
        # "database is locked", and a transaction takes the write lock when it starts, never by upgrading a read
        # lock mid-way.
        db.setdefault("OPTIONS", {}).update(
            timeout=20, transaction_mode="IMMEDIATE", init_command="PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
        )
    return db

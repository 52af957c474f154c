"""The embedded default (SQLite) with the demo: every page within two clicks of each demo person's home answers,
in a process of its own (the rest of the suite runs on PostgreSQL, and some expressions compile differently on
SQLite: the coordinator's home once failed there with 'Invalid arguments for operator *')."""

import subprocess
import sys
from pathlib import Path

from tests.integration.test_celery import ROOT, base_env


def test_every_page_near_each_demo_persons_home_answers_on_the_embedded_sqlite(tmp_path):
    env = base_env(DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}", CELERY_BROKER_DIR=str(tmp_path / "broker"))

    def run(*args) -> str:
        return subprocess.run(
            [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, check=True, timeout=600
        ).stdout

    run("manage.py", "migrate", "--noinput", "-v0")
    run("manage.py", "seed_demo", "-v0")
    pages = [line.split(" ", 2) for line in run(str(Path(__file__).with_name("demo_walk.py"))).splitlines()]

    assert {email for status, email, path in pages if path == "/" and status == "200"} == {
        f"{name}@demo.mentoring.test" for name in ("newcomer", "mentee001", "mentor01", "both-roles", "coordinator")
    }
    assert len(pages) > 100
    assert [page for page in pages if page[0] not in {"200", "302"}] == []

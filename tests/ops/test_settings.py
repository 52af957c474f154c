"""Production settings: what `manage.py check --deploy` says, and what the process refuses to start without."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "x" * 64 + "production-secret-for-the-check",
    "DJANGO_ALLOWED_HOSTS": "mentoring.example.org",
    "SITE_URL": "https://mentoring.example.org",
}


def manage(*args, **env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "SITE_URL", "MAIL_DOMAIN"))}
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env={**clean, **env}, capture_output=True, text=True
    )


def test_production_settings_pass_the_deploy_check():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_deploy_check_wants_an_https_site_url_and_a_real_mail_domain():
    result = manage(
        "check", "--deploy", "--fail-level", "WARNING", **{**PRODUCTION, "SITE_URL": "http://127.0.0.1:8000"}
    )
    assert result.returncode != 0
    assert "ops.W001" in result.stderr and "ops.W002" in result.stderr


def test_message_ids_take_the_site_url_host_unless_mail_domain_says_otherwise():
    show = ["shell", "-v0", "-c", "from django.conf import settings; print(settings.MAIL_DOMAIN)"]
    assert manage(*show, **PRODUCTION).stdout.strip() == "mentoring.example.org"
    assert manage(*show, **PRODUCTION, MAIL_DOMAIN="example.org").stdout.strip() == "example.org"


def test_production_refuses_to_start_without_a_secret_key():
    result = manage("check", DJANGO_DEBUG="0", DJANGO_ALLOWED_HOSTS="mentoring.example.org")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_env_example_lists_every_variable_the_settings_and_gunicorn_read():
    read = set()
    for source in ("mentoring/settings.py", "mentoring/ops/databases.py", "gunicorn.conf.py"):
        text = (ROOT / source).read_text()
        read |= set(re.findall(r'env(?:\.\w+)?\(\s*"([A-Z][A-Z0-9_]+)"', text))
        read |= set(re.findall(r'os\.environ\.get\(\s*"([A-Z][A-Z0-9_]+)"', text))
    listed = set(re.findall(r"^([A-Z][A-Z0-9_]+)=", (ROOT / ".env.example").read_text(), re.MULTILINE))
    assert read <= listed, read - listed


@pytest.mark.postgres
def test_database_pool_turns_on_psycopgs_pool():
    from django.conf import settings

    db = settings.DATABASES["default"]
    url = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    show = (
        "from django.conf import settings; from django.db import connection; "
        "connection.ensure_connection(); d = settings.DATABASES['default']; "
        "print(d['CONN_MAX_AGE'], d['OPTIONS']['pool']['max_size'], type(connection.pool).__name__)"
    )
    result = manage("shell", "-v0", "-c", show, DJANGO_DEBUG="1", DATABASE_URL=url, DATABASE_POOL="1",
                    DATABASE_POOL_MAX_SIZE="3")  # fmt: skip
    assert result.stdout.split() == ["0", "3", "ConnectionPool"], result.stderr


@pytest.mark.postgres
def test_postgresql_jit_is_off_for_the_apps_connections_unless_asked():
    from django.conf import settings

    db = settings.DATABASES["default"]
    url = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    show = "from django.db import connection; c = connection.cursor(); c.execute('SHOW jit'); print(c.fetchone()[0])"
    assert manage("shell", "-v0", "-c", show, DJANGO_DEBUG="1", DATABASE_URL=url).stdout.split() == ["off"]
    result = manage("shell", "-v0", "-c", show, DJANGO_DEBUG="1", DATABASE_URL=url, DATABASE_JIT="1")
    assert result.stdout.split() == ["on"], result.stderr


def test_database_connections_persist_with_health_checks_by_default():
    show = (
        "from django.conf import settings; d = settings.DATABASES['default']; "
        "print(d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS'])"
    )
    assert manage("shell", "-v0", "-c", show, **PRODUCTION).stdout.split() == ["60", "True"]
    result = manage("shell", "-v0", "-c", show, **PRODUCTION, DATABASE_CONN_MAX_AGE="0")
    assert result.stdout.split() == ["0", "False"], result.stderr


def test_the_embedded_sqlite_lets_the_worker_and_the_site_write_without_database_is_locked(tmp_path):
    show = (
        "from django.db import connection; connection.ensure_connection(); "
        "c = connection.cursor(); c.execute('PRAGMA journal_mode'); mode = c.fetchone()[0]; "
        "c.execute('PRAGMA busy_timeout'); print(mode, c.fetchone()[0], connection.transaction_mode)"
    )
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-v0", "-c", show],
        cwd=ROOT,
        env={**env, "DJANGO_DEBUG": "1", "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"},
        capture_output=True,
        text=True,
    )
    assert result.stdout.split() == ["wal", "20000", "IMMEDIATE"], result.stderr

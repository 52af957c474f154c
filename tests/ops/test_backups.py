"""A backup is only as good as its restore: dump the test database, restore it into a fresh one, and find every
row of every table there."""

import uuid

import psycopg
import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from tests.factories import NotificationFactory, ProfileFactory
from tests.sessions.factories import MeetingFactory


def admin_url(name: str) -> str:
    db = settings.DATABASES["default"]
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgresql://{db['USER']}{password}@{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}/{name}"


def fingerprint(cursor, tables) -> dict[str, tuple[int, str]]:
    """Each table's row count, and an md5 of all its rows in a fixed order."""
    found = {}
    for table in tables:
        # Table names come from Django's introspection, never from input.
        rows = "md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), ''))"
        cursor.execute(f'SELECT count(*), {rows} FROM "{table}" t')  # noqa: S608
        found[table] = cursor.fetchone()
    return found


@pytest.fixture
def fresh_database():
    name = f"test_restore_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(admin_url("postgres"), autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield name
    finally:
        with psycopg.connect(admin_url("postgres"), autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_dump_restored_into_a_fresh_database_has_every_row(tmp_path, fresh_database, capsys):
    MeetingFactory.create_batch(3)
    NotificationFactory.create_batch(5, recipient=ProfileFactory().user, body="Agenda: ünïcødé, 'quotes', \\ and |")
    tables = connection.introspection.table_names()
    with connection.cursor() as cursor:
        before = fingerprint(cursor, tables)
    assert sum(count for count, _ in before.values()) > 50

    dump = tmp_path / "mentoring.dump"
    call_command("backup_db", "--output", str(dump))
    assert dump.stat().st_size > 0
    call_command("restore_db", str(dump), "--into", admin_url(fresh_database))

    with psycopg.connect(admin_url(fresh_database)) as restored, restored.cursor() as cursor:
        after = fingerprint(cursor, tables)
    assert after == before


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_restoring_into_a_database_that_has_data_needs_clean(tmp_path, fresh_database):
    from django.core.management.base import CommandError

    dump = tmp_path / "mentoring.dump"
    call_command("backup_db", "--output", str(dump))
    call_command("restore_db", str(dump), "--into", admin_url(fresh_database))
    with pytest.raises(CommandError, match="pg_restore failed"):
        call_command("restore_db", str(dump), "--into", admin_url(fresh_database))
    call_command("restore_db", str(dump), "--into", admin_url(fresh_database), "--clean")


def test_restore_refuses_anything_but_a_postgres_url(tmp_path):
    from django.core.management.base import CommandError

    dump = tmp_path / "x.dump"
    dump.write_bytes(b"PGDMP")
    with pytest.raises(CommandError, match="Not a postgres"):
        call_command("restore_db", str(dump), "--into", "sqlite:///elsewhere.sqlite3")

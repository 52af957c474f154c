"""PostgreSQL dumps and restores with the client tools (pg_dump, pg_restore), for `manage.py backup_db` and
`manage.py restore_db`. The dump is pg_dump's custom format: compressed, restorable table by table, and
independent of the roles of the server it came from (no owners, no privileges)."""

import os
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.db import connection


class BackupError(Exception):
    pass


def database_params(url: str | None = None) -> dict:
    """HOST, PORT, USER, PASSWORD, NAME of DATABASE_URL-style `url`, or of the site's database."""
    if url is None:
        db = settings.DATABASES["default"]
        if db["ENGINE"] != "django.db.backends.postgresql":
            raise BackupError("backup_db and restore_db work on PostgreSQL: DATABASE_URL is not a postgres:// URL.")
        return {key: str(db.get(key) or "") for key in ("HOST", "PORT", "USER", "PASSWORD", "NAME")}
    parts = urlsplit(url)
    if parts.scheme not in {"postgres", "postgresql"}:
        raise BackupError(f"Not a postgres:// URL: {parts.scheme}://…")
    return {
        "HOST": parts.hostname or "",
        "PORT": str(parts.port or ""),
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "NAME": parts.path.lstrip("/"),
    }


def _tool(name: str) -> str:
    path = shutil.which(name)
    if not path:
        raise BackupError(f"{name} is not installed (Debian: apt-get install postgresql-client).")
    return path


def _run(command: list[str], params: dict) -> None:
    env = {**os.environ, "PGPASSWORD": params["PASSWORD"]} if params["PASSWORD"] else dict(os.environ)
    result = subprocess.run(command, env=env, capture_output=True, text=True)  # noqa: S603 (our own arguments)
    if result.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} failed: {result.stderr.strip()}")


def _connection_args(params: dict) -> list[str]:
    args = []
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if params[key]:
            args += [flag, params[key]]
    return [*args, "--dbname", params["NAME"]]


def client_major(tool: str) -> int:
    output = subprocess.run([tool, "--version"], capture_output=True, text=True, check=True).stdout  # noqa: S603
    return int(re.search(r"(\d+)(?:\.\d+)?", output).group(1))


def dump(path: Path) -> Path:
    tool = _tool("pg_dump")
    server_major = connection.pg_version // 10000  # e.g. 150019 -> 15
    if client_major(tool) < server_major:
        raise BackupError(
            f"pg_dump {client_major(tool)} cannot dump a PostgreSQL {server_major} server: install its client."
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    params = database_params()
    _run(
        [tool, "--format=custom", "--no-owner", "--no-privileges", "--file", str(path), *_connection_args(params)],
        params,
    )
    return path


def restore(path: Path, *, into_url: str | None = None, clean: bool = False) -> None:
    """Restore a dump into the site's database (or `into_url`). Without `clean`, the target must be empty."""
    if not path.is_file():
        raise BackupError(f"No dump at {path}")
    params = database_params(into_url)
    command = [_tool("pg_restore"), "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction"]
    if clean:
        command += ["--clean", "--if-exists"]
    _run([*command, *_connection_args(params), str(path)], params)

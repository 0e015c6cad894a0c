"""SQLite as the embedded default: WAL, a busy timeout and IMMEDIATE transactions, so
concurrent writers wait instead of failing; and a fresh clone migrates without a var/
folder. The settings are exercised in subprocesses and on a file database in tmp_path.
"""

import json
import os
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

from django.db import OperationalError, connections, transaction

import pytest

from portal.settings.base import database

ROOT = Path(__file__).resolve().parents[2]


def manage(*args, **env):
    environment = {
        k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DEBUG")
    }
    environment.update(DJANGO_SETTINGS_MODULE="portal.settings.dev", **env)
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        capture_output=True,
        text=True,
        env=environment,
        cwd=ROOT,
        timeout=300,
    )


def settings_of(**env):
    code = (
        "import json; from django.conf import settings as s;"
        "print(json.dumps(s.DATABASES['default'], default=str))"
    )
    result = manage("shell", "-v", "0", "-c", code, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_migrate_on_a_fresh_clone_creates_the_var_folder(tmp_path):
    var = tmp_path / "not" / "yet" / "var"
    result = manage("migrate", "--noinput", "-v", "0", PORTAL_VAR_DIR=str(var))
    assert result.returncode == 0, result.stderr
    assert "unable to open database file" not in result.stderr
    assert (var / "portal.sqlite3").is_file()
    # WAL is recorded in the file itself: readers never wait for the writer.
    with sqlite3.connect(var / "portal.sqlite3") as plain:
        assert plain.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_sqlite_url_gets_wal_a_busy_timeout_and_immediate_transactions(tmp_path):
    config = settings_of(DATABASE_URL=f"sqlite:///{tmp_path / 'sub' / 'db.sqlite3'}")
    options = config["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert options["timeout"] >= 5
    assert "journal_mode=WAL" in options["init_command"]
    assert (tmp_path / "sub").is_dir()  # the folder of the file, made for SQLite


def test_postgresql_gets_no_sqlite_options():
    config = settings_of(DATABASE_URL="postgres://postgres@127.0.0.1:5432/portal_x")
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert "transaction_mode" not in config.get("OPTIONS", {})
    assert "init_command" not in config.get("OPTIONS", {})


@pytest.fixture
def file_database(tmp_path, django_db_blocker):
    """A database alias on a SQLite file with the production settings; each thread
    gets its own connection (Django's connections are per thread)."""
    alias = "fault_concurrent"
    config = database(f"sqlite:///{tmp_path / 'concurrent.sqlite3'}")
    connections.settings[alias] = connections.configure_settings(
        {"default": config, alias: config}
    )[alias]
    with django_db_blocker.unblock():
        with connections[alias].cursor() as cursor:
            cursor.execute("CREATE TABLE hit (id INTEGER PRIMARY KEY, n INTEGER)")
        yield alias
        connections[alias].close()
    del connections.settings[alias]


def test_two_writers_at_once_never_see_database_is_locked(file_database):
    with connections[file_database].cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
    errors, rounds, start = [], 40, threading.Barrier(2)

    def write(worker):
        try:
            start.wait()
            for n in range(rounds):
                # Read, then write in the same transaction: the pattern that fails
                # at once under DEFERRED when the other writer got in between.
                with (
                    transaction.atomic(using=file_database),
                    connections[file_database].cursor() as cursor,
                ):
                    cursor.execute("SELECT count(*) FROM hit")
                    cursor.fetchone()
                    cursor.execute("INSERT INTO hit (n) VALUES (%s)", [n])
        except OperationalError as error:
            errors.append(f"{worker}: {error}")
        finally:
            connections[file_database].close()

    threads = [threading.Thread(target=write, args=(w,)) for w in "ab"]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    with connections[file_database].cursor() as cursor:
        cursor.execute("SELECT count(*) FROM hit")
        assert cursor.fetchone()[0] == 2 * rounds

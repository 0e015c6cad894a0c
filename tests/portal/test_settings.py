"""Configuration comes from the environment only, and production settings are safe."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def manage(*args, **env):
    environment = {
        k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DEBUG")
    }
    environment.update(env)
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        capture_output=True,
        text=True,
        env=environment,
        cwd=ROOT,
        timeout=120,
    )


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        SECRET_KEY="x7!" + "k" * 60 + "-production-like-secret-for-the-check",
        ALLOWED_HOSTS="mzj.example.gov.cn",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = manage(
        "check", DJANGO_SETTINGS_MODULE="portal.settings.production", SECRET_KEY=""
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_a_malformed_boolean_names_the_variable():
    result = manage(
        "check", DJANGO_SETTINGS_MODULE="portal.settings.dev", DEBUG="maybe"
    )
    assert result.returncode != 0
    assert "DEBUG='maybe'" in result.stderr


def test_database_and_paths_come_from_the_environment(tmp_path):
    code = (
        "from django.conf import settings as s;"
        "print(s.DATABASES['default']['ENGINE'], s.DATABASES['default']['NAME'],"
        " s.MEDIA_ROOT, s.STATIC_ROOT, s.ELASTICSEARCH_URL, s.ALLOWED_HOSTS)"
    )
    result = manage(
        "shell",
        "-v",
        "0",
        "-c",
        code,
        DJANGO_SETTINGS_MODULE="portal.settings.dev",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/portal_example",
        MEDIA_ROOT=str(tmp_path / "media"),
        STATIC_ROOT=str(tmp_path / "static"),
        ELASTICSEARCH_URL="http://es.example:9200",
        ALLOWED_HOSTS="a.example,b.example",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.db.backends.postgresql",
        "portal_example",
        str(tmp_path / "media"),
        str(tmp_path / "static"),
        "http://es.example:9200",
        "['a.example',",
        "'b.example']",
    ]

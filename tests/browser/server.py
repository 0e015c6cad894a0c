"""The portal as a person reaches it: its own SQLite database in a temporary folder,
migrated, the demo loaded and the search index built, served by ``manage.py
runserver`` in a subprocess (dev settings with DEBUG off, so 404 pages and WhiteNoise
behave as in production; WhiteNoise serves static files from the apps' folders).

The demo staff have unusable passwords; the setup gives each one a password generated
for the run. Which address shows which page type is asked of the database (the first
public item of every public model, in each language), never written down here.
"""

import hashlib
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MANAGE = ROOT / "manage.py"

# The demo's staff (site/portal/demo/review.py) that the admin tests sign in as, and
# the administrator `make run` creates (ensure_admin).
STAFF = [
    "demo-editor",
    "demo-section-reviewer",
    "demo-secrecy-reviewer",
    "demo-principal",
    "admin",
]

# Run inside ``manage.py shell -c``: passwords for the staff, and one public address per
# public model and language, printed as JSON on the last line.
SETUP_SCRIPT = """
import json, os
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page
from content_models.disclosure.public import public_items, public_models

for username, password in json.loads(os.environ["PORTAL_BROWSER_PASSWORDS"]).items():
    user, _ = get_user_model().objects.get_or_create(username=username)
    if username == "admin":  # as `make run` creates it (ensure_admin)
        user.is_staff = user.is_superuser = True
    user.set_password(password)
    user.save()

urls = {}
for model in public_models():
    label = model._meta.label
    items = public_items(model)
    for lang in ("zh-hans", "en"):
        if issubclass(model, Page):
            item = items.filter(locale__language_code=lang).order_by("path").first()
            url = item.as_public_record().url if item else None
        else:  # records are data: the English section shows them under /en/
            item = items.order_by("pk").first()
            url = item.as_public_record().url if item else None
            if url and lang == "en":
                url = "/en" + url
        urls[f"{label}:{lang}"] = url
from content_models.villages.disclosures import VillageDisclosurePage

finance = public_items(VillageDisclosurePage).filter(category="caiwu")
for lang in ("zh-hans", "en"):
    item = finance.filter(locale__language_code=lang).order_by("path").first()
    urls[f"villages.finance:{lang}"] = item.as_public_record().url if item else None
    with translation.override(lang):
        urls[f"search:{lang}"] = reverse("search:page")
        urls[f"ledger:{lang}"] = reverse("ledger:page")
        urls[f"opendata:{lang}"] = reverse("opendata-index")
        urls[f"opendata-licence:{lang}"] = reverse("opendata-licence")
        urls[f"opendata-table:{lang}"] = (
            reverse("opendata-table", args=["credit-list-history"])
            + "?list_type__exact=abnormal&_sort=-listed_on"
        )
        urls[f"requests:{lang}"] = reverse("clocks:apply")

from content_models.disclosure.pages import ArticleIndexPage

notices = ArticleIndexPage.objects.filter(locale__language_code="zh-hans").first()
urls["admin:add-notice"] = reverse("wagtailadmin_pages:add_subpage", args=[notices.pk])
# The footer as a bureau fills it in (also done by load_demo once it calls it).
from types import SimpleNamespace
from portal.demo import core
from portal.demo.site_settings import load_site_settings

load_site_settings(SimpleNamespace(home=core.demo_home()))
print(json.dumps(urls))
"""


@dataclass
class Portal:
    base_url: str
    var_dir: Path
    passwords: dict
    urls: dict = field(default_factory=dict)  # "app.Model:lang" -> path or None
    process: subprocess.Popen | None = None
    log_path: Path | None = None

    def url(self, path):
        return self.base_url + path

    def log_tail(self, lines=40):
        if self.log_path is None or not self.log_path.exists():
            return ""
        return "\n".join(
            self.log_path.read_text(errors="replace").splitlines()[-lines:]
        )


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_env(var_dir, base_url):
    """The environment of every command: dev settings, everything under ``var_dir``,
    whatever the caller's environment says (a PostgreSQL DATABASE_URL, an
    Elasticsearch cluster or test settings must not leak into the browser's portal)."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "DATABASE_URL",
            "ELASTICSEARCH_URL",
            "ELASTICSEARCH_INDEX",
            "SEARCH_INDEX_DIR",
            "MEDIA_ROOT",
            "STATIC_ROOT",
            "OPENDATA_DIR",
            "SECRET_KEY",
            "SECURE_SSL_REDIRECT",
            "PORTAL_CLIENT_IP_HEADER",
        }
    }
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings.dev",
        DEBUG="0",
        PORTAL_VAR_DIR=str(var_dir),
        DATABASE_URL=f"sqlite:///{var_dir / 'portal.sqlite3'}",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        WAGTAILADMIN_BASE_URL=base_url,
        OPENDATA_API_RATE="",
        PYTHONUNBUFFERED="1",
    )
    return env


def manage(env, log, *args):
    started = time.monotonic()
    with log.open("a") as out:
        out.write(f"\n$ manage.py {' '.join(args)}\n")
        out.flush()
        result = subprocess.run(
            [sys.executable, str(MANAGE), *args],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            check=False,
        )
        out.write(f"[{time.monotonic() - started:.1f} s, exit {result.returncode}]\n")
    if result.returncode:
        tail = "\n".join(log.read_text(errors="replace").splitlines()[-30:])
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{tail}")


# What the built database depends on: the code that defines and fills it, and the
# pinned packages. Tests, templates and static files do not change it.
_BUILD_INPUTS = (
    "content_models",
    "publishing",
    "search",
    "opendata",
    "imports",
    "site",
    "themes/migrations",
)
_BUILD_FILES = ("requirements.txt", "constraints.txt", "manage.py", "themes/models.py")


def fingerprint():
    digest = hashlib.sha256()
    paths = [ROOT / name for name in _BUILD_FILES]
    for folder in _BUILD_INPUTS:
        paths += (ROOT / folder).rglob("*.py")
    for path in sorted(paths):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(ROOT)).encode() + b"\0")
            digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def build(var_dir, cache_dir=None):
    """Migrate, load the demo, build the search index, set the staff's passwords and
    find each page type's address. Returns the Portal (not yet serving).

    With ``cache_dir`` (PORTAL_BROWSER_CACHE), a database built from the same code
    before is copied instead of built again (about a minute saved)."""
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    env = server_env(var_dir, base_url)
    log = var_dir / "build.log"
    cached = Path(cache_dir) / fingerprint() if cache_dir else None
    if cached and (cached / "portal.sqlite3").exists():
        shutil.copytree(cached, var_dir, dirs_exist_ok=True)
    else:
        manage(env, log, "migrate", "--noinput")
        manage(env, log, "load_demo")
        manage(env, log, "rebuild_public_index")
        if cached:
            shutil.rmtree(cached, ignore_errors=True)
            shutil.copytree(var_dir, cached, ignore=shutil.ignore_patterns("*.log"))
    passwords = {username: secrets.token_urlsafe(16) for username in STAFF}
    result = subprocess.run(
        [sys.executable, str(MANAGE), "shell", "--no-imports", "-c", SETUP_SCRIPT],
        cwd=ROOT,
        env={**env, "PORTAL_BROWSER_PASSWORDS": json.dumps(passwords)},
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode:
        raise RuntimeError(f"setting up the browser portal failed:\n{result.stderr}")
    urls = json.loads(result.stdout.strip().splitlines()[-1])
    return Portal(base_url=base_url, var_dir=var_dir, passwords=passwords, urls=urls)


def start(portal, timeout=60):
    port = portal.base_url.rsplit(":", 1)[1]
    env = server_env(portal.var_dir, portal.base_url)
    portal.log_path = portal.var_dir / "server.log"
    out = portal.log_path.open("w")
    portal.process = subprocess.Popen(  # noqa: S603 (our own manage.py)
        [
            sys.executable,
            str(MANAGE),
            "runserver",
            f"127.0.0.1:{port}",
            "--noreload",
            "--skip-checks",
        ],
        cwd=ROOT,
        env=env,
        stdout=out,
        stderr=subprocess.STDOUT,
    )
    out.close()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if portal.process.poll() is not None:
            raise RuntimeError(f"the server stopped:\n{portal.log_tail()}")
        try:
            with urllib.request.urlopen(portal.base_url + "/", timeout=2) as response:  # noqa: S310
                if response.status == 200:
                    return portal
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    stop(portal)
    raise RuntimeError(
        f"the server did not answer in {timeout} s:\n{portal.log_tail()}"
    )


def stop(portal):
    process = portal.process
    if process is None or process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)

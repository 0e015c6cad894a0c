"""ensure_admin prints sign-in passwords for the demo's staff beside the admin's, so
a visitor can try the review workflow: only where the demo is loaded, only on a
developer's machine (DEBUG) or with PORTAL_DEMO_PASSWORDS=1, only for accounts that
had no password, and never again once someone changes one."""

import re
import stat

from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

import pytest

from portal import demo
from portal.demo.review import STAFF

USERNAMES = sorted(username for username, _name, _groups in STAFF)
LINE = re.compile(r"user: (\S+)  password: (\S+)  \((.*)\)")


@pytest.fixture
def demo_staff(db, settings, tmp_path, monkeypatch):
    """The demo's staff as load_demo leaves them (no usable password), the demo
    counted as loaded, var/ in a temporary folder, no DEBUG and no flag."""
    settings.VAR_DIR = tmp_path
    settings.DEBUG = False
    monkeypatch.delenv("PORTAL_DEMO_PASSWORDS", raising=False)
    monkeypatch.setattr(demo, "is_loaded", lambda: True)
    users = []
    for username, name, _groups in STAFF:
        user = get_user_model()(username=username, first_name=name)
        user.set_unusable_password()
        user.save()
        users.append(user)
    return users


def printed(capsys):
    return {m[0]: m[1] for m in LINE.findall(capsys.readouterr().out)}


def test_no_demo_passwords_without_debug_or_the_flag(demo_staff, capsys, tmp_path):
    call_command("ensure_admin")
    out = capsys.readouterr().out
    assert "Admin:" in out and "demo-" not in out
    assert not (tmp_path / "demo-passwords").exists()
    for user in get_user_model().objects.filter(username__in=USERNAMES):
        assert not user.has_usable_password()


@pytest.mark.parametrize("value", ["0", "false", ""])
def test_a_flag_that_is_off_is_off(demo_staff, capsys, monkeypatch, value):
    monkeypatch.setenv("PORTAL_DEMO_PASSWORDS", value)
    call_command("ensure_admin")
    assert printed(capsys) == {}


def test_a_flag_that_means_nothing_is_refused_by_name(demo_staff, monkeypatch):
    monkeypatch.setenv("PORTAL_DEMO_PASSWORDS", "maybe")
    with pytest.raises(ImproperlyConfigured, match="PORTAL_DEMO_PASSWORDS"):
        call_command("ensure_admin")


@pytest.mark.parametrize("how", ["flag", "debug"])
def test_the_flag_or_debug_gives_every_staff_account_a_working_password(
    demo_staff, capsys, monkeypatch, settings, tmp_path, client, how
):
    if how == "flag":
        monkeypatch.setenv("PORTAL_DEMO_PASSWORDS", "1")
    else:
        settings.DEBUG = True
    call_command("ensure_admin")
    passwords = printed(capsys)
    assert sorted(passwords) == USERNAMES
    assert len(set(passwords.values())) == len(USERNAMES)  # each its own
    for username, password in passwords.items():
        user = get_user_model().objects.get(username=username)
        assert user.check_password(password) and len(password) >= 12
    path = tmp_path / "demo-passwords"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600

    assert client.login(username="demo-editor", password=passwords["demo-editor"])


def test_later_runs_print_the_same_passwords_and_change_nothing(
    demo_staff, capsys, monkeypatch
):
    monkeypatch.setenv("PORTAL_DEMO_PASSWORDS", "1")
    call_command("ensure_admin")
    first = printed(capsys)
    hashes = dict(
        get_user_model()
        .objects.filter(username__in=USERNAMES)
        .values_list("username", "password")
    )
    call_command("ensure_admin")
    assert printed(capsys) == first
    assert hashes == dict(
        get_user_model()
        .objects.filter(username__in=USERNAMES)
        .values_list("username", "password")
    )


def test_a_password_set_by_someone_else_is_neither_changed_nor_shown(
    demo_staff, capsys, monkeypatch
):
    monkeypatch.setenv("PORTAL_DEMO_PASSWORDS", "1")
    own = get_user_model().objects.get(username="demo-principal")
    own.set_password("the principal's own")
    own.save()
    call_command("ensure_admin")
    passwords = printed(capsys)
    assert "demo-principal" not in passwords
    own.refresh_from_db()
    assert own.check_password("the principal's own")

    # One that was ours, changed afterwards in the admin: no longer printed.
    editor = get_user_model().objects.get(username="demo-editor")
    editor.set_password("changed in the admin")
    editor.save()
    call_command("ensure_admin")
    again = printed(capsys)
    assert "demo-editor" not in again
    assert set(again) == set(passwords) - {"demo-editor"}


def test_nothing_for_staff_where_the_demo_is_not_loaded(
    demo_staff, capsys, monkeypatch, tmp_path
):
    monkeypatch.setenv("PORTAL_DEMO_PASSWORDS", "1")
    monkeypatch.setattr(demo, "is_loaded", lambda: False)
    call_command("ensure_admin")
    assert printed(capsys) == {}
    assert not (tmp_path / "demo-passwords").exists()


def test_the_real_demo_staff_can_sign_in_to_the_admin(
    demo_site, settings, tmp_path, capsys, client
):
    settings.VAR_DIR = tmp_path
    settings.DEBUG = True
    call_command("ensure_admin")
    passwords = printed(capsys)
    assert sorted(passwords) == USERNAMES
    reviewer = get_user_model().objects.get(username="demo-section-reviewer")
    assert reviewer.check_password(passwords["demo-section-reviewer"])
    password = passwords["demo-section-reviewer"]
    assert client.login(username="demo-section-reviewer", password=password)
    assert client.get("/admin/").status_code == 200

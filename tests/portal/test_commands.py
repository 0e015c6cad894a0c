import stat

from django.contrib.auth import get_user_model
from django.core.management import call_command


def test_ensure_admin_generates_a_private_password_once(db, settings, tmp_path, capsys):
    settings.VAR_DIR = tmp_path
    call_command("ensure_admin")
    first = capsys.readouterr().out
    password = (tmp_path / "admin-password").read_text().strip()
    assert len(password) >= 12 and password in first and "/admin/" in first
    assert stat.S_IMODE((tmp_path / "admin-password").stat().st_mode) == 0o600
    admin = get_user_model().objects.get(username="admin")
    assert admin.is_superuser and admin.check_password(password)

    call_command("ensure_admin")
    assert password in capsys.readouterr().out
    assert get_user_model().objects.count() == 1

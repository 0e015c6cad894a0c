import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from portal.settings.env import env_bool

DEMO_PASSWORDS_FLAG = "PORTAL_DEMO_PASSWORDS"


def demo_passwords_allowed():
    """Demo staff get passwords on a developer's machine (DEBUG) or where the
    operator asks for them (``PORTAL_DEMO_PASSWORDS=1``, which ``make run`` sets);
    never on a production site, which has neither."""
    return settings.DEBUG or env_bool(DEMO_PASSWORDS_FLAG, False)


def write_private(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch(mode=0o600)
    path.chmod(0o600)
    path.write_text(text)


class Command(BaseCommand):
    help = (
        "Create the local 'admin' superuser with a generated password (kept in "
        "var/admin-password, readable by its owner only) and print how to sign in. "
        "Where the demo is loaded and DEBUG or PORTAL_DEMO_PASSWORDS=1, also give the "
        "demo's staff accounts that have no password a generated one (kept in "
        "var/demo-passwords) and print them, so a visitor can try the review workflow."
    )

    def handle(self, *args, **options):
        password_file = settings.VAR_DIR / "admin-password"
        User = get_user_model()
        user = User.objects.filter(username="admin").first()
        if user is None or not password_file.exists():
            password = secrets.token_urlsafe(12)
            user = user or User(username="admin", email="admin@example.invalid")
            user.is_staff = user.is_superuser = True
            user.set_password(password)
            user.save()
            write_private(password_file, password + "\n")
        password = password_file.read_text().strip()
        base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        self.stdout.write(f"Admin: {base}/admin/  user: admin  password: {password}")
        if demo_passwords_allowed():
            self.demo_staff()

    @transaction.atomic
    def demo_staff(self):
        """Passwords for the demo's staff (portal.demo.review.STAFF): generated for
        an account with no usable password, printed again from var/demo-passwords
        on later runs while the account still has it (the stored hash is compared,
        which costs no hashing); an account whose password was set some other way is
        left alone and not printed."""
        from portal import demo
        from portal.demo.review import STAFF

        if not demo.is_loaded():
            return
        path = settings.VAR_DIR / "demo-passwords"
        known = {}  # username → (password, the stored hash it was set as)
        if path.exists():
            for line in path.read_text().splitlines():
                username, password, encoded = (line.split(" ") + ["", ""])[:3]
                if username and password and encoded:
                    known[username] = (password, encoded)
        users = get_user_model().objects.filter(
            username__in=[username for username, _name, _groups in STAFF]
        )
        lines = []
        for user in sorted(users, key=lambda user: user.username):
            if not user.has_usable_password():
                password = secrets.token_urlsafe(9)
                user.set_password(password)
                user.save(update_fields=["password"])
            elif known.get(user.username, ("", ""))[1] == user.password:
                password = known[user.username][0]  # ours, unchanged since
            else:
                continue  # a password set some other way: not ours to show
            lines.append((user, password))
        if not lines:
            return
        write_private(
            path, "".join(f"{u.username} {p} {u.password}\n" for u, p in lines)
        )
        self.stdout.write("Demo staff (same address), to try the review workflow:")
        for user, password in lines:
            self.stdout.write(
                f"  user: {user.username}  password: {password}  ({user.first_name})"
            )

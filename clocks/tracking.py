"""Tracking numbers and secrets: how an applicant, and only they, finds their
application again.

The number (2026-00017) is printed on every letter and may be guessed; the secret
(12 characters, about 59 bits) is shown once and kept only as an HMAC. A wrong
secret and an unknown number give the same answer after the same work
(``hmac.compare_digest`` against a stand-in digest), so the number's existence is
not revealed."""

import hashlib
import hmac
import secrets

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from wagtail.log_actions import log

from content_models.disclosure.text import fold_width

from .models import Application

# No 0/O, 1/I/L: read aloud and typed back from paper.
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
SECRET_LENGTH = 12
_STAND_IN = "0" * 64


def new_secret():
    return "".join(secrets.choice(ALPHABET) for _ in range(SECRET_LENGTH))


def show_secret(secret):
    """ABCD-EFGH-JKMN: easier to copy."""
    return "-".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def normalise(text):
    """What the applicant typed, as stored: full-width folded, case and separators
    ignored."""
    text = fold_width(text or "").upper()
    return "".join(ch for ch in text if ch.isalnum())


def digest(number, secret):
    key = settings.SECRET_KEY.encode()
    message = f"{number}:{normalise(secret)}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def find(number, secret):
    """The application with ``number`` whose secret is ``secret``, else None."""
    number = fold_width(number or "").strip()
    application = Application.objects.filter(number=number).first()
    expected = application.secret_digest if application else _STAND_IN
    if hmac.compare_digest(expected, digest(number, secret)) and application:
        return application
    return None


def submit(received_on=None, **fields):
    """Register an application received today (条例 第三十一条: online applications
    are received when both sides confirm; the tracking number shown at once is the
    portal's confirmation), or on ``received_on`` (a letter entered by staff).
    Returns (application, secret)."""
    secret = new_secret()
    received = received_on or timezone.localdate()
    for _attempt in range(5):
        number = _next_number(received.year)
        try:
            with transaction.atomic():
                application = Application.objects.create(
                    number=number,
                    secret_digest=digest(number, secret),
                    received_on=received,
                    **fields,
                )
                log(application, "clocks.received", data={"date": received.isoformat()})
                return application, secret
        except IntegrityError:  # another application took the number meanwhile
            continue
    raise RuntimeError("could not allocate a tracking number")


def _next_number(year):
    prefix = f"{year}-"
    last = (
        Application.objects.filter(number__startswith=prefix)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
    )
    serial = int(last.removeprefix(prefix)) + 1 if last else 1
    return f"{prefix}{serial:05d}"

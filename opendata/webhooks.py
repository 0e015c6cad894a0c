"""Webhooks for credit-list changes: a watchdog's server is told the day an
organisation is listed on, removed from, or taken off (withdrawn from) a credit list.

- A subscription is a URL and a secret, entered by staff (开放数据 → 数据变化通知) at a
  watchdog's request, and used only once the URL has answered a challenge: we POST
  ``{"type": "challenge", "challenge": "<token>"}`` and it must answer 200 with the
  token (as the body, or as ``{"challenge": "<token>"}``).
- Deliveries are rows written in the publishing transaction when the announcement
  (``content_models.disclosure.announcements``, made only by ``publishing/events.py``)
  names credit-list entries, so a rolled-back publication sends nothing and a
  committed one is never lost. They are sent after commit by a django-tasks task, and
  retried with exponential backoff (at most ``MAX_ATTEMPTS`` tries) by the
  ``send_webhooks`` command run from cron.
- Each body is signed: ``X-Opendata-Signature: sha256=<hex HMAC-SHA256 of the body
  with the secret>``; ``X-Opendata-Delivery`` is the delivery's id, the same on every
  retry, so a receiver can ignore a repeat.

What a delivery says about an entry is what open data says (``public_value`` masks
text); of a withdrawn entry it says only its key, as the ledger does.
"""

import datetime
import hashlib
import hmac
import json
import logging
import secrets
import urllib.error
import urllib.request

from django.db import models, transaction
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel

from content_models.disclosure.announcements import public_items_changed
from content_models.disclosure.public import is_public, item_key

logger = logging.getLogger(__name__)

CREDIT_ENTRY = "credit.creditlistentry"
MAX_ATTEMPTS = 6
BACKOFF = datetime.timedelta(minutes=1)  # doubled after each failed try
LEASE = datetime.timedelta(minutes=5)  # a sender's claim on a delivery
TIMEOUT_SECONDS = 5
SIGNATURE_HEADER = "X-Opendata-Signature"
DELIVERY_HEADER = "X-Opendata-Delivery"


def new_secret():
    return secrets.token_hex(32)


class WebhookSubscription(models.Model):
    name = models.CharField(_("订阅方"), max_length=200)
    url = models.URLField(_("接收地址"), max_length=500)
    secret = models.CharField(
        _("签名密钥"),
        max_length=64,
        default=new_secret,
        help_text=_("请将此密钥告知订阅方，用于核对通知的签名（HMAC-SHA256）。"),
    )
    active = models.BooleanField(_("启用"), default=True)
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("确认时间"), null=True, blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("url"),
        FieldPanel("active"),
        FieldPanel("secret", read_only=True),
    ]

    class Meta:
        app_label = "opendata"
        verbose_name = _("数据变化通知订阅")
        verbose_name_plural = _("数据变化通知")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        # A new address must answer the challenge again before anything is sent.
        if self.pk:
            before = type(self).objects.filter(pk=self.pk).values_list("url", flat=True)
            if before and before[0] != self.url:
                self.confirmed_at = None
        super().save(*args, **kwargs)
        if self.confirmed_at is None and self.active:
            pk = self.pk
            transaction.on_commit(lambda: confirm(pk), robust=True)


class WebhookDelivery(models.Model):
    subscription = models.ForeignKey(
        WebhookSubscription, on_delete=models.CASCADE, related_name="deliveries"
    )
    body = models.TextField()  # exactly what is sent, fixed when queued
    created_at = models.DateTimeField(default=timezone.now)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now, db_index=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    failed_at = models.DateTimeField(null=True, blank=True)  # gave up
    last_error = models.CharField(max_length=300, blank=True)

    class Meta:
        app_label = "opendata"
        ordering = ["pk"]

    def __str__(self):
        return f"#{self.pk} → {self.subscription_id}"


# -- queuing, in the publishing transaction -----------------------------------------


@receiver(public_items_changed, dispatch_uid="opendata.webhooks")
def queue_credit_deliveries(sender, changes, **kwargs):
    entries = [change for change in changes if _label(change.item) == CREDIT_ENTRY]
    if not entries:
        return
    subscriptions = list(
        WebhookSubscription.objects.filter(active=True, confirmed_at__isnull=False)
    )
    if not subscriptions:
        return
    now = timezone.now()
    body = {
        "type": "credit_list.changed",
        "time": now.replace(microsecond=0).isoformat(),
        "changes": [describe(change) for change in entries],
    }
    WebhookDelivery.objects.bulk_create(
        WebhookDelivery(subscription=subscription, body=_dumps(body))
        for subscription in subscriptions
    )
    transaction.on_commit(_schedule, robust=True)


def describe(change):
    """What a subscriber learns of one changed entry: its status now."""
    item = change.item
    if change.withdrawn or not is_public(item):
        return {"key": item_key(item), "status": "withdrawn"}
    from .schema import public_value

    organisation = item.organisation
    return {
        "key": item_key(item),
        "status": "removed" if item.removed_on else "listed",
        "organisation": public_value(organisation.name),
        "credit_code": organisation.credit_code,
        "list_type": item.list_type,
        "listed_on": item.listed_on.isoformat(),
        "removed_on": item.removed_on.isoformat() if item.removed_on else None,
        "reason": public_value(item.reason),
        "removal_reason": public_value(item.removal_reason) or None,
        "url": item.public_url(),
    }


def _label(instance):
    return type(instance)._meta.concrete_model._meta.label_lower


def _dumps(body):
    return json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _schedule():
    from .tasks import send_webhook_deliveries

    send_webhook_deliveries.enqueue()


# -- sending --------------------------------------------------------------------------


def sign(secret, body):
    digest = hmac.new(secret.encode(), body.encode(), hashlib.sha256).hexdigest()
    return f"sha256={digest}"


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    # A redirect could send a signed body somewhere the subscriber never named.
    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(_NoRedirects)


def post(url, body, secret, delivery_id=""):
    """POST ``body`` signed; (status, answer text). Raises OSError when unreachable."""
    data = body.encode()
    request = urllib.request.Request(  # noqa: S310 (http/https only: URLField)
        url,
        data=data,
        method="POST",
        headers={
            "Content-Type": "application/json; charset=utf-8",
            "User-Agent": "opendata-webhooks/1",
            SIGNATURE_HEADER: sign(secret, body),
            DELIVERY_HEADER: str(delivery_id),
        },
    )
    try:
        with _opener.open(request, timeout=TIMEOUT_SECONDS) as answer:
            return answer.status, answer.read(4096).decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, ""


def send_due(now=None):
    """Send every delivery that is due; returns how many were delivered."""
    now = now or timezone.now()
    due = WebhookDelivery.objects.filter(
        delivered_at__isnull=True,
        failed_at__isnull=True,
        next_attempt_at__lte=now,
        subscription__active=True,
    ).select_related("subscription")
    delivered = 0
    for delivery in list(due[:500]):
        # Claim it (another sender skips a delivery whose time has moved on).
        claimed = WebhookDelivery.objects.filter(
            pk=delivery.pk, next_attempt_at=delivery.next_attempt_at
        ).update(next_attempt_at=now + LEASE)
        if claimed:
            delivered += _attempt(delivery, now)
    return delivered


def _attempt(delivery, now):
    subscription = delivery.subscription
    try:
        status, _answer = post(
            subscription.url, delivery.body, subscription.secret, delivery.pk
        )
        problem = "" if 200 <= status < 300 else f"HTTP {status}"
    except (OSError, ValueError) as error:  # refused, timed out, bad address
        problem = str(error)[:300] or type(error).__name__
    delivery.attempts += 1
    if not problem:
        delivery.delivered_at = now
        delivery.last_error = ""
    else:
        delivery.last_error = problem
        if delivery.attempts >= MAX_ATTEMPTS:
            delivery.failed_at = now
            logger.warning("webhook delivery %s given up: %s", delivery.pk, problem)
        else:
            delivery.next_attempt_at = now + BACKOFF * 2 ** (delivery.attempts - 1)
    delivery.save(
        update_fields=[
            "attempts",
            "delivered_at",
            "failed_at",
            "last_error",
            "next_attempt_at",
        ]
    )
    return 0 if problem else 1


def confirm(pk):
    """Send the challenge to an unconfirmed subscription; True once confirmed."""
    subscription = WebhookSubscription.objects.filter(pk=pk, active=True).first()
    if subscription is None or subscription.confirmed_at is not None:
        return bool(subscription)
    token = secrets.token_urlsafe(24)
    body = _dumps({"type": "challenge", "challenge": token})
    try:
        status, answer = post(subscription.url, body, subscription.secret)
    except (OSError, ValueError) as error:
        logger.info("webhook challenge to %s failed: %s", subscription.url, error)
        return False
    if status != 200 or not _answers(answer, token):
        return False
    WebhookSubscription.objects.filter(pk=pk).update(confirmed_at=timezone.now())
    return True


def _answers(answer, token):
    if answer.strip() == token:
        return True
    try:
        return json.loads(answer).get("challenge") == token
    except (ValueError, AttributeError):
        return False

"""Webhooks of credit-list changes, against a real HTTP server in a thread: the
challenge, deliveries written in the publishing transaction and sent after commit,
signatures, retries with backoff, giving up, and nothing for a rolled-back change."""

import datetime
import hashlib
import hmac
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

import pytest

from content_models.credit.models import CreditListEntry
from opendata import webhooks
from opendata.webhooks import WebhookDelivery, WebhookSubscription
from portal.demo.helpers import publish_record
from publishing.withdrawals import withdraw
from tests.content_models import credit_factories as credit


class Receiver:
    """A watchdog's server: answers challenges, records what it receives, and
    fails the next ``failures`` deliveries with a 503."""

    def __init__(self):
        self.received = []
        self.failures = 0
        self.challenge_answer = None  # None: echo the token
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"])).decode()
                data = json.loads(body)
                if data.get("type") == "challenge":
                    answer = receiver.challenge_answer or data["challenge"]
                    self._answer(200, answer)
                    return
                if receiver.failures:
                    receiver.failures -= 1
                    self._answer(503, "busy")
                    return
                receiver.received.append((dict(self.headers), body))
                self._answer(204, "")

            def _answer(self, status, text):
                payload = text.encode()
                self.send_response(status)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hook"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver():
    server = Receiver()
    yield server
    server.close()


@pytest.fixture
def subscription(db, receiver, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        made = WebhookSubscription.objects.create(name="观察者", url=receiver.url)
    made.refresh_from_db()
    assert made.confirmed_at is not None  # the challenge was answered
    return made


@pytest.fixture
def org(agency, village):
    return credit.organisation(agency, region=village)


def publish(callbacks, record):
    with callbacks(execute=True):
        return publish_record(record)


def changes_in(body):
    return json.loads(body)["changes"]


def test_a_wrong_challenge_answer_leaves_it_unconfirmed(
    db, receiver, django_capture_on_commit_callbacks
):
    receiver.challenge_answer = "something else"
    with django_capture_on_commit_callbacks(execute=True):
        made = WebhookSubscription.objects.create(name="x", url=receiver.url)
    made.refresh_from_db()
    assert made.confirmed_at is None


def test_an_unreachable_address_is_not_confirmed(
    db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        made = WebhookSubscription.objects.create(
            name="x", url="http://127.0.0.1:9/nothing"
        )
    made.refresh_from_db()
    assert made.confirmed_at is None


def test_listing_is_delivered_signed(
    subscription, receiver, org, django_capture_on_commit_callbacks
):
    entry = publish(
        django_capture_on_commit_callbacks, credit.entry(org, publish=False)
    )
    assert len(receiver.received) == 1
    headers, body = receiver.received[0]
    expected = hmac.new(
        subscription.secret.encode(), body.encode(), hashlib.sha256
    ).hexdigest()
    assert headers["X-Opendata-Signature"] == f"sha256={expected}"
    [change] = changes_in(body)
    assert change["key"] == f"credit.creditlistentry:{entry.pk}"
    assert change["status"] == "listed"
    assert change["listed_on"] == "2024-07-02"
    assert change["organisation"] == org.name
    delivery = WebhookDelivery.objects.get()
    assert delivery.delivered_at is not None
    assert headers["X-Opendata-Delivery"] == str(delivery.pk)


def test_removal_and_withdrawal_are_delivered(
    subscription, receiver, org, admin_user, django_capture_on_commit_callbacks
):
    entry = publish(
        django_capture_on_commit_callbacks, credit.entry(org, publish=False)
    )
    entry = CreditListEntry.objects.get(pk=entry.pk)
    for name, value in credit.removal(datetime.date(2024, 9, 1)).items():
        setattr(entry, name, value)
    publish(django_capture_on_commit_callbacks, entry)
    with django_capture_on_commit_callbacks(execute=True):
        withdraw(CreditListEntry.objects.get(pk=entry.pk), "登记错误", admin_user)
    statuses = [changes_in(body)[0]["status"] for _h, body in receiver.received]
    assert statuses == ["listed", "removed", "withdrawn"]
    removed = changes_in(receiver.received[1][1])[0]
    assert removed["removed_on"] == "2024-09-01"
    # Of a withdrawn entry only its key is told, as the ledger does.
    assert set(changes_in(receiver.received[2][1])[0]) == {"key", "status"}


def test_nothing_is_queued_for_a_rolled_back_publication(
    subscription, receiver, org, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                publish_record(credit.entry(org, publish=False))
                raise RuntimeError("undone")
        except RuntimeError:
            pass
    assert not WebhookDelivery.objects.exists()
    assert receiver.received == []


def test_other_changes_send_nothing(
    subscription, receiver, agency, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        credit.organisation(agency, name="另一个协会")
    assert not WebhookDelivery.objects.exists()


def test_unconfirmed_and_inactive_subscriptions_get_nothing(
    db, receiver, org, django_capture_on_commit_callbacks
):
    receiver.challenge_answer = "no"
    with django_capture_on_commit_callbacks(execute=True):
        WebhookSubscription.objects.create(name="未确认", url=receiver.url)
    publish(django_capture_on_commit_callbacks, credit.entry(org, publish=False))
    assert not WebhookDelivery.objects.exists()


def test_retries_back_off_and_give_up(
    subscription, receiver, org, django_capture_on_commit_callbacks
):
    receiver.failures = 100
    publish(django_capture_on_commit_callbacks, credit.entry(org, publish=False))
    delivery = WebhookDelivery.objects.get()
    assert delivery.attempts == 1 and delivery.last_error == "HTTP 503"
    waits = []
    while delivery.failed_at is None:
        previous = delivery.next_attempt_at
        assert webhooks.send_due(now=previous - datetime.timedelta(seconds=1)) == 0
        webhooks.send_due(now=previous)
        delivery.refresh_from_db()
        waits.append(delivery.next_attempt_at - previous)
    assert delivery.attempts == webhooks.MAX_ATTEMPTS
    assert waits[:-1] == [
        webhooks.BACKOFF * 2**n for n in range(1, webhooks.MAX_ATTEMPTS - 1)
    ]
    assert receiver.received == []


def test_the_command_delivers_after_a_failure(
    subscription, receiver, org, django_capture_on_commit_callbacks
):
    receiver.failures = 1
    publish(django_capture_on_commit_callbacks, credit.entry(org, publish=False))
    delivery = WebhookDelivery.objects.get()
    WebhookDelivery.objects.update(next_attempt_at=timezone.now())
    call_command("send_webhooks")
    delivery.refresh_from_db()
    assert delivery.delivered_at is not None and delivery.attempts == 2
    assert len(receiver.received) == 1


def test_a_new_address_must_answer_again(subscription, receiver):
    subscription.url = receiver.url + "?v=2"
    subscription.save()
    subscription.refresh_from_db()
    assert subscription.confirmed_at is None

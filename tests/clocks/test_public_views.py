"""The applicant's pages: the form and its CAPTCHA-free guard, the receipt shown
once, the status page opened only with number and secret, the reply's documents;
and nothing of an application reaching what is public."""

import datetime
import re
import time

from django.core import mail, signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

import pytest

from clocks import handling, tracking
from clocks.forms import STARTED_SALT
from clocks.models import Answer, Application
from content_models.disclosure.public import public_models

D = datetime.date
APPLY = "/requests/"
STATUS = "/requests/status/"


def form_data(seconds_ago=30, **changes):
    return {
        "applicant_type": "citizen",
        "name": "李四",
        "email": "li@example.org",
        "phone": "",
        "address": "",
        "description": "本区2025年养老服务补贴发放情况",
        "delivery": "email",
        "website": "",
        "started": signing.dumps(time.time() - seconds_ago, salt=STARTED_SALT),
        **changes,
    }


@pytest.fixture
def site(home):
    return home


def test_the_form_is_labelled_and_marks_required_fields(client, site):
    response = client.get(APPLY)
    html = response.content.decode()
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex"
    # "no-referrer" would make Chromium post Origin: null, which CSRF refuses.
    assert response["Referrer-Policy"] == "same-origin"
    assert (
        "no-cache" in response["Cache-Control"]
        or "max-age=0" in response["Cache-Control"]
    )
    for field in ("name", "email", "description"):
        assert f'<label for="id_{field}">' in html
    assert "<legend>申请人类型" in html
    assert "<h1>政府信息公开申请</h1>" in html
    assert 'aria-hidden="true"' in html and 'name="website"' in html
    applicant_types = html.split("<legend>申请人类型")[1].split("</fieldset>")[0]
    assert "---------" not in applicant_types and "公民" in applicant_types


def test_an_application_gets_a_number_and_a_secret_shown_once(
    client, site, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(APPLY, form_data())
    assert response.status_code == 302
    receipt = client.get(response["Location"])
    html = receipt.content.decode()
    application = Application.objects.get()
    assert application.number in html
    secret = re.search(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}", html).group(0)
    assert tracking.find(application.number, secret) == application
    assert "个工作日" in html  # the deadline and how it was counted
    # Shown once: the next visit goes to the lookup form.
    again = client.get(reverse("clocks:submitted"))
    assert again.status_code == 302 and again["Location"].endswith(STATUS)
    # The receipt by email carries the number and the secret.
    assert len(mail.outbox) == 1
    assert (
        secret in mail.outbox[0].body and application.number in mail.outbox[0].subject
    )


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"website": "http://spam.example"}, "请勿填写此项"),
        ({"started": None}, "提交过快"),
        ({"started": "forged"}, "表单已过期"),
        ({"started": signing.dumps(0.0, salt=STARTED_SALT)}, "表单已过期"),
        ({"email": "", "phone": "", "address": ""}, "至少填写一种联系方式"),
        ({"delivery": "post"}, "请填写通信地址"),
        ({"applicant_type": "legal_person"}, "组织类别"),
    ],
)
def test_the_guard_and_the_rules_refuse_with_a_reason(client, site, changes, message):
    data = form_data(**changes)
    if "started" in changes and changes["started"] is None:
        data["started"] = signing.dumps(time.time(), salt=STARTED_SALT)  # just now
    response = client.post(APPLY, data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Application.objects.exists()
    assert not mail.outbox


def test_the_rate_limit_stops_a_flood(client, site, settings):
    settings.OPENDATA_API_RATE = "2/60"
    from django.core.cache import cache

    cache.clear()
    statuses = [client.post(APPLY, form_data()).status_code for _ in range(3)]
    assert statuses == [302, 302, 429]
    assert Application.objects.count() == 2
    cache.clear()


def _status(client, number, secret):
    return client.post(STATUS, {"number": number, "secret": secret})


def _without_tokens(response):
    return re.sub(
        r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode()
    )


def test_the_status_page_needs_the_right_secret(client, site, make_application):
    application, secret = make_application()
    shown = _status(client, application.number, tracking.show_secret(secret).lower())
    assert shown.status_code == 200
    html = shown.content.decode()
    assert "办理中" in html and "收到申请 2026年9月28日 + 20 个工作日" in html
    assert "张三" not in html and "13812345678" not in html  # not even to themselves
    wrong = _status(client, application.number, "AAAA-BBBB-CCCC")
    unknown = _status(client, "2026-99999", "AAAA-BBBB-CCCC")
    assert wrong.status_code == unknown.status_code == 404
    assert _without_tokens(wrong) == _without_tokens(unknown)


def test_one_applicant_cannot_open_another(client, site, make_application):
    mine, my_secret = make_application()
    theirs, _their_secret = make_application()
    assert _status(client, theirs.number, my_secret).status_code == 404
    assert _status(client, mine.number, my_secret).status_code == 200


def test_the_secret_is_never_read_from_the_address(client, site, make_application):
    application, secret = make_application()
    response = client.get(STATUS, {"number": application.number, "secret": secret})
    assert response.status_code == 200
    html = response.content.decode()
    assert "办理中" not in html and "收到申请 2026年9月28日" not in html


def test_full_width_input_finds_the_application(client, site, make_application):
    application, secret = make_application()
    full_width = "".join(chr(ord(c) + 0xFEE0) for c in secret)
    assert _status(client, application.number, full_width).status_code == 200


def test_the_reply_and_its_documents_reach_the_applicant_only(
    client, site, make_application, handler, today
):
    application, secret = make_application()
    handling.reply(
        application,
        handler,
        Answer.DISCLOSED,
        "予以公开，见附件。",
        files=[SimpleUploadedFile("明细.xlsx", b"PK-data")],
        date=D(2026, 10, 20),
    )
    html = _status(client, application.number, secret).content.decode()
    assert "予以公开" in html and "明细.xlsx" in html
    link = re.search(r'href="(/requests/documents/[^"]+)"', html).group(1)
    download = client.get(link)
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"PK-data"
    # Tampered or foreign links give nothing.
    assert client.get(link[:-3] + "abc/").status_code == 404
    forged = signing.dumps({"a": application.pk + 1, "f": 1}, salt="wrong-salt")
    assert client.get(f"/requests/documents/{forged}/").status_code == 404


def test_an_expired_document_link_gives_nothing(
    client, site, make_application, handler, today, monkeypatch
):
    application, _secret = make_application()
    handling.reply(
        application,
        handler,
        Answer.DISCLOSED,
        "见附件",
        files=[SimpleUploadedFile("a.pdf", b"%PDF")],
        date=D(2026, 10, 20),
    )
    from clocks import views

    token = views.attachment_token(application.reply.attachments.get())
    monkeypatch.setattr(views, "ATTACHMENT_LINK_SECONDS", -1)
    assert client.get(f"/requests/documents/{token}/").status_code == 404


def test_applications_are_never_public_records(db, make_application, client, site):
    make_application()
    assert Application not in public_models()
    assert not hasattr(Application, "as_public_record")
    # The feeds and sitemap list public items only: the number is not there.
    for address in ("/sitemap.xml",):
        assert "2026-00001" not in client.get(address).content.decode()


def test_english_pages_exist(client, site):
    response = client.get("/en/requests/")
    assert response.status_code == 200

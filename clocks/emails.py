"""Email through Django's mail: the receipt, notices the law requires (补正, extension),
the reply with its documents, and staff reminders (reminders.py).

Mail to applicants goes after the step's transaction commits; a failing mail server
is logged and never undoes a step (the status page has everything)."""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from .calendar import long_date
from .models import StepKind
from .tracking import show_secret

logger = logging.getLogger(__name__)


def status_url():
    with translation.override(settings.LANGUAGE_CODE):
        path = reverse("clocks:status")
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def send_after_commit(message):
    def send():
        try:
            message.send()
        except Exception:  # the step stands; the operator sees the log
            logger.exception("clocks: mail to %s failed", message.to)

    transaction.on_commit(send)


def _to_applicant(application, subject, body, attachments=()):
    if not application.email:
        return None
    message = EmailMessage(
        subject=f"[{application.number}] {subject}",
        body=body,
        to=[application.email],
    )
    for name, content, mimetype in attachments:
        message.attach(name, content, mimetype)
    send_after_commit(message)
    return message


def send_receipt(application, secret, clock):
    body = _(
        "您的政府信息公开申请已收到。\n\n申请编号：%(number)s\n查询码：%(secret)s\n"
        "请妥善保管查询码，凭申请编号和查询码可在 %(url)s 查看办理进度和答复。\n\n"
        "答复期限：%(explanation)s\n"
    ) % {
        "number": application.number,
        "secret": show_secret(secret),
        "url": status_url(),
        "explanation": clock.explanation,
    }
    return _to_applicant(application, _("政府信息公开申请已收到"), body)


def send_step_notice(application, step, clock):
    """The notices the applicant must be given: 补正 (what to supply) and an
    approved extension (the new deadline)."""
    if step.kind == StepKind.SUPPLEMENT_REQUESTED:
        subject = _("请补正政府信息公开申请")
        body = _(
            "您的申请需要补正：\n%(note)s\n\n答复期限自收到补正之日起重新计算。"
            "查看办理进度：%(url)s\n"
        ) % {"note": step.note, "url": status_url()}
    elif step.kind == StepKind.EXTENSION_APPROVED:
        subject = _("政府信息公开申请答复期限延长")
        body = _(
            "答复期限延长%(days)s个工作日：%(explanation)s\n查看办理进度：%(url)s\n"
        ) % {
            "days": step.days,
            "explanation": clock.explanation,
            "url": status_url(),
        }
    else:
        return None
    return _to_applicant(application, subject, body)


def send_reply(application):
    reply = application.reply
    attachments = []
    for attachment in reply.attachments.all():
        with attachment.file.open("rb") as handle:
            attachments.append((attachment.name, handle.read(), None))
    body = _(
        "答复类型：%(answer)s%(ground)s\n答复日期：%(date)s\n\n%(text)s\n\n"
        "答复及附件也可在 %(url)s 查看。\n"
    ) % {
        "answer": reply.get_answer_display(),
        "ground": f"（{reply.get_ground_display()}）" if reply.ground else "",
        "date": long_date(reply.answered_on),
        "text": reply.text,
        "url": status_url(),
    }
    return _to_applicant(
        application, _("政府信息公开申请答复"), body, attachments=attachments
    )

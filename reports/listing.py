"""One line per counted thing on a figure's public list. An application shows only
its number, dates, applicant category and outcome: never who applied or what for."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from clocks.models import ApplicantType, Application


@dataclass
class Entry:
    title: str
    url: str
    index_number: str
    date: object
    note: str


def entry(obj):
    if isinstance(obj, Application):
        return _application(obj)
    record = obj.as_public_record()
    note = obj.get_validity_display() if hasattr(obj, "get_validity_display") else ""
    return Entry(
        title=record.title,
        url=record.url,
        index_number=record.index_number,
        date=record.published_on,
        note=str(note),
    )


def _application(application):
    if application.applicant_type == ApplicantType.CITIZEN:
        who = _("自然人")
    else:
        kind = application.get_organisation_kind_display() or _("其他")
        who = _("法人或其他组织：%(kind)s") % {"kind": kind}
    reply = getattr(application, "reply", None)
    outcome = reply.get_answer_display() if reply else _("办理中")
    if reply and reply.ground:
        outcome = f"{outcome}（{reply.get_ground_display()}）"
    answered = reply.answered_on.isoformat() if reply else ""
    return Entry(
        title=application.number,
        url="",
        index_number="",
        date=application.received_on,
        note=" ".join(part for part in (str(who), str(outcome), answered) if part),
    )


def entries(objects):
    return [entry(obj) for obj in objects]

"""Guard: no unmasked ID, mobile or bank-card number becomes public.

Text fields and table rows can be masked in place by the editor's 一键打码 action
(publishing/masking.py); an attached file has to be replaced, so its problems say so.
Numbers a reviewer recorded as not personal data for this item
(``PersonalDataException``) do not block it.
"""

from dataclasses import dataclass

from django.utils.translation import gettext

from content_models.disclosure.privacy import (
    find_personal_data,
    html_text,
    kept_numbers,
)
from content_models.disclosure.public import item_key
from content_models.disclosure.publication import Problem

from .files import UnreadableFile, attachment_where, attachments_of, cells_of
from .texts import texts_of


@dataclass(frozen=True)
class PersonalDataProblem(Problem):
    """A problem about one number: the admin offers to record it as a false alarm."""

    item_key: str = ""


def personal_data_check(item):
    key = item_key(item)
    return [
        entry if isinstance(entry, Problem) else _problem(*entry, key)
        for entry in _entries(item, kept_numbers(key))
    ]


def _problem(where, finding, fix, key):
    return PersonalDataProblem(where, finding.sentence(), fix, item_key=key)


def personal_data_findings(item):
    """[(where, Finding)] of every unmasked number in ``item`` not recorded as a
    false alarm, in the order the guard reports them."""
    entries = _entries(item, kept_numbers(item_key(item)))
    return [
        (where, finding)
        for where, finding, _fix in (e for e in entries if not isinstance(e, Problem))
    ]


def _entries(item, keep):
    """(where, Finding, fix) for each number, or a Problem for an unreadable file."""
    fix = gettext("可点“一键打码”自动打码，或手工改为所示写法")
    for text in texts_of(item):
        plain = html_text(text.value) if text.is_html else text.value
        for finding in find_personal_data(plain, keep):
            yield text.where, finding, fix
    for document in attachments_of(item):
        try:
            cells = cells_of(document)
        except UnreadableFile as error:
            yield Problem(
                attachment_where(document),
                gettext("无法读取，不能检查其中是否有未打码的个人信息（%(error)s）")
                % {"error": error},
                gettext("请另存为XLSX或CSV后重新上传"),
            )
            continue
        fix = gettext("请在原文件中打码后重新上传该附件")
        for cell in cells:
            for finding in find_personal_data(cell.value, keep):
                yield cell.where, finding, fix

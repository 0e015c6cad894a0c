"""Guard: no unmasked ID, mobile or bank-card number becomes public.

Text fields and table rows can be masked in place by the editor's 一键打码 action
(publishing/masking.py); an attached file has to be replaced, so its problems say so.
"""

from django.utils.html import strip_tags
from django.utils.translation import gettext

from content_models.disclosure.privacy import find_personal_data
from content_models.disclosure.publication import Problem

from .files import UnreadableFile, attachment_where, attachments_of, cells_of
from .texts import texts_of


def personal_data_check(item):
    return [*_text_problems(item), *_attachment_problems(item)]


def _text_problems(item):
    fix = gettext("可点“一键打码”自动打码，或手工改为所示写法")
    for text in texts_of(item):
        plain = strip_tags(text.value) if text.is_html else text.value
        for finding in find_personal_data(plain):
            yield Problem(text.where, finding.sentence(), fix)


def _attachment_problems(item):
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
            for finding in find_personal_data(cell.value):
                yield Problem(cell.where, finding.sentence(), fix)

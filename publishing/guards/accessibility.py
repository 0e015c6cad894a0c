"""Guard: accessibility basics — every image has alternative text and every table has
header cells, so that screen readers can read published documents
(GB/T 37668-2019; the 适老化 and 无障碍 requirements for government sites).

Images marked decorative (``role="presentation"``, ``aria-hidden="true"``) may have
an empty ``alt``.
"""

from django.utils.translation import gettext

from content_models.disclosure.publication import Problem

from .html import read_html
from .texts import texts_of


def accessibility_check(item):
    problems = []
    for text in texts_of(item):
        if text.is_html:
            problems.extend(_html_problems(text.where, text.value))
    return problems


def images_without_alt(html):
    return [image for image in read_html(html).images if _lacks_alt(image)]


def tables_without_headers(html):
    """[n, ...]: the positions (from 1) of the tables that have no header cell."""
    return [
        number
        for number, table in enumerate(read_html(html).tables, start=1)
        if not table.has_header
    ]


def _lacks_alt(image):
    decorative = (
        image.get("role") == "presentation" or image.get("aria-hidden") == "true"
    )
    return not decorative and not (image.get("alt") or "").strip()


def _html_problems(where, html):
    problems = []
    for image in images_without_alt(html):
        problems.append(
            Problem(
                where,
                gettext("图片“%(source)s”没有替代文字")
                % {"source": image.get("src") or image.get("id") or ""},
                gettext("请在图片的“替代文字”中写明图片内容"),
            )
        )
    for number in tables_without_headers(html):
        problems.append(
            Problem(
                where,
                gettext("第%(number)s个表格没有表头") % {"number": number},
                gettext("请把表格第一行（或第一列）设为表头单元格"),
            )
        )
    return problems

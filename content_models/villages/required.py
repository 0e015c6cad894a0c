"""What a village disclosure must contain to be submitted or published.

《村民委员会组织法》第三十条 asks for the matters decided and how they were carried out,
and for the accounts (../shared/docs/DOMAIN.md B); 《城市居民委员会组织法》第十六条 for
the 收支帐目. A heading with nothing under it fulfils neither, so:

* every disclosure carries something a villager can read: text, a 收支明细 row or an
  attachment (the scanned 公开栏 sheet counts: many villages publish exactly that);
* a 财务公开 lists its income and expense line by line. A photo or a paragraph of the
  accounts is welcome beside the rows, but only rows give the totals, the open data and
  the searchable items the law's 逐项公开 means.

The same rule runs twice: in ``VillageDisclosurePage.clean()``, so the editor is told
at submission, and as a publication check, so that a draft saved without validation
(an autosave, an import, a script) cannot become public by any path.
"""

import html

from django.utils.html import strip_tags
from django.utils.translation import gettext

from content_models.disclosure.publication import Problem

from .categories import Category


def has_text(body):
    """Whether rich text holds anything to read: ``<p><br/></p>`` and ``&nbsp;`` do
    not count."""
    return bool(html.unescape(strip_tags(body or "")).strip())


def missing_content(category, body, row_count, attachment_count):
    """[(form field, Problem)] for what the disclosure lacks; [] when complete.

    The form field is where the admin shows the message (the inline panels have no
    field of their own; row problems already go to 公开类别)."""
    if category == Category.FINANCE:
        if row_count:
            return []
        return [
            (
                "category",
                Problem(
                    gettext("收支明细"),
                    gettext(
                        "财务公开须逐笔公开收支明细，本期还没有填写任何一条收入或支出"
                    ),
                    gettext("请在“收支明细”中逐笔填写本期的收入和支出"),
                ),
            )
        ]
    if row_count or attachment_count or has_text(body):
        return []
    return [
        (
            "body",
            Problem(
                gettext("公开内容"),
                gettext("公开内容为空，也没有附件，发布后群众看不到任何内容"),
                gettext("请填写公开内容，或上传附件（如公开栏照片）"),
            ),
        )
    ]


def required_content_check(item):
    """The publication check (``publication.register_check``)."""
    from .disclosures import VillageDisclosurePage  # the models import this module

    if not isinstance(item, VillageDisclosurePage):
        return []
    return [
        problem
        for _field, problem in missing_content(
            item.category,
            item.body,
            len(item.finance_rows.all()),
            len(item.attachments.all()),
        )
    ]

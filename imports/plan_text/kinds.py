"""What kind of document a title names, and which pages are not plans or notices.

The importer takes plans and what travels with them: programmes, work points,
opinions, rules and the notices that issue them. Government sites publish much
else in the same columns: reports, lists of recipients, statistics tables, news of
meetings. Such a page is refused with the reason, read from what the page says it
is (its title's last word), else from its shape (a table, a list announced "如下",
a news lead, a report's first heading).
"""

from __future__ import annotations

import re

from .model import Line
from .outline import match_heading
from .text import fold

# Words a plan's or notice's title ends with.
DOCUMENT_KINDS = (
    "规划",
    "计划",
    "方案",
    "要点",
    "纲要",
    "意见",
    "办法",
    "规则",
    "规定",
    "细则",
    "预案",
    "通知",
    "决定",
    "公告",
    "通告",
    "制度",
    "指南",
    "安排",
)
# Words a title ends with when the page is something else, and what that is.
OTHER_KINDS = {
    "报告": "报告 (a report)",
    "总结": "总结 (a report on work done)",
    "情况": "情况 (a report on progress)",
    "名单": "名单 (a list of names)",
    "名册": "名单 (a list of names)",
    "明细": "名单 (a list of payments)",
    "公示": "名单 (a public list)",
    "统计表": "表格 (a statistics table)",
    "一览表": "表格 (a table)",
}
_TRAILING = re.compile(r"(?:[(（][^()（）]*[)）]|[》」』\s])+$")
_TABLE_ROW = re.compile(r"\|.*\|")
_LIST_ANNOUNCED = re.compile(r"(?:名单|名册|花名册|明细)[^。；]{0,20}(?:如下|附后)")
# The lead of a news report: a day, then what happened (25号上午,我区召开…;
# 5月8日市民政局召开…).
_NEWS_LEAD = re.compile(
    r"^(?:(?:\d{4}年)?\d{1,2}月\d{1,2}[日号]|\d{1,2}[日号])"
    r"[^。；]{0,40}?(?:召开|举行|举办|来到|走访|调研|深入|看望|慰问)"
    r"|^(?:本报讯|新华社|记者)"
)
# A report says so in its opening: 现将我局2025年度法治政府建设情况报告如下.
_REPORT_ANNOUNCED = re.compile(r"现[将就][^。；]{0,60}?(?:报告|总结|汇报)如下")
_NEWS_TITLE = re.compile(r"召开|举行|举办|会议|座谈会|推进会|调研|慰问|走访|视察")


def title_kind(title: str | None) -> str | None:
    """The kind word a title ends with (a document kind or another), if any."""
    if not title:
        return None
    core = _TRAILING.sub("", fold(title)).strip()
    for word in (*DOCUMENT_KINDS, *OTHER_KINDS):
        if core.endswith(word):
            return word
    return None


def names_a_document(title: str | None) -> bool:
    return title_kind(title) in DOCUMENT_KINDS


def refusal(title: str | None, lines: list[Line]) -> str | None:
    """Why the page is not a plan or notice, or None when it may be one."""
    kind = title_kind(title)
    if kind in OTHER_KINDS:
        return f"the title “{title}” names a {OTHER_KINDS[kind]}"
    if kind in DOCUMENT_KINDS:
        return None
    texts = [line.text for line in lines]
    if texts and sum(1 for t in texts if _TABLE_ROW.search(t)) * 2 >= len(texts):
        return "the page is a 表格 (a table), not the text of a plan"
    announced = next((t for t in texts if _LIST_ANNOUNCED.search(fold(t))), None)
    if announced:
        return f"the page announces a 名单 (a list of names): “{announced[:40]}”"
    opening = next((t for t in texts[:3] if _REPORT_ANNOUNCED.search(fold(t))), None)
    if opening:
        match = _REPORT_ANNOUNCED.search(fold(opening))
        return f"the page announces a 报告 (a report): “{match.group(0)}”"
    lead = fold(texts[0]) if texts else ""
    if (title and _NEWS_TITLE.search(fold(title))) or _NEWS_LEAD.match(lead):
        return "the page is a 新闻 (a news report), not a plan or notice"
    # A report's headings are accounts of 情况; a plan may open with one
    # (一、基本情况), not with two of its first three.
    headings = [h for h in (match_heading(t) for t in texts[:60]) if h][:3]
    accounts = [h for h in headings if fold(h.title).rstrip("。.").endswith("情况")]
    if len(accounts) >= 2:
        return "the page reads as a 报告 (a report): its headings are " + "、".join(
            f"“{h.label}{h.title}”" for h in accounts
        )
    return None

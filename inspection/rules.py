"""The 2019 national inspection rules for government websites, as far as the portal
can check them itself: 《政府网站与政务新媒体检查指标》(国办秘函〔2019〕19号).

Every threshold the self-inspection uses is in ``RULES`` below, with the words of
the rule it comes from; nothing else in this app holds a number of days or a count.
Source: ../shared/docs/DOMAIN.md (A3), read against the rules' published text: a
site fails outright (单项否决) when one of these holds; broken links only cost points
(扣分), so their rule has no limit.
"""

import datetime
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

SOURCE = "国办秘函〔2019〕19号"


class ColumnKind(models.TextChoices):
    """How often a column must be updated, by what it publishes."""

    NEWS = "news", _("动态、要闻类栏目")
    NOTICES = "notices", _("通知公告、政策文件类栏目")
    OTHER = "other", _("其他应更新的栏目")


@dataclass(frozen=True)
class Window:
    """A span of time back from the moment of inspection: days or calendar months."""

    days: int = 0
    months: int = 0

    def start(self, now):
        """The earliest moment an update still counts at ``now``."""
        if self.months:
            now = months_before(now, self.months)
        return now - datetime.timedelta(days=self.days)


def months_before(moment, months):
    """The same day ``months`` calendar months earlier (the month's last day when the
    earlier month is shorter: 31 August - 6 months is 28/29 February)."""
    month_index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    next_month = datetime.date(year + month // 12, month % 12 + 1, 1)
    last_day = (next_month - datetime.timedelta(days=1)).day
    return moment.replace(year=year, month=month, day=min(moment.day, last_day))


@dataclass(frozen=True)
class Rule:
    code: str
    title: str  # what is wrong, as the dashboard says it
    window: Window | None  # how old the newest update (or the question) may be
    limit: int | None  # offenders allowed before the site fails; None: points only
    source: str  # the rule's words

    def fails_site(self, offenders):
        return self.limit is not None and offenders > self.limit


HOME_NOT_UPDATED = Rule(
    "home_not_updated",
    _("首页超过2周未更新"),
    Window(days=14),
    0,
    _("单项否决·网站不更新：监测时间点前2周内首页栏目无信息更新"),
)
NEWS_STALE = Rule(
    "news_stale",
    _("动态、要闻类栏目超过2周未更新"),
    Window(days=14),
    5,
    _("单项否决·栏目不更新：监测时间点前2周内，动态、要闻类栏目累计超过5个未更新"),
)
NOTICES_STALE = Rule(
    "notices_stale",
    _("通知公告、政策文件类栏目超过6个月未更新"),
    Window(months=6),
    5,
    _(
        "单项否决·栏目不更新：监测时间点前6个月内，通知公告、政策文件类栏目累计超过5个"
        "未更新"
    ),
)
# The rules do not say how long "长期" is; the first national census counted the
# columns above when stale, and we give every other column a year.
LONG_STALE = Rule(
    "long_stale",
    _("应更新但长期未更新的栏目"),
    Window(months=12),
    10,
    _("单项否决·栏目不更新：应更新但长期未更新的栏目数超过10个（其他栏目以12个月计）"),
)
EMPTY_COLUMN = Rule(
    "empty_column",
    _("空白栏目"),
    None,
    5,
    _("单项否决·栏目不更新：空白栏目数量超过5个"),
)
UNANSWERED = Rule(
    "unanswered",
    _("超过3个月未答复的申请或留言"),
    Window(months=3),
    0,
    _("单项否决·互动回应差：监测时间点前1年内，对网民留言超过3个月未回应"),
)
BROKEN_LINK = Rule(
    "broken_link",
    _("不能正常访问的链接"),
    None,
    None,
    _("扣分·链接可用性：首页及其他页面不能正常访问的链接数量"),
)

RULES = (
    HOME_NOT_UPDATED,
    NEWS_STALE,
    NOTICES_STALE,
    LONG_STALE,
    EMPTY_COLUMN,
    UNANSWERED,
    BROKEN_LINK,
)

# Which rule a stale column of each kind breaks.
STALE_RULE = {
    ColumnKind.NEWS: NEWS_STALE,
    ColumnKind.NOTICES: NOTICES_STALE,
    ColumnKind.OTHER: LONG_STALE,
}

# A column's kind when staff have not set one, by page type: the 文件栏目 holds
# 通知、公告 and 政策文件; plans, village and registry columns are "other".
DEFAULT_KIND = {"disclosure.articleindexpage": ColumnKind.NOTICES}


def default_kind(model_label):
    return DEFAULT_KIND.get(model_label.lower(), ColumnKind.OTHER)

"""Injected gambling text on hacked government pages.

Attackers who break into a site's CMS replace words inside ordinary sentences, and
in titles, with a sports-betting or score-site brand followed by a colon:
``加强开云体育:基层治理``. The brand is the signal, not the word 体育, which is
everywhere in plans (社区体育指导员, 全民健身). So we match:

1. a curated list of betting / score-site brands (Chinese names and the Latin
   spellings they advertise with), each optionally followed by a betting suffix
   (体育, 官网, app …), ending in a colon; and
2. the structural form ``<latin brand>体育/娱乐/比分…:``: Latin letters glued to a
   betting word and a colon never occur in a plan's own prose.

Extend ``BRANDS`` when a new brand shows up; each entry is a regex fragment.
"""

from __future__ import annotations

import re

from .model import Injection

BRANDS = (
    # sports-betting platforms; ambiguous words only together with a betting word
    r"开云",
    r"kaiyun",
    r"华体会",
    r"hth",
    r"乐鱼",
    r"leyu",
    r"m6米乐",
    r"米乐体育",
    r"亚博",
    r"yabo",
    r"必威",
    r"betway",
    r"bet365",
    r"半岛体育",
    r"九游会",
    r"j9九游",
    r"爱游戏",
    r"ayx",
    r"欧宝",
    r"ob体育",
    r"星空体育",
    r"bob",
    r"b体育",
    r"雷火电竞",
    r"尊龙",
    r"k8凯发",
    r"凯发",
    r"博亚体育",
    r"宝博体育",
    r"英皇体育",
    r"ag真人",
    r"pg电子",
    r"万博",
    r"manbetx",
    r"利来",
    r"龙8",
    r"long8",
    r"易游",
    # casinos
    r"澳门新?葡京",
    r"威尼斯人",
    r"金沙(?:娱乐|体育|集团)",
    r"太阳城",
    r"皇冠(?:体育|娱乐|足球)",
    r"新濠天地",
    r"永利(?:娱乐|体育)",
    r"百家乐",
    r"六合彩",
    r"时时彩",
    # score and odds sites
    r"球探",
    r"雷速",
    r"捷报比分",
    r"7m比分",
    r"即时比分",
    r"足球比分",
    r"篮球比分",
    r"比分网",
    r"比分直播",
)
# 福利彩票 and 体育彩票 are issued by the state (民政 runs the welfare lottery), so
# lottery words are deliberately absent from the list.

# Words the brands are advertised with: 开云体育官网, 乐鱼app, 球探比分 …
_SUFFIX = (
    r"(?:体育|娱乐|电竞|比分|真人|电子|平台|官网|官方网站|官方|网页版|网址|app"
    r"|在线|登录|登陆|入口|注册|下载|手机版|中国|集团|国际|直播"
    r"|[(（](?:中国|官方|官网)[)）])*"
)
_COLON = r"\s*[:：]"

_BRAND_PATTERN = re.compile(
    r"(?:[a-z0-9]{1,10}[·・.]?)?(?:" + "|".join(BRANDS) + r")" + _SUFFIX + _COLON,
    re.IGNORECASE,
)
_LATIN_BRAND_PATTERN = re.compile(
    r"[a-z][a-z0-9]{1,11}[·・.]?(?:体育|娱乐|电竞|比分|真人|棋牌)" + _SUFFIX + _COLON,
    re.IGNORECASE,
)
# The injected text replaces words inside a sentence: the colon is followed by text.
_ADVERT_LINE = re.compile(r"^(?:" + "|".join(BRANDS) + r")" + _SUFFIX + r"$", re.I)


def _ascii_word_continues(text: str, start: int) -> bool:
    """True when a Latin brand match starts inside a longer word (e.g. 'job:')."""
    return start > 0 and text[start - 1].isascii() and text[start - 1].isalnum()


def find_injections(text: str) -> list[tuple[int, int]]:
    """Spans of injected text in one line, left to right, non-overlapping."""
    spans: list[tuple[int, int]] = []
    for pattern in (_BRAND_PATTERN, _LATIN_BRAND_PATTERN):
        for match in pattern.finditer(text):
            start, end = match.span()
            if _ascii_word_continues(text, start):
                continue
            if any(
                start < other_end and other_start < end
                for other_start, other_end in spans
            ):
                continue
            spans.append((start, end))
    if not spans and _ADVERT_LINE.match(text.strip()):
        spans.append((0, len(text)))
    return sorted(spans)


def strip_injections(number: int, text: str) -> tuple[str, list[Injection]]:
    """Remove injected text from a line; report each piece with the line number."""
    spans = find_injections(text)
    if not spans:
        return text, []
    found = [
        Injection(line=number, text=text[start:end].strip()) for start, end in spans
    ]
    kept, cursor = [], 0
    for start, end in spans:
        kept.append(text[cursor:start])
        cursor = end
    kept.append(text[cursor:])
    return "".join(kept).strip(), found

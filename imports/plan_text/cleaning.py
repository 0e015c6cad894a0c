"""Site furniture and broken characters: what a page carries that a plan does not.

Furniture is recognised by what it *is* (share and print widgets, font-size
switches, comment boxes, address footers, disclaimers, the AI reading assistant),
never by position, so the same rules work for any site built on the usual
government CMS templates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .metadata import carries_metadata
from .model import Injection, Line
from .spam import strip_injections
from .text import REPLACEMENT_CHAR, fold, normalise_line

# A whole line that is one of these is furniture.
_FURNITURE_LINE = re.compile(
    r"""^(?:
        扫一扫.{0,20}|.{0,6}扫码.{0,16}|用手机扫描.{0,20}|(?:微信|手机)?扫一扫分享.*
      | (?:[【\[]?(?:打印(?:本页|此页|文章)?|保存|关闭(?:窗口|本页)?|收藏|分享(?:到)?
          |返回(?:顶部|首页|列表)?|纠错|大|中|小|默认|A\+|A-|字号|字体)[】\]]?[\s|/、:]*)+
      | 字体(?:大小)?[:\s].{0,20}|字号[:\s].{0,20}|【?字体[:：]?.{0,12}】?
      | 当前位置.*|您(?:当前)?的?位置.*|首页\s*[>›»].*|.{0,30}\s[>›»]\s.{0,60}
      | 导航(?:菜单|栏)?|网站导航|站内搜索|搜索|无障碍|长者模式|繁体版?|简体版?|English
      | 上一篇.*|下一篇.*|相关(?:链接|文章|阅读|新闻|文件|附件)[:：]?
      | 分享到[:：]?.*|浏览(?:次数|量)[:：]?.*|访问(?:次数|量)[:：]?.*
      | 阅读(?:次数|量)[:：]?.*
      | 本文地址[:：].*|原文(?:地址|链接)[:：].*|文章(?:地址|链接)[:：].*
      | 来源网址[:：].*
      | 验证码[:：]?.*|留言(?:与|和)?评论.*|发表评论.*|评论(?:内容)?[:：].*|我要评论
      | 网友评论.*|昵称[:：].*|提交|重置
      | 免责声明[:：]?|本文仅代表作者观点.*|.*不代表本站立场.*|.*版权所有.*|.*ICP备.*
      | .*公网安备.*|主办单位[:：].*|承办单位[:：].*|技术支持[:：].*|网站标识码.*
      | 阅读原文|阅读摘要|停止回答|我要对文章提问|语音正在加载中.*|点击开始解析.*
      | \{\{.*\}\}|全文共计.{0,6}字.*
    )$""",
    re.VERBOSE,
)

# Widgets that swallow the rest of the page: once one starts, nothing that follows
# belongs to the document (the AI reading assistant sits below the article).
_WIDGET_START = re.compile(r"^(?:AI阅读助手|AI助手|智能问答|留言与评论|网友留言)[:：]?")

# Furniture run into a metadata line: "来源: 九原区发改委 全文共计字,预计阅读时间 分钟",
# "来源: 市民政局 浏览量: 【字体:   打印", "[字体:  ]".
_INLINE_FURNITURE = re.compile(
    r"\s*(?:全文共计\s*\d*\s*字[,，]?\s*预计阅读时间\s*\d*\s*分钟"
    r"|[【\[]?\s*(?:字体|字号)(?:大小)?\s*[:：]?\s*[【\[]?\s*(?:大\s*中\s*小)?\s*[\]】]?"
    r"\s*(?:[【\[]?打印[】\]]?)?(?:[【\[]?关闭[】\]]?)?"
    r"|【?打印】?【?关闭】?"
    r"|(?:浏览|访问|阅读|点击)(?:次数|量)[:：]\s*[\d-]*\s*次?)"
)


@dataclass
class CleanText:
    lines: list[Line]
    injections: list[Injection] = field(default_factory=list)
    removed_noise_lines: int = 0
    warnings: list[str] = field(default_factory=list)


def is_furniture(text: str) -> bool:
    # A line that opens with a widget (阅读次数:) may still carry the page's
    # metadata (``阅读次数:- 信息来源: 兴宁市人民政府办公室 发布时间:2023-12-29``).
    return bool(_FURNITURE_LINE.match(fold(text))) and not carries_metadata(text)


def _repair_truncation(number: int, text: str, warnings: list[str]) -> str:
    """Drop characters that were cut in half (U+FFFD) and say where."""
    if REPLACEMENT_CHAR not in text:
        return text
    if text.rstrip().endswith(REPLACEMENT_CHAR):
        warnings.append(
            f"line {number}: text cut off mid-character; the broken character "
            "was removed"
        )
    else:
        warnings.append(f"line {number}: undecodable character removed")
    return text.replace(REPLACEMENT_CHAR, "")


def clean_lines(raw: str) -> CleanText:
    """Normalised, spam-free, furniture-free non-empty lines with input numbers."""
    result = CleanText(lines=[])
    for number, original in enumerate(raw.splitlines(), start=1):
        text = _repair_truncation(number, original, result.warnings)
        text = normalise_line(text)
        if not text:
            continue
        text, injections = strip_injections(number, text)
        result.injections.extend(injections)
        if not text:
            continue
        if _WIDGET_START.match(fold(text)):
            result.removed_noise_lines += _count_rest(raw, number)
            break
        text = _INLINE_FURNITURE.sub("", text).strip()
        if not text or is_furniture(text):
            result.removed_noise_lines += 1
            continue
        result.lines.append(Line(number, text))
    return result


def _count_rest(raw: str, from_number: int) -> int:
    rest = raw.splitlines()[from_number - 1 :]
    return sum(1 for line in rest if normalise_line(line))

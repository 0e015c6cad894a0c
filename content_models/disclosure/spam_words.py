"""Injected gambling and porn text: the word lists and patterns, in one place for the
publication guard (``publishing/guards/spam.py``) and the plan importer
(``imports/plan_text/spam.py``).

Hacked county sites carry 博彩 and porn text and links planted in old pages
(../shared/docs/DOMAIN.md E). Two lists, for two ways the text turns up:

- ``SPAM_WORDS``: words looked for anywhere in what an editor is about to publish.
  A word list is blunt, so ``LEGITIMATE_PHRASES`` that contain a listed word
  (福利彩票, 打击淫秽色情) are taken out before the words are looked for.
- ``BETTING_BRANDS``: attackers who break into a site's CMS replace words inside
  ordinary sentences, and in titles, with a sports-betting or score-site brand
  followed by a colon: ``加强开云体育:基层治理``. The brand is the signal, not the
  word 体育, which is everywhere in plans (社区体育指导员, 全民健身). So the patterns
  match a listed brand, optionally followed by a betting suffix (体育, 官网, app …),
  ending in a colon (``BRAND_INJECTION``); the structural form ``<latin
  brand>体育/娱乐/比分…:`` (``LATIN_BRAND_INJECTION``: Latin letters glued to a
  betting word and a colon never occur in a plan's own prose); and a line that is
  only a brand advert (``ADVERT_LINE``).

Add a word to ``SPAM_WORDS`` when editors meet it, and a brand to ``BETTING_BRANDS``
(a regex fragment) when an imported page shows it. Only the standard library is used,
so the pure plan parser may import this module.
"""

import re

SPAM_WORDS = (
    # gambling
    "博彩",
    "赌场",
    "六合彩",
    "时时彩",
    "百家乐",
    "澳门赌",
    "新葡京",
    "真人娱乐",
    "娱乐城",
    "彩票平台",
    "彩票网投",
    "北京赛车",
    "幸运飞艇",
    "老虎机",
    "体育投注",
    "足球投注",
    "棋牌娱乐",
    "casino",
    "baccarat",
    "bet365",
    # porn
    "色情",
    "成人视频",
    "成人电影",
    "约炮",
    "裸聊",
    "一夜情",
    "援交",
    "porn",
    # keyword titles planted on hacked county pages (seen in tests/imports/pages/)
    "福利影院",
    "久久精品",
    "精品国产",
    "国产av",
    "毛片",
    "三级片",
    "无码",
    "自拍偷拍",
    "成人性爱",
)
# Legitimate phrases containing a listed word: 福利彩票 and 体育彩票 are state
# lotteries whose 公益金 civil-affairs bureaus report on; bureaus also publish
# campaigns against pornography.
LEGITIMATE_PHRASES = (
    "福利彩票",
    "体育彩票",
    "淫秽色情",
    "打击色情",
    "扫黄",
)


def spam_words_in(text):
    """The ``SPAM_WORDS`` in ``text`` (any case), legitimate phrases left aside."""
    text = (text or "").lower()
    for phrase in LEGITIMATE_PHRASES:
        text = text.replace(phrase, " ")
    return [word for word in SPAM_WORDS if word in text]


BETTING_BRANDS = (
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

BRAND_INJECTION = re.compile(
    r"(?:[a-z0-9]{1,10}[·・.]?)?(?:"
    + "|".join(BETTING_BRANDS)
    + r")"
    + _SUFFIX
    + _COLON,
    re.IGNORECASE,
)
LATIN_BRAND_INJECTION = re.compile(
    r"[a-z][a-z0-9]{1,11}[·・.]?(?:体育|娱乐|电竞|比分|真人|棋牌)" + _SUFFIX + _COLON,
    re.IGNORECASE,
)
# The injected text replaces words inside a sentence: the colon is followed by text.
ADVERT_LINE = re.compile(
    r"^(?:" + "|".join(BETTING_BRANDS) + r")" + _SUFFIX + r"$", re.I
)

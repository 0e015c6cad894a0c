"""Guard: injected spam — gambling and porn words, hidden links, links to sites not on
the administrator's allow-list.

Hacked county sites carry 博彩 and porn text and links planted in old pages
(../shared/docs/DOMAIN.md E). The words, and the legitimate phrases that contain one
(福利彩票, 打击淫秽色情), are ``content_models.disclosure.spam_words``, shared with the
plan importer.
"""

import re
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.html import strip_tags
from django.utils.translation import gettext

from wagtail.models import Site

from content_models.disclosure.publication import Problem
from content_models.disclosure.spam_words import spam_words_in

from ..guard_models import AllowedDomain
from .html import read_html
from .texts import texts_of

_URL_IN_TEXT = re.compile(r"https?://[^\s\"'<>，。；、）)]+", re.IGNORECASE)
SAFE_SCHEMES = ("", "http", "https", "mailto", "tel")


def spam_check(item):
    allowed = allowed_domains()
    problems = []
    for text in texts_of(item):
        plain = strip_tags(text.value) if text.is_html else text.value
        problems.extend(_word_problems(text.where, plain))
        if text.is_html:
            problems.extend(_link_problems(text.where, text.value, allowed))
        else:
            problems.extend(_url_problems(text.where, plain, allowed))
    return problems


def allowed_domains():
    """The allow-list plus the site's own hosts (always allowed)."""
    own = set(Site.objects.values_list("hostname", flat=True))
    own.update(host.lstrip(".") for host in settings.ALLOWED_HOSTS if host != "*")
    base_url = getattr(settings, "WAGTAILADMIN_BASE_URL", "")
    if base_url:
        own.add(urlsplit(base_url).hostname or "")
    listed = set(AllowedDomain.objects.values_list("domain", flat=True))
    return {domain.lower() for domain in own | listed if domain}


def is_allowed_host(host, allowed):
    host = (host or "").lower().rstrip(".")
    return any(host == domain or host.endswith("." + domain) for domain in allowed)


def link_problem(href, allowed):
    """Why a link may not be published, or None (relative links always pass)."""
    try:
        parts = urlsplit(href)
    except ValueError:
        return gettext("链接地址“%(href)s”无法识别") % {"href": href}
    if parts.scheme.lower() not in SAFE_SCHEMES:
        return gettext("链接地址“%(href)s”不是网页链接") % {"href": href}
    words = spam_words_in(href)
    if words:
        return gettext("链接“%(href)s”疑似赌博、色情网站（%(words)s）") % {
            "href": href,
            "words": "、".join(words),
        }
    if parts.hostname and not is_allowed_host(parts.hostname, allowed):
        return gettext("链接指向不在允许名单中的网站%(host)s") % {
            "host": parts.hostname
        }
    return None


def _word_problems(where, text):
    words = spam_words_in(text)
    if not words:
        return []
    return [
        Problem(
            where,
            gettext("含有疑似被植入的赌博、色情内容：%(words)s")
            % {"words": "、".join(words)},
            gettext("请删除这些内容，并检查账号和网站是否被入侵"),
        )
    ]


def _link_problems(where, html, allowed):
    problems = []
    for link in read_html(html).links:
        if link.hidden:
            problems.append(
                Problem(
                    where,
                    gettext("含有隐藏链接“%(href)s”，读者看不见但搜索引擎能看见")
                    % {"href": link.href},
                    gettext("请删除该链接，并检查账号和网站是否被入侵"),
                )
            )
            continue
        problem = link_problem(link.href, allowed)
        if problem:
            problems.append(Problem(where, problem, _link_fix()))
    return problems


def _url_problems(where, text, allowed):
    return [
        Problem(where, problem, _link_fix())
        for url in _URL_IN_TEXT.findall(text)
        if (problem := link_problem(url, allowed))
    ]


def _link_fix():
    return gettext(
        "请删除该链接；确需链接的，请管理员在“设置 → 允许链接的域名”中添加该网站"
    )

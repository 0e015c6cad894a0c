"""Links to other sites, checked over HTTP within bounds: a timeout per request, a
few requests at a time to any one host (we must not hammer a small county site), a
thread pool for the whole run.

HEAD first, because it costs the other site nothing; then GET, because many servers
answer HEAD wrongly (405, 403, 404) while serving the page. ``requests`` comes with
Wagtail (its own dependency), so nothing is added.
"""

import threading
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.utils.translation import gettext as _

import requests

MAX_REDIRECTS = 10
USER_AGENT = "portal-link-check/1 (+government website self-inspection)"


@dataclass(frozen=True)
class Outcome:
    status: int | None
    error: str  # "" when the link works

    @property
    def broken(self):
        return bool(self.error)


def check_urls(urls, *, timeout, per_host, workers):
    """{url: Outcome} for each url; at most ``per_host`` requests to one host at a
    time and ``workers`` in all."""
    gates = defaultdict(lambda: threading.BoundedSemaphore(per_host))
    lock = threading.Lock()

    def gate_for(url):
        with lock:
            return gates[(urlsplit(url).hostname or "").lower()]

    def check(url):
        with gate_for(url):
            return url, check_url(url, timeout=timeout)

    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        return dict(pool.map(check, urls))


def check_url(url, *, timeout):
    with requests.Session() as session:
        session.max_redirects = MAX_REDIRECTS
        session.headers["User-Agent"] = USER_AGENT
        try:
            status = _status(session, "HEAD", url, timeout)
            if status >= 400:
                status = _status(session, "GET", url, timeout)
        except requests.TooManyRedirects:
            return Outcome(None, _("重定向次数过多"))
        except requests.Timeout:
            return Outcome(None, _("访问超时"))
        except requests.ConnectionError:
            return Outcome(None, _("无法连接"))
        except requests.RequestException:
            return Outcome(None, _("地址无效"))
    if status >= 400:
        return Outcome(status, _("返回错误 %(status)s") % {"status": status})
    return Outcome(status, "")


def _status(session, method, url, timeout):
    # stream=True: a GET reads the headers only, never the body.
    with session.request(
        method, url, timeout=timeout, allow_redirects=True, stream=True
    ) as response:
        return response.status_code

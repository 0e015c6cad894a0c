"""The public ledger for readers: the JSON API (/api/v1/ledger, /api/v1/ledger/<seq>),
the page that explains how to check it (/ledger/) and earlier public versions
(/ledger/versions/<seq>/). The chain itself is defined in ledger.py."""

import json
import re

from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from .ledger import GENESIS, hashed_fields, shows_content, withdrawn_now
from .models import LedgerEntry

PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
LATEST_ON_PAGE = 20
API_CACHE_SECONDS = 60
_NUMBER = re.compile(r"[0-9]{1,9}")


class BadParameter(ValueError):
    def __init__(self, name, message):
        super().__init__(message)
        self.name = name
        self.message = message


def _positive(params, name, default, maximum):
    raw = params.get(name, "").strip()
    if not raw:
        return default
    if not _NUMBER.fullmatch(raw) or int(raw) < 1:
        raise BadParameter(name, _("应为正整数"))
    if int(raw) > maximum:
        raise BadParameter(name, _("不能大于 %(maximum)s") % {"maximum": maximum})
    return int(raw)


# -- the API ----------------------------------------------------------------------


def _json(body, status=200):
    """Open to every origin (watchdogs' tools call it from anywhere), cached briefly
    when it answers, never when it refuses."""
    response = JsonResponse(
        body, status=status, json_dumps_params={"ensure_ascii": False}
    )
    response["Access-Control-Allow-Origin"] = "*"
    if status == 200:
        patch_cache_control(response, public=True, max_age=API_CACHE_SECONDS)
    else:
        patch_cache_control(response, no_store=True)
    return response


def _error(status, parameter, message):
    return _json({"error": {"parameter": parameter, "message": str(message)}}, status)


def entry_json(request, entry, withdrawn=None):
    """One entry as the API gives it: the fields of the hash recipe exactly as hashed
    (``time`` included), plus what people read (title, address, note)."""
    fields = hashed_fields(entry)
    fields["item"].update(
        title=entry.title,
        url=request.build_absolute_uri(entry.url) if entry.url else "",
    )
    return {
        **fields,
        "note": entry.note,
        "hash": entry.hash,
        "detail": request.build_absolute_uri(
            reverse("ledger_api:entry", args=[entry.seq])
        ),
        "version": (
            request.build_absolute_uri(reverse("ledger:version", args=[entry.seq]))
            if shows_content(entry, withdrawn)
            else None
        ),
    }


@require_safe
def ledger_api(request):
    """``{"count", "page", "page_size", "pages", "previous", "next", "entries"}``,
    newest entry first; a page past the last one has no entries."""
    try:
        page = _positive(request.GET, "page", 1, 10**9)
        size = _positive(request.GET, "page_size", PAGE_SIZE, MAX_PAGE_SIZE)
    except BadParameter as error:
        return _error(400, error.name, error.message)
    count = LedgerEntry.objects.count()
    pages = max(1, -(-count // size))
    start = (page - 1) * size
    entries = list(LedgerEntry.objects.order_by("-seq")[start : start + size])
    withdrawn = withdrawn_now(entry.item_key for entry in entries)
    return _json(
        {
            "count": count,
            "page": page,
            "page_size": size,
            "pages": pages,
            "previous": _page_url(request, page - 1, size) if page > 1 else None,
            "next": _page_url(request, page + 1, size) if page < pages else None,
            "entries": [entry_json(request, entry, withdrawn) for entry in entries],
        }
    )


def _page_url(request, page, size):
    path = reverse("ledger_api:list")
    return request.build_absolute_uri(f"{path}?page={page}&page_size={size}")


@require_safe
def ledger_entry_api(request, seq):
    """One entry with ``snapshot``: the canonical JSON whose SHA-256 is
    ``content_sha256`` (empty for a withdrawal, and for every entry of an item that is
    withdrawn now)."""
    entry = LedgerEntry.objects.filter(seq=seq).first()
    if entry is None:
        return _error(404, None, _("没有这一条台账记录"))
    snapshot = entry.snapshot if shows_content(entry) else ""
    return _json({**entry_json(request, entry), "snapshot": snapshot})


# -- the pages --------------------------------------------------------------------


@require_safe
def ledger_page(request):
    return render(
        request,
        "publishing/ledger.html",
        {
            "entries": LedgerEntry.objects.order_by("-seq")[:LATEST_ON_PAGE],
            "count": LedgerEntry.objects.count(),
            "api_url": request.build_absolute_uri(reverse("ledger_api:list")),
            "genesis": GENESIS,
        },
    )


@require_safe
def version_page(request, seq):
    """An earlier public version, from the stored snapshot (escaped like any text).
    Kept out of search engines: readers should land on the current version."""
    entry = get_object_or_404(LedgerEntry, seq=seq)
    if not shows_content(entry):
        raise Http404
    versions = LedgerEntry.objects.filter(item_key=entry.item_key).order_by("seq")
    latest = versions.last()
    response = render(
        request,
        "publishing/versions.html",
        {
            "entry": entry,
            "version": json.loads(entry.snapshot),
            "versions": versions,
            "latest": latest,
            "is_current": latest == entry,
        },
    )
    response["X-Robots-Tag"] = "noindex"
    return response

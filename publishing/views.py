"""The public ledger for readers: the JSON API (/api/v1/ledger, /api/v1/ledger/<seq>),
the page that explains how to check it (/ledger/) and earlier public versions
(/ledger/versions/<seq>/). The chain itself is defined in ledger.py; errors, CORS and
cursor paging are those of every /api/v1 answer (content_models.disclosure.api), and
so is the per-client rate limit (content_models/disclosure/ratelimit.py)."""

import json
import re

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from content_models.disclosure.api import (
    api_view,
    decode_cursor,
    encode_cursor,
    error_response,
    json_response,
    next_url,
    read_page_size,
    refuse_unknown,
)
from content_models.disclosure.ratelimit import limit_rate

from .ledger import GENESIS, hashed_fields, shows_content, withdrawn_now
from .models import LedgerEntry

PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
LATEST_ON_PAGE = 20
API_CACHE_SECONDS = 60
_NUMBER = re.compile(r"[0-9]{1,9}")


def _read_cursor(text):
    """The ``seq`` a ledger cursor holds: the page continues with older entries."""
    if not _NUMBER.fullmatch(text):
        raise ValueError(text)
    return int(text)


# -- the API ----------------------------------------------------------------------


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


@limit_rate("ledger")
@api_view
def ledger_api(request):
    """``{"count", "results", "next"}``, newest entry first, ``page_size`` entries a
    page; ``next`` carries a cursor holding the last ``seq`` shown, so entries
    appended meanwhile never shift the pages that follow."""
    refuse_unknown(request.GET, ("cursor", "page_size"))
    size = read_page_size(request.GET.get("page_size"), PAGE_SIZE, MAX_PAGE_SIZE)
    cursor = request.GET.get("cursor", "").strip()
    entries = LedgerEntry.objects.order_by("-seq")
    if cursor:
        entries = entries.filter(seq__lt=decode_cursor(cursor, _read_cursor))
    page = list(entries[: size + 1])
    more, page = len(page) > size, page[:size]
    withdrawn = withdrawn_now(entry.item_key for entry in page)
    return json_response(
        {
            "count": LedgerEntry.objects.count(),
            "results": [entry_json(request, entry, withdrawn) for entry in page],
            "next": (
                next_url(request, encode_cursor(str(page[-1].seq))) if more else None
            ),
        },
        max_age=API_CACHE_SECONDS,
    )


@limit_rate("ledger")
@api_view
def ledger_entry_api(request, seq):
    """One entry with ``snapshot``: the canonical JSON whose SHA-256 is
    ``content_sha256`` (empty for a withdrawal, and for every entry of an item that is
    withdrawn now)."""
    refuse_unknown(request.GET, ())
    entry = LedgerEntry.objects.filter(seq=seq).first()
    if entry is None:
        return error_response(404, _("没有这一条台账记录"))
    snapshot = entry.snapshot if shows_content(entry) else ""
    return json_response(
        {**entry_json(request, entry), "snapshot": snapshot}, max_age=API_CACHE_SECONDS
    )


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

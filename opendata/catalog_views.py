"""The open data catalogue: for machines, /opendata/catalog.jsonld (DCAT-AP 3.0, paged
with Hydra: ``?page=N``; the same as Turtle at catalog.ttl and RDF/XML at catalog.rdf)
and /opendata/<dataset>/datapackage.json (Frictionless); for people, /opendata/,
/opendata/<dataset>/ and /opendata/licence/ in each language. The documents themselves
are in ``catalog.py`` and ``dcat.py``.

The JSON documents answer ``ETag`` / ``Last-Modified`` from the datasets' change marks
and the releases, so tools that poll the catalogue get a 304 for one or two queries.
"""

import hashlib
import json

from django.core.cache import cache
from django.db.models import Count, Max
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from rdflib import Graph

from content_models.disclosure.api import (
    BadParameter,
    bad_parameter_response,
    error_response,
    refuse_unknown,
)

from . import catalog, dcat
from .changes import state_of, states_of
from .datasets import DATASETS
from .downloads import get_dataset_or_404
from .licences import add_licence_link, current_terms
from .models import ReleaseFile
from .schema import BOOLEAN, DATE, DATETIME, INTEGER, NUMBER, STRING

# Part of every ETag: a new shape of the documents must not be answered with a 304.
SHAPE = "2"
# The catalogue's serialisations: suffix -> (rdflib format, media type).
RDF_FORMATS = {
    "jsonld": ("json-ld", "application/ld+json; charset=utf-8"),
    "ttl": ("turtle", "text/turtle; charset=utf-8"),
    "rdf": ("xml", "application/rdf+xml; charset=utf-8"),
}

TYPE_NAMES = {
    STRING: _("文本"),
    INTEGER: _("整数"),
    NUMBER: _("数值"),
    BOOLEAN: _("是/否"),
    DATE: _("日期"),
    DATETIME: _("日期时间"),
}


# -- the JSON documents ---------------------------------------------------------------


@require_safe
def catalog_jsonld(request):
    return catalog_document(request, "jsonld")


@require_safe
def catalog_document(request, fmt):
    try:
        refuse_unknown(request.GET, ["page"])
        number = _page_number(request.GET.get("page"))
    except BadParameter as error:
        return bad_parameter_response(error)
    if number > dcat.page_count():
        return error_response(
            404,
            _("目录只有%(count)d页。") % {"count": dcat.page_count()},
            "page",
        )
    states = list(states_of(DATASETS.values()).values())
    mark = _release_mark()
    parts = [f"{state.slug}:{state.generation}" for state in states]
    parts += [_mark_text(mark), catalog.publisher_name(), fmt, number]
    moments = [state.changed_at for state in states] + [mark["cut_at"]]
    address = request.build_absolute_uri(request.path)
    rdf_format, content_type = RDF_FORMATS[fmt]

    def build():
        document = dcat.catalog_page(request, number, address)
        if fmt == "jsonld":
            return document
        graph = Graph().parse(data=json.dumps(document), format="json-ld")
        return graph.serialize(format=rdf_format)

    response = _document(
        request,
        build,
        tag=("catalog", *parts),
        changed_at=max(moment for moment in moments if moment is not None),
        content_type=content_type,
    )
    # The other serialisations of this page, for a client that prefers one.
    response["Link"] = ", ".join(
        [
            *([response["Link"]] if response.has_header("Link") else []),
            *(
                f"<{address.rsplit('.', 1)[0]}.{other}?page={number}>; "
                f'rel="alternate"; type="{RDF_FORMATS[other][1].split(";")[0]}"'
                for other in RDF_FORMATS
                if other != fmt
            ),
        ]
    )
    return response


def _page_number(value):
    """``page``: a whole number from 1; 1 when not given."""
    value = (value or "").strip()
    if not value:
        return 1
    if not value.isascii() or not value.isdigit() or int(value) < 1:
        raise BadParameter("page", _("应为从1开始的整数。"))
    return int(value)


@require_safe
def datapackage_json(request, slug):
    dataset = get_dataset_or_404(slug)
    state = state_of(dataset)
    mark = _release_mark(slug)
    moments = [state.changed_at, mark["cut_at"]]
    return _document(
        request,
        lambda: catalog.datapackage(dataset, request),
        tag=("datapackage", slug, state.generation, _mark_text(mark)),
        changed_at=max(moment for moment in moments if moment is not None),
        content_type="application/json; charset=utf-8",
    )


def _release_mark(slug=None):
    """What changes when a release (of ``slug``) is cut: its files and its time."""
    files = ReleaseFile.objects.all()
    if slug is not None:
        files = files.filter(dataset=slug)
    return files.aggregate(
        count=Count("pk"), last=Max("pk"), cut_at=Max("release__cut_at")
    )


def _mark_text(mark):
    return f"{mark['count']}-{mark['last']}"


def _etag(request, kind, *parts):
    # The host is in the document's addresses, so it is in the ETag as well.
    text = "|".join(str(part) for part in (SHAPE, request.get_host(), *parts))
    return f'"{kind}-{hashlib.sha256(text.encode()).hexdigest()[:32]}"'


def _document(request, build, tag, changed_at, content_type):
    etag = _etag(request, *tag)
    last_modified = int(changed_at.timestamp())
    response = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if response is None:
        built = build()
        body = (
            built
            if isinstance(built, str)
            else json.dumps(built, ensure_ascii=False, indent=2)
        )
        response = add_licence_link(
            request, HttpResponse(body, content_type=content_type)
        )
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    patch_cache_control(response, public=True, no_cache=True)
    return response


# -- the pages ------------------------------------------------------------------------


@require_safe
def index_page(request):
    entries = catalog.releases()
    states = states_of(DATASETS.values())
    datasets_of = {entry.release.pk: entry.datasets for entry in entries}
    return render(
        request,
        "opendata/index.html",
        {
            "datasets": [
                _summary(request, dataset, states[dataset.slug])
                for dataset in DATASETS.values()
            ],
            "releases": [
                _release_summary(request, entry, datasets_of=datasets_of)
                for entry in entries
            ],
            "catalog_url": catalog.absolute(request, "opendata-catalog"),
            "openapi_url": catalog.absolute(request, "opendata-openapi"),
            "terms": current_terms(request),
        },
    )


@require_safe
def licence_page(request):
    """The licence, the terms of use and the contact point, in full."""
    terms = current_terms(request)
    return render(
        request,
        "opendata/licence.html",
        {
            "terms": terms,
            "publishers": [
                {"title": dataset.title, "name": terms.publisher_of(slug)[0]}
                for slug, dataset in DATASETS.items()
            ],
        },
    )


@require_safe
def dataset_page(request, slug):
    dataset = get_dataset_or_404(slug)
    entries = catalog.releases(slug)
    terms = current_terms(request)
    return render(
        request,
        "opendata/dataset.html",
        {
            "dataset": _summary(request, dataset, state_of(dataset)),
            "fields": [_field_row(column) for column in dataset.fields],
            "primary_key": dataset.primary_key,
            "filters": dataset.offers(),
            "api_example": catalog.absolute(request, "opendata-api", slug=slug)
            + "?page_size=10",
            "releases": [_release_summary(request, entry, slug) for entry in entries],
            "openapi_url": catalog.absolute(request, "opendata-openapi"),
            "terms": terms,
            "publisher": terms.publisher_of(slug),
        },
    )


def _row_count(dataset, state):
    # Counting a million rows takes a moment; the count changes only with the mark.
    moment = state.changed_at.timestamp()
    key = f"opendata-rows:{dataset.slug}:{state.generation}:{moment}"
    return cache.get_or_set(key, lambda: dataset.count(dataset.queryset()), 3600)


def _summary(request, dataset, state):
    return {
        "slug": dataset.slug,
        "title": dataset.title,
        "description": dataset.description,
        "rows": _row_count(dataset, state),
        "changed_at": state.changed_at,
        "page_url": catalog.page_url(
            request, "opendata-dataset", translation.get_language(), slug=dataset.slug
        ),
        "downloads": [
            {
                "format": fmt,
                "name": catalog.FORMAT_NAMES[fmt],
                "url": catalog.file_url(request, dataset, fmt),
            }
            for fmt in catalog.FORMAT_ORDER
        ],
        "datapackage_url": catalog.datapackage_url(request, dataset),
        "api_url": catalog.absolute(request, "opendata-api", slug=dataset.slug),
    }


def _field_row(column):
    constraints = column.constraints()
    labels = dict(column.choices.choices) if column.choices is not None else {}
    return {
        "name": column.name,
        "type": column.type,
        "type_name": TYPE_NAMES[column.type],
        "title": column.title,
        "description": column.description,
        "required": constraints.get("required", False),
        "unique": constraints.get("unique", False),
        "pattern": constraints.get("pattern", ""),
        "enum": [
            (value, labels.get(value, "")) for value in constraints.get("enum", ())
        ],
    }


def _release_summary(request, entry, slug=None, datasets_of=None):
    """A release for the pages: its files (with addresses) and the differences from
    the release before it: of ``slug``, or of every dataset both releases have
    (``datasets_of``: release pk -> its datasets)."""
    release = entry.release
    previous = entry.previous
    if previous is None:
        diff_slugs = []
    elif slug is not None:
        diff_slugs = [slug]
    else:
        before = datasets_of.get(previous.pk, ())
        diff_slugs = [name for name in entry.datasets if name in before]
    return {
        "release": release,
        "files": [
            {
                "file": release_file,
                "url": catalog.release_file_url(request, release_file),
            }
            for release_file in entry.files
        ],
        "checksums_url": catalog.checksums_url(request, release),
        "previous": previous,
        "diffs": [
            {
                "slug": diff_slug,
                "title": DATASETS[diff_slug].title
                if diff_slug in DATASETS
                else diff_slug,
                "urls": catalog.diff_urls(request, diff_slug, previous, release),
            }
            for diff_slug in diff_slugs
        ],
    }

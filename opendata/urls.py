"""Open data addresses. ``files`` and ``api`` are the same in every language;
``pages`` (the HTML catalogue) sit under the language prefix."""

from django.urls import re_path

from . import api as read_api
from . import catalog_views, downloads, feedback, release_views, tables
from . import openapi as read_openapi
from .feeds import CreditListAtom
from .usage import API_CALLS, DOWNLOADS, counted

FORMAT = r"(?P<fmt>csv|xlsx|jsonl|json)"
SLUG = r"(?P<slug>[a-z0-9-]+)"

files = [
    re_path(
        rf"^opendata/{SLUG}\.{FORMAT}$",
        counted(DOWNLOADS)(downloads.download),
        name="opendata-file",
    ),
    # -- views of a table (tables.py) and the credit-list feed --
    re_path(
        rf"^opendata/{SLUG}/table\.(?P<fmt>csv|json)$",
        tables.table_file,
        name="opendata-table-file",
    ),
    re_path(
        r"^opendata/credit-list\.atom$", CreditListAtom(), name="opendata-credit-feed"
    ),
    # -- catalogue and schemas (catalog.jsonld, datapackage.json) --
    re_path(
        r"^opendata/catalog\.jsonld$",
        catalog_views.catalog_jsonld,
        name="opendata-catalog",
    ),
    re_path(
        r"^opendata/catalog\.(?P<fmt>ttl|rdf)$",
        catalog_views.catalog_document,
        name="opendata-catalog-rdf",
    ),
    re_path(
        rf"^opendata/{SLUG}/datapackage\.json$",
        catalog_views.datapackage_json,
        name="opendata-datapackage",
    ),
    # -- releases and diffs --
    re_path(
        rf"^opendata/releases/(?P<label>[0-9A-Za-z-]+)/{SLUG}\.{FORMAT}$",
        release_views.release_file,
        name="opendata-release-file",
    ),
    re_path(
        rf"^opendata/releases/(?P<label>[0-9A-Za-z-]+)/{SLUG}\.datapackage\.json$",
        release_views.release_datapackage,
        name="opendata-release-datapackage",
    ),
    re_path(
        r"^opendata/releases/(?P<label>[0-9A-Za-z-]+)/SHA256SUMS$",
        release_views.release_checksums,
        name="opendata-release-checksums",
    ),
    re_path(
        rf"^opendata/diffs/(?P<from_label>[0-9A-Za-z-]+)\.\.(?P<to_label>[0-9A-Za-z-]+)/"
        rf"{SLUG}\.(?P<fmt>json|csv)$",
        release_views.diff,
        name="opendata-diff",
    ),
]

api = [
    # -- read API (/api/v1/openapi.json, /api/v1/<dataset>) --
    re_path(r"^api/v1/openapi\.json$", read_openapi.openapi, name="opendata-openapi"),
    re_path(
        rf"^api/v1/{SLUG}$",
        counted(API_CALLS)(read_api.dataset_api),
        name="opendata-api",
    ),
    # Last of every /api/v1 address (search's and the ledger's come before).
    re_path(r"^api/v1/(?P<rest>.*)$", read_api.no_such_address),
]

pages = [
    # -- the HTML catalogue (/opendata/) --
    re_path(r"^opendata/$", catalog_views.index_page, name="opendata-index"),
    re_path(
        r"^opendata/licence/$", catalog_views.licence_page, name="opendata-licence"
    ),
    re_path(
        rf"^opendata/{SLUG}/$", catalog_views.dataset_page, name="opendata-dataset"
    ),
    re_path(rf"^opendata/{SLUG}/table/$", tables.table_page, name="opendata-table"),
    re_path(
        rf"^opendata/{SLUG}/requests/$",
        feedback.submit_request,
        name="opendata-request",
    ),
]

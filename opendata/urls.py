"""Open data addresses. ``files`` and ``api`` are the same in every language;
``pages`` (the HTML catalogue) sit under the language prefix."""

from django.urls import re_path

from . import downloads

FORMAT = r"(?P<fmt>csv|xlsx|jsonl|json)"
SLUG = r"(?P<slug>[a-z0-9-]+)"

files = [
    re_path(rf"^opendata/{SLUG}\.{FORMAT}$", downloads.download, name="opendata-file"),
    # -- catalogue and schemas (catalog.jsonld, datapackage.json) --
    # -- releases and diffs --
]

api = [
    # -- read API (/api/v1/openapi.json, /api/v1/<dataset>) --
]

pages = [
    # -- the HTML catalogue (/opendata/) --
]

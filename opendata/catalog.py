"""The documents that describe open data to machines, built from the dataset
definitions (``datasets.py``) and the releases, so they cannot disagree with the files:

- ``datapackage(dataset, request)``: a Frictionless Tabular Data Package (the CSV as its
  resource, its Table Schema, the other formats and every release with checksums);
- the addresses and language-tagged texts that ``dcat.py`` (the DCAT-AP catalogue)
  builds on.

Both build plain dicts; ``catalog_views.py`` serves them. Texts are given in Chinese
(the site's language) and English, whatever the reader's language.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from wagtail.models import Site

from .changes import state_of
from .formats import FORMATS, plain_value
from .licences import current_terms
from .models import ReleaseFile
from .releases import checksummed_name, quarter_end
from .schema import DATETIME

ENGLISH = "en"
# The order formats are offered in: CSV first (the data package's resource).
FORMAT_ORDER = ("csv", "xlsx", "jsonl", "json")
FORMAT_NAMES = {"csv": "CSV", "xlsx": "XLSX", "jsonl": "JSON Lines", "json": "JSON"}
LANGUAGE_TAGS = {"zh-hans": "zh-Hans", ENGLISH: ENGLISH}

CATALOG_TITLE = _("民政开放数据")
CATALOG_DESCRIPTION = _(
    "本平台已公开信息的开放数据：社会组织信用名录、社会组织、慈善组织及其募捐、"
    "年度数据和项目、村务财务、规划指标及进展、信息公开目录和行政区划。"
    "个人信息按页面同样的规则遮蔽。"
)


# -- texts and addresses -------------------------------------------------------------


def in_languages(text):
    """{language: text} in the site's language and English."""
    texts = {}
    for language in (settings.LANGUAGE_CODE, ENGLISH):
        with translation.override(language):
            texts[language] = str(text)
    return texts


def chinese(text):
    with translation.override(settings.LANGUAGE_CODE):
        return str(text)


def english(text):
    with translation.override(ENGLISH):
        return str(text)


def media_type(fmt):
    """The bare media type (without the charset parameter)."""
    return FORMATS[fmt][0].split(";")[0]


def absolute(request, name, **kwargs):
    return request.build_absolute_uri(reverse(name, kwargs=kwargs))


LOOPBACK = {"", "localhost", "127.0.0.1", "[::1]", "::1"}


def base_url():
    """The site's configured public address, for what is written the same for every
    reader (the catalogue dataset's ``url`` column, a release): the default Wagtail
    Site's, as an administrator set it under 设置 → 站点; while that is still the
    installation's ``localhost``, WAGTAILADMIN_BASE_URL."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is not None and site.hostname not in LOOPBACK:
        return site.root_url
    configured = getattr(settings, "WAGTAILADMIN_BASE_URL", "")
    if configured:
        return configured.rstrip("/")
    return site.root_url if site is not None else "http://localhost"


def absolute_path(request, path):
    """``path`` on this site: the request's host when there is a request."""
    if request is not None:
        return request.build_absolute_uri(path)
    return base_url() + path


def page_url(request, name, language=None, **kwargs):
    """A catalogue page's absolute address in ``language`` (the site's by default):
    the pages sit under the language prefix."""
    with translation.override(language or settings.LANGUAGE_CODE):
        return absolute(request, name, **kwargs)


def file_url(request, dataset, fmt):
    return absolute(request, "opendata-file", slug=dataset.slug, fmt=fmt)


def datapackage_url(request, dataset):
    return absolute(request, "opendata-datapackage", slug=dataset.slug)


def diff_urls(request, slug, older, newer):
    """{fmt: address} of the differences of ``slug`` from release ``older`` to
    ``newer``."""
    return {
        fmt: absolute(
            request,
            "opendata-diff",
            from_label=older.label,
            to_label=newer.label,
            slug=slug,
            fmt=fmt,
        )
        for fmt in ("json", "csv")
    }


def moment(value):
    """A time as the files write it: ISO 8601, Beijing time, to the second."""
    return plain_value(value)


# -- releases ------------------------------------------------------------------------


@dataclass
class ReleaseEntry:
    """One release with its files (of one dataset, or of all)."""

    release: object
    files: list = field(default_factory=list)
    previous: object = None  # the release before it that has the same dataset(s)

    @property
    def datasets(self):
        return sorted({file.dataset for file in self.files})


def releases(slug=None):
    """The releases (newest first) with their files, of dataset ``slug`` or of all;
    each knows the release before it, for the differences."""
    files = ReleaseFile.objects.select_related("release").order_by(
        "release__cut_at", "release__pk", "dataset", "format"
    )
    if slug is not None:
        files = files.filter(dataset=slug)
    entries = {}
    for release_file in files:
        release = release_file.release
        if release.pk not in entries:
            entries[release.pk] = ReleaseEntry(release)
        entries[release.pk].files.append(release_file)
    ordered = list(entries.values())
    for older, newer in zip(ordered, ordered[1:], strict=False):
        newer.previous = older.release
    return ordered[::-1]


def release_file_url(request, release_file):
    return absolute(
        request,
        "opendata-release-file",
        label=release_file.release.label,
        slug=release_file.dataset,
        fmt=release_file.format,
    )


def checksums_url(request, release):
    return absolute(request, "opendata-release-checksums", label=release.label)


# -- the Frictionless data package ---------------------------------------------------


def datapackage(dataset, request):
    """A Tabular Data Package for ``dataset``: https://specs.frictionlessdata.io/"""
    state = state_of(dataset)
    terms = current_terms(request)
    publisher, publisher_url = terms.publisher_of(dataset.slug)
    contact = {"title": terms.contact_name, "role": "maintainer"}
    if terms.contact_email:
        contact["email"] = terms.contact_email
    if terms.contact_phone:
        contact["phone"] = terms.contact_phone
    return {
        "profile": "tabular-data-package",
        "name": dataset.slug,
        "id": datapackage_url(request, dataset),
        "title": chinese(dataset.title),
        "title_en": english(dataset.title),
        "description": chinese(dataset.description),
        "description_en": english(dataset.description),
        "homepage": page_url(request, "opendata-dataset", slug=dataset.slug),
        "homepage_en": page_url(
            request, "opendata-dataset", ENGLISH, slug=dataset.slug
        ),
        "version": str(state.generation),
        "last_modified": moment(state.changed_at),
        "licenses": [package_licence(terms)],
        "terms_of_use": chinese(terms.terms_of_use),
        "terms_of_use_en": english(terms.terms_of_use),
        "contributors": [
            {
                "title": publisher,
                "role": "publisher",
                **({"path": publisher_url} if publisher_url else {}),
            },
            contact,
        ],
        "resources": [csv_resource(dataset, request)],
        # The same rows in the other formats (a tabular package's resources are CSV).
        "other_formats": [
            {
                "format": fmt,
                "mediatype": media_type(fmt),
                "path": file_url(request, dataset, fmt),
            }
            for fmt in FORMAT_ORDER[1:]
        ],
        "api": {
            "url": absolute(request, "opendata-api", slug=dataset.slug),
            "openapi": absolute(request, "opendata-openapi"),
            "filters": dataset.offers(),
        },
        "releases": [
            release_descriptor(entry, request, dataset.slug)
            for entry in releases(dataset.slug)
        ],
    }


def package_licence(terms):
    """The licence as a data package names it: an SPDX/Open Definition id for the
    standard ones, the title and address always."""
    licence = {"path": terms.url, "title": chinese(terms.title)}
    if not terms.is_custom:
        licence["name"] = terms.key
    return licence


def csv_resource(dataset, request=None, path=None):
    return {
        "profile": "tabular-data-resource",
        "name": dataset.slug,
        "path": path or file_url(request, dataset, "csv"),
        "format": "csv",
        "mediatype": media_type("csv"),
        "encoding": "utf-8-sig",
        "dialect": {"delimiter": ",", "doubleQuote": True, "header": True},
        "description": chinese(CSV_NOTE),
        "description_en": english(CSV_NOTE),
        "schema": table_schema(dataset),
    }


CSV_NOTE = _(
    "UTF-8 编码（带 BOM）。以 = + - @ 等符号开头的文本前加了一个单引号，"
    "以免电子表格软件把它当作公式执行。"
)


def table_schema(dataset):
    return {
        "fields": [schema_field(column) for column in dataset.fields],
        "primaryKey": [dataset.primary_key],
        "missingValues": [""],
    }


def schema_field(column):
    descriptor = {
        "name": column.name,
        "type": column.type,
        "title": chinese(column.title),
        "title_en": english(column.title),
    }
    if column.description:
        descriptor["description"] = chinese(column.description)
        descriptor["description_en"] = english(column.description)
    if column.type == DATETIME:
        # Values carry their offset (+08:00), which the default format does not allow.
        descriptor["format"] = "any"
    constraints = column.constraints()
    if constraints:
        descriptor["constraints"] = constraints
    if column.choices is not None:
        descriptor["enum_labels"] = enum_labels(column, settings.LANGUAGE_CODE)
        descriptor["enum_labels_en"] = enum_labels(column, ENGLISH)
    return descriptor


def enum_labels(column, language):
    with translation.override(language):
        return {str(value): str(label) for value, label in column.choices.choices}


def release_datapackage(dataset, release, files, until):
    """A release's own data package of ``dataset``, written into the release folder
    beside its files (``releases._write_datapackage``): paths are the files' names
    there, so the folder is complete on its own; ``as_of`` and
    ``rows_published_before`` say what moment the rows are."""
    terms = current_terms()
    publisher, _url = terms.publisher_of(dataset.slug)
    by_format = {item.format: item for item in files}
    resource = {
        **csv_resource(dataset, path=checksummed_name(dataset.slug, "csv")),
        "hash": f"sha256:{by_format['csv'].sha256}",
        "bytes": by_format["csv"].size,
    }
    return {
        "profile": "tabular-data-package",
        "name": dataset.slug,
        "title": chinese(dataset.title),
        "title_en": english(dataset.title),
        "description": chinese(dataset.description),
        "version": release.label,
        "created": moment(release.cut_at),
        **release_moments(release, until),
        "licenses": [package_licence(terms)],
        "contributors": [{"title": publisher, "role": "publisher"}],
        "resources": [resource],
        "other_formats": [
            {
                "format": fmt,
                "mediatype": media_type(fmt),
                "path": checksummed_name(dataset.slug, fmt),
                "hash": f"sha256:{by_format[fmt].sha256}",
                "bytes": by_format[fmt].size,
                "rows": by_format[fmt].rows,
            }
            for fmt in FORMAT_ORDER[1:]
            if fmt in by_format
        ],
    }


RELEASE_AS_OF = _(
    "季度版本包含该季度结束前首次公开的行，内容为生成时（as_of）的状态："
    "季度结束后作出的更正或撤回已体现在其中。"
)
RELEASE_CUT = _("按需版本为生成时（as_of）公开的全部数据。")


def release_moments(release, until):
    """What moment a release's rows are: ``as_of`` the cut, and for a quarterly one
    only the rows first published before its quarter ended."""
    moments = {"as_of": moment(release.cut_at)}
    note = RELEASE_CUT
    if until is not None:
        moments["rows_published_before"] = moment(until)
        note = RELEASE_AS_OF
    moments["release_note"] = chinese(note)
    moments["release_note_en"] = english(note)
    return moments


def release_descriptor(entry, request, slug=None):
    release = entry.release
    until = quarter_end(release.label)
    if release.kind != release.Kind.QUARTERLY:
        until = None
    descriptor = {
        "label": release.label,
        "kind": release.kind,
        "cut_at": moment(release.cut_at),
        **release_moments(release, until),
        "checksums": checksums_url(request, release),
        "files": [
            {
                "format": release_file.format,
                "path": release_file_url(request, release_file),
                "hash": f"sha256:{release_file.sha256}",
                "bytes": release_file.size,
                "rows": release_file.rows,
            }
            for release_file in entry.files
        ],
    }
    if slug:
        descriptor["datapackage"] = absolute(
            request, "opendata-release-datapackage", label=release.label, slug=slug
        )
    if slug and entry.previous is not None:
        descriptor["previous"] = entry.previous.label
        descriptor["diff"] = diff_urls(request, slug, entry.previous, release)
    return descriptor


# -- the DCAT catalogue ---------------------------------------------------------------


def tagged(text):
    """A text as JSON-LD language-tagged values, Chinese first."""
    return [
        {"@value": value, "@language": LANGUAGE_TAGS.get(language, language)}
        for language, value in in_languages(text).items()
    ]


def typed(value, datatype):
    return {"@value": value, "@type": datatype}


def publisher_name():
    """The default site's name, or its home page's title."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        return chinese(settings.WAGTAIL_SITE_NAME)
    return site.site_name or site.root_page.title

"""Release files, their checksums and diffs between releases, served from storage.

They never change once written, so clients may cache them for a year; the ETag of a
release file is its SHA-256 (as listed in the catalogue and SHA256SUMS).
"""

from django.http import FileResponse, Http404, HttpResponse
from django.middleware.gzip import GZipMiddleware
from django.shortcuts import get_object_or_404
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date

from .datasets import DATASETS
from .diffs import DIFF_FORMATS, stored_diff
from .downloads import get_dataset_or_404
from .formats import FORMATS
from .licences import add_licence_link
from .models import Release, ReleaseFile
from .releases import checksummed_name, checksums, datapackage_path, storage

YEAR = 365 * 24 * 3600
_gzip = GZipMiddleware(lambda request: None)


def release_file(request, label, slug, fmt):
    item = get_object_or_404(
        ReleaseFile.objects.select_related("release"),
        release__label=label,
        dataset=slug,
        format=fmt,
    )
    media_type, compressible = FORMATS[fmt]
    etag = f'"{item.sha256}"'
    last_modified = int(item.release.cut_at.timestamp())
    response = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if response is None:
        response = FileResponse(
            storage().open(item.path, "rb"),
            as_attachment=True,
            # The name SHA256SUMS lists (and the address ends with), not one with the
            # label: `sha256sum -c` in the folder of downloads must find every file.
            filename=checksummed_name(slug, fmt),
            content_type=media_type,
        )
    return _immutable(request, response, etag, last_modified, compressible)


def release_checksums(request, label):
    release = get_object_or_404(Release, label=label)
    etag = f'"sums-{release.label}"'
    last_modified = int(release.cut_at.timestamp())
    response = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if response is None:
        response = HttpResponse(
            checksums(release), content_type="text/plain; charset=utf-8"
        )
        # Read in the browser, saved under the name the commands on the page use.
        response["Content-Disposition"] = 'inline; filename="SHA256SUMS"'
    return _immutable(request, response, etag, last_modified, compressible=False)


def release_datapackage(request, label, slug):
    """The data package written with the release (its own, not today's)."""
    release = get_object_or_404(Release, label=label)
    path = datapackage_path(release.label, slug)
    if slug not in DATASETS or not storage().exists(path):
        raise Http404(slug)
    etag = f'"datapackage-{release.label}-{slug}"'
    last_modified = int(release.cut_at.timestamp())
    response = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if response is None:
        response = FileResponse(
            storage().open(path, "rb"), content_type="application/json; charset=utf-8"
        )
    return _immutable(request, response, etag, last_modified, compressible=True)


def diff(request, from_label, to_label, slug, fmt):
    dataset = get_dataset_or_404(slug)
    releases = {
        release.label: release
        for release in Release.objects.filter(label__in=[from_label, to_label])
    }
    if from_label not in releases or to_label not in releases:
        raise Http404(f"{from_label}..{to_label}")
    before, after = releases[from_label], releases[to_label]
    in_either = ReleaseFile.objects.filter(
        release__in=[before, after], dataset=slug, format="jsonl"
    )
    if not in_either.exists():
        raise Http404(slug)
    etag = f'"diff-{from_label}..{to_label}-{slug}-{fmt}"'
    last_modified = int(max(before.cut_at, after.cut_at).timestamp())
    response = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if response is None:
        path = stored_diff(before, after, dataset, fmt)
        response = FileResponse(
            storage().open(path, "rb"),
            as_attachment=True,
            filename=f"{slug}-{from_label}..{to_label}.{fmt}",
            content_type=DIFF_FORMATS[fmt],
        )
    return _immutable(request, response, etag, last_modified, compressible=True)


def _immutable(request, response, etag, last_modified, compressible):
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    patch_cache_control(response, public=True, max_age=YEAR, immutable=True)
    if response.status_code == 200:
        add_licence_link(request, response)
    return _gzip.process_response(request, response) if compressible else response

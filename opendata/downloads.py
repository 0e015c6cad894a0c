"""/opendata/<dataset>.csv|.xlsx|.jsonl|.json: the current public rows, as a file
written once per change mark (``exports.py``) and served whole.

Validators come from the dataset's change mark (``changes.py``), so a client that
already has the current file gets a 304 without any row being read.
"""

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse
from django.middleware.gzip import GZipMiddleware
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date

from .changes import state_of
from .datasets import DATASETS
from .exports import current_file, storage
from .formats import FORMATS
from .licences import add_licence_link

_gzip = GZipMiddleware(lambda request: None)


def get_dataset_or_404(slug):
    try:
        return DATASETS[slug]
    except KeyError:
        raise Http404(slug) from None


def validators(dataset):
    """(ETag, Last-Modified timestamp) of the dataset's current rows."""
    etag, last_modified, _version = _versioned(dataset)
    return etag, last_modified


def _versioned(dataset):
    state = state_of(dataset)
    # The moment of the mark too: a test database rolled back to an earlier
    # generation must not meet a file written for another history.
    moment = int(state.changed_at.timestamp() * 1_000_000)
    version = f"{state.generation}-{state.fingerprint[:8]}-{moment:x}"
    return f'"{dataset.slug}-{version}"', int(state.changed_at.timestamp()), version


def current_download(dataset, fmt):
    """The storage name of the current file, written if it is not there yet."""
    _etag, _last_modified, version = _versioned(dataset)
    return current_file(dataset, fmt, version)


def download(request, slug, fmt):
    dataset = get_dataset_or_404(slug)
    if fmt not in FORMATS:
        raise Http404(fmt)
    etag, last_modified, version = _versioned(dataset)
    response = get_conditional_response(request, etag=etag, last_modified=last_modified)
    accelerated = False
    if response is None:
        name = current_file(dataset, fmt, version)
        response, accelerated = _file_response(dataset, fmt, name)
        add_licence_link(request, response)
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    # Revalidate each time: a publication can change the file at any moment.
    patch_cache_control(response, public=True, no_cache=True)
    _, compressible = FORMATS[fmt]
    if compressible and not accelerated:
        # nginx compresses what it serves itself (gzip on; in deploy/).
        return _gzip.process_response(request, response)
    return response


def _file_response(dataset, fmt, name):
    """(the response, whether the web server sends the body) for the stored file."""
    media_type, _ = FORMATS[fmt]
    filename = f"{dataset.slug}.{fmt}"
    location = getattr(settings, "OPENDATA_ACCEL_REDIRECT", "")
    if location:
        response = HttpResponse(content_type=media_type)
        response["X-Accel-Redirect"] = location.rstrip("/") + "/" + name
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response, True
    response = FileResponse(
        storage().open(name, "rb"),
        as_attachment=True,
        filename=filename,
        content_type=media_type,
    )
    return response, False

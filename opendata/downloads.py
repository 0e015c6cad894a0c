"""/opendata/<dataset>.csv|.xlsx|.jsonl|.json: the current public rows, streamed.

Validators come from the dataset's change mark (``changes.py``), so a client that
already has the current file gets a 304 without any row being read.
"""

import tempfile

from django.http import FileResponse, Http404, StreamingHttpResponse
from django.middleware.gzip import GZipMiddleware
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date

from .changes import state_of
from .datasets import DATASETS
from .formats import FORMATS, TEXT_WRITERS, write_xlsx
from .licences import add_licence_link

_gzip = GZipMiddleware(lambda request: None)


def get_dataset_or_404(slug):
    try:
        return DATASETS[slug]
    except KeyError:
        raise Http404(slug) from None


def validators(dataset):
    """(ETag, Last-Modified timestamp) of the dataset's current rows."""
    state = state_of(dataset)
    return f'"{dataset.slug}-{state.generation}"', int(state.changed_at.timestamp())


def download(request, slug, fmt):
    dataset = get_dataset_or_404(slug)
    if fmt not in FORMATS:
        raise Http404(fmt)
    etag, last_modified = validators(dataset)
    response = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if response is None:
        response = add_licence_link(request, _file_response(dataset, fmt))
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    # Revalidate each time: a publication can change the file at any moment.
    patch_cache_control(response, public=True, no_cache=True)
    _, compressible = FORMATS[fmt]
    return _gzip.process_response(request, response) if compressible else response


def _file_response(dataset, fmt):
    media_type, _ = FORMATS[fmt]
    filename = f"{dataset.slug}.{fmt}"
    if fmt == "xlsx":
        # A workbook is a zip: it is complete only at the end, so it is written to a
        # temporary file (in constant memory) and then streamed from there.
        target = tempfile.TemporaryFile()  # noqa: SIM115 (FileResponse closes it)
        write_xlsx(dataset, dataset.rows(), target)
        target.seek(0)
        return FileResponse(
            target, as_attachment=True, filename=filename, content_type=media_type
        )
    chunks = (
        chunk.encode("utf-8") for chunk in TEXT_WRITERS[fmt](dataset, dataset.rows())
    )
    response = StreamingHttpResponse(chunks, content_type=media_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response

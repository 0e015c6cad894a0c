"""What a dataset's page shows beyond its catalogue entry: how much it is used, a
preview of its first rows, its columns in both languages, and the requests for data
(需求反馈) with their answers. Plain values from the declarations and the counters;
the page view (``catalog_views.dataset_page``) stays as it is."""

from django import template
from django.conf import settings
from django.utils import translation

from opendata.datasets import DATASETS
from opendata.feedback import DataRequestForm, answered_requests
from opendata.formats import plain_value
from opendata.usage import usage_of

register = template.Library()

PREVIEW_ROWS = 10


@register.inclusion_tag("opendata/includes/dataset_extras.html")
def dataset_extras(slug):
    dataset = DATASETS[slug]
    return {
        "dataset": dataset,
        "usage": usage_of(slug),
        "preview": [
            ["" if value is None else plain_value(value) for value in row]
            for row in dataset.rows(limit=PREVIEW_ROWS)
        ],
        "preview_size": PREVIEW_ROWS,
        "columns": _columns_in_each_language(dataset),
        "languages": [name for _code, name in settings.LANGUAGES],
    }


def _columns_in_each_language(dataset):
    """[(name, [(language code, title, description) per language])]."""
    columns = []
    for column in dataset.fields:
        texts = []
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                texts.append((code, str(column.title), str(column.description)))
        columns.append((column.name, texts))
    return columns


@register.inclusion_tag("opendata/includes/data_requests.html", takes_context=True)
def data_requests(context, slug):
    return {
        "request": context.get("request"),
        "csrf_token": context.get("csrf_token"),
        "messages": context.get("messages"),
        "slug": slug,
        "answered": list(answered_requests(slug)[:50]),
        "form": DataRequestForm(),
    }

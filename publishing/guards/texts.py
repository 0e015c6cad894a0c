"""Every public text of an item, each with the place an editor finds it.

The guards read items of every family the same way: the free-text fields of the item
(rich text included), the blocks of its StreamFields, and the text fields of its child
rows (收支明细, 指标, 进展报告 …). Identifiers, choices and Wagtail's own bookkeeping
fields are not text anyone typed, so they are left out.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext

from modelcluster.models import get_all_child_relations
from wagtail import blocks
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.rich_text import RichText

# Page fields an editor types that the public sees; the rest of Page is bookkeeping.
PAGE_TEXT_FIELDS = ("title", "seo_title", "search_description")
# Identifiers allocated or checked elsewhere (索引号 and natural keys), not prose.
NOT_PROSE = ("index_number", "disclosure_key")


@dataclass(frozen=True)
class Text:
    where: str
    value: str
    is_html: bool


def text_fields(model):
    """The model's fields that hold free text an editor typed."""
    return [
        field
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField)
        and not isinstance(field, models.URLField | models.SlugField)
        and field.editable
        and not field.choices
        and not field.unique
        and field.name not in NOT_PROSE
        and (field.model is not Page or field.name in PAGE_TEXT_FIELDS)
    ]


def stream_fields(model):
    return [
        field for field in model._meta.concrete_fields if isinstance(field, StreamField)
    ]


def child_relations(model):
    """Rows edited with the item (InlinePanel), except Wagtail's own (comments)."""
    return [
        relation
        for relation in get_all_child_relations(model)
        if not relation.related_model.__module__.startswith("wagtail")
    ]


def child_rows(item):
    """[(relation, [row, ...])] of the rows as they are in this revision."""
    return [
        (relation, list(getattr(item, relation.get_accessor_name()).all()))
        for relation in child_relations(type(item))
    ]


def row_where(relation, number):
    """「收支明细第3行」"""
    return gettext("%(rows)s第%(number)s行") % {
        "rows": relation.related_model._meta.verbose_name,
        "number": number,
    }


def texts_of(item):
    """Every public text of ``item``: its fields, stream blocks and child rows."""
    yield from _field_texts(item, "")
    for field in stream_fields(type(item)):
        yield from _stream_texts(getattr(item, field.name), str(field.verbose_name))
    for relation, rows in child_rows(item):
        for number, row in enumerate(rows, start=1):
            yield from _field_texts(row, row_where(relation, number) + "·")


def _field_texts(obj, prefix):
    for field in text_fields(type(obj)):
        value = getattr(obj, field.name)
        if value:
            yield Text(
                f"{prefix}{field.verbose_name}",
                str(value),
                isinstance(field, RichTextField),
            )


def _stream_texts(stream, where):
    for number, child in enumerate(stream or [], start=1):
        label = gettext("%(field)s第%(number)s块（%(block)s）") % {
            "field": where,
            "number": number,
            "block": child.block.label,
        }
        yield from _block_texts(child.block, child.value, label)


def _block_texts(block, value, where):
    """One block's texts, whatever its kind: text, rich text, struct, list, stream."""
    if isinstance(value, RichText):
        yield Text(where, value.source, True)
    elif isinstance(value, str):
        if value:
            yield Text(where, value, isinstance(block, blocks.RawHTMLBlock))
    elif isinstance(block, blocks.StructBlock):
        for name, child_block in block.child_blocks.items():
            yield from _block_texts(
                child_block, value.get(name), f"{where}·{child_block.label}"
            )
    elif isinstance(block, blocks.ListBlock):
        for number, item in enumerate(value, start=1):
            yield from _block_texts(
                block.child_block,
                item,
                gettext("%(where)s第%(number)s项") % {"where": where, "number": number},
            )
    elif isinstance(block, blocks.StreamBlock):
        yield from _stream_texts(value, where)

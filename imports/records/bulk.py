"""Saving a batch of registry records as drafts in a few statements.

``kinds.save_draft`` saves one record the way the admin does (``save()``, then
``save_revision()``), and Wagtail's signals then update the admin search index and
the reference index, one record at a time: about a dozen queries per row. An import
of 100,000 rows cannot afford that, so a batch is written here with the same
outcome in bulk:

- new records: 索引号 issued in one block per agency and day
  (``index_numbers.reserve``), the rows inserted with ``bulk_create``;
- existing records that are not live are updated in place; live ones keep their
  public version (the import waits in a draft revision), as ``save_draft`` does;
- one ``Revision`` per record, inserted together, and ``latest_revision`` /
  ``has_unpublished_changes`` set with one ``bulk_update``;
- the reference index rows of new records inserted together (Wagtail's own
  extraction); the admin search index updated with the backend's ``add_bulk``.

Nothing is published and no publishing signal is sent, as with ``save_draft``.
"""

from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models.constants import OnConflict
from django.utils import timezone

from wagtail.models import ReferenceIndex, Revision

from modelsearch import index as search_index
from modelsearch.backends import get_search_backends

from content_models.disclosure import index_numbers


def save_drafts(records, user):
    """Save ``records`` (one model) as drafts; returns "created"/"updated" for each,
    in order."""
    if not records:
        return []
    model = type(records[0])
    new = [record for record in records if record.pk is None]
    drafts = [record for record in records if record.pk and not record.live]
    outcomes = ["updated" if record.pk else "created" for record in records]
    _issue_index_numbers(new)
    for record in new:
        record.live = False
        record.has_unpublished_changes = True
    model.objects.bulk_create(new)
    _claim_index_numbers(new)
    for record in drafts:
        record.save()  # not live: the draft is the row (as save_draft does)
    _add_revisions(model, records, user)
    _update_reference_index(new, drafts)
    _update_search_index(model, new + drafts)
    return outcomes


def _issue_index_numbers(records):
    groups = defaultdict(list)
    for record in records:
        if not record.index_number:
            day = record.published_on or record.written_on or timezone.localdate()
            groups[(record.agency_id, day)].append(record)
    for (_agency, day), members in groups.items():
        numbers = index_numbers.reserve(members[0].agency, day, len(members))
        for record, number in zip(members, numbers, strict=True):
            record.index_number = number.value
            record._index_number_row = number


def _claim_index_numbers(records):
    issued, typed = [], []
    for record in records:
        number = getattr(record, "_index_number_row", None)
        if number is None:
            typed.append(record)
        else:
            number.owner = record.index_number_owner
            issued.append(number)
    _update_many(index_numbers.IndexNumber, "owner", [(n.owner, n.pk) for n in issued])
    for record in typed:
        index_numbers.claim(record.index_number, record.index_number_owner)


def _add_revisions(model, records, user):
    content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
    base_content_type = records[0].get_base_content_type()
    now = timezone.now()  # Revision.created_at is set by its save(), not a default
    for record in records:
        # The report lists the same title: worked out once (a title is translated).
        record._revision_title = str(record)
    revisions = Revision.objects.bulk_create(
        [
            Revision(
                content_type=content_type,
                base_content_type=base_content_type,
                object_id=str(record.pk),
                user=user,
                content=record.serializable_data(),
                object_str=record._revision_title,
                created_at=now,
            )
            for record in records
        ]
    )
    for record, revision in zip(records, revisions, strict=True):
        record.latest_revision = revision
        record.has_unpublished_changes = True
    _update_many(
        model,
        ("latest_revision_id", "has_unpublished_changes"),
        [(r.latest_revision_id, True, r.pk) for r in records],
    )


def _update_many(model, columns, rows):
    """UPDATE one row per parameter tuple (values..., pk) with ``executemany``:
    ``bulk_update`` builds one CASE per column over the batch, which SQLite takes
    seconds to plan for a thousand rows."""
    if not rows:
        return
    columns = (columns,) if isinstance(columns, str) else columns
    table = connection.ops.quote_name(model._meta.db_table)
    assignments = ", ".join(f"{connection.ops.quote_name(c)} = %s" for c in columns)
    pk = connection.ops.quote_name(model._meta.pk.column)
    with connection.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {table} SET {assignments} WHERE {pk} = %s",  # noqa: S608 - names from the model
            rows,
        )


def _update_reference_index(new, changed):
    if not new and not changed:
        return
    model = type((new or changed)[0])
    if not ReferenceIndex.model_is_indexable(model):
        return
    content_types = [
        ContentType.objects.get_for_model(m, for_concrete_model=False)
        for m in (model, *model._meta.get_parent_list())
    ]
    rows = [
        (
            content_types[0].pk,
            content_types[-1].pk,
            str(record.pk),
            to_content_type_id,
            str(to_object_id),
            model_path,
            content_path,
            ReferenceIndex._get_content_path_hash(content_path),
        )
        for record in new
        for to_content_type_id, to_object_id, model_path, content_path in set(
            ReferenceIndex._extract_references_from_object(record)
        )
    ]
    _insert_ignoring_conflicts(ReferenceIndex, REFERENCE_COLUMNS, rows)
    for record in changed:
        ReferenceIndex.create_or_update_for_object(record)


# ReferenceIndex's columns, filled as ``ReferenceIndex.create_or_update_for_object``
# fills them; inserted without a model instance per row (tens of thousands a file).
REFERENCE_COLUMNS = (
    "content_type_id",
    "base_content_type_id",
    "object_id",
    "to_content_type_id",
    "to_object_id",
    "model_path",
    "content_path",
    "content_path_hash",
)


def _insert_ignoring_conflicts(model, columns, rows):
    """``bulk_create(ignore_conflicts=True)`` of plain tuples: one ``executemany``."""
    if not rows:
        return
    by_column = {field.column: field for field in model._meta.concrete_fields}
    fields = [by_column[column] for column in columns]
    rows = [
        [
            field.get_db_prep_save(value, connection)
            for field, value in zip(fields, row, strict=True)
        ]
        for row in rows
    ]
    insert = connection.ops.insert_statement(on_conflict=OnConflict.IGNORE)
    suffix = connection.ops.on_conflict_suffix_sql(
        fields, OnConflict.IGNORE, None, None
    )
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    marks = ", ".join(["%s"] * len(columns))
    with connection.cursor() as cursor:
        cursor.executemany(
            f"{insert} {table} ({names}) VALUES ({marks}) {suffix}",  # noqa: S608 - names from the model
            rows,
        )


def _update_search_index(model, records):
    if not records or not search_index.class_is_indexed(model):
        return
    for backend in get_search_backends(with_auto_update=True):
        backend.add_bulk(model, records)

"""What changed in one dataset between two releases: rows added, removed and changed
(with each changed field's values before and after).

Both sides are read from the releases' JSON Lines files and matched on the dataset's
primary key. The ``from`` file goes into a temporary SQLite table keyed by that key
and the ``to`` file is streamed past it, so memory stays flat however big the files.
A diff between two immutable releases never changes: it is computed once, stored
under ``diffs/<from>..<to>/<slug>.json|csv`` and served from there afterwards.
"""

import csv
import io
import json
import os
import sqlite3
import tempfile

from django.core.files import File

from content_models.disclosure.spreadsheets import BOM, neutralise

from .models import ReleaseFile
from .releases import storage

DIFF_FORMATS = {
    "json": "application/json; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
}
CSV_HEADER = ["change", "key", "field", "from", "to"]


def diff_path(from_label, to_label, slug, fmt):
    return f"diffs/{from_label}..{to_label}/{slug}.{fmt}"


def stored_diff(from_release, to_release, dataset, fmt):
    """The storage path of the diff in ``fmt``, computed and stored on first use;
    None when neither release has the dataset."""
    path = diff_path(from_release.label, to_release.label, dataset.slug, fmt)
    if storage().exists(path):
        return path
    sources = [_jsonl_path(release, dataset) for release in (from_release, to_release)]
    if sources == [None, None]:
        return None
    with Comparison(dataset.primary_key) as comparison:
        comparison.load(_lines(sources[0]))
        comparison.compare(_lines(sources[1]))
        header = {
            "dataset": dataset.slug,
            "from": from_release.label,
            "to": to_release.label,
        }
        # Both formats at once: the comparison is the expensive part.
        for each, writer in (("json", write_json), ("csv", write_csv)):
            _store(
                diff_path(from_release.label, to_release.label, dataset.slug, each),
                lambda target, writer=writer: writer(comparison, header, target),
            )
    return path


def _jsonl_path(release, dataset):
    found = ReleaseFile.objects.filter(
        release=release, dataset=dataset.slug, format="jsonl"
    ).first()
    return found.path if found else None


def _lines(path):
    if path is None:
        return
    with storage().open(path, "rb") as source:
        for line in source:
            if line.strip():
                yield json.loads(line)


def _store(path, write):
    """Write through ``write(text file)`` to a temporary file, then into storage
    unless a concurrent request stored the same diff first."""
    with tempfile.TemporaryFile() as spool:
        text = io.TextIOWrapper(spool, encoding="utf-8", newline="")
        write(text)
        text.detach()  # flushed; the spool stays open
        if storage().exists(path):
            return
        spool.seek(0)
        saved = storage().save(path, File(spool))
    if saved != path:
        storage().delete(saved)  # the other request's copy is the same diff


class Comparison:
    """The two sides of a diff in a temporary SQLite database."""

    def __init__(self, primary_key):
        self.primary_key = primary_key
        self.summary = {"added": 0, "removed": 0, "changed": 0}

    def __enter__(self):
        handle, self._file = tempfile.mkstemp(prefix="opendata-diff-", suffix=".db")
        os.close(handle)
        self.db = sqlite3.connect(self._file)
        self.db.executescript(
            """
            CREATE TABLE before (
                key TEXT PRIMARY KEY, row TEXT, seen INTEGER DEFAULT 0
            );
            CREATE TABLE added (key TEXT, row TEXT);
            CREATE TABLE changed (key TEXT, fields TEXT);
            """
        )
        return self

    def __exit__(self, *exc):
        self.db.close()
        os.remove(self._file)

    def _key(self, row):
        # JSON text keeps 1 and "1" apart and any key type comparable.
        return json.dumps(row.get(self.primary_key), ensure_ascii=False)

    def load(self, rows):
        self.db.executemany(
            "INSERT OR REPLACE INTO before (key, row) VALUES (?, ?)",
            ((self._key(row), json.dumps(row, ensure_ascii=False)) for row in rows),
        )

    def compare(self, rows):
        for row in rows:
            key = self._key(row)
            found = self.db.execute(
                "SELECT row FROM before WHERE key = ?", (key,)
            ).fetchone()
            if found is None:
                self._record("added", key, json.dumps(row, ensure_ascii=False))
                continue
            self.db.execute("UPDATE before SET seen = 1 WHERE key = ?", (key,))
            fields = changed_fields(json.loads(found[0]), row)
            if fields:
                self._record("changed", key, json.dumps(fields, ensure_ascii=False))
        self.summary["removed"] = self.db.execute(
            "SELECT count(*) FROM before WHERE seen = 0"
        ).fetchone()[0]
        self.db.commit()

    def _record(self, table, key, value):
        self.db.execute(f"INSERT INTO {table} VALUES (?, ?)", (key, value))  # noqa: S608
        self.summary[table] += 1

    def added(self):
        for (row,) in self.db.execute("SELECT row FROM added ORDER BY rowid"):
            yield json.loads(row)

    def removed(self):
        query = "SELECT row FROM before WHERE seen = 0 ORDER BY rowid"
        for (row,) in self.db.execute(query):
            yield json.loads(row)

    def changed(self):
        query = "SELECT key, fields FROM changed ORDER BY rowid"
        for key, fields in self.db.execute(query):
            yield {"key": json.loads(key), "fields": json.loads(fields)}


def changed_fields(before, after):
    """{name: {"from", "to"}} for each field whose value differs; a field only one
    side has (the schema grew or shrank) counts as empty on the other."""
    names = list(after) + [name for name in before if name not in after]
    return {
        name: {"from": before.get(name), "to": after.get(name)}
        for name in names
        if before.get(name) != after.get(name)
    }


def _dumps(value):
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def write_json(comparison, header, target):
    """The diff as one JSON document, written an item at a time."""
    target.write(_dumps({**header, "summary": comparison.summary})[:-1])
    for name, items in (
        ("added", comparison.added()),
        ("removed", comparison.removed()),
        ("changed", comparison.changed()),
    ):
        target.write(f',\n"{name}":[')
        separator = "\n"
        for item in items:
            target.write(separator + _dumps(item))
            separator = ",\n"
        target.write("]")
    target.write("}\n")


def write_csv(comparison, header, target):
    """``change,key,field,from,to``: one line per changed field, and one per field
    of an added or removed row."""
    target.write(BOM)
    writer = csv.writer(target, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    key_name = comparison.primary_key
    for row in comparison.added():
        for name, value in row.items():
            writer.writerow(_csv_line("added", row.get(key_name), name, None, value))
    for row in comparison.removed():
        for name, value in row.items():
            writer.writerow(_csv_line("removed", row.get(key_name), name, value, None))
    for item in comparison.changed():
        for name, values in item["fields"].items():
            writer.writerow(
                _csv_line("changed", item["key"], name, values["from"], values["to"])
            )


def _csv_line(change, key, name, before, after):
    return [
        change,
        _csv_cell(key),
        neutralise(name),
        _csv_cell(before),
        _csv_cell(after),
    ]


def _csv_cell(value):
    """A JSON value as the release CSVs write it: text neutralised, numbers plain."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return neutralise(value)
    return str(value)

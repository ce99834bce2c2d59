"""Filling the store: read inputs (the same as `marsad extract`, or
marsad.document/1 JSON Lines already extracted), extract what needs
extracting, and store the documents a batch per transaction (a batch with
a failing document is stored again with each document in a savepoint of
its own)."""
from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Optional, Union

from marsad import ingest
from marsad.store.base import ADDED, REPLACED, SCHEMA, UNCHANGED, Store, StoreError

FAILED = "failed"

# Documents stored per transaction: a commit per document cost a third of the
# ingest time (SQLite writes each changed page to the WAL at every commit),
# and what a batch counts once at its end (clusters, spellings) is shared by
# more documents in a bigger one; a crash loses the batch in flight (stored
# again by the next run). At 100,000 documents, 2,000 a batch write half
# the bytes 500 do (pages of the scattered indexes shared by more documents)
# and ingest ~10% faster; the batch holds ~100 MB of records.
BATCH = 2000
# ... and at most this much work: extracting 500 raw articles takes some 15
# seconds, which a crash should not cost.
BATCH_SECONDS = 1.0


@dataclass
class Outcome:
    doc_id: str
    status: str  # added | replaced | unchanged | failed
    errors: list[str] = field(default_factory=list)


@dataclass
class Summary:
    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    failed: int = 0
    warnings: int = 0

    def count(self, o: Outcome) -> None:
        setattr(self, o.status, getattr(self, o.status) + 1)
        self.warnings += len(o.errors) if o.status != FAILED else 0

    @property
    def documents(self) -> int:
        return self.added + self.replaced + self.unchanged + self.failed

    def to_json(self) -> dict[str, int]:
        return {"documents": self.documents, "added": self.added, "replaced": self.replaced,
                "unchanged": self.unchanged, "failed": self.failed, "warnings": self.warnings}


def is_record_file(path: Path) -> bool:
    """A .jsonl file whose first object is a marsad.document/1 record."""
    if path.suffix.lower() != ".jsonl":
        return False
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            for line in f:
                if line.strip():
                    obj = json.loads(line)
                    return isinstance(obj, dict) and obj.get("schema") == SCHEMA
    except (OSError, json.JSONDecodeError):
        return False
    return False


def read_records(path: Path, on_bytes: Callable[[int], None] | None = None) -> Iterator[tuple[dict | None, str | None, str]]:
    """(record, text, where) per line of a records file; record None for a
    line that is not a record (`where` says which)."""
    with open(path, encoding="utf-8", errors="replace") as f:
        for lineno, line in enumerate(f, 1):
            if on_bytes:
                on_bytes(len(line.encode("utf-8", "replace")))
            if not line.strip():
                continue
            where = f"{path}:{lineno}"
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                yield None, None, f"{where}: not valid JSON ({exc.msg})"
                continue
            if not isinstance(obj, dict) or obj.get("schema") != SCHEMA or not (obj.get("document") or {}).get("id"):
                yield None, None, f"{where}: not a {SCHEMA} record"
                continue
            text = obj.pop("text", None)  # an optional extension: the text the offsets index
            yield obj, text if isinstance(text, str) else None, where


def ingest_paths(store: Store, paths: list[str], defaults: ingest.Defaults | None = None,
                 on_bytes: Callable[[int], None] | None = None, nlp: Any = None,
                 batch: int = BATCH, batch_seconds: float = BATCH_SECONDS) -> Iterator[Outcome]:
    """Store every document of `paths` (see `store_records`), yielding what
    happened to each. Raw inputs are extracted with `nlp` (a Pipeline,
    built on first need); records files are stored as they are."""
    yield from store_records(store, _records(paths, defaults, on_bytes, nlp), batch, batch_seconds)


Item = Union[Outcome, tuple[dict, Optional[str], list[str]]]


def _records(paths: list[str], defaults: ingest.Defaults | None, on_bytes: Callable[[int], None] | None,
             nlp: Any) -> Iterator[Item]:
    """(record, text, warnings) per document to store, or the failed Outcome
    of an input that cannot be read."""
    record_files: set[Path] = set()
    raw: list[str] = []
    for item in ingest.expand(paths):
        if item != "-" and is_record_file(item):
            record_files.add(item)
        raw.append(str(item))
    for item in raw:
        p = Path(item)
        if item != "-" and p in record_files:
            for record, text, where in read_records(p, on_bytes):
                yield Outcome(where, FAILED, [where]) if record is None else (record, text, [])
            continue
        if nlp is None:
            from marsad.pipeline import Pipeline
            nlp = Pipeline().keep_loaded()
        for doc in ingest.read([item], defaults, on_bytes=on_bytes):
            errors = [f"{e.code}: {e.message}" for e in doc.errors]
            if ingest.is_unreadable(doc):
                yield Outcome(doc.id, FAILED, errors)
                continue
            yield nlp(doc).to_record(), doc.text, errors


def store_records(store: Store, items: Iterable[Item], batch: int = BATCH,
                  batch_seconds: float | None = None) -> Iterator[Outcome]:
    """Store (record, text, warnings) items, `batch` documents per
    transaction (fewer when reading them took `batch_seconds`: a batch is
    what a crash may lose), and yield an Outcome per item once its batch is committed
    (an Outcome given as an item passes through). A record the store
    refuses (StoreError) is a failed outcome and undoes nothing else; any
    other error commits the documents stored before it, then propagates.
    Each document's facts replace its old ones atomically either way."""
    pending: list[Item] = []
    started = time.monotonic()
    try:
        for item in items:
            if not pending:
                started = time.monotonic()
            pending.append(item)
            if len(pending) >= batch or batch_seconds is not None and time.monotonic() - started >= batch_seconds:
                done, pending = _store_batch(store, pending), []
                yield from done
    finally:
        # Also when the caller stops early or an input fails to read: what
        # was read is stored, so that no document read is left out.
        done, pending = (_store_batch(store, pending) if pending else []), []
    yield from done


def _store_batch(store: Store, items: list[Item]) -> list[Outcome]:
    """Store a batch in one transaction, without a savepoint per document
    (they cost more than anything else a document writes). When any
    document fails, nothing of that attempt is kept: the batch is stored
    again document by document (`_store_one_by_one`), so that the failing
    one gets its failed outcome (or its error propagates after the
    documents before it are committed) and every other one is stored."""
    statuses: list[str] = []
    try:
        with store.batch():
            for item in items:
                if not isinstance(item, Outcome):
                    statuses.append(store.put_record(item[0], item[1]))
    except Exception:
        return _store_one_by_one(store, items)
    out: list[Outcome] = []
    it = iter(statuses)
    for item in items:
        if isinstance(item, Outcome):
            out.append(item)
            continue
        record, _, warnings = item
        status = next(it)
        assert status in (ADDED, REPLACED, UNCHANGED)
        out.append(Outcome(record["document"]["id"], status, list(warnings)))
    return out


def _store_one_by_one(store: Store, items: list[Item]) -> list[Outcome]:
    """A batch in one transaction, each document in a savepoint of its own:
    a record the store refuses (StoreError) fails alone; any other error
    commits the documents before it, then propagates."""
    out: list[Outcome] = []
    error: Exception | None = None
    with store.transaction():
        for item in items:
            if isinstance(item, Outcome):
                out.append(item)
                continue
            record, text, warnings = item
            doc_id = record["document"]["id"]
            try:
                # put_record's own transaction is a savepoint inside this one.
                status = store.put_record(record, text)
            except StoreError as exc:
                out.append(Outcome(doc_id, FAILED, [str(exc)]))
                continue
            except Exception as exc:  # the documents before it are committed, then it fails
                error = exc
                break
            assert status in (ADDED, REPLACED, UNCHANGED)
            out.append(Outcome(doc_id, status, list(warnings)))
    if error is not None:
        raise error
    return out

"""Filling the store: read inputs (the same as `marsad extract`, or
marsad.document/1 JSON Lines already extracted), extract what needs
extracting, and store each document in its own transaction."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator

from marsad import ingest
from marsad.store.base import ADDED, REPLACED, SCHEMA, UNCHANGED, Store

FAILED = "failed"


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
                 on_bytes: Callable[[int], None] | None = None, nlp: Any = None) -> Iterator[Outcome]:
    """Store every document of `paths`, one transaction each, yielding what
    happened to each. Raw inputs are extracted with `nlp` (a Pipeline,
    built on first need); records files are stored as they are."""
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
                if record is None:
                    yield Outcome(where, FAILED, [where])
                    continue
                yield _put(store, record, text)
            continue
        if nlp is None:
            from marsad.pipeline import Pipeline
            nlp = Pipeline()
        for doc in ingest.read([item], defaults, on_bytes=on_bytes):
            if ingest.is_unreadable(doc):
                yield Outcome(doc.id, FAILED, [f"{e.code}: {e.message}" for e in doc.errors])
                continue
            record = nlp(doc).to_record()
            out = _put(store, record, doc.text)
            out.errors.extend(f"{e.code}: {e.message}" for e in doc.errors)
            yield out


def _put(store: Store, record: dict, text: str | None) -> Outcome:
    doc_id = record["document"]["id"]
    status = store.put_record(record, text)
    assert status in (ADDED, REPLACED, UNCHANGED)
    return Outcome(doc_id, status)

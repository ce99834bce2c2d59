"""The records that flow through the pipeline: a `Doc` in, a
marsad.document/1 record out. Every span is a pair of offsets into
`Doc.text` exactly as read."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import cached_property
from operator import attrgetter
from typing import Any

import orjson

from marsad import text as textlib

SCHEMA = "marsad.document/1"


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str

    def to_json(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(slots=True)  # fifty a document: slots make them cheaper to build and read
class Mention:
    start: int
    end: int
    text: str
    entity_id: str
    how: str = "gazetteer"  # gazetteer | adjective | place | inside | coreference | office | model


@dataclass
class Entity:
    id: str
    type: str
    name_en: str
    name_ar: str
    wikidata: str | None = None
    mentions: list[Mention] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.type,
            "name_en": self.name_en,
            "name_ar": self.name_ar,
            "wikidata": self.wikidata,
            "mentions": [
                {"start": m.start, "end": m.end, "text": m.text}
                for m in sorted(self.mentions, key=_START)
            ],
        }


@dataclass
class DateMention:
    """A date expression: its span and its value as an ISO partial date
    ("2024", "2024-07", "2024-07-03") or an interval "start/end"; None when
    it is relative and the publication date is unknown."""

    start: int
    end: int
    text: str
    value: str | None
    kind: str = "date"  # date | range | relative | deadline

    def to_json(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text, "value": self.value, "kind": self.kind}


@dataclass
class DocError:
    code: str
    message: str

    def to_json(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message}


@dataclass
class Doc:
    """One document and everything found in it so far."""

    id: str
    text: str
    source: str | None = None
    published: str | None = None
    url: str | None = None
    title: str | None = None
    encoding: str | None = None  # of a decoded text file
    errors: list[DocError] = field(default_factory=list)
    entities: dict[str, Entity] = field(default_factory=dict)
    dates: list[DateMention] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    figures: list[dict[str, Any]] = field(default_factory=list)
    # Set by stages for later stages' use (not serialized).
    sentences: list[textlib.Segment] = field(default_factory=list)
    clauses: list[textlib.Segment] = field(default_factory=list)

    @cached_property
    def norm(self) -> textlib.Normalized:
        return textlib.normalize_with_map(self.text)

    def span(self, start: int, end: int) -> Span:
        return Span(start, end, self.text[start:end])

    def add_error(self, code: str, message: str) -> None:
        self.errors.append(DocError(code, message))

    def mentions(self) -> list[Mention]:
        out = [m for e in self.entities.values() for m in e.mentions]
        out.sort(key=lambda m: m.start)
        return out

    def to_record(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "document": {
                "id": self.id,
                "source": self.source,
                "published": self.published,
                "url": self.url,
                "title": self.title,
                "language": "ar",
                "chars": len(self.text),
                "sha256": hashlib.sha256(self.text.encode("utf-8", "surrogatepass")).hexdigest(),
                **({"encoding": self.encoding} if self.encoding else {}),
            },
            "entities": [e.to_json() for e in sorted(self.entities.values(), key=_first_mention)],
            "dates": [d.to_json() for d in self.dates],
            "events": self.events,
            "figures": self.figures,
            "errors": [e.to_json() for e in self.errors],
        }


def record_line(record: dict[str, Any]) -> str:
    """A record as one line of JSON Lines (UTF-8 as is, no ASCII escapes).
    orjson: six times json.dumps on a record, which was a tenth of
    extraction's time."""
    return orjson.dumps(record).decode("utf-8") + "\n"


_START = attrgetter("start")


def _first_mention(entity: Entity) -> tuple[int, str]:
    return (min(map(_START, entity.mentions), default=1 << 60), entity.id)

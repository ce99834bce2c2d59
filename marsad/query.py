"""Questions an analyst asks of the knowledge base: the functions the CLI and
the web app both call.

Every function takes an open `Store` (see `marsad.store.open_store`) and
returns plain JSON-ready data (dicts, lists, str, numbers, None). Field
names reuse marsad.document/1's: `id`, `source`, `published`, `title`,
`type`, `name_en`, `name_ar`, `wikidata`, `mode`, `actors`,
`source_actor`, `target_actor`, `date`, `date_text`, `location`, `status`,
`metric`, `value`, `unit`, `value_text`, `period`, `kind`, `qualifier`,
`subject`, `attributed_to`, `evidence` ({start, end, text}).

Lists are pages: ``{"items": [...], "total": int, "limit": int, "offset": int}``.

Actor / entity arguments accept an id (Q232, marsad:…), an English name
("Kazakhstan") or an Arabic name in any spelling seen ("قازاقستان",
"كازاخستان", "الكازاخستاني"); `resolve_entity` does that lookup. An actor that
cannot be resolved matches nothing (an empty page), never everything.

Dates (`date_from`, `date_to`, `period`, `month`) are ISO partial dates:
"2022", "2022-05", "2022-05-14"; a period may be an interval "2022-01/2022-05".
"""
from __future__ import annotations

import json
from typing import Any, Iterable, Iterator

from marsad import resolve as rs
from marsad.store.base import Store

DEFAULT_LIMIT = 50
MAX_LIMIT = 500

Page = dict[str, Any]


def _page(items: list[dict], total: int, limit: int, offset: int) -> Page:
    return {"items": items, "total": total, "limit": limit, "offset": offset}


def _bounds(limit: int, offset: int) -> tuple[int, int]:
    limit = max(0, min(int(limit), MAX_LIMIT))
    offset = max(0, int(offset))
    return limit, offset


def _j(value: str | None, default: Any = None) -> Any:
    return json.loads(value) if value else default


# --- entities ----------------------------------------------------------------

def resolve_entity(store: Store, name: str) -> str | None:
    """The canonical entity id for `name`: an id (any alias of a merged
    `marsad:` id), an English name (case-insensitive), or an Arabic name in
    any spelling seen in a mention (compared in normalized form, with or
    without a leading ال or proclitic و/ف/ب/ل). The entity with the most
    documents wins when several match. None when nothing matches."""
    raise NotImplementedError


def find_entities(store: Store, name: str | None = None, *, type: str | None = None,
                  limit: int = DEFAULT_LIMIT, offset: int = 0) -> Page:
    """Entities whose id, English name, Arabic name or any spelling seen
    matches `name` (normalized substring match; all entities when None),
    most documents first. Items: {id, type, name_en, name_ar, wikidata,
    documents, mentions}."""
    raise NotImplementedError


def entity_detail(store: Store, name: str, *, limit: int = DEFAULT_LIMIT) -> dict | None:
    """The profile of one entity (found by `resolve_entity`), or None:
    {id, type, name_en, name_ar, wikidata, aliases (merged ids), documents
    (count), spellings: [{text, count}] most frequent first, events: the
    event clusters it takes part in (as in `timeline`, at most `limit`),
    figures: the claims it is a subject of (as in `claims`, at most
    `limit`), co_actors: [{id, type, name_en, name_ar, documents}] entities
    sharing the most documents with it (at most `limit`)}."""
    raise NotImplementedError


# --- documents ---------------------------------------------------------------

def list_documents(store: Store, *, source: str | None = None, month: str | None = None,
                   entity: str | None = None, limit: int = DEFAULT_LIMIT, offset: int = 0) -> Page:
    """Documents, newest first, optionally of one outlet (`source`, exact),
    published in one `month` ("2024-07") or mentioning one entity. Items:
    {id, source, published, url, title, language, chars, sha256, entities,
    events, figures} (the last three are counts)."""
    raise NotImplementedError


def get_document(store: Store, doc_id: str) -> dict | None:
    """One document with everything extracted from it, or None: {document:
    {id, source, published, url, title, language, chars, sha256}, text (None
    when it was ingested from a record without text), record (the
    marsad.document/1 record as ingested), likely_errors: [as in
    `likely_errors`]}. Offsets in the record index into `text`."""
    raise NotImplementedError


# --- events ------------------------------------------------------------------

def timeline(store: Store, *, actor: str | None = None, type: str | None = None,
             status: str | None = None, date_from: str | None = None, date_to: str | None = None,
             limit: int = DEFAULT_LIMIT, offset: int = 0) -> Page:
    """Event clusters (one real-world event told by one or more outlets),
    oldest first, undated last. Filters: an actor taking part, a PLOVER
    `type`, a `status` (occurred, planned, expected, ongoing), a date range
    (inclusive, partial dates compared by prefix). Items: {id, type, mode,
    date, status, actors: [{id, name_en, name_ar, type}], location, sources
    (distinct outlets), reports: [{document: {id, source, published, title},
    type, mode, actors, source_actor, target_actor, date, date_text,
    location, status, confidence, evidence}]}. A cluster's `status` is
    "occurred" when any report says it occurred, else the reports' most
    common status."""
    raise NotImplementedError


def events(store: Store, *, actor: str | None = None, type: str | None = None,
           status: str | None = None, date_from: str | None = None, date_to: str | None = None,
           limit: int = DEFAULT_LIMIT, offset: int = 0) -> Page:
    """Single event reports (not clustered), same filters as `timeline`.
    Items: {id, cluster, document: {id, source, published, title}, type, mode,
    actors, source_actor, target_actor, date, date_text, location, status,
    confidence, evidence}."""
    raise NotImplementedError


# --- figures and claims ------------------------------------------------------

def claims(store: Store, *, metric: str | None = None, between: Iterable[str] | None = None,
           period: str | None = None, status: str | None = None,
           limit: int = DEFAULT_LIMIT, offset: int = 0) -> Page:
    """Claims: figures that state the same measurement (same metric, unit,
    kind, subjects and period) grouped across documents, ordered by metric
    then period. `between`: actors that must all be among the subjects (two
    actors: that pair, exactly). `period`: claims whose period starts with
    it ("2022" matches "2022" and "2022-01/2022-05"). `status`: single,
    agree or conflict. Items: {id, metric, unit, kind, period, subject:
    [{id, name_en, name_ar}], status, value_low, value_high, sources
    (distinct outlets), figures: [{id, document: {id, source, published,
    title}, value, unit, value_text, qualifier, attributed_to, evidence,
    side}]}; `side` numbers the groups of mutually agreeing values (all 0
    when the claim agrees)."""
    raise NotImplementedError


def figures(store: Store, *, metric: str | None = None, between: Iterable[str] | None = None,
            period: str | None = None, limit: int = DEFAULT_LIMIT, offset: int = 0) -> Page:
    """A series: the same as `claims` (every source's value for each
    period), ordered by period so that it reads as a time series. Alias
    kept for the CLI's `marsad figures`."""
    raise NotImplementedError


def conflicts(store: Store, *, metric: str | None = None, actor: str | None = None,
              limit: int = DEFAULT_LIMIT, offset: int = 0) -> Page:
    """Claims whose values disagree beyond rounding and qualifiers. Items
    as in `claims`, plus sides: [{value_low, value_high, figures: [...]}]
    (each side's outlets, attributions and evidence)."""
    raise NotImplementedError


def likely_errors(store: Store, *, document: str | None = None,
                  limit: int = DEFAULT_LIMIT, offset: int = 0) -> Page:
    """Figures whose subject is implausible for their document (a country
    the document mentions nowhere but in that figure). Items: {document:
    {id, source, published, title}, figure: {metric, value, unit,
    value_text, period, subject, attributed_to, evidence}, entity: {id,
    name_en, name_ar} (the suspect subject), intended: {id, name_en,
    name_ar} or None (the likely intended subject), reason}."""
    raise NotImplementedError


# --- search and overview -----------------------------------------------------

def search(store: Store, q: str, *, limit: int = DEFAULT_LIMIT, offset: int = 0) -> Page:
    """Full-text search over normalized text: diacritics, hamza and alef
    forms, taa marbuta, digits do not matter, and a name known as an entity
    finds every spelling of it (قازاقستان finds كازاخستان). Ranked best
    first. Items: {document: {id, source, published, title}, score,
    snippet: {text, start, end} (offsets into the document text when it is
    stored; the match is text[start:end] of the snippet's document),
    entity: {id, name_en, name_ar} or None (the entity the query named)}."""
    raise NotImplementedError


def overview(store: Store, *, top: int = 10) -> dict:
    """The corpus at a glance: {documents (count), entities (count), events
    (count of clusters), claims (count), by_source: [{source, documents}],
    by_month: [{month, documents}], by_source_month: [{source, month,
    documents}], top_actors: [{id, type, name_en, name_ar, documents}]
    (countries, persons and organizations, at most `top`), latest_events
    (timeline items, newest first, at most `top`), open_conflicts
    (conflicts items, at most `top`), likely_errors (count)}."""
    raise NotImplementedError


def export(store: Store, format: str = "jsonl") -> Iterator[str]:
    """Lines to write: "jsonl" the marsad.document/1 records as ingested;
    "csv" one row per figure (header first); "plover" one PLOVER-style
    event JSON per event report with cite_info (outlet, date, document id,
    evidence)."""
    raise NotImplementedError

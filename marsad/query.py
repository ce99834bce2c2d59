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

import csv
import io
import json
import re
from functools import lru_cache
from typing import Any, Iterable, Iterator

from marsad import resolve as rs
from marsad.store.base import Store
from marsad.text import normalize_with_map

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


# --- helpers -----------------------------------------------------------------

def _marks(values: list) -> str:
    return ", ".join("?" for _ in values)


def _doc_brief(row: dict) -> dict:
    return {"id": row["doc_id"], "source": row.get("source"), "published": row.get("published"),
            "title": row.get("title")}


def _evidence(row: dict) -> dict | None:
    if row.get("ev_start") is None and not row.get("ev_text"):
        return None
    return {"start": row.get("ev_start"), "end": row.get("ev_end"), "text": row.get("ev_text")}


def _names(store: Store, ids: Iterable[str | None]) -> dict[str, dict]:
    """Entity rows (id, type, name_en, name_ar, wikidata) for ids or aliases."""
    ids = sorted({i for i in ids if i})
    out: dict[str, dict] = {}
    for k in range(0, len(ids), 500):
        chunk = ids[k:k + 500]
        for r in store.query(
                f"SELECT a.alias, e.id, e.type, e.name_en, e.name_ar, e.wikidata FROM entity_aliases a "
                f"JOIN entities e ON e.id = a.entity_id WHERE a.alias IN ({_marks(chunk)})", chunk):
            out[r.pop("alias")] = r
    return out


def _entity_ref(names: dict[str, dict], eid: str | None) -> dict | None:
    if not eid:
        return None
    r = names.get(eid)
    if not r:
        return {"id": eid, "type": None, "name_en": None, "name_ar": None}
    return {"id": r["id"], "type": r["type"], "name_en": r["name_en"], "name_ar": r["name_ar"]}


def _actor_ids(store: Store, actors: Iterable[str] | None) -> list[str] | None:
    """Canonical ids for actor arguments; None when no filter was asked, and
    [] plus a sentinel when one cannot be resolved (matches nothing)."""
    if actors is None:
        return None
    if isinstance(actors, str):
        actors = [actors]
    out = []
    for a in actors:
        if a is None or not str(a).strip():
            continue
        eid = resolve_entity(store, str(a))
        out.append(eid if eid else "\u2400unresolved")
    return out or None


# --- entities ----------------------------------------------------------------

def resolve_entity(store: Store, name: str) -> str | None:
    """The canonical entity id for `name`: an id (any alias of a merged
    `marsad:` id), an English name (case-insensitive), or an Arabic name in
    any spelling seen in a mention (compared in normalized form, with or
    without a leading ال or proclitic و/ف/ب/ل). The entity with the most
    documents wins when several match. None when nothing matches."""
    name = (name or "").strip()
    if not name:
        return None
    row = store.one("SELECT entity_id FROM entity_aliases WHERE alias = ?", (name,))
    if row:
        return row["entity_id"]
    row = store.one("SELECT id FROM entities WHERE name_en_key = ? ORDER BY documents DESC, id LIMIT 1",
                    (name.casefold(),))
    if row:
        return row["id"]
    for key in rs.lookup_keys(name):
        row = store.one("SELECT id FROM entities WHERE name_key = ? ORDER BY documents DESC, id LIMIT 1", (key,))
        if row:
            return row["id"]
        row = store.one(
            "SELECT s.entity_id AS id FROM entity_spellings s JOIN entities e ON e.id = s.entity_id "
            "WHERE s.key = ? ORDER BY s.n DESC, e.documents DESC, e.id LIMIT 1", (key,))
        if row:
            return row["id"]
    # A spelling no stored document used: the gazetteer knows every variant.
    for gid in _gazetteer_ids(name):
        row = store.one("SELECT entity_id FROM entity_aliases WHERE alias = ?", (gid,))
        if row:
            return row["entity_id"]
    return None


@lru_cache(maxsize=1)
def _gazetteer():
    from marsad import gazetteer

    return gazetteer.load()


@lru_cache(maxsize=1024)
def _gazetteer_ids(name: str) -> tuple[str, ...]:
    try:
        g = _gazetteer()
    except Exception:  # no gazetteer data: only what the store knows
        return ()
    ids: list[str] = []
    for key in [name, *rs.lookup_keys(name)]:
        ids.extend(e.id for e in g.lookup(key))
        adj = g.adjective_of.get(rs.match_key(key))
        if adj:
            ids.append(adj)
    return tuple(dict.fromkeys(ids))


def find_entities(store: Store, name: str | None = None, *, type: str | None = None,
                  limit: int = DEFAULT_LIMIT, offset: int = 0) -> Page:
    """Entities whose id, English name, Arabic name or any spelling seen
    matches `name` (normalized substring match; all entities when None),
    most documents first. Items: {id, type, name_en, name_ar, wikidata,
    documents, mentions}."""
    limit, offset = _bounds(limit, offset)
    where, params = [], []
    if name and name.strip():
        key = "%" + rs.match_key(name) + "%"
        where.append("(e.id = ? OR e.name_en_key LIKE ? OR e.name_key LIKE ? OR e.id IN "
                     "(SELECT entity_id FROM entity_spellings WHERE key LIKE ?))")
        params += [name.strip(), "%" + name.strip().casefold() + "%", key, key]
    if type:
        where.append("e.type = ?")
        params.append(type)
    w = ("WHERE " + " AND ".join(where)) if where else ""
    total = store.scalar(f"SELECT COUNT(*) AS n FROM entities e {w}", params)
    rows = store.query(
        f"SELECT e.id, e.type, e.name_en, e.name_ar, e.wikidata, e.documents, "
        f"(SELECT COALESCE(SUM(n), 0) FROM entity_spellings s WHERE s.entity_id = e.id) AS mentions "
        f"FROM entities e {w} ORDER BY e.documents DESC, e.id LIMIT ? OFFSET ?", (*params, limit, offset))
    for r in rows:
        r["mentions"] = int(r["mentions"] or 0)
    return _page(rows, int(total or 0), limit, offset)


CO_ACTOR_SAMPLE = 500  # documents of an entity looked at for its co-occurring actors
REPORTS_IN_PROFILE = 3  # reports listed with each event of an entity's profile


def entity_detail(store: Store, name: str, *, limit: int = DEFAULT_LIMIT) -> dict | None:
    """The profile of one entity (found by `resolve_entity`), or None:
    {id, type, name_en, name_ar, wikidata, aliases (merged ids), documents
    (count), spellings: [{text, count}] most frequent first, events: the
    event clusters it takes part in (as in `timeline`, the first `limit`,
    each with its first 3 reports), n_events (how many in all), figures:
    the claims it is a subject of (as in `claims`, the first `limit`, with
    3 figures per side), n_claims (how many in all), claim_metrics:
    [{metric, claims}] (every metric of those claims), co_actors: [{id,
    type, name_en, name_ar, documents}] entities sharing the most documents
    with it (at most `limit`; counted over the 500 documents that mention
    it most)}."""
    eid = resolve_entity(store, name)
    if eid is None:
        return None
    e = store.one("SELECT id, type, name_en, name_ar, wikidata, documents FROM entities WHERE id = ?", (eid,))
    if e is None:
        return None
    limit = max(0, min(int(limit), MAX_LIMIT))
    e["aliases"] = [r["alias"] for r in store.query(
        "SELECT alias FROM entity_aliases WHERE entity_id = ? AND alias <> ? ORDER BY alias", (eid, eid))]
    e["spellings"] = [{"text": r["text"], "count": r["n"]} for r in store.query(
        "SELECT text, n FROM entity_spellings WHERE entity_id = ? ORDER BY n DESC, text", (eid,))]
    events = timeline(store, actor=eid, limit=limit, reports=REPORTS_IN_PROFILE)
    e["events"], e["n_events"] = events["items"], events["total"]
    figs = claims(store, between=[eid], limit=limit, per_side=REPORTS_IN_PROFILE)
    e["figures"], e["n_claims"] = figs["items"], figs["total"]
    e["claim_metrics"] = [{"metric": r["metric"], "claims": int(r["n"])} for r in store.query(
        "SELECT c.metric, COUNT(*) AS n FROM claim_subjects s JOIN claims c ON c.key = s.claim_key "
        "WHERE s.entity_id = ? GROUP BY c.metric ORDER BY COUNT(*) DESC, c.metric", (eid,))]
    # The sample comes straight from the (entity_id, mentions, doc_id) index:
    # the documents most about it, not the whole of a frequent entity's.
    co = store.query(
        "SELECT o.entity_id AS id, COUNT(*) AS documents FROM doc_entities o "
        "WHERE o.doc_id IN (SELECT d.doc_id FROM doc_entities d "
        "WHERE d.entity_id = ? ORDER BY d.mentions DESC, d.doc_id LIMIT ?) AND o.entity_id <> ? "
        "GROUP BY o.entity_id ORDER BY COUNT(*) DESC, o.entity_id LIMIT ?",
        (eid, CO_ACTOR_SAMPLE, eid, limit * 3 + 10))
    names = _names(store, [r["id"] for r in co])
    out = []
    for r in co:
        n = names.get(r["id"]) or {}
        if n.get("type") in ("country", "person", "organization", None):
            out.append({**(_entity_ref(names, r["id"]) or {}), "documents": int(r["documents"])})
    e["co_actors"] = out[:limit]
    return e


# --- documents ---------------------------------------------------------------

_DOC_FIELDS = "id, source, published, url, title, language, chars, sha256, n_entities, n_events, n_figures"


def _doc_item(r: dict) -> dict:
    return {"id": r["id"], "source": r["source"], "published": r["published"], "url": r["url"],
            "title": r["title"], "language": r["language"], "chars": r["chars"], "sha256": r["sha256"],
            "entities": r["n_entities"], "events": r["n_events"], "figures": r["n_figures"]}


# Documents mentioning an entity above which listing them walks the date
# index instead of sorting them all.
_FREQUENT_ENTITY = 5000


def list_documents(store: Store, *, source: str | None = None, month: str | None = None,
                   entity: str | None = None, limit: int = DEFAULT_LIMIT, offset: int = 0) -> Page:
    """Documents, newest first, optionally of one outlet (`source`, exact),
    published in one `month` ("2024-07") or mentioning one entity. Items:
    {id, source, published, url, title, language, chars, sha256, entities,
    events, figures} (the last three are counts)."""
    limit, offset = _bounds(limit, offset)
    where, params = [], []
    if source:
        where.append("source = ?")
        params.append(source)
    if month:
        where.append("month = ?")
        params.append(month[:7])
    total = None
    if entity:
        eid = resolve_entity(store, entity) or "\u2400unresolved"
        n = store.scalar("SELECT documents AS n FROM entities WHERE id = ?", (eid,)) or 0
        if n > _FREQUENT_ENTITY:
            # An entity in most documents: walk the documents newest first and
            # keep its own (the first page comes at once), rather than sort
            # all of them.
            where.append("EXISTS (SELECT 1 FROM doc_entities de WHERE de.doc_id = documents.id AND de.entity_id = ?)")
        else:
            where.append("id IN (SELECT doc_id FROM doc_entities WHERE entity_id = ?)")
        params.append(eid)
        if not source and not month:
            total = n  # counted at ingest
    w = ("WHERE " + " AND ".join(where)) if where else ""
    if total is None:
        total = store.scalar(f"SELECT COUNT(*) AS n FROM documents {w}", params)
    rows = store.query(
        f"SELECT {_DOC_FIELDS} FROM documents {w} ORDER BY published DESC NULLS LAST, id LIMIT ? OFFSET ?",
        (*params, limit, offset))
    return _page([_doc_item(r) for r in rows], int(total or 0), limit, offset)


def get_document(store: Store, doc_id: str) -> dict | None:
    """One document with everything extracted from it, or None: {document:
    {id, source, published, url, title, language, chars, sha256}, text (None
    when it was ingested from a record without text), record (the
    marsad.document/1 record as ingested), likely_errors: [as in
    `likely_errors`]}. Offsets in the record index into `text`."""
    r = store.one(f"SELECT {_DOC_FIELDS}, text, record FROM documents WHERE id = ?", (doc_id,))
    if r is None:
        return None
    item = _doc_item(r)
    return {
        "document": {k: item[k] for k in ("id", "source", "published", "url", "title", "language", "chars", "sha256")},
        "text": r["text"],
        "record": _j(r["record"], {}),
        "likely_errors": likely_errors(store, document=doc_id, limit=MAX_LIMIT)["items"],
    }


# --- events ------------------------------------------------------------------

def _date_filters(col: str, date_from: str | None, date_to: str | None, where: list, params: list) -> None:
    if date_from:
        where.append(f"{col} IS NOT NULL AND substr({col}, 1, {len(date_from)}) >= ?")
        params.append(date_from)
    if date_to:
        where.append(f"{col} IS NOT NULL AND substr({col}, 1, {len(date_to)}) <= ?")
        params.append(date_to)


REPORTS_PER_EVENT = 5  # reports listed with each event of a list (all of them: `event_detail`)
FIGURES_PER_CLAIM = 5  # figures listed with each claim of a list, per side (all of them: `claim_detail`)


def timeline(store: Store, *, actor: str | None = None, type: str | None = None,
             status: str | None = None, date_from: str | None = None, date_to: str | None = None,
             limit: int = DEFAULT_LIMIT, offset: int = 0, newest_first: bool = False,
             reports: int = REPORTS_PER_EVENT) -> Page:
    """Event clusters (one real-world event told by one or more outlets),
    oldest first (`newest_first` for the reverse), undated last. Filters: an
    actor taking part, a PLOVER `type`, a `status` (occurred, planned,
    expected, ongoing), a date range (inclusive, partial dates compared by
    prefix). Items: {id, type, mode, date, status, actors: [{id, type,
    name_en, name_ar}], location, sources (distinct outlets, all of them),
    n_reports, reports: the first `reports` of its n_reports (oldest
    first; all of them, a page at a time: `event_detail`): [{id, document:
    {id, source, published, title}, type, mode, actors, source_actor,
    target_actor, date, date_text, location, status, confidence,
    evidence}]}. A cluster's `status` is "occurred" when any report says it
    occurred, else the reports' most common status."""
    limit, offset = _bounds(limit, offset)
    reports = max(0, min(int(reports), MAX_LIMIT))
    where, params = [], []
    total = None
    if actor is not None:
        ids = _actor_ids(store, [actor]) or ["\u2400unresolved"]
        # Its events, counted from the (entity_id, cluster_id) index.
        n = int(store.scalar("SELECT COUNT(*) AS n FROM cluster_actors WHERE entity_id = ?", (ids[0],)) or 0)
        if n > _FREQUENT_ENTITY:
            # An actor of most events: walk the events in date order and keep
            # its own (the first page comes at once), rather than sort all.
            where.append("EXISTS (SELECT 1 FROM cluster_actors a WHERE a.cluster_id = c.id AND a.entity_id = ?)")
        else:
            where.append("c.id IN (SELECT cluster_id FROM cluster_actors WHERE entity_id = ?)")
        params.append(ids[0])
        if not (type or status or date_from or date_to):
            total = n
    if type:
        where.append("c.type = ?")
        params.append(type)
    if status:
        where.append("c.status = ?")
        params.append(status)
    _date_filters("c.date", date_from, date_to, where, params)
    w = ("WHERE " + " AND ".join(where)) if where else ""
    order = "c.date DESC NULLS LAST, c.id DESC" if newest_first else "c.date ASC NULLS LAST, c.id"
    if total is None:
        total = store.scalar(f"SELECT COUNT(*) AS n FROM event_clusters c {w}", params)
    rows = store.query(
        f"SELECT c.id, c.type, c.mode, c.date, c.status, c.actors, c.location, c.n_reports, c.stats "
        f"FROM event_clusters c {w} ORDER BY {order} LIMIT ? OFFSET ?", (*params, limit, offset))
    return _page(_cluster_items(store, rows, reports), int(total or 0), limit, offset)


_REPORT_ROWS = ("SELECT e.*, d.title FROM events e JOIN documents d ON d.id = e.doc_id "
                "WHERE e.cluster_id = ? ORDER BY e.published, e.id LIMIT ? OFFSET ?")


def _cluster_items(store: Store, rows: list[dict], reports: int) -> list[dict]:
    """Timeline items for event_clusters rows, each with its first `reports`
    reports (one indexed query per cluster: a big event's thousands of
    reports are never all read)."""
    report_rows = {r["id"]: store.query(_REPORT_ROWS, (r["id"], reports, 0)) if reports else [] for r in rows}
    names = _names(store, [a for r in rows for a in _j(r["actors"], [])] + [r["location"] for r in rows]
                   + [x for rr in report_rows.values() for r in rr
                      for x in (r["location"], r["source_actor"], r["target_actor"])])
    items = []
    for r in rows:
        stats = _j(r["stats"])
        if stats is None:  # a cluster not counted since migration 0003: its outlets from its reports
            sources = [x["source"] for x in store.query(
                "SELECT DISTINCT source FROM events WHERE cluster_id = ? AND source IS NOT NULL", (r["id"],))]
        else:
            sources = [x for x in stats.get("sources") or {} if x]
        items.append({
            "id": r["id"], "type": r["type"], "mode": r["mode"], "date": r["date"], "status": r["status"],
            "actors": [_entity_ref(names, a) for a in _j(r["actors"], [])],
            "location": _entity_ref(names, r["location"]),
            "sources": sorted(sources),
            "n_reports": int(r["n_reports"] or 0),
            "reports": [_report(x) for x in report_rows[r["id"]]],
        })
    return items


def event_detail(store: Store, cluster_id: str, *, limit: int = DEFAULT_LIMIT, offset: int = 0) -> dict | None:
    """One event cluster as in `timeline` (without its `reports` list), and
    its reports a page at a time, oldest first: {…, reports: {items, total,
    limit, offset}}; None when there is no such cluster."""
    limit, offset = _bounds(limit, offset)
    row = store.one("SELECT c.id, c.type, c.mode, c.date, c.status, c.actors, c.location, c.n_reports, c.stats "
                    "FROM event_clusters c WHERE c.id = ?", (cluster_id,))
    if row is None:
        return None
    item = _cluster_items(store, [row], 0)[0]
    rows = store.query(_REPORT_ROWS, (cluster_id, limit, offset))
    item["reports"] = _page([_report(r) for r in rows], item["n_reports"], limit, offset)
    return item


def _report(r: dict) -> dict:
    return {
        "id": r["id"], "cluster": r.get("cluster_id"), "document": _doc_brief(r), "type": r["type"], "mode": r["mode"],
        "actors": _j(r["actors"], []), "source_actor": r["source_actor"], "target_actor": r["target_actor"],
        "date": r["date"], "date_text": r["date_text"], "location": r["location"], "status": r["status"],
        "confidence": r["confidence"], "evidence": _evidence(r),
    }


def events(store: Store, *, actor: str | None = None, type: str | None = None,
           status: str | None = None, date_from: str | None = None, date_to: str | None = None,
           limit: int = DEFAULT_LIMIT, offset: int = 0) -> Page:
    """Single event reports (not clustered), same filters as `timeline`,
    oldest first. Items: {id, cluster, document: {id, source, published,
    title}, type, mode, actors, source_actor, target_actor, date, date_text,
    location, status, confidence, evidence}."""
    limit, offset = _bounds(limit, offset)
    where, params = [], []
    if actor is not None:
        ids = _actor_ids(store, [actor]) or ["\u2400unresolved"]
        where.append("e.id IN (SELECT event_id FROM event_actors WHERE entity_id = ?)")
        params.append(ids[0])
    if type:
        where.append("e.type = ?")
        params.append(type)
    if status:
        where.append("e.status = ?")
        params.append(status)
    _date_filters("e.date", date_from, date_to, where, params)
    w = ("WHERE " + " AND ".join(where)) if where else ""
    total = store.scalar(f"SELECT COUNT(*) AS n FROM events e {w}", params)
    rows = store.query(
        f"SELECT e.*, d.source, d.published, d.title FROM events e JOIN documents d ON d.id = e.doc_id {w} "
        f"ORDER BY e.date ASC NULLS LAST, e.id LIMIT ? OFFSET ?", (*params, limit, offset))
    return _page([_report(r) for r in rows], int(total or 0), limit, offset)


# --- figures and claims ------------------------------------------------------

def _figure(r: dict) -> dict:
    return {
        "id": r["id"], "document": _doc_brief(r), "metric": r["metric"], "value": r["value"], "unit": r["unit"],
        "value_text": r["value_text"], "period": r["period"], "kind": r["kind"], "qualifier": r["qualifier"],
        "subject": _j(r["subject"], []), "attributed_to": r["attributed_to"], "evidence": _evidence(r),
        "side": 0,
        # the figure is counted under the subject its outlet likely meant
        # (see `likely_errors`): {entity, intended} ids, else None
        "slip": {"entity": r["slip_entity"], "intended": r["slip_intended"]} if r.get("slip_intended") else None,
    }


_CLAIM_FIGURE = ("SELECT f.*, d.title, l.entity_id AS slip_entity, l.intended_id AS slip_intended "
                 "FROM figures f JOIN documents d ON d.id = f.doc_id "
                 "LEFT JOIN likely_errors l ON l.figure_id = f.id ")


def _claim_figures(store: Store, claim: dict) -> list[dict]:
    """Every figure of a claim, oldest first, each with its `side` (as
    numbered by rs.assess_claim), sorted by side: the few columns sides need,
    not the evidence."""
    rows = store.query("SELECT id, doc_id, value, value_text, qualifier, attributed_to, lo, hi, source, published "
                       "FROM figures WHERE claim_key = ? ORDER BY published, id", (claim["key"],))
    if claim["status"] in ("conflict", "unclear"):
        sides = rs.assess_claim(rows)["sides"]
    else:  # values that share a range are all on one side
        sides = [0] * len(rows)
    for r, side in zip(rows, sides):
        r["side"] = side
    rows.sort(key=lambda r: r["side"])  # stable: oldest first within a side
    return rows


def _figures_by_id(store: Store, light: list[dict]) -> list[dict]:
    """Full figure items for `_claim_figures` rows, in their order."""
    ids = [r["id"] for r in light]
    full = {f["id"]: f for f in store.query(_CLAIM_FIGURE + f"WHERE f.id IN ({_marks(ids)})", ids)} if ids else {}
    return [{**_figure(full[r["id"]]), "side": r["side"]} for r in light]


def _claim_item(store: Store, r: dict, names: dict, per_side: int) -> dict:
    """A claims item for a claims row, with at most `per_side` figures of
    each side (oldest first)."""
    sources = _j(r.get("sources"))
    item = {
        "id": r["key"], "metric": r["metric"], "unit": r["unit"], "kind": r["kind"], "period": r["period"],
        "subject": [_entity_ref(names, s) for s in _j(r["subject"], [])],
        "status": r["status"], "value_low": r["value_low"], "value_high": r["value_high"],
        "sources": sorted(x for x in sources if x) if sources is not None else None,
        "n_figures": int(r["n_figures"] or 0),
    }
    stored_sides = _j(r.get("sides"))
    if r["status"] in ("conflict", "unclear") and stored_sides is not None and sources is not None:
        # Sides stored at ingest: each side's first figures from the
        # (claim_key, side, published, id) index.
        item["figures"] = [{**_figure(f), "side": side} for side in range(len(stored_sides))
                           for f in (store.query(_CLAIM_FIGURE + "WHERE f.claim_key = ? AND f.side = ? "
                                                 "ORDER BY f.published, f.id LIMIT ?", (r["key"], side, per_side))
                                     if per_side else [])]
        item["sides"] = [{**x, "figures": [f for f in item["figures"] if f["side"] == side]}
                         for side, x in enumerate(stored_sides)]
    elif r["status"] in ("conflict", "unclear") or sources is None:
        # A claim whose sides were not stored (not reassessed since
        # migration 0006) or not counted (0003): read from all its figures.
        light = _claim_figures(store, r)
        if item["sources"] is None:  # a claim not counted since migration 0003
            item["sources"] = sorted({f["source"] for f in light if f["source"]})
        shown, seen = [], {}
        for f in light:
            seen[f["side"]] = seen.get(f["side"], 0) + 1
            if seen[f["side"]] <= per_side:
                shown.append(f)
        item["figures"] = _figures_by_id(store, shown)
        if r["status"] in ("conflict", "unclear"):
            item["sides"] = []
            for side in sorted({f["side"] for f in light}):
                v = [f for f in light if f["side"] == side]
                item["sides"].append({
                    "value_low": min(f["value"] for f in v), "value_high": max(f["value"] for f in v),
                    "sources": sorted({f["source"] for f in v if f["source"]}),
                    "attributed_to": sorted({f["attributed_to"] for f in v if f["attributed_to"]}),
                    "n_figures": len(v),
                    "figures": [f for f in item["figures"] if f["side"] == side]})
    else:
        # One side (side 0): the first figures straight from the (claim_key, side, published, id) index.
        item["figures"] = [_figure(f) for f in store.query(
            _CLAIM_FIGURE + "WHERE f.claim_key = ? AND f.side = 0 ORDER BY f.published, f.id LIMIT ?",
            (r["key"], per_side))] if per_side else []
    return item


def _claims_page(store: Store, where: list, params: list, limit: int, offset: int, order: str,
                 per_side: int) -> Page:
    w = ("WHERE " + " AND ".join(where)) if where else ""
    total = store.scalar(f"SELECT COUNT(*) AS n FROM claims c {w}", params)
    rows = store.query(f"SELECT c.* FROM claims c {w} ORDER BY {order} LIMIT ? OFFSET ?", (*params, limit, offset))
    names = _names(store, [s for r in rows for s in _j(r["subject"], [])])
    per_side = max(0, min(int(per_side), MAX_LIMIT))
    return _page([_claim_item(store, r, names, per_side) for r in rows], int(total or 0), limit, offset)


def claim_detail(store: Store, key: str, *, limit: int = DEFAULT_LIMIT, offset: int = 0) -> dict | None:
    """One claim as in `claims` (its sides with all their outlets and
    attributions, but no figure lists), and all its figures a page at a
    time, by side then oldest first: {…, figures: {items, total, limit,
    offset}}; None when there is no such claim."""
    limit, offset = _bounds(limit, offset)
    row = store.one("SELECT * FROM claims WHERE key = ?", (key,))
    if row is None:
        return None
    item = _claim_item(store, row, _names(store, _j(row["subject"], [])), 0)
    if row["status"] not in ("conflict", "unclear") or row.get("sides"):
        # Sides stored (or one side): by side, oldest first, from the index.
        rows = store.query(_CLAIM_FIGURE + "WHERE f.claim_key = ? ORDER BY f.side, f.published, f.id LIMIT ? OFFSET ?",
                           (key, limit, offset))
        total = int(row["n_figures"] or 0)
        item["figures"] = _page([{**_figure(f), "side": f["side"]} for f in rows], total, limit, offset)
        return item
    light = _claim_figures(store, row)
    item["figures"] = _page(_figures_by_id(store, light[offset:offset + limit]), len(light), limit, offset)
    return item


def claim_pairs(store: Store, metric: str, *, top: int = 30) -> list[dict]:
    """The subjects a metric is stated for, most claims first (at most
    `top`): [{subject: [{id, type, name_en, name_ar}], claims}]."""
    top = max(0, min(int(top), MAX_LIMIT))
    rows = store.query("SELECT subject, COUNT(*) AS n FROM claims WHERE metric = ? GROUP BY subject "
                       "ORDER BY COUNT(*) DESC, subject LIMIT ?", (metric, top))
    names = _names(store, [x for r in rows for x in _j(r["subject"], [])])
    return [{"subject": [_entity_ref(names, x) for x in _j(r["subject"], [])], "claims": int(r["n"])} for r in rows]


def _claim_filters(store: Store, metric, between, period, status) -> tuple[list, list]:
    where, params = [], []
    if metric:
        where.append("c.metric = ?")
        params.append(metric)
    ids = _actor_ids(store, between)
    if ids:
        if len(ids) == 2:
            where.append("c.subject = ?")
            params.append(json.dumps(sorted(set(ids))))
        else:
            for i in ids:
                where.append("c.key IN (SELECT claim_key FROM claim_subjects WHERE entity_id = ?)")
                params.append(i)
    if period:
        where.append("c.period = ?")
        params.append(period)
    if status:
        where.append("c.status = ?")
        params.append(status)
    return where, params


def claims(store: Store, *, metric: str | None = None, between: Iterable[str] | None = None,
           period: str | None = None, status: str | None = None,
           limit: int = DEFAULT_LIMIT, offset: int = 0, per_side: int = FIGURES_PER_CLAIM) -> Page:
    """Claims: figures that state the same measurement (same metric, unit,
    kind, subjects and period) grouped across documents, ordered by metric
    then period. `between`: actors that must all be among the subjects (two
    actors: that pair, exactly). `period`: exactly that period ("2022" is
    the year 2022, not "2022-01/2022-05"). `status`: single, agree, conflict
    or unclear (values differ only within one document under one
    attribution). Items: {id, metric, unit, kind, period, subject: [{id,
    type, name_en, name_ar}], status, value_low, value_high, sources
    (distinct outlets, all of them), n_figures, figures: the first
    `per_side` figures of each side, oldest first (all of them, a page at a
    time: `claim_detail`): [{id, document: {id, source, published, title},
    metric, value, unit, value_text, period, kind, qualifier, subject,
    attributed_to, evidence, side}]}; `side` numbers the groups of mutually
    agreeing values from the lowest up (all 0 when the claim agrees).
    Conflicting and unclear claims also carry sides: [{value_low,
    value_high, sources, attributed_to, n_figures, figures}] (each side's
    figures as listed in `figures`)."""
    limit, offset = _bounds(limit, offset)
    where, params = _claim_filters(store, metric, between, period, status)
    return _claims_page(store, where, params, limit, offset, "c.metric, c.period, c.key", per_side)


def figures(store: Store, *, metric: str | None = None, between: Iterable[str] | None = None,
            period: str | None = None, limit: int = DEFAULT_LIMIT, offset: int = 0,
            per_side: int = FIGURES_PER_CLAIM) -> Page:
    """A series: claims (every source's value for each period) ordered by
    period, then metric, so that it reads as a time series. Items as in
    `claims`."""
    limit, offset = _bounds(limit, offset)
    where, params = _claim_filters(store, metric, between, period, None)
    return _claims_page(store, where, params, limit, offset, "c.period, c.metric, c.kind, c.key", per_side)


def conflicts(store: Store, *, metric: str | None = None, actor: str | None = None,
              limit: int = DEFAULT_LIMIT, offset: int = 0, per_side: int = FIGURES_PER_CLAIM) -> Page:
    """Claims whose values disagree beyond rounding and qualifiers, between
    documents or attributions. Items as in `claims`, with sides: [{value_low,
    value_high, sources, attributed_to, n_figures, figures}] (each side's
    outlets, attributions and evidence)."""
    limit, offset = _bounds(limit, offset)
    where, params = _claim_filters(store, metric, [actor] if actor else None, None, "conflict")
    return _claims_page(store, where, params, limit, offset, "c.period DESC, c.metric, c.key", per_side)


def likely_errors(store: Store, *, document: str | None = None,
                  limit: int = DEFAULT_LIMIT, offset: int = 0) -> Page:
    """Figures whose subject is implausible for their document (a country
    the document mentions nowhere but next to that figure). Items:
    {document: {id, source, published, title}, figure: {id, metric, value,
    unit, value_text, period, kind, qualifier, subject, attributed_to,
    evidence}, entity: {id, type, name_en, name_ar} (the suspect subject),
    intended: {id, type, name_en, name_ar} or None (the likely intended
    subject), reason}."""
    limit, offset = _bounds(limit, offset)
    where, params = [], []
    if document:
        where.append("l.doc_id = ?")
        params.append(document)
    w = ("WHERE " + " AND ".join(where)) if where else ""
    total = store.scalar(f"SELECT COUNT(*) AS n FROM likely_errors l {w}", params)
    # Newest first along the (published DESC, figure_id) index: each row
    # carries its document's date (migration 0006).
    rows = store.query(
        f"SELECT l.entity_id AS suspect, l.intended_id, l.reason, f.*, d.source, d.published, d.title "
        f"FROM (SELECT * FROM likely_errors l {w} ORDER BY l.published DESC NULLS LAST, l.figure_id "
        f"LIMIT ? OFFSET ?) l JOIN figures f ON f.id = l.figure_id JOIN documents d ON d.id = l.doc_id "
        f"ORDER BY l.published DESC NULLS LAST, l.figure_id", (*params, limit, offset))
    names = _names(store, [x for r in rows for x in (r["suspect"], r["intended_id"])])
    items = []
    for r in rows:
        fig = _figure(r)
        fig.pop("document")
        fig.pop("side")
        items.append({"document": _doc_brief(r), "figure": fig, "entity": _entity_ref(names, r["suspect"]),
                      "intended": _entity_ref(names, r["intended_id"]), "reason": r["reason"]})
    return _page(items, int(total or 0), limit, offset)


# --- search and overview -----------------------------------------------------

SNIPPET = 80  # characters of context on each side of a match


def _snippet(text: str | None, terms: list[str], fallback: str | None) -> dict | None:
    if not text:
        return {"text": fallback, "start": None, "end": None, "match_start": None, "match_end": None} if fallback else None
    norm = normalize_with_map(text)
    pattern = re.compile("|".join(re.escape(t).replace(r"\ ", r"\s+") for t in sorted(terms, key=len, reverse=True)))
    m = pattern.search(norm.text)
    if not m:
        end = min(len(text), 2 * SNIPPET)
        return {"text": text[:end], "start": 0, "end": end, "match_start": None, "match_end": None}
    ms, me = norm.span(m.start(), m.end())
    start, end = max(0, ms - SNIPPET), min(len(text), me + SNIPPET)
    return {"text": text[start:end], "start": start, "end": end, "match_start": ms, "match_end": me}


def search(store: Store, q: str, *, limit: int = DEFAULT_LIMIT, offset: int = 0) -> Page:
    """Full-text search over normalized text: diacritics, hamza and alef
    forms, taa marbuta, digits do not matter, and a name known as an entity
    finds every spelling of it (قازاقستان finds كازاخستان). Ranked best
    first: for a known name, the documents that mention it, most mentions
    first; else by relevance (BM25) among the 1,000 most recently stored
    matches (`total` counts those; `capped` is true when more documents
    match: refine the query to reach them). Items: {document: {id, source, published, title}, score,
    snippet: {text, start, end, match_start, match_end} (offsets into the
    document text; None when the document was stored without text, then
    `text` is its title), entity: {id, type, name_en, name_ar} or None (the
    entity the query named, whose spellings were searched too)}."""
    limit, offset = _bounds(limit, offset)
    key = rs.match_key(q or "")
    if not key:
        return {**_page([], 0, limit, offset), "capped": False}
    terms = [key]
    eid = resolve_entity(store, q)
    entity = None
    if eid:
        names = _names(store, [eid])
        entity = _entity_ref(names, eid)
        row = names.get(eid) or {}
        terms += [rs.match_key(x) for x in (row.get("name_ar"),) if x]
        terms += [r["key"] for r in store.query(
            "SELECT key FROM entity_spellings WHERE entity_id = ? ORDER BY n DESC LIMIT 30", (eid,))]
    terms = [t for t in dict.fromkeys(terms) if t]
    if eid:
        # A known name: its documents are those with a mention of it, whatever
        # the spelling (mentions are resolved at extraction), ranked by how
        # often they mention it, straight from an index.
        total = int(store.scalar("SELECT documents FROM entities WHERE id = ?", (eid,)) or 0)
        hits = [(r["rowkey"], float(r["mentions"])) for r in store.query(
            "SELECT d.rowkey, x.mentions FROM doc_entities x JOIN documents d ON d.id = x.doc_id "
            "WHERE x.entity_id = ? ORDER BY x.mentions DESC, x.doc_id LIMIT ? OFFSET ?", (eid, limit, offset))]
        capped = False
    else:
        hits, total, capped = store.search_documents(terms, limit, offset)
    keys = [k for k, _ in hits]
    docs = {r["rowkey"]: r for r in store.query(
        f"SELECT id AS doc_id, rowkey, source, published, title, text FROM documents WHERE rowkey IN ({_marks(keys)})",
        keys)} if keys else {}
    items = []
    for k, score in hits:
        d = docs.get(k)
        if d is None:
            continue
        items.append({"document": _doc_brief(d), "score": round(score, 6),
                      "snippet": _snippet(d["text"], terms, d["title"]), "entity": entity})
    return {**_page(items, total, limit, offset), "capped": capped}


ACTOR_TYPES = ("country", "person", "organization")


def overview(store: Store, *, top: int = 10) -> dict:
    """The corpus at a glance: {documents (count), entities (count), events
    (count of clusters), reports (count of event reports), claims (count),
    conflicts (count), likely_errors (count), by_source: [{source,
    documents}], by_month: [{month, documents}], by_source_month: [{source,
    month, documents}], top_actors: [{id, type, name_en, name_ar,
    documents}] (countries, persons and organizations, at most `top`),
    latest_events (timeline items, newest first, at most `top`),
    open_conflicts (conflicts items, at most `top`)}."""
    top = max(0, min(int(top), MAX_LIMIT))
    n = lambda sql, p=(): int(store.scalar(sql, p) or 0)  # noqa: E731
    # One pass over the documents: the outlet and month totals are sums of
    # the (month, source) counts.
    by_source_month = store.query(
        "SELECT source, month, COUNT(*) AS documents FROM documents GROUP BY month, source "
        "ORDER BY month NULLS LAST, source")
    by_source: dict = {}
    by_month: dict = {}
    for r in by_source_month:
        by_source[r["source"]] = by_source.get(r["source"], 0) + r["documents"]
        by_month[r["month"]] = by_month.get(r["month"], 0) + r["documents"]
    return {
        "documents": n("SELECT COUNT(*) AS n FROM documents"),
        "entities": n("SELECT COUNT(*) AS n FROM entities"),
        "events": n("SELECT COUNT(*) AS n FROM event_clusters"),
        "reports": n("SELECT COUNT(*) AS n FROM events"),
        "claims": n("SELECT COUNT(*) AS n FROM claims"),
        "conflicts": n("SELECT COUNT(*) AS n FROM claims WHERE status = 'conflict'"),
        "likely_errors": n("SELECT COUNT(*) AS n FROM likely_errors"),
        "by_source": [{"source": k, "documents": v} for k, v in
                      sorted(by_source.items(), key=lambda kv: (-kv[1], kv[0] is None, kv[0] or ""))],
        "by_month": [{"month": k, "documents": v} for k, v in sorted(by_month.items(), key=lambda kv: (kv[0] is None, kv[0] or ""))],
        "by_source_month": by_source_month,
        "top_actors": store.query(
            f"SELECT id, type, name_en, name_ar, documents FROM entities WHERE type IN ({_marks(ACTOR_TYPES)}) "
            f"ORDER BY documents DESC, id LIMIT ?", (*ACTOR_TYPES, top)),
        "latest_events": timeline(store, limit=top, newest_first=True)["items"],
        "open_conflicts": conflicts(store, limit=top)["items"],
    }


def export(store: Store, format: str = "jsonl") -> Iterator[str]:
    """Lines to write (without newlines): "jsonl" the marsad.document/1
    records as ingested; "csv" one row per figure (header first); "plover"
    one PLOVER-style event JSON per event report with cite_info (outlet,
    date, document id, url, evidence)."""
    if format not in ("jsonl", "csv", "plover"):
        raise ValueError(f"unknown export format {format!r} (jsonl, csv, plover)")
    batch, last = 500, 0
    if format == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="")
        cols = ["document", "source", "published", "metric", "value", "unit", "value_text", "period", "kind",
                "qualifier", "subject", "attributed_to", "claim", "claim_status", "evidence_start", "evidence_end",
                "evidence"]
        w.writerow(cols)
        yield buf.getvalue()
    while True:
        docs = store.query("SELECT rowkey, id, source, published, url, record FROM documents WHERE rowkey > ? "
                           "ORDER BY rowkey LIMIT ?", (last, batch))
        if not docs:
            return
        last = docs[-1]["rowkey"]
        ids = [d["id"] for d in docs]
        if format == "jsonl":
            for d in docs:
                yield json.dumps(_j(d["record"], {}), ensure_ascii=False)
        elif format == "csv":
            rows = store.query(
                f"SELECT f.*, d.source, d.published, c.status AS claim_status FROM figures f "
                f"JOIN documents d ON d.id = f.doc_id LEFT JOIN claims c ON c.key = f.claim_key "
                f"WHERE f.doc_id IN ({_marks(ids)}) ORDER BY d.rowkey, f.idx", ids)
            for r in rows:
                buf = io.StringIO()
                w = csv.writer(buf, lineterminator="")
                w.writerow([r["doc_id"], r["source"], r["published"], r["metric"], r["value"], r["unit"],
                            r["value_text"], r["period"], r["kind"], r["qualifier"], " ".join(_j(r["subject"], [])),
                            r["attributed_to"], r["claim_key"], r["claim_status"], r["ev_start"], r["ev_end"],
                            r["ev_text"]])
                yield buf.getvalue()
        else:
            rows = store.query(
                f"SELECT e.*, d.source, d.published, d.url, d.title FROM events e JOIN documents d ON d.id = e.doc_id "
                f"WHERE e.doc_id IN ({_marks(ids)}) ORDER BY d.rowkey, e.idx", ids)
            names = _names(store, [x for r in rows for x in _j(r["actors"], []) + [r["source_actor"], r["target_actor"], r["location"]]])
            for r in rows:
                ref = lambda i: _entity_ref(names, i)  # noqa: E731
                yield json.dumps({
                    "id": r["id"], "event_cluster": r["cluster_id"], "event_date": r["date"],
                    "event_type": r["type"], "mode": r["mode"], "status": r["status"],
                    "actor1": ref(r["source_actor"]), "actor2": ref(r["target_actor"]),
                    "actors": [ref(a) for a in _j(r["actors"], [])], "location": ref(r["location"]),
                    "confidence": r["confidence"],
                    "cite_info": {"source": r["source"], "published": r["published"], "doc_id": r["doc_id"],
                                  "url": r["url"], "title": r["title"], "date_text": r["date_text"],
                                  "evidence": _evidence(r)},
                }, ensure_ascii=False)

"""The Store interface, and everything about writing a document that does not
depend on the engine.

An engine supplies a handful of primitives (`query`, `execute`,
`executemany`, `transaction`, `_fts_put`, `_fts_delete`, `_search`); the
ingest logic (`put_record`, `delete_document`) and the migrations runner
are written once, here, in SQL both engines speak (`?` placeholders;
the PostgreSQL engine rewrites them).
"""
from __future__ import annotations

import hashlib
import json
import math
import re
from abc import ABC, abstractmethod
from collections import Counter
from contextlib import contextmanager, nullcontext
from functools import lru_cache
from datetime import datetime, timezone
from importlib import resources
from typing import Any, ContextManager, Iterable, Iterator, Sequence

import orjson

from marsad import resolve as rs
from marsad.text import match_key

SCHEMA = "marsad.document/1"

ADDED, REPLACED, UNCHANGED = "added", "replaced", "unchanged"

# Distinct ranges of a conflict's figures kept with it (claims.side_spans):
# past that many, a conflict that gains figures is reassessed from all of
# them once per batch.
MAX_RANGES = 100

# Full-text matches ranked per search (the most recently stored ones).
SEARCH_CANDIDATES = 1000


class StoreError(Exception):
    """A store that cannot be opened or a record that cannot be stored."""


_MIGRATION_RE = re.compile(r"^(\d{4})_([a-z0-9_]+?)(?:\.(sqlite|postgres))?\.sql$")


def migrations(engine: str) -> list[tuple[int, str, str]]:
    """The migrations for `engine`, in order: (version, name, sql). A file
    `NNNN_name.sql` applies to both engines; `NNNN_name.sqlite.sql` or
    `NNNN_name.postgres.sql` to one."""
    out = []
    for entry in resources.files("marsad.store").joinpath("migrations").iterdir():
        m = _MIGRATION_RE.match(entry.name)
        if not m or (m.group(3) and m.group(3) != engine):
            continue
        out.append((int(m.group(1)), m.group(2), entry.read_text(encoding="utf-8")))
    out.sort()
    versions = [v for v, _, _ in out]
    if len(versions) != len(set(versions)):
        raise StoreError(f"two migrations share a version number for {engine}: {versions}")
    return out


def split_sql(script: str) -> list[str]:
    """Statements of a migration file (no semicolons inside statements)."""
    lines = [ln for ln in script.splitlines() if not ln.strip().startswith("--")]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]


def search_body(record: dict[str, Any], text: str | None) -> str:
    """What full-text search indexes for a document: its title and text in
    match-key form; for a record stored without its text, the title and every
    mention and evidence span."""
    doc = record.get("document") or {}
    parts = [doc.get("title") or ""]
    if text:
        parts.append(text)
    else:
        for e in record.get("entities") or []:
            parts.extend(m.get("text") or "" for m in e.get("mentions") or [])
        for f in (record.get("events") or []) + (record.get("figures") or []):
            parts.append(((f.get("evidence") or {}).get("text")) or "")
    return match_key("\n".join(p for p in parts if p))


# Encoders made once (json.dumps with options other than the defaults makes
# one per call); their output is json.dumps's with the same options.
_canonical_encode = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode
_dumps_u = json.JSONEncoder(ensure_ascii=False).encode


def canonical_json(record: dict[str, Any]) -> str:
    """A record's canonical JSON (sorted keys, no spaces): what is stored,
    and what its digest is taken of, so that it is encoded once. orjson
    writes what json.dumps(ensure_ascii=False, sort_keys=True,
    separators=(",", ":")) writes (but "1.5e-7" for "1.5e-07" and null for
    NaN) six times faster: encoding was a twelfth of ingest. What it
    refuses (an integer past 64 bits, a lone surrogate, a key that is not
    a string) goes to json."""
    try:
        return orjson.dumps(record, option=orjson.OPT_SORT_KEYS).decode("utf-8")
    except (TypeError, ValueError):
        return _canonical_encode(record)


def record_digest(canonical: str, text: str | None) -> str:
    """sha256 of a record's canonical JSON (`canonical_json`) and of whether
    a text is stored with it: the same input extracted the same way gives
    the same digest, so that re-ingesting it writes nothing, while a better
    extraction of an unchanged text still replaces the old facts."""
    h = hashlib.sha256(canonical.encode("utf-8", "surrogatepass"))
    h.update(b"\x00text\x00" if text else b"\x00notext\x00")
    return h.hexdigest()


# Mention spellings repeat across documents: their match keys are worth keeping.
_spelling_key = lru_cache(maxsize=1 << 16)(match_key)


@lru_cache(maxsize=1 << 14)
def _json_list(text: str | None) -> tuple:
    """A JSON list column (a cluster's dates or actors) as a tuple: the same
    columns are read for every report that could join the cluster."""
    return tuple(json.loads(text or "[]"))


class Store(ABC):
    """A knowledge base of marsad.document/1 records."""

    engine: str = ""
    url: str = ""

    # --- primitives each engine provides ---------------------------------

    @abstractmethod
    def query(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        """Rows as dicts."""

    @abstractmethod
    def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Run one statement; the number of rows it changed."""

    @abstractmethod
    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        ...

    @abstractmethod
    def _outer_transaction(self) -> ContextManager[None]:
        """A transaction of its own: commits on exit, rolls back on error."""

    @abstractmethod
    def _savepoint(self) -> ContextManager[None]:
        """A savepoint inside the open transaction: undone alone on error."""

    _depth = 0  # open transaction() levels
    _flat = 0  # > 0 inside batch(): nested transactions take no savepoint

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Everything inside commits together or not at all. Nested, a
        savepoint, so that one document of a batch can fail without undoing
        the others (inside `batch()`, no savepoint: part of the batch)."""
        if not self._depth:
            inner = self._outer_transaction()
        elif self._flat:
            inner = nullcontext()
        else:
            inner = self._savepoint()
        self._depth += 1
        try:
            with inner:
                yield
        except BaseException:
            self._read.clear()  # what this level wrote is undone
            raise
        finally:
            self._depth -= 1
            if not self._depth:
                self._read.clear()

    @property
    def _read(self) -> "_Read":
        """Rows read or written in the open transaction, kept for the next
        documents of a batch (see `_Read`)."""
        try:
            return self.__read
        except AttributeError:
            self.__read = _Read()
            return self.__read

    @property
    def _pending(self) -> "_Pending":
        """What a batch writes once, at its end, rather than with every
        document (see `_Pending`)."""
        try:
            return self.__pending
        except AttributeError:
            self.__pending = _Pending()
            return self.__pending

    @contextmanager
    def batch(self) -> Iterator[None]:
        """One transaction for many writes (`put_record` calls) without a
        savepoint for each: everything inside commits together, or, when
        anything fails, nothing of it does (the caller redoes the writes one
        by one to find the one that failed). Savepoints cost more than
        anything else a document writes (SQLite's FTS5 flushes its pending
        index at every release)."""
        try:
            with self.transaction():
                self._flat += 1
                try:
                    yield
                    self._flush_pending()
                finally:
                    self._flat -= 1
        finally:
            self._pending.clear()  # written, or rolled back with the rest

    @abstractmethod
    def _fts_put(self, rowkey: int, body: str) -> None:
        ...

    @abstractmethod
    def _fts_delete(self, rowkey: int) -> None:
        ...

    @abstractmethod
    def _search_candidates(self, terms: list[str], n: int) -> list[tuple[int, str]]:
        """(rowkey, search body) of the `n` most recently stored documents
        whose search body contains any of `terms` (match-key form), newest
        first."""

    @abstractmethod
    def close(self) -> None:
        ...

    @abstractmethod
    def _tables(self) -> set[str]:
        ...

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # --- helpers ---------------------------------------------------------

    def one(self, sql: str, params: Sequence[Any] = ()) -> dict[str, Any] | None:
        rows = self.query(sql, params)
        return rows[0] if rows else None

    def scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        row = self.one(sql, params)
        return next(iter(row.values())) if row else None

    # --- migrations ------------------------------------------------------

    def schema_version(self) -> int:
        if "schema_version" not in self._tables():
            return 0
        return int(self.scalar("SELECT MAX(version) AS v FROM schema_version") or 0)

    def migrate(self) -> list[int]:
        """Apply the migrations not applied yet, each in its own transaction,
        recording each in schema_version. Returns the versions applied."""
        applied = []
        with self.transaction():
            self.execute(
                "CREATE TABLE IF NOT EXISTS schema_version ("
                "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
            )
        done = {r["version"] for r in self.query("SELECT version FROM schema_version")}
        for version, name, sql in migrations(self.engine):
            if version in done:
                continue
            with self.transaction():
                # Another process may have migrated meanwhile.
                if self.one("SELECT version FROM schema_version WHERE version = ?", (version,)):
                    continue
                for stmt in split_sql(sql):
                    self.execute(stmt)
                self._after_migration(version)
                self.execute(
                    "INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)",
                    (version, name, _now()),
                )
            applied.append(version)
        return applied

    def _after_migration(self, version: int) -> None:
        """What a migration needs besides its SQL, in its transaction."""
        if version in (6, 8):
            # Every claim whose values disagree gets its sides stored (6),
            # and each side's common range (8).
            keys = [r["key"] for r in self.query(
                "SELECT key FROM claims WHERE status IN ('conflict', 'unclear') ORDER BY key")]
            self._refresh_claims(keys)

    # --- writing ---------------------------------------------------------

    def document_sha(self, doc_id: str) -> str | None:
        return self.scalar("SELECT sha256 FROM documents WHERE id = ?", (doc_id,))

    def put_record(self, record: dict[str, Any], text: str | None = None) -> str:
        """Store one marsad.document/1 record (and its text when known), in
        one transaction. Returns "unchanged" when a document with this id, the
        same text sha256 and the same extracted facts is stored already
        (nothing is written), "replaced" when its text or facts changed (its
        old facts go in the same transaction), else "added"."""
        doc = record.get("document") or {}
        doc_id = doc.get("id")
        if not doc_id:
            raise StoreError("a record without document.id")
        if record.get("schema") not in (None, SCHEMA):
            raise StoreError(f"{doc_id}: unsupported schema {record.get('schema')!r}")
        canonical = canonical_json(record)
        digest = record_digest(canonical, text)
        old = self.one("SELECT sha256, record_sha FROM documents WHERE id = ?", (doc_id,))
        if old is not None and old["sha256"] == (doc.get("sha256") or "") and old["record_sha"] == digest:
            return UNCHANGED
        try:
            with self.transaction():
                touched_claims: set[str] = set()
                touched_clusters: set[str] = set()
                if old is not None:
                    self._flush_pending()  # what is subtracted is all written
                    self._delete_facts(doc_id, touched_claims, touched_clusters)
                self._insert(record, text, canonical, digest, touched_claims, touched_clusters)
                self._refresh_claims(touched_claims)
                self._refresh_clusters(touched_clusters)
                if not self._flat:
                    self._flush_pending()
        except BaseException:
            self._pending.clear()  # rolled back with the rest
            raise
        return REPLACED if old is not None else ADDED

    def delete_document(self, doc_id: str) -> bool:
        """Remove a document and its facts; False when it was not stored."""
        if self.document_sha(doc_id) is None:
            return False
        with self.transaction():
            self._flush_pending()
            claims: set[str] = set()
            clusters: set[str] = set()
            self._delete_facts(doc_id, claims, clusters)
            self._refresh_claims(claims)
            self._refresh_clusters(clusters)
        return True

    # --- internals -------------------------------------------------------

    def _canonical(self, entity: dict[str, Any], cache: dict[str, str]) -> str:
        """The entity row id for a record's entity, creating the row (and its
        alias) on first sight. A `marsad:` id joins an existing entity whose
        normalized Arabic name is the same."""
        raw = entity.get("id")
        if raw in cache:
            return cache[raw]
        row = self.one("SELECT entity_id FROM entity_aliases WHERE alias = ?", (raw,))
        if row:
            cache[raw] = row["entity_id"]
            return row["entity_id"]
        key = rs.name_key(entity.get("name_ar"))
        target = raw
        if raw.startswith("marsad:") and key:
            self._flush_pending()  # the entities' document counts, current
            same = self.one(
                "SELECT id FROM entities WHERE name_key = ? AND COALESCE(type, '') = ? "
                "ORDER BY CASE WHEN id LIKE 'marsad:%' THEN 1 ELSE 0 END, documents DESC, id LIMIT 1",
                (key, entity.get("type") or ""),
            )
            if same:
                target = same["id"]
        if target == raw and not self.one("SELECT id FROM entities WHERE id = ?", (raw,)):
            self.execute(
                "INSERT INTO entities (id, type, name_en, name_ar, wikidata, name_key, name_en_key, documents) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, 0)",
                (raw, entity.get("type"), entity.get("name_en"), entity.get("name_ar"),
                 entity.get("wikidata"), key, (entity.get("name_en") or "").casefold()),
            )
        self.execute("INSERT INTO entity_aliases (alias, entity_id) VALUES (?, ?)", (raw, target))
        cache[raw] = target
        return target

    def _insert(self, record: dict[str, Any], text: str | None, canonical: str, digest: str,
                touched_claims: set[str], touched_clusters: set[str]) -> None:
        doc = record["document"]
        doc_id = doc["id"]
        published = doc.get("published")
        rowkey = int(self.scalar("SELECT COALESCE(MAX(rowkey), 0) + 1 AS k FROM documents"))
        ents = [e for e in record.get("entities") or [] if e.get("id")]
        events = record.get("events") or []
        figures = record.get("figures") or []
        self.execute(
            "INSERT INTO documents (id, rowkey, sha256, record_sha, source, published, month, url, title, language, "
            "chars, text, n_entities, n_events, n_figures, record, ingested_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (doc_id, rowkey, doc.get("sha256") or "", digest, doc.get("source"), published,
             published[:7] if published and len(published) >= 7 else None,
             doc.get("url"), doc.get("title"), doc.get("language"), doc.get("chars"), text,
             len(ents), len(events), len(figures), canonical, _now()),
        )
        cache = self._read.aliases
        raw_ids = [a for a in dict.fromkeys(e["id"] for e in ents) if a not in cache]
        for k in range(0, len(raw_ids), 500):
            chunk = raw_ids[k:k + 500]
            for r in self.query(f"SELECT alias, entity_id FROM entity_aliases WHERE alias IN ({', '.join('?' for _ in chunk)})",
                                chunk):
                cache[r["alias"]] = r["entity_id"]
        canon = {e["id"]: self._canonical(e, cache) for e in ents}

        def c(x: str | None) -> str | None:
            return canon.get(x, x) if x else x

        # Entities of this document and the spellings their mentions use.
        per_entity: Counter = Counter()
        spellings: Counter = Counter()
        for e in ents:
            cid = canon[e["id"]]
            ms = e.get("mentions") or []
            per_entity[cid] += len(ms)
            for m in ms:
                if m.get("text"):
                    spellings[(cid, m["text"])] += 1
        self.executemany("INSERT INTO doc_entities (doc_id, entity_id, mentions) VALUES (?, ?, ?)",
                         [(doc_id, cid, n) for cid, n in per_entity.items()])
        # Counted now, written by _flush_pending (once per batch).
        self._pending.entity_docs.update(per_entity.keys())
        self._pending.spellings.update(spellings)

        # Figures, and the claims they join.
        # A figure whose subject is an outlet's likely slip joins the claim of
        # the subject intended; the figure keeps the subject its text names.
        errs = rs.likely_errors(record)
        intended = rs.intended_subjects(record, errs)
        fig_rows, claim_adds = [], []
        for i, f in enumerate(figures):
            fid = f"{doc_id}#f{i}"
            subject = sorted({c(s) for s in f.get("subject") or [] if s})
            claim_subject = sorted({c(s) for s in intended[i] if s}) if i in intended else subject
            key = rs.claim_key(f.get("metric"), f.get("unit"), f.get("kind"), f.get("period"), claim_subject)
            value = rs.finite(f.get("value"))
            lo = hi = None
            if value is None:
                key = None
            else:
                lo, hi = rs.interval(value, f.get("value_text"), f.get("qualifier"))
            ev = f.get("evidence") or {}
            fig_rows.append((fid, doc_id, i, f.get("metric"), value, f.get("unit"), f.get("value_text"),
                             f.get("period"), f.get("kind"), f.get("qualifier"), json.dumps(subject),
                             f.get("attributed_to"), ev.get("start"), ev.get("end"), ev.get("text"), key, lo, hi,
                             published, doc.get("source")))
            if key:
                claim_adds.append((len(fig_rows) - 1, key, claim_subject, value, lo, hi, f.get("attributed_to")))
        claim_rows = self._read.claims
        keys = sorted({a[1] for a in claim_adds if a[1] not in claim_rows})
        for k in range(0, len(keys), 500):
            chunk = keys[k:k + 500]
            for r in self.query("SELECT key, n_figures, value_low, value_high, max_lo, min_hi, sources, status, sides, "
                                f"side_spans FROM claims WHERE key IN ({', '.join('?' for _ in chunk)})", chunk):
                claim_rows[r["key"]] = r
        sides: dict[int, int] = {}
        for n, key, subject, value, lo, hi, attributed_to in claim_adds:
            settled, side = self._add_to_claim(key, subject, value, lo, hi, doc.get("source"), attributed_to,
                                               claim_rows, touched_claims)
            if not settled:
                touched_claims.add(key)
            elif side is not None:  # joined a conflict beside a figure of the same range
                sides[n] = side
            elif claim_rows[key]["status"] == "conflict":
                # still a conflict: its sides are reassessed once per batch
                self._pending.claims.add(key)
        # Written after the claims are counted: a figure of this document is
        # not in its claim yet when another one of the document looks for a twin.
        self.executemany(
            "INSERT INTO figures (id, doc_id, idx, metric, value, unit, value_text, period, kind, qualifier, subject, "
            "attributed_to, ev_start, ev_end, ev_text, claim_key, lo, hi, published, source, side) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(*r, sides.get(n, 0)) for n, r in enumerate(fig_rows)],
        )
        self.executemany(
            "INSERT INTO likely_errors (figure_id, entity_id, doc_id, intended_id, reason, published) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (figure_id, entity_id) DO NOTHING",
            [(f"{doc_id}#f{e['figure']}", c(e["entity"]), doc_id, c(e["intended"]), e["reason"], published)
             for e in errs],
        )

        # Events, each joining a cluster (their rows are written together
        # after: finding a cluster reads the clusters, not the events).
        event_rows, actor_rows = [], []
        for i, e in enumerate(events):
            eid = f"{doc_id}#e{i}"
            actors = [a for a in dict.fromkeys(c(a) for a in e.get("actors") or [] if a)]
            ev = e.get("evidence") or {}
            report = {"type": e.get("type"), "date": e.get("date"), "actors": actors}
            cluster, crow = self._find_cluster(report)
            if cluster is None:
                cluster = self._new_cluster_id(eid)
                crow = {"stats": json.dumps(rs.cluster_stats()), "n_reports": 0, "year": None}
                self.execute("INSERT INTO event_clusters (id, type, n_reports, n_sources, stats) VALUES (?, ?, 0, 0, ?)",
                             (cluster, e.get("type"), crow["stats"]))
            event_rows.append(
                (eid, doc_id, i, e.get("type"), e.get("mode"), json.dumps(actors), c(e.get("source_actor")),
                 c(e.get("target_actor")), e.get("date"), e.get("date_text"), c(e.get("location")), e.get("status"),
                 rs.finite(e.get("confidence")), ev.get("start"), ev.get("end"), ev.get("text"), cluster,
                 published, doc.get("source")))
            actor_rows.extend((eid, a) for a in actors)
            # The cluster's summary is brought up to date now, so that the next
            # event of this document can match it.
            self._add_to_cluster(cluster, {**report, "mode": e.get("mode"), "status": e.get("status"),
                                           "location": c(e.get("location")), "source": doc.get("source")}, crow)
        self.executemany(
            "INSERT INTO events (id, doc_id, idx, type, mode, actors, source_actor, target_actor, date, date_text, "
            "location, status, confidence, ev_start, ev_end, ev_text, cluster_id, published, source) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", event_rows)
        self.executemany("INSERT INTO event_actors (event_id, entity_id) VALUES (?, ?)", actor_rows)

        self._fts_put(rowkey, search_body(record, text))

    def _new_cluster_id(self, eid: str) -> str:
        """A cluster is named after its first report; a later report with the
        same id (its document re-ingested) names a new one."""
        cid, k = eid, 1
        while self.one("SELECT id FROM event_clusters WHERE id = ?", (cid,)):
            k += 1
            cid = f"{eid}~{k}"
        return cid

    def _find_cluster(self, report: dict[str, Any]) -> tuple[str | None, dict | None]:
        """The cluster a report joins (id and row), or (None, None)."""
        if not report.get("date") or not report.get("actors") or not report.get("type"):
            return None, None
        year = report["date"][:4]
        marks = ", ".join("?" for _ in report["actors"])
        rows = self.query(
            f"SELECT DISTINCT c.id, c.type, c.date, c.dates, c.actors, c.year, c.stats, c.n_reports FROM event_clusters c "
            f"JOIN cluster_actors a ON a.cluster_id = c.id "
            f"WHERE c.type = ? AND c.year = ? AND a.entity_id IN ({marks})",
            (report["type"], year, *report["actors"]),
        )
        pending = self._pending.clusters
        best, best_row, best_score = None, None, 0
        for r in sorted(rows, key=lambda r: r["id"]):
            p = pending.get(r["id"])
            if p is not None:  # counted in this batch, its row not rewritten yet
                stats = p["stats"]
                cluster = {"type": r["type"], "date": None, "dates": sorted(stats["dates"]), "actors": stats["actors"]}
            else:
                cluster = {"type": r["type"], "date": r["date"], "dates": _json_list(r["dates"]),
                           "actors": _json_list(r["actors"])}
            score = rs.event_matches(cluster, report)
            if score > best_score:
                best, best_row, best_score = r["id"], r, score
        return best, best_row

    def _write_cluster(self, cid: str, stats: dict[str, Any], n_reports: int, new_actors: Iterable[str]) -> None:
        s = rs.summarize_stats(stats)
        self.execute(
            "UPDATE event_clusters SET type = ?, mode = ?, date = ?, dates = ?, year = ?, status = ?, actors = ?, "
            "location = ?, n_reports = ?, n_sources = ?, stats = ? WHERE id = ?",
            (s["type"], s["mode"], s["date"], json.dumps(s["dates"]), (s["date"] or "")[:4] or None, s["status"],
             json.dumps(s["actors"]), s["location"], n_reports, s["sources"], _dumps_u(stats), cid),
        )
        self._add_cluster_actors(cid, new_actors)

    def _add_cluster_actors(self, cid: str, actors: Iterable[str]) -> None:
        self.executemany("INSERT INTO cluster_actors (cluster_id, entity_id) VALUES (?, ?) "
                         "ON CONFLICT (cluster_id, entity_id) DO NOTHING", [(cid, a) for a in actors])

    def _add_to_cluster(self, cid: str, report: dict[str, Any], row: dict | None = None) -> None:
        """Count one more report into a cluster without reading its others
        (`row`: its stats, n_reports and year, when the caller has them).
        The cluster's own fields are written by `_flush_clusters`; its
        year (which finding a cluster filters on) and actors at once."""
        p = self._pending.clusters.get(cid)
        if p is None:
            if row is None:
                row = self.one("SELECT stats, n_reports, year FROM event_clusters WHERE id = ?", (cid,))
            if row is None or not row["stats"]:
                self._refresh_clusters([cid])
                return
            p = {"stats": json.loads(row["stats"]), "n_reports": int(row["n_reports"] or 0), "year": row["year"]}
            self._pending.clusters[cid] = p
        stats = p["stats"]
        before = set(stats.get("actors") or [])
        rs.add_report(stats, report)
        p["n_reports"] += 1
        self._add_cluster_actors(cid, [a for a in stats["actors"] if a not in before])
        years = {d[:4] for d in stats["dates"]}
        if len(years) == 1:  # the year of its date, whichever date that is
            year = next(iter(years)) or None
        else:
            year = (rs.summarize_stats(stats)["date"] or "")[:4] or None
        if year != p["year"]:
            self.execute("UPDATE event_clusters SET year = ? WHERE id = ?", (year, cid))
            p["year"] = year

    def _flush_pending(self) -> None:
        """Write what was counted since the last flush (see `_Pending`)."""
        p = self._pending
        if p.entity_docs:
            self.executemany("UPDATE entities SET documents = documents + ? WHERE id = ?",
                             [(n, cid) for cid, n in sorted(p.entity_docs.items())])
            p.entity_docs.clear()
        if p.spellings:
            self._add_spellings(Counter(dict(sorted(p.spellings.items()))), +1)
            p.spellings.clear()
        for cid in sorted(p.clusters):
            c = p.clusters[cid]
            self._write_cluster(cid, c["stats"], c["n_reports"], ())
        p.clusters.clear()
        if p.claims:
            self._refresh_claims(sorted(p.claims))

    def _refresh_clusters(self, ids: Iterable[str]) -> None:
        """Recount clusters from their reports (after reports were removed)."""
        for cid in ids:
            self._pending.clusters.pop(cid, None)  # its reports are all in the events table
            rows = self.query(
                "SELECT e.type, e.mode, e.date, e.status, e.actors, e.location, d.source "
                "FROM events e JOIN documents d ON d.id = e.doc_id WHERE e.cluster_id = ? ORDER BY e.id", (cid,))
            self.execute("DELETE FROM cluster_actors WHERE cluster_id = ?", (cid,))
            if not rows:
                self.execute("DELETE FROM event_clusters WHERE id = ?", (cid,))
                continue
            for r in rows:
                r["actors"] = json.loads(r["actors"] or "[]")
            stats = rs.cluster_stats(rows)
            self._write_cluster(cid, stats, len(rows), stats["actors"])

    def _add_to_claim(self, key: str, subject: list[str], value: float, lo: float, hi: float, source: str | None,
                      attributed_to: str | None, rows: dict[str, dict], touched: set[str]) -> tuple[bool, int | None]:
        """Count one more figure into a claim without reading its others
        (`rows`: the claims' rows read beforehand, kept up to date here).
        Returns whether the claim stays settled (False when its values no
        longer share a common range: the caller then reassesses it from all
        its figures), and the figure's side when it joins a conflict beside
        a figure of the same range (`_side_of_twin`; else None)."""
        row = rows.get(key)
        if row is None:
            rows[key] = {"key": key, "n_figures": 1, "value_low": value, "value_high": value, "max_lo": lo,
                         "min_hi": hi, "sources": json.dumps({source: 1} if source else {}), "status": "single"}
            k = key.split("|")
            self.execute(
                "INSERT INTO claims (key, metric, unit, kind, period, subject, status, value_low, value_high, "
                "n_figures, n_sources, max_lo, min_hi, sources) VALUES (?, ?, ?, ?, ?, ?, 'single', ?, ?, 1, ?, ?, ?, ?)",
                (key, k[0], k[1] or None, k[2] or None, k[3], json.dumps(subject), value, value,
                 1 if source else 0, lo, hi, _dumps_u({source: 1} if source else {})),
            )
            self.executemany("INSERT INTO claim_subjects (claim_key, entity_id) VALUES (?, ?)",
                             [(key, s) for s in subject])
            return True, None
        if row["max_lo"] is None or row["min_hi"] is None or row["sources"] is None:
            return False, None
        max_lo, min_hi = max(row["max_lo"], lo), min(row["min_hi"], hi)
        sources = json.loads(row["sources"])
        if source:
            sources[source] = sources.get(source, 0) + 1
        agree = rs.agree((max_lo, min_hi), (max_lo, min_hi))
        # A conflict stays one when a figure joins it: its values still share
        # no common point, and its figures still come from more than one
        # document or attribution (see rs.assess_claim), so it needs no
        # re-reading of all its figures (which grew with every report).
        settled = agree or row["status"] == "conflict"
        status = "agree" if agree else "conflict"
        side = None
        if settled and status == "conflict" and key not in touched:
            side = self._side_of_twin(key, value, lo, hi, source, attributed_to, row)
        row.update(n_figures=row["n_figures"] + 1, value_low=min(row["value_low"], value),
                   value_high=max(row["value_high"], value), max_lo=max_lo, min_hi=min_hi,
                   sources=_dumps_u(sources), status=status)
        self.execute(
            "UPDATE claims SET status = ?, value_low = ?, value_high = ?, n_figures = n_figures + 1, n_sources = ?, "
            "max_lo = ?, min_hi = ?, sources = ?, sides = ? WHERE key = ?",
            (status, row["value_low"], row["value_high"], len(sources), max_lo, min_hi, row["sources"],
             row.get("sides"), key),
        )
        return settled, side

    def _side_of_twin(self, key: str, value: float, lo: float, hi: float, source: str | None,
                      attributed_to: str | None, row: dict) -> int | None:
        """The side of a figure joining a conflict whose sides are stored and
        current, when another figure of the claim has the same range: the
        side of that twin, counted into row["sides"], the claim's side
        summaries (None: the claim's sides are to be reassessed from all its
        figures).

        rs.assess_claim orders figures by range and sweeps them, each side
        narrowing a common range. Next to a twin (equal ranges sort
        together), the new figure meets a common range inside its own, so it
        joins the twin's side and leaves the range, and with it every other
        figure's side, as it was. That holds when the side's common range is
        not empty and no figure of another range sorts equal to the new one
        (the same low end and a midpoint equal in floating point: a high end
        a few units in the last place away); claims.side_spans has each
        side's common range and the claim's distinct ranges with their side
        (see `side_spans`)."""
        if key in self._pending.claims or not row.get("sides") or not row.get("side_spans"):
            return None
        spans = json.loads(row["side_spans"])
        if not isinstance(spans, dict) or spans.get("ranges") is None:
            return None
        side = None
        near_lo, near_hi = _near(lo, hi)
        for r_lo, r_hi, r_side in spans["ranges"]:
            if r_lo == lo:
                if r_hi == hi:
                    side = r_side
                elif near_lo <= r_hi <= near_hi:
                    return None
        summaries, common = json.loads(row["sides"]), spans["common"]
        if (not isinstance(side, int) or not 0 <= side < len(common) or len(summaries) != len(common)
                or not common[side][0] <= common[side][1]):
            return None
        s = summaries[side]
        s["value_low"], s["value_high"] = min(s["value_low"], value), max(s["value_high"], value)
        if source and source not in s["sources"]:
            s["sources"] = sorted([*s["sources"], source])
        if attributed_to and attributed_to not in s["attributed_to"]:
            s["attributed_to"] = sorted([*s["attributed_to"], attributed_to])
        s["n_figures"] += 1
        row["sides"] = _dumps_u(summaries)
        return side

    def _refresh_claims(self, keys: Iterable[str]) -> None:
        """Reassess claims from all their figures (after figures were removed,
        when their values stopped agreeing, or when a conflict gained
        figures): status, counts, each figure's side and each side's
        summary."""
        for key in keys:
            self._pending.claims.discard(key)
            self._read.claims.pop(key, None)  # rewritten here
            # (a figure carries its document's outlet: no join to documents)
            rows = self.query(
                "SELECT id, doc_id, value, value_text, qualifier, attributed_to, lo, hi, side, source "
                "FROM figures WHERE claim_key = ? ORDER BY id", (key,))
            if not rows:
                self.execute("DELETE FROM claims WHERE key = ?", (key,))
                self.execute("DELETE FROM claim_subjects WHERE claim_key = ?", (key,))
                continue
            for r in rows:
                if r["lo"] is None or r["hi"] is None:
                    r["lo"], r["hi"] = rs.interval(r["value"], r["value_text"], r["qualifier"])
            a = rs.assess_claim(rows)
            sources = dict(Counter(r["source"] for r in rows if r["source"]))
            self.executemany("UPDATE figures SET side = ? WHERE id = ?",
                             [(side, r["id"]) for r, side in zip(rows, a["sides"]) if r["side"] != side])
            split = a["status"] in ("conflict", "unclear")
            self.execute(
                "UPDATE claims SET status = ?, value_low = ?, value_high = ?, n_figures = ?, n_sources = ?, "
                "max_lo = ?, min_hi = ?, sources = ?, sides = ?, side_spans = ? WHERE key = ?",
                (a["status"], a["value_low"], a["value_high"], len(rows), len(sources),
                 max(r["lo"] for r in rows), min(r["hi"] for r in rows), _dumps_u(sources),
                 _dumps_u(side_summaries(rows, a["sides"])) if split else None,
                 json.dumps(side_spans(rows, a["sides"])) if split else None, key),
            )

    def _add_spellings(self, spellings: Counter, sign: int) -> None:
        if sign > 0:
            self.executemany(
                "INSERT INTO entity_spellings (entity_id, text, key, n) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (entity_id, text) DO UPDATE SET n = entity_spellings.n + excluded.n",
                [(cid, t, _spelling_key(t), n) for (cid, t), n in spellings.items()],
            )
        else:
            self.executemany("UPDATE entity_spellings SET n = n - ? WHERE entity_id = ? AND text = ?",
                             [(n, cid, t) for (cid, t), n in spellings.items()])
            self.execute("DELETE FROM entity_spellings WHERE n <= 0")

    def _delete_facts(self, doc_id: str, touched_claims: set[str], touched_clusters: set[str]) -> None:
        row = self.one("SELECT rowkey, record FROM documents WHERE id = ?", (doc_id,))
        if row is None:
            return
        record = json.loads(row["record"])
        aliases = {r["alias"]: r["entity_id"] for r in self.query(
            "SELECT a.alias, a.entity_id FROM entity_aliases a JOIN doc_entities d ON d.entity_id = a.entity_id "
            "WHERE d.doc_id = ?", (doc_id,))}
        spellings: Counter = Counter()
        for e in record.get("entities") or []:
            cid = aliases.get(e.get("id"))
            if cid is None:
                continue
            for m in e.get("mentions") or []:
                if m.get("text"):
                    spellings[(cid, m["text"])] += 1
        self._add_spellings(spellings, -1)
        self.execute("UPDATE entities SET documents = documents - 1 WHERE id IN "
                     "(SELECT entity_id FROM doc_entities WHERE doc_id = ?)", (doc_id,))
        self.execute("DELETE FROM doc_entities WHERE doc_id = ?", (doc_id,))
        touched_claims.update(r["claim_key"] for r in self.query(
            "SELECT DISTINCT claim_key FROM figures WHERE doc_id = ? AND claim_key IS NOT NULL", (doc_id,)))
        self.execute("DELETE FROM figures WHERE doc_id = ?", (doc_id,))
        self.execute("DELETE FROM likely_errors WHERE doc_id = ?", (doc_id,))
        touched_clusters.update(r["cluster_id"] for r in self.query(
            "SELECT DISTINCT cluster_id FROM events WHERE doc_id = ? AND cluster_id IS NOT NULL", (doc_id,)))
        self.execute("DELETE FROM event_actors WHERE event_id IN (SELECT id FROM events WHERE doc_id = ?)", (doc_id,))
        self.execute("DELETE FROM events WHERE doc_id = ?", (doc_id,))
        self._fts_delete(row["rowkey"])
        self.execute("DELETE FROM documents WHERE id = ?", (doc_id,))

    # --- reading ---------------------------------------------------------

    def search_documents(self, terms: list[str], limit: int, offset: int,
                         candidates: int | None = None) -> tuple[list[tuple[int, float]], int, bool]:
        """Documents (rowkey, score) whose search body contains any of
        `terms`, best first, a page at a time; how many are ranked; and
        whether more match than that. Ranked are the `candidates` most
        recently stored matches (counting and ranking every match of a
        common phrase reads its whole index: half a second at 100,000
        documents), by BM25 over that set (k1 1.2, b 0.75; document
        frequencies and mean length taken in the set), the same on both
        engines."""
        terms = [t for t in dict.fromkeys(match_key(t) for t in terms) if t]
        if not terms:
            return [], 0, False
        candidates = SEARCH_CANDIDATES if candidates is None else candidates
        found = self._search_candidates(terms, candidates + 1)
        capped = len(found) > candidates
        found = found[:candidates]
        if not found:
            return [], 0, False
        n = len(found)
        avg = sum(len(b) for _, b in found) / n or 1.0
        tfs = [[b.count(t) for t in terms] for _, b in found]
        idf = []
        for i in range(len(terms)):
            df = sum(1 for tf in tfs if tf[i])
            idf.append(math.log(1 + (n - df + 0.5) / (df + 0.5)))
        k1, b = 1.2, 0.75
        scored = []
        for (key, body), tf in zip(found, tfs):
            norm = k1 * (1 - b + b * len(body) / avg)
            scored.append((key, sum(w * f * (k1 + 1) / (f + norm) for w, f in zip(idf, tf) if f)))
        scored.sort(key=lambda x: (-x[1], x[0]))
        return scored[offset:offset + limit], n, capped

    def counts(self) -> dict[str, int]:
        return {t: int(self.scalar(f"SELECT COUNT(*) AS n FROM {t}") or 0)
                for t in ("documents", "entities", "events", "event_clusters", "figures", "claims", "likely_errors")}


def side_summaries(rows: list[dict[str, Any]], sides: list[int]) -> list[dict[str, Any]]:
    """Each side's values, outlets, attributions and number of figures,
    side 0 first (`rows`: figures with value, source, attributed_to)."""
    out = []
    for side in sorted(set(sides)):
        v = [r for r, s in zip(rows, sides) if s == side]
        out.append({"value_low": min(r["value"] for r in v), "value_high": max(r["value"] for r in v),
                    "sources": sorted({r["source"] for r in v if r["source"]}),
                    "attributed_to": sorted({r["attributed_to"] for r in v if r["attributed_to"]}),
                    "n_figures": len(v)})
    return out


def side_spans(rows: list[dict[str, Any]], sides: list[int]) -> dict[str, Any]:
    """What a figure joining a conflict needs to find its side without
    reading the others (`Store._side_of_twin`): each side's common range
    ("common": [highest low end, lowest high end], side 0 first) and the
    claim's distinct ranges with their side ("ranges": [lo, hi, side] in
    order, side None for a range on two sides, which only ends of ranges
    apart by less than rs.agree's tolerance can make; None past MAX_RANGES
    ranges) (`rows`: figures with lo, hi)."""
    common: dict[int, list[float]] = {}
    ranges: dict[tuple[float, float], int] = {}
    for r, side in zip(rows, sides):
        span = common.get(side)
        if span is None:
            common[side] = [r["lo"], r["hi"]]
        else:
            span[0], span[1] = max(span[0], r["lo"]), min(span[1], r["hi"])
        if ranges.setdefault((r["lo"], r["hi"]), side) != side:
            ranges[(r["lo"], r["hi"])] = None  # one range on two sides: side unknown
    return {"common": [common[k] for k in sorted(common)],
            "ranges": [[lo, hi, side] for (lo, hi), side in sorted(ranges.items())] if len(ranges) <= MAX_RANGES else None}


def _near(lo: float, hi: float) -> tuple[float, float]:
    """Bounds around `hi` that hold every other high end whose range, with
    low end `lo`, has the same midpoint in floating point (a few units in
    the last place of lo + hi)."""
    u = 4 * max(math.ulp(lo + hi), math.ulp(hi))
    return hi - u, hi + u


class _Pending:
    """Counts a batch of documents adds up and writes once, at its end
    (`Store._flush_pending`), rather than a statement per document: entities'
    document counts, spellings' mention counts, event clusters' own
    fields (a big event gains dozens of reports per batch), and the sides of
    conflicting claims that gained figures. Additions
    commute, so the rows come out the same as when written one document at
    a time; what reads them while a batch is open (finding a cluster,
    merging a `marsad:` id, replacing a document) flushes first or reads
    the pending values. A cluster's `type`, `year` and cluster_actors rows
    are always written at once: finding a cluster filters on them."""

    def __init__(self) -> None:
        self.entity_docs: Counter = Counter()  # entity id → documents to add
        self.spellings: Counter = Counter()  # (entity id, text) → mentions to add
        self.clusters: dict[str, dict[str, Any]] = {}  # id → {stats, n_reports, year}
        self.claims: set[str] = set()  # conflicts that gained figures: sides to reassess

    def clear(self) -> None:
        self.claims.clear()
        self.entity_docs.clear()
        self.spellings.clear()
        self.clusters.clear()


class _Read:
    """Rows read or written in the open transaction that the next documents
    of a batch would read again, kept until the transaction ends (or any
    part of it is undone: `Store.transaction` empties it then):

    - entity aliases (record id → entity row id): the documents of a batch
      share most of their entities, and an alias, once written, never
      changes;
    - claims rows (key → the columns `_add_to_claim` reads), kept current by
      `_add_to_claim` (which writes each change to the row at once) and
      dropped by `_refresh_claims` (which rewrites the row)."""

    def __init__(self) -> None:
        self.aliases: dict[str, str] = {}
        self.claims: dict[str, dict[str, Any]] = {}

    def clear(self) -> None:
        self.aliases.clear()
        self.claims.clear()


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")

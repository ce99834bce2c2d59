"""Store throughput and query latency: the demo records (build/demo.jsonl,
from `make demo`) replicated to N documents under new ids and outlets, then
ingested as `marsad ingest` stores records (batches of documents per
transaction, each document in a savepoint), then each query timed.

    .venv/bin/python bench/bench_store.py --docs 3000 [--db postgresql://… | --db path.db]
    .venv/bin/python bench/bench_store.py --docs 100000 --db build/bench-100k.db   # then bench_web.py --db it
    .venv/bin/python bench/bench_store.py --add 2000 --db /tmp/copy-of-bench-100k.db   # into a filled store

With --add N, N more replicas (numbered after the documents the store
holds) are ingested into an existing store: the rate of a store that
already holds many documents (this changes the store: use a copy).

Only the store is timed here (records are already extracted); extraction
speed is bench/bench_extract.py's business. Ingest runs in this one process
and thread (SQLite in process: one core); besides the wall-clock rate it
reports the rate per CPU-second of this process, which other work on the
machine disturbs less.
"""
from __future__ import annotations

import argparse
import copy
import hashlib
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from marsad import query as q  # noqa: E402
from marsad.store import open_store  # noqa: E402
from marsad.store.load import BATCH, store_records  # noqa: E402

OUTLETS = ["Xinhua", "Reuters", "AFP", "Sputnik", "Al-Ahram", "Al Bayan", "Kazinform", "CGTN Arabic",
           "Global Times", "People's Daily", "Al Eqtisadiah", "Anadolu", "TASS", "Al Jazeera", "Asharq"]


PARTNER = "Q232"  # the demo's partner of China, replaced by another country in most replicas
N_PARTNERS = 50
YEARS = 40


def partners() -> list[tuple[str, str, str]]:
    """(id, English, Arabic name) of the partner country first and then
    other countries of the gazetteer, N_PARTNERS in all."""
    from marsad import gazetteer as gz

    entries = gz.load().entries
    others = sorted(e for e, x in entries.items() if x.type == "country" and e not in (PARTNER, "Q148"))
    return [(e, entries[e].en, entries[e].ar) for e in [PARTNER] + others[:N_PARTNERS - 1]]


def replicate(records: list[dict], n: int, start: int = 0):
    """N records: the demo's, each replica under a new id, outlet and
    sha256, moved to another year and, in most replicas, telling of China
    and another partner country than Kazakhstan. A real archive states each
    measurement a few times, not hundreds: without the moves, 100,000
    replicas of a dozen articles pile ~500 figures into each claim.

    Only `document` is copied per replica: a replica shares its entities,
    events and figures with the other replicas of its record, year and
    partner (the store does not change a record), so that generating
    100,000 takes seconds, not minutes. `start`: the number of the first
    replica (the replicas numbered start … start + n - 1, as the last n of
    replicate(records, start + n))."""
    pool = partners()
    shifted: dict[tuple[int, int, int], dict] = {}
    for k in range(start, start + n):
        i = k % len(records)
        shift = (k // len(records)) % YEARS - YEARS // 2
        partner = (k // (len(records) * YEARS)) % len(pool)
        base = shifted.get((i, shift, partner))
        if base is None:
            base = shifted[(i, shift, partner)] = _with_partner(_shifted(records[i], shift), pool[partner])
        d = dict(base["document"])
        d["id"] = f"r{k:06d}_{d['id']}"
        d["source"] = OUTLETS[k % len(OUTLETS)]
        d["sha256"] = hashlib.sha256(f"{d['sha256']}{k}".encode()).hexdigest()
        yield {**base, "document": d}


def _shifted(record: dict, shift: int) -> dict:
    r = copy.deepcopy(record)
    d = r["document"]
    d["published"] = _shift(d.get("published"), shift)
    for e in r.get("events") or []:
        e["date"] = _shift(e.get("date"), shift)
    for f in r.get("figures") or []:
        f["period"] = _shift(f.get("period"), shift)
    return r


def _with_partner(record: dict, partner: tuple[str, str, str]) -> dict:
    """The record with the partner country's id (in entities, subjects,
    actors) and names in place of Kazakhstan's."""
    pid, en, ar = partner
    if pid == PARTNER:
        return record
    r = json.loads(json.dumps(record).replace(f'"{PARTNER}"', f'"{pid}"'))
    for e in r.get("entities") or []:
        if e.get("id") == pid:
            e["name_en"], e["name_ar"], e["wikidata"] = en, ar, pid
    return r


def _shift(value, years):
    if not value:
        return value
    return "/".join(f"{int(p[:4]) + years:04d}{p[4:]}" if p[:4].isdigit() else p for p in value.split("/"))


def p95(xs):
    xs = sorted(xs)
    return xs[max(0, int(round(0.95 * len(xs))) - 1)]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=3000)
    ap.add_argument("--db", default=None, help="postgresql://… or an SQLite path to create (default: a temporary SQLite file)")
    ap.add_argument("--records", default=str(ROOT / "build" / "demo.jsonl"))
    ap.add_argument("--repeat", type=int, default=20)
    ap.add_argument("--queries-only", action="store_true", help="time the queries on --db as it is (no ingest)")
    ap.add_argument("--add", type=int, default=0, metavar="N",
                    help="ingest N more replicas into --db, which holds documents already (changes it: use a copy)")
    args = ap.parse_args()
    records = [json.loads(line) for line in open(args.records, encoding="utf-8")]
    tmp = tempfile.TemporaryDirectory()
    db = args.db or str(Path(tmp.name) / "bench.db")
    store = open_store(db)
    if not args.queries_only:
        held = int(store.scalar("SELECT COUNT(*) AS n FROM documents") or 0)
        if args.add:
            if not args.db:
                sys.exit("--add needs --db (a store that holds documents)")
        elif held:
            sys.exit(f"{db} already holds documents: the benchmark needs an empty store (or --queries-only, --add N)")
        t0 = time.perf_counter()
        docs = list(replicate(records, args.add, start=held) if args.add else replicate(records, args.docs))
        print(f"generated {len(docs)} records in {time.perf_counter() - t0:.1f} s")
        ingest(store, docs)
        t0 = time.perf_counter()
        again = docs[:500]
        for o in store_records(store, ((r, None, []) for r in again)):
            assert o.status == "unchanged", o
        dt = time.perf_counter() - t0
        print(f"{store.engine}: re-ingest (unchanged) {len(again) / dt:.0f} docs/s")
    queries = {
        "overview": lambda: q.overview(store),
        "list_documents(source)": lambda: q.list_documents(store, source="Xinhua", limit=50),
        "list_documents(entity=Kazakhstan, page 3)": lambda: q.list_documents(store, entity="Kazakhstan", limit=50, offset=100),
        "list_documents(entity=China, page 3)": lambda: q.list_documents(store, entity="China", limit=50, offset=100),
        "find_entities": lambda: q.find_entities(store, limit=50),
        "entity_detail(قازاقستان)": lambda: q.entity_detail(store, "قازاقستان", limit=20),
        "figures(trade_volume, China–Kazakhstan)": lambda: q.figures(store, metric="trade_volume", between=["China", "Kazakhstan"], limit=20),
        "claim_pairs(trade_volume)": lambda: q.claim_pairs(store, "trade_volume"),
        "claims(trade_volume)": lambda: q.claims(store, metric="trade_volume", limit=50),
        "conflicts": lambda: q.conflicts(store, limit=20),
        "timeline": lambda: q.timeline(store, limit=50),
        "timeline(actor=Kazakhstan)": lambda: q.timeline(store, actor="Kazakhstan", limit=20),
        "timeline(actor=Kazakhstan, page 5)": lambda: q.timeline(store, actor="Kazakhstan", limit=50, offset=200),
        "events(type=CONSULT)": lambda: q.events(store, type="CONSULT", limit=50),
        "search(قازاقستان)": lambda: q.search(store, "قازاقستان", limit=20),
        "search(text)": lambda: q.search(store, "التبادل التجاري", limit=20),
        "likely_errors": lambda: q.likely_errors(store, limit=20),
    }
    doc = q.list_documents(store, limit=1)["items"]
    if doc:
        queries["get_document"] = lambda: q.get_document(store, doc[0]["id"])
    cluster = q.timeline(store, actor="Kazakhstan", limit=1)["items"]
    if cluster:
        queries["event_detail(cluster, page 2)"] = lambda: q.event_detail(store, cluster[0]["id"], limit=50, offset=50)
    claim = q.conflicts(store, limit=1)["items"]
    if claim:
        queries["claim_detail(conflict, page 2)"] = lambda: q.claim_detail(store, claim[0]["id"], limit=50, offset=50)
    worst = 0.0
    for name, fn in queries.items():
        fn()  # warm: the first call opens files and fills caches
        times = []
        for _ in range(args.repeat):
            t = time.perf_counter()
            fn()
            times.append((time.perf_counter() - t) * 1000)
        worst = max(worst, p95(times))
        print(f"  {name:46s} median {statistics.median(times):7.1f} ms  p95 {p95(times):7.1f} ms")
    print(f"worst query p95: {worst:.1f} ms (goal ≤ 100 ms)")
    print(store.counts())
    store.close()


def ingest(store, docs: list[dict]) -> None:
    """Store `docs`, printing the rate of every tenth of them (a rate that
    falls as the store grows would show there) and the overall one."""
    # outcomes come a committed batch at a time: a tenth is a whole number of batches
    step = max(1, round(len(docs) / 10 / BATCH)) * BATCH
    t0 = t = time.perf_counter()
    c0 = c = time.process_time()
    n = 0
    for _ in store_records(store, ((r, None, []) for r in docs)):
        n += 1
        if n % step == 0 or n == len(docs):
            now, cpu = time.perf_counter(), time.process_time()
            print(f"  {n:7d} docs: last {step} at {step / (now - t):5.0f} docs/s ({step / (cpu - c):5.0f} per CPU-second)",
                  flush=True)
            t, c = now, cpu
    dt, dc = time.perf_counter() - t0, time.process_time() - c0
    print(f"{store.engine}: ingested {n} records in {dt:.1f} s = {n / dt:.0f} docs/s "
          f"({n / dc:.0f} docs per CPU-second of this process; goal ≥ 200 docs/s on one core)")


if __name__ == "__main__":
    main()

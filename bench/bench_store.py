"""Store throughput and query latency: the demo records (build/demo.jsonl,
from `make demo`) replicated to N documents under new ids and outlets, then
ingested record by record (one transaction each), then each query timed.

    .venv/bin/python bench/bench_store.py --docs 3000 [--db postgresql://…]

Only the store is timed here (records are already extracted); extraction
speed is bench/bench_extract.py's business.
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

OUTLETS = ["Xinhua", "Reuters", "AFP", "Sputnik", "Al-Ahram", "Al Bayan", "Kazinform", "CGTN Arabic",
           "Global Times", "People's Daily", "Al Eqtisadiah", "Anadolu", "TASS", "Al Jazeera", "Asharq"]


def replicate(records: list[dict], n: int):
    for k in range(n):
        r = copy.deepcopy(records[k % len(records)])
        d = r["document"]
        d["id"] = f"r{k:06d}_{d['id']}"
        d["source"] = OUTLETS[k % len(OUTLETS)]
        d["sha256"] = hashlib.sha256(f"{d['sha256']}{k}".encode()).hexdigest()
        # Each replica moves to another year (published dates, event dates,
        # figure periods), so that claims and events spread as in a real
        # archive instead of piling into the demo's few.
        shift = (k // len(records)) % 40 - 20
        d["published"] = _shift(d.get("published"), shift)
        for e in r.get("events") or []:
            e["date"] = _shift(e.get("date"), shift)
        for f in r.get("figures") or []:
            f["period"] = _shift(f.get("period"), shift)
        yield r


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
    ap.add_argument("--db", default=None, help="postgresql://… (default: a temporary SQLite file)")
    ap.add_argument("--records", default=str(ROOT / "build" / "demo.jsonl"))
    ap.add_argument("--repeat", type=int, default=20)
    args = ap.parse_args()
    records = [json.loads(line) for line in open(args.records, encoding="utf-8")]
    tmp = tempfile.TemporaryDirectory()
    db = args.db or str(Path(tmp.name) / "bench.db")
    store = open_store(db)
    docs = list(replicate(records, args.docs))
    t0 = time.perf_counter()
    for r in docs:
        store.put_record(r)
    dt = time.perf_counter() - t0
    print(f"{store.engine}: ingested {len(docs)} records in {dt:.1f} s = {len(docs) / dt:.0f} docs/s")
    t0 = time.perf_counter()
    for r in docs[:500]:
        store.put_record(r)
    dt = time.perf_counter() - t0
    print(f"{store.engine}: re-ingest (unchanged) {min(500, len(docs)) / dt:.0f} docs/s")
    queries = {
        "overview": lambda: q.overview(store),
        "list_documents(source)": lambda: q.list_documents(store, source="Xinhua", limit=50),
        "entity_detail(قازاقستان)": lambda: q.entity_detail(store, "قازاقستان", limit=20),
        "figures(trade_volume, China–Kazakhstan)": lambda: q.figures(store, metric="trade_volume", between=["China", "Kazakhstan"], limit=20),
        "conflicts": lambda: q.conflicts(store, limit=20),
        "timeline(actor=Kazakhstan)": lambda: q.timeline(store, actor="Kazakhstan", limit=20),
        "search(قازاقستان)": lambda: q.search(store, "قازاقستان", limit=20),
        "likely_errors": lambda: q.likely_errors(store, limit=20),
    }
    for name, fn in queries.items():
        times = []
        for _ in range(args.repeat):
            t = time.perf_counter()
            fn()
            times.append((time.perf_counter() - t) * 1000)
        print(f"  {name:42s} median {statistics.median(times):7.1f} ms  p95 {p95(times):7.1f} ms")
    print(store.counts())
    store.close()


if __name__ == "__main__":
    main()

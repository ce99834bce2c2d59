"""Page and API latency of `marsad serve`, in process (FastAPI's TestClient,
no network), p50/p95 per URL.

    .venv/bin/python bench/bench_web.py --db build/demo.db
    .venv/bin/python bench/bench_web.py --replicate 200      # demo corpus ×200 in a temporary db
    .venv/bin/python bench/bench_store.py --docs 100000 --db build/bench-100k.db
    .venv/bin/python bench/bench_web.py --db build/bench-100k.db   # the 100,000-document base (goal: p95 ≤ 200 ms)

--replicate N stores the demo corpus's records N times under new ids (the
extractor runs once), to see how the pages scale with the size of the base.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path
from urllib.parse import quote

warnings.simplefilter("ignore")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def build_replicated(n: int, path: Path) -> None:
    from marsad.store import open_store
    from tests import webdb

    from marsad.store.load import store_records

    docs = webdb.extract_docs(webdb.demo_objects())
    store = open_store(str(path))
    t0 = time.perf_counter()
    items = []
    for i in range(n):
        for record, text in docs:
            rec = {**record, "document": {**record["document"], "id": f"{record['document']['id']}~{i}"}}
            items.append((rec, text, []))
    for _ in store_records(store, items):
        pass
    dt = time.perf_counter() - t0
    print(f"stored {n * len(docs)} documents in {dt:.1f} s ({n * len(docs) / dt:.0f} docs/s)")
    store.close()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", default=None)
    ap.add_argument("--replicate", type=int, default=0)
    ap.add_argument("--runs", type=int, default=20)
    args = ap.parse_args()
    from fastapi.testclient import TestClient

    from marsad.web.app import create_app

    if args.replicate or not args.db:
        db = Path(tempfile.mkdtemp()) / "bench.db"
        build_replicated(max(args.replicate, 1), db)
    else:
        db = Path(args.db)
    with TestClient(create_app(str(db))) as client:  # one event loop: its worker threads keep their stores
        run(client, args.runs)


def run(client, runs: int) -> None:
    docs = client.get("/api/v1/documents", params={"limit": 1}).json()["items"]
    doc_id = docs[0]["id"] if docs else "none"
    events = client.get("/api/v1/timeline", params={"actor": "Kazakhstan", "limit": 1}).json()["items"]
    event_id = events[0]["id"] if events else "none"
    claims = client.get("/api/v1/conflicts", params={"limit": 1}).json()["items"]
    claim_id = claims[0]["id"] if claims else "none"
    urls = ["/", "/timeline", "/timeline?actor=Kazakhstan", "/timeline?actor=Kazakhstan&page=3",
            "/figures", "/figures?metric=trade_volume&a=China&b=Kazakhstan",
            "/figures?metric=trade_volume&a=China&b=Kazakhstan&page=2",
            "/conflicts", "/conflicts?page=2", "/likely-errors", "/documents", "/documents?page=20", "/documents?entity=Kazakhstan",
            f"/documents/{quote(doc_id)}", f"/events/{quote(event_id, safe='')}", f"/claims/{quote(claim_id, safe='')}",
            "/entities", "/entities/" + quote("قازاقستان"), "/entities/" + quote("شي جين بينغ"),
            "/search?q=" + quote("قازاقستان"), "/search?q=" + quote("التبادل التجاري"),
            "/api/v1/overview", "/api/v1/timeline", "/api/v1/events?type=CONSULT",
            "/api/v1/claims?metric=trade_volume&between=China&between=Kazakhstan", "/api/v1/conflicts",
            "/api/v1/search?q=" + quote("شي جين بينغ"), "/api/v1/entities/Q232", f"/api/v1/documents/{quote(doc_id)}"]
    print(f"{'url':72} {'status':>6} {'p50 ms':>8} {'p95 ms':>8} {'KB':>6} {'1st ms':>7}")
    allp95 = []
    for url in urls:
        t0 = time.perf_counter()
        client.get(url)  # warm: templates compiled, caches filled (the overview is kept until the base changes)
        first = (time.perf_counter() - t0) * 1000
        times = []
        for _ in range(runs):
            t0 = time.perf_counter()
            r = client.get(url)
            times.append((time.perf_counter() - t0) * 1000)
        times.sort()
        p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
        allp95.append(p95)
        print(f"{url[:72]:72} {r.status_code:>6} {statistics.median(times):8.1f} {p95:8.1f} {len(r.content) / 1024:6.0f} "
              f"{first:7.1f}")
    pages = [p for u, p in zip(urls, allp95) if not u.startswith("/api/")]
    print(f"worst page p95: {max(pages):.1f} ms (goal ≤ 200 ms); worst p95 of all: {max(allp95):.1f} ms")


if __name__ == "__main__":
    main()

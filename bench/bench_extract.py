"""Extraction throughput on a synthetic corpus built from the demo corpus.

Not a test: it prints documents/s, MB/s (UTF-8 bytes of text) on one core
and the peak RSS. Run with `make bench` (BENCH_DOCS to change the size)."""
from __future__ import annotations

import json
import os
import random
import resource
import statistics
import sys
import time
from pathlib import Path

from marsad.doc import Doc, record_line
from marsad.pipeline import Pipeline

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "corpus" / "demo" / "articles.jsonl"


def synthetic_corpus(n: int, seed: int = 7):
    """n documents: demo articles with their paragraphs shuffled and
    recombined, so no two documents are the same text."""
    articles = [json.loads(l) for l in DEMO.read_text(encoding="utf-8").splitlines() if l.strip()]
    paragraphs = [p for a in articles for p in a["text"].split("\n") if p.strip()]
    rng = random.Random(seed)
    for i in range(n):
        base = articles[i % len(articles)]
        extra = rng.sample(paragraphs, k=min(3, len(paragraphs)))
        body = base["text"].split("\n")
        rng.shuffle(body)
        yield Doc(f"synthetic-{i}", "\n".join(body + extra), published=base.get("published"), source=base.get("source"))


def fixed_work_seconds() -> float:
    """CPU seconds of a fixed loop, printed before and after the run: on a
    shared machine a busy neighbour slows the same work by up to half, and
    a loop that took longer than usual says the figures are low for it."""
    t = time.process_time()
    s = 0
    for i in range(3_000_000):
        s += i * i % 7
    return time.process_time() - t


def main() -> None:
    n = int(os.environ.get("BENCH_DOCS", "5000"))
    before = fixed_work_seconds()
    t0 = time.perf_counter()
    stages = os.environ.get("BENCH_STAGES")  # e.g. "segment,entities" to time a subset
    nlp = (Pipeline(stages.split(",")) if stages else Pipeline()).keep_loaded()
    load_s = time.perf_counter() - t0
    total_bytes = mentions = figures = 0
    cpu = 0.0
    # CPU time per chunk of documents: on a shared machine the same work
    # takes up to twice as long when a neighbour is busy, so the spread of
    # the chunks' rates is printed along with the overall rate.
    chunk = max(1, n // 10)
    chunk_bytes, chunk_cpu, chunk_rates = 0, 0.0, []
    t0 = time.perf_counter()
    # Documents stream through one at a time, as in `marsad extract`, so the
    # peak RSS is that of the pipeline, not of the corpus.
    for i, doc in enumerate(synthetic_corpus(n), 1):
        size = len(doc.text.encode("utf-8"))
        c0 = time.process_time()
        nlp(doc)
        record = doc.to_record()
        record_line(record)
        spent = time.process_time() - c0
        cpu += spent
        total_bytes += size
        chunk_bytes += size
        chunk_cpu += spent
        if i % chunk == 0 and chunk_cpu > 0:
            chunk_rates.append(chunk_bytes / 1e6 / chunk_cpu)
            chunk_bytes, chunk_cpu = 0, 0.0
        mentions += sum(len(e["mentions"]) for e in record["entities"])
        figures += len(record["figures"])
    wall = time.perf_counter() - t0
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    rate = total_bytes / 1e6 / cpu
    print(f"stages            {', '.join(nlp.names)}")
    print(f"documents         {n}  ({total_bytes / 1e6:.1f} MB of UTF-8 text, {total_bytes / n / 1024:.1f} KiB each)")
    print(f"pipeline load     {load_s:.2f} s (gazetteer automaton and lexicons)")
    print(f"throughput        {n / wall:,.0f} documents/s, {rate:.2f} MB/s per core (pipeline CPU time {cpu:.1f} s, wall {wall:.1f} s with corpus generation)")
    if chunk_rates:
        print(f"per chunk         {len(chunk_rates)} chunks of {chunk} documents: slowest {min(chunk_rates):.2f}, "
              f"median {statistics.median(chunk_rates):.2f}, fastest {max(chunk_rates):.2f} MB/s per core")
    print(f"found             {mentions / n:.1f} entity mentions and {figures / n:.1f} figures per document")
    print(f"peak RSS          {rss_mb:.0f} MB")
    print(f"machine check     a fixed loop took {before:.2f} s before the run and {fixed_work_seconds():.2f} s after")
    goal = 2.0
    print(f"goal ≥ {goal} MB/s per core: {'met' if rate >= goal else 'NOT met'}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()

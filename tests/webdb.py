"""Small knowledge bases for the web tests, built by running the extractor
on the demo corpus, on ../shared/seeds and on made-up hostile documents
(nothing hard-coded: tests read what to expect from the records).

Built once per test process into a temporary directory.
"""
from __future__ import annotations

import atexit
import json
import shutil
import tempfile
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "corpus" / "demo"
SEEDS = ROOT.parent / "shared" / "seeds"

# Untrusted article text: markup in the text, the title and the outlet must render inert.
EVIL_ID = "evil_markup"
EVIL = {
    "id": EVIL_ID,
    "published": "2024-03-05",
    "source": "<b>Evil</b> Wire\"'><script>window.__pwned_source = 1</script>",
    "title": "عنوان <img src=x onerror=\"window.__pwned_title=1\">",
    "text": (
        "أستانا 5 مارس 2024 — قال الرئيس الكازاخستاني قاسم جومارت توكاييف <script>window.__pwned = 1;</script> "
        "إن حجم التبادل التجاري بين كازاخستان والصين بلغ 30 مليار دولار في عام 2023 "
        "<img src=x onerror=\"window.__pwned_img = 1\"> وفقا للجمارك الصينية.\n"
        "وزار وزير الخارجية الصيني وانغ يي أستانا <a href=\"javascript:window.__pwned_link=1\">هنا</a> "
        "</textarea></pre></article><svg onload=\"window.__pwned_svg=1\"></svg> {{ 7*7 }} &lt;b&gt;"
    ),
}

_TMP = Path(tempfile.mkdtemp(prefix="marsad-web-"))
atexit.register(shutil.rmtree, _TMP, ignore_errors=True)


@lru_cache(maxsize=None)
def _pipeline():
    from marsad.pipeline import Pipeline

    return Pipeline()


def extract_docs(objs: list[dict]) -> list[tuple[dict, str]]:
    """(record, text) for each JSONL-style object, through the extractor."""
    from marsad import ingest

    out = []
    for i, obj in enumerate(objs):
        doc = ingest.jsonl_doc(obj, f"test:{i}", f"t{i}", ingest.Defaults())
        out.append((_pipeline()(doc).to_record(), doc.text))
    return out


def demo_objects() -> list[dict]:
    with open(DEMO / "articles.jsonl", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def extract_paths(paths: list[str]) -> list[tuple[dict, str]]:
    """(record, text) for each document read from files, as `marsad extract` reads them."""
    from marsad import ingest

    return [(_pipeline()(doc).to_record(), doc.text) for doc in ingest.read(paths, ingest.Defaults())]


def build(path: Path, objs: list[dict] | None = None, paths: list[str] | None = None) -> list[tuple[dict, str]]:
    from marsad.store import open_store

    docs = extract_docs(objs or []) + extract_paths(paths or [])
    store = open_store(str(path))
    try:
        for record, text in docs:
            store.put_record(record, text)
    finally:
        store.close()
    return docs


@lru_cache(maxsize=None)
def demo_db() -> tuple[str, tuple]:
    """The demo corpus, as `make demo` ingests it: (db path, ((record, text), …))."""
    path = _TMP / "demo.db"
    docs = build(path, demo_objects())
    return str(path), tuple(docs)


@lru_cache(maxsize=None)
def hostile_db() -> tuple[str, tuple]:
    """The demo corpus plus the hostile document."""
    path = _TMP / "hostile.db"
    docs = build(path, demo_objects() + [EVIL])
    return str(path), tuple(docs)


@lru_cache(maxsize=None)
def seeds_db() -> tuple[str, tuple]:
    path = _TMP / "seeds.db"
    docs = build(path, paths=[str(SEEDS)] if SEEDS.is_dir() else [])
    return str(path), tuple(docs)


def records(db: tuple[str, tuple]) -> list[dict]:
    """The extracted records a knowledge base from this module was built from."""
    return [r for r, _ in db[1]]


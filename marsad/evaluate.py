"""Scoring extractor output against a gold annotation.

Gold: one JSON file per document (`id`, `entities`, `figures`, ...), as in
corpus/gold/. Output: the JSON Lines `marsad extract` writes.

- Entities: a system entity matches a gold one when their English names
  agree or they share an Arabic mention (proclitics aside).
- Figures: a system figure matches a gold one when the values agree within
  0.5 %, the units agree and the evidence overlaps (by offsets when the gold
  has them, else by text). On matched figures the accuracy of metric,
  period, kind and attribution is reported.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from marsad.text import match_key, normalize

VALUE_TOLERANCE = 0.005
ATTRIBUTES = ("metric", "period", "kind", "attributed_to")


@dataclass
class Score:
    gold: int = 0
    system: int = 0
    matched: int = 0
    attribute_hits: dict[str, int] = field(default_factory=lambda: {a: 0 for a in ATTRIBUTES})
    misses: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched / self.system if self.system else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def accuracy(self, attribute: str) -> float:
        return self.attribute_hits[attribute] / self.matched if self.matched else 0.0

    def to_json(self) -> dict[str, Any]:
        out = {"gold": self.gold, "system": self.system, "matched": self.matched,
               "precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4)}
        if any(self.attribute_hits.values()):
            out["accuracy"] = {a: round(self.accuracy(a), 4) for a in ATTRIBUTES}
        return out


class GoldError(ValueError):
    pass


def read_gold(directory: Path) -> dict[str, dict[str, Any]]:
    if not directory.is_dir():
        raise GoldError(f"gold directory not found: {directory}")
    gold = {}
    for path in sorted(directory.glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise GoldError(f"{path}: not a readable JSON file ({exc})") from exc
        gold[str(data.get("id") or path.stem)] = data
    if not gold:
        raise GoldError(f"no *.json gold files in {directory}")
    return gold


def read_output(path: Path) -> dict[str, dict[str, Any]]:
    records = {}
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                records[record["document"]["id"]] = record
            except (ValueError, KeyError, TypeError) as exc:
                raise GoldError(f"{path}:{n}: not a marsad record ({exc})") from exc
    return records


def _bare(form: str) -> str:
    form = match_key(form)
    return re.sub(r"^(?:[وف]?[بكل]|[وف])(?=ال)", "", form)


def score_entities(gold_entities: list[dict], system_entities: list[dict], score: Score) -> None:
    score.gold += len(gold_entities)
    score.system += len(system_entities)
    used: set[int] = set()
    for g in gold_entities:
        forms = {_bare(m) for m in g.get("mentions", [])}
        hit = None
        for i, s in enumerate(system_entities):
            if i in used:
                continue
            names_agree = s.get("name_en", "").lower() == str(g.get("name_en", "")).lower()
            if names_agree or forms & {_bare(m["text"]) for m in s.get("mentions", [])}:
                hit = i
                break
        if hit is None:
            score.misses.append(f"{g.get('name_en')} {g.get('mentions', [])[:3]}")
        else:
            used.add(hit)
            score.matched += 1
    for i, s in enumerate(system_entities):
        if i not in used:
            score.spurious.append(f"{s.get('name_en')} {[m['text'] for m in s.get('mentions', [])][:3]}")


def _values_agree(a: float, b: float) -> bool:
    if b == 0:
        return a == 0
    return abs(a - b) <= VALUE_TOLERANCE * abs(b)


def _evidence_overlaps(gold: dict, system: dict) -> bool:
    g_ev, s_ev = gold.get("evidence"), system.get("evidence") or {}
    if isinstance(g_ev, dict) and "start" in g_ev:
        return g_ev["start"] < s_ev.get("end", -1) and s_ev.get("start", 10**12) < g_ev["end"]
    g_text = normalize(g_ev if isinstance(g_ev, str) else (g_ev or {}).get("text", ""))
    s_text = normalize(s_ev.get("text", ""))
    value_text = normalize(system.get("value_text", ""))
    return bool(g_text) and (g_text in s_text or s_text in g_text or (value_text and value_text in g_text))


def _same_attribution(g: Any, s: Any) -> bool:
    if not g or not s:
        return not g and not s
    g, s = normalize(str(g)).lower(), normalize(str(s)).lower()
    return g == s or g in s or s in g


def score_figures(gold_figures: list[dict], system_figures: list[dict], score: Score, doc_id: str) -> None:
    score.gold += len(gold_figures)
    score.system += len(system_figures)
    used: set[int] = set()
    for g in gold_figures:
        hit = None
        for i, s in enumerate(system_figures):
            if i in used or s.get("unit") != g.get("unit"):
                continue
            if _values_agree(float(s.get("value", 0)), float(g.get("value", 0))) and _evidence_overlaps(g, s):
                hit = i
                break
        if hit is None:
            score.misses.append(f"{doc_id}: {g.get('value')} {g.get('unit')} {g.get('metric')} | {_ev(g)}")
            continue
        used.add(hit)
        score.matched += 1
        s = system_figures[hit]
        for attribute in ATTRIBUTES:
            same = (_same_attribution(g.get(attribute), s.get(attribute)) if attribute == "attributed_to"
                    else g.get(attribute) == s.get(attribute))
            if same:
                score.attribute_hits[attribute] += 1
            else:
                score.wrong.append(f"{doc_id}: {attribute} gold={g.get(attribute)!r} system={s.get(attribute)!r}"
                                   f" | {s.get('value_text')}")
    for i, s in enumerate(system_figures):
        if i not in used:
            score.spurious.append(f"{doc_id}: {s.get('value')} {s.get('unit')} {s.get('metric')} | {s.get('value_text')}")


def _ev(figure: dict) -> str:
    ev = figure.get("evidence")
    return (ev if isinstance(ev, str) else (ev or {}).get("text", ""))[:80]


@dataclass
class Report:
    documents: int
    missing: list[str]
    entities: Score
    figures: Score

    def to_json(self) -> dict[str, Any]:
        return {"documents": self.documents, "missing_documents": self.missing,
                "entities": self.entities.to_json(), "figures": self.figures.to_json()}


def evaluate(gold: dict[str, dict], output: dict[str, dict], ids: Iterable[str] | None = None) -> Report:
    entities, figures = Score(), Score()
    missing = []
    documents = 0
    for doc_id in ids or sorted(gold):
        g = gold[doc_id]
        record = output.get(doc_id)
        if record is None:
            missing.append(doc_id)
            record = {"entities": [], "figures": []}
        documents += 1
        if "entities" in g:
            score_entities(g["entities"], record.get("entities", []), entities)
        if "figures" in g:
            score_figures(g["figures"], record.get("figures", []), figures, doc_id)
    return Report(documents, missing, entities, figures)

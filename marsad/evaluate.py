"""Scoring extractor output against a gold annotation.

Gold: one JSON file per document (`id`, `entities`, `figures`, ...), as in
corpus/gold/. Output: the JSON Lines `marsad extract` writes.

- Entities: a system entity matches a gold one when their English names
  agree or they share an Arabic mention (proclitics aside).
- Figures: a system figure matches a gold one when the values agree within
  0.5 %, the units agree and the evidence overlaps (by offsets when the gold
  has them, else by text). On matched figures the accuracy of metric,
  period, kind and attribution is reported.
- Events: a system event matches a gold one when their types agree, their
  evidence overlaps and they share at least one actor (gold actors are
  English names; system actor ids are read through the record's entities).
  On matched events the accuracy of mode, actors (the same set), date and
  status is reported.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from marsad.text import match_key, normalize

VALUE_TOLERANCE = 0.005
ATTRIBUTES = ("metric", "period", "kind", "attributed_to")
EVENT_ATTRIBUTES = ("mode", "actors", "date", "status")


@dataclass
class Score:
    gold: int = 0
    system: int = 0
    matched: int = 0
    attribute_hits: dict[str, int] = field(default_factory=lambda: {a: 0 for a in ATTRIBUTES})
    misses: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, attributes: tuple[str, ...]) -> "Score":
        return cls(attribute_hits={a: 0 for a in attributes})

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
            out["accuracy"] = {a: round(self.accuracy(a), 4) for a in self.attribute_hits}
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


def _actor_names(record: dict, ids) -> set[str]:
    """English names of a system event's actor ids (through the record's
    entities, else the gazetteer)."""
    names = {e["id"]: e.get("name_en", "") for e in record.get("entities", [])}
    out = set()
    for i in ids or []:
        name = names.get(i)
        if name is None:
            from marsad import gazetteer as gz
            entry = gz.load().entries.get(i)
            name = entry.en if entry else i
        out.add(str(name).lower())
    return out


def _texts_overlap(a: str, b: str, least: int = 12) -> bool:
    a, b = match_key(a), match_key(b)
    if not a or not b:
        return False
    if a in b or b in a:
        return True
    m = SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b))
    return m.size >= min(least, len(a), len(b))


def _event_evidence_overlaps(gold: dict, system: dict) -> bool:
    g_ev, s_ev = gold.get("evidence"), system.get("evidence") or {}
    if isinstance(g_ev, dict) and "start" in g_ev:
        return g_ev["start"] < s_ev.get("end", -1) and s_ev.get("start", 10**12) < g_ev["end"]
    return _texts_overlap(g_ev if isinstance(g_ev, str) else (g_ev or {}).get("text", ""), s_ev.get("text", ""))


def score_events(gold_events: list[dict], record: dict, score: Score, doc_id: str) -> None:
    system_events = record.get("events", [])
    score.gold += len(gold_events)
    score.system += len(system_events)
    used: set[int] = set()
    system_actors = [_actor_names(record, s.get("actors")) for s in system_events]
    for g in gold_events:
        g_actors = {str(a).lower() for a in g.get("actors", [])}
        # of the events that may be this one, the first of the same mode
        # (else the first): a sentence telling two encounters is not read
        # as matched crosswise
        candidates = [i for i, s in enumerate(system_events)
                      if i not in used and s.get("type") == g.get("type")
                      and g_actors & system_actors[i] and _event_evidence_overlaps(g, s)]
        hit = next((i for i in candidates if system_events[i].get("mode") == g.get("mode")),
                   candidates[0] if candidates else None)
        if hit is None:
            score.misses.append(f"{doc_id}: {g.get('type')}/{g.get('mode')} {g.get('actors')} | {_ev(g)}")
            continue
        used.add(hit)
        score.matched += 1
        s = system_events[hit]
        for attribute in score.attribute_hits:
            if attribute == "actors":
                same = g_actors == system_actors[hit]
                shown = sorted(system_actors[hit])
            else:
                same = g.get(attribute) == s.get(attribute)
                shown = s.get(attribute)
            if same:
                score.attribute_hits[attribute] += 1
            else:
                score.wrong.append(f"{doc_id}: {attribute} gold={g.get(attribute)!r} system={shown!r} | {_ev(s)}")
    for i, s in enumerate(system_events):
        if i not in used:
            score.spurious.append(f"{doc_id}: {s.get('type')}/{s.get('mode')} {sorted(system_actors[i])} | {_ev(s)}")


def _ev(figure: dict) -> str:
    ev = figure.get("evidence")
    return (ev if isinstance(ev, str) else (ev or {}).get("text", ""))[:80]


@dataclass
class Report:
    documents: int
    missing: list[str]
    entities: Score
    figures: Score
    events: Score = field(default_factory=lambda: Score.of(EVENT_ATTRIBUTES))

    def to_json(self) -> dict[str, Any]:
        return {"documents": self.documents, "missing_documents": self.missing,
                "entities": self.entities.to_json(), "figures": self.figures.to_json(),
                "events": self.events.to_json()}


def evaluate(gold: dict[str, dict], output: dict[str, dict], ids: Iterable[str] | None = None) -> Report:
    entities, figures, events = Score(), Score(), Score.of(EVENT_ATTRIBUTES)
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
        if "events" in g:
            score_events(g["events"], record, events, doc_id)
    return Report(documents, missing, entities, figures, events)

"""A readable summary of extracted records: entities by type with every
spelling seen, and per document the counts of what was found."""
from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table


def read_records(path: Path) -> Iterable[dict[str, Any]]:
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


def summarize(records: Iterable[dict[str, Any]], console: Console) -> None:
    entities: dict[str, dict[str, Any]] = {}
    spellings: dict[str, Counter] = defaultdict(Counter)
    docs_of: dict[str, set[str]] = defaultdict(set)
    per_doc = Table(title="Documents", show_lines=False)
    for col in ("id", "source", "published", "entities", "mentions", "events", "figures", "errors"):
        per_doc.add_column(col, justify="right" if col in ("entities", "mentions", "events", "figures", "errors") else "left")
    for rec in records:
        doc = rec["document"]
        for ent in rec["entities"]:
            entities.setdefault(ent["id"], ent)
            docs_of[ent["id"]].add(doc["id"])
            spellings[ent["id"]].update(m["text"] for m in ent["mentions"])
        per_doc.add_row(
            doc["id"], doc.get("source") or "-", doc.get("published") or "-",
            str(len(rec["entities"])), str(sum(len(e["mentions"]) for e in rec["entities"])),
            str(len(rec.get("events", []))), str(len(rec.get("figures", []))),
            ", ".join(e["code"] for e in rec["errors"]) or "0",
        )
    by_type: dict[str, list[str]] = defaultdict(list)
    for eid, ent in entities.items():
        by_type[ent["type"]].append(eid)
    for etype in sorted(by_type):
        table = Table(title=f"{etype} ({len(by_type[etype])})", title_justify="left")
        table.add_column("id")
        table.add_column("name")
        table.add_column("docs", justify="right")
        table.add_column("spellings seen (count)")
        ordered = sorted(by_type[etype], key=lambda e: (-len(docs_of[e]), entities[e]["name_en"]))
        for eid in ordered:
            forms = ", ".join(f"{s} ({n})" for s, n in spellings[eid].most_common())
            table.add_row(eid, entities[eid]["name_en"], str(len(docs_of[eid])), forms)
        console.print(table)
    console.print(per_doc)


def print_report(report, console: Console, verbose: bool = False) -> None:
    """The scores of `marsad evaluate` as a table (and, verbosely, the errors)."""
    table = Table(title=f"Evaluation on {report.documents} documents")
    for col in ("", "gold", "system", "matched", "precision", "recall", "F1"):
        table.add_column(col, justify="left" if not col else "right")
    scores = [("entities", report.entities), ("figures", report.figures)]
    if getattr(report, "events", None) is not None and report.events.gold + report.events.system:
        scores.append(("events", report.events))
    for name, score in scores:
        table.add_row(name, str(score.gold), str(score.system), str(score.matched),
                      f"{score.precision:.3f}", f"{score.recall:.3f}", f"{score.f1:.3f}")
    console.print(table)
    if report.figures.matched:
        acc = Table(title="Figures: accuracy on matched figures")
        for attribute in report.figures.attribute_hits:
            acc.add_column(attribute, justify="right")
        acc.add_row(*(f"{report.figures.accuracy(a):.3f}" for a in report.figures.attribute_hits))
        console.print(acc)
    events = getattr(report, "events", None)
    if events is not None and events.matched:
        acc = Table(title="Events: accuracy on matched events")
        for attribute in events.attribute_hits:
            acc.add_column(attribute, justify="right")
        acc.add_row(*(f"{events.accuracy(a):.3f}" for a in events.attribute_hits))
        console.print(acc)
    if verbose:
        for name, score in scores:
            for label, items in (("missed", score.misses), ("spurious", score.spurious), ("wrong", score.wrong)):
                for item in items:
                    console.print(f"{name} {label}: {item}", markup=False)

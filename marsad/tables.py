"""Rich tables for the knowledge-base commands (`marsad figures`,
`conflicts`, `timeline`, `entity`, `search`, `errors`): what an analyst reads
in a terminal. The same data goes out as JSON with --json."""
from __future__ import annotations

from rich.console import Console
from rich.table import Table


def _name(ref: dict | None) -> str:
    if not ref:
        return ""
    return ref.get("name_en") or ref.get("name_ar") or ref.get("id") or ""


def _value(v: float | None, unit: str | None) -> str:
    if v is None:
        return ""
    if unit == "USD":
        for scale, word in ((1e9, "bn"), (1e6, "m"), (1e3, "k")):
            if abs(v) >= scale:
                return f"{v / scale:,.2f}".rstrip("0").rstrip(".") + f" {word} USD"
        return f"{v:,.0f} USD"
    if unit == "percent":
        return f"{v:g}%"
    return f"{v:,.10g} {unit or ''}".strip()


def _ev(e: dict | None, width: int = 90) -> str:
    text = ((e or {}).get("text") or "").replace("\n", " ")
    return text if len(text) <= width else text[: width - 1] + "…"


def claims(console: Console, page: dict, title: str = "Claims") -> None:
    t = Table(title=f"{title} ({page['total']})", show_lines=True)
    for col in ("metric", "period", "subject", "status", "source", "value", "as stated", "attributed to", "evidence"):
        t.add_column(col, overflow="fold")
    for c in page["items"]:
        subject = " – ".join(_name(s) for s in c["subject"])
        style = {"conflict": "red", "agree": "green", "unclear": "yellow"}.get(c["status"])
        for i, f in enumerate(c["figures"]):
            t.add_row(
                f"{c['metric']} ({c['kind']})" if i == 0 else "", c["period"] if i == 0 else "",
                subject if i == 0 else "", f"[{style}]{c['status']}[/]" if i == 0 and style else (c["status"] if i == 0 else ""),
                f"{f['document']['source'] or ''} {f['document']['published'] or ''}".strip(),
                _value(f["value"], f["unit"]) + (f" (side {f['side'] + 1})" if c["status"] in ("conflict", "unclear") else ""),
                f"{f['qualifier']}: {f['value_text']}", f["attributed_to"] or "", _ev(f["evidence"]),
            )
    console.print(t)


def conflicts(console: Console, page: dict) -> None:
    if not page["items"]:
        console.print("No conflicts.")
        return
    for c in page["items"]:
        subject = " – ".join(_name(s) for s in c["subject"])
        t = Table(title=f"[red]conflict[/]: {c['metric']} {subject}, {c['period']}", show_lines=True)
        for col in ("side", "value", "outlet", "attributed to", "document", "evidence"):
            t.add_column(col, overflow="fold")
        for n, side in enumerate(c["sides"], 1):
            for f in side["figures"]:
                t.add_row(str(n), f"{f['qualifier']}: {f['value_text']} = {_value(f['value'], f['unit'])}",
                          f"{f['document']['source'] or ''} {f['document']['published'] or ''}".strip(),
                          f["attributed_to"] or "", f["document"]["id"], _ev(f["evidence"]))
        console.print(t)
    console.print(f"{page['total']} conflict(s)")


def errors(console: Console, page: dict) -> None:
    t = Table(title=f"Likely errors ({page['total']})", show_lines=True)
    for col in ("document", "figure", "suspect subject", "likely intended", "evidence"):
        t.add_column(col, overflow="fold")
    for e in page["items"]:
        f = e["figure"]
        t.add_row(f"{e['document']['source'] or ''}: {e['document']['id']}",
                  f"{f['metric']} {f['period']}: {f['value_text']}", _name(e["entity"]), _name(e["intended"]),
                  _ev(f["evidence"]))
    console.print(t)


def timeline(console: Console, page: dict) -> None:
    t = Table(title=f"Timeline ({page['total']} events)", show_lines=True)
    for col in ("date", "status", "event", "actors", "outlets", "evidence"):
        t.add_column(col, overflow="fold")
    for c in page["items"]:
        style = "green" if c["status"] == "occurred" else "yellow"
        first = c["reports"][0] if c["reports"] else {}
        t.add_row(c["date"] or "?", f"[{style}]{c['status'] or ''}[/]", f"{c['type']}/{c['mode'] or ''}",
                  ", ".join(_name(a) for a in c["actors"]), ", ".join(c["sources"]) + f" ({len(c['reports'])})",
                  _ev(first.get("evidence")))
    console.print(t)


def entity(console: Console, e: dict) -> None:
    console.print(f"[bold]{e['name_en'] or ''}[/] {e['name_ar'] or ''}  ({e['type']}, {e['id']}"
                  + (f", https://www.wikidata.org/wiki/{e['wikidata']}" if e.get("wikidata") else "") + ")")
    console.print(f"{e['documents']} document(s); merged ids: {', '.join(e['aliases']) or '—'}")
    console.print("Spellings: " + "، ".join(f"{s['text']} ({s['count']})" for s in e["spellings"]))
    if e["co_actors"]:
        console.print("Co-occurring: " + ", ".join(f"{_name(a)} ({a['documents']})" for a in e["co_actors"]))
    if e["events"]:
        timeline(console, {"total": len(e["events"]), "items": e["events"]})
    if e["figures"]:
        claims(console, {"total": len(e["figures"]), "items": e["figures"]}, "Figures")


def search(console: Console, page: dict) -> None:
    more = "more than " if page.get("capped") else ""
    t = Table(title=f"Search ({more}{page['total']} documents)", show_lines=True)
    for col in ("score", "document", "outlet", "snippet"):
        t.add_column(col, overflow="fold")
    for hit in page["items"]:
        sn = hit.get("snippet") or {}
        text = (sn.get("text") or "").replace("\n", " ")
        if sn.get("match_start") is not None:
            a, b = sn["match_start"] - sn["start"], sn["match_end"] - sn["start"]
            text = text[:a].replace("[", r"\[") + "[bold]" + text[a:b].replace("[", r"\[") + "[/]" + text[b:].replace("[", r"\[")
        else:
            text = text.replace("[", r"\[")
        d = hit["document"]
        t.add_row(f"{hit['score']:.3f}", d["id"], f"{d['source'] or ''} {d['published'] or ''}", text)
    console.print(t)

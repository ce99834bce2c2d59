"""The article with what was extracted from it marked up: entity mentions,
dates and figures as inline marks, event evidence as an outer underline,
each carrying what was read from it (shown on hover or focus).

The article is untrusted text: every piece of it goes through
`markupsafe.escape`; only the markup built here is trusted.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable
from urllib.parse import quote

from markupsafe import Markup, escape

# Inline marks win over each other in this order when they overlap.
_PRIORITY = {"figure": 0, "date": 1, "entity": 2}


@dataclass
class Mark:
    start: int
    end: int
    kind: str  # entity | date | figure | event
    tip: str
    classes: list[str] = field(default_factory=list)
    attrs: dict[str, str] = field(default_factory=dict)


def _fmt_value(v: Any) -> str:
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    if isinstance(v, int) and abs(v) >= 10_000:
        return f"{v:,}"
    return str(v)


def entity_marks(record: dict) -> list[Mark]:
    out = []
    for ent in record.get("entities") or []:
        tip = f"{ent.get('name_ar', '')} · {ent.get('name_en', '')} · {ent.get('type', '')} · {ent.get('id', '')}"
        for m in ent.get("mentions") or []:
            out.append(Mark(m["start"], m["end"], "entity", tip, [f"hl-{ent.get('type', 'other')}"],
                            {"data-entity": str(ent.get("id", ""))}))
    return out


def date_marks(record: dict) -> list[Mark]:
    out = []
    for d in record.get("dates") or []:
        value = d.get("value") or "?"
        out.append(Mark(d["start"], d["end"], "date", f"تاريخ date: {value} ({d.get('kind', 'date')})", [],
                        {"data-value": str(value)}))
    return out


def figure_marks(record: dict, text: str, names: dict[str, str] | None = None) -> list[Mark]:
    """The figure's own words (its value_text) where they can be found in its
    evidence; else the whole evidence span."""
    out = []
    for i, f in enumerate(record.get("figures") or []):
        ev = f.get("evidence") or {}
        start, end = ev.get("start", 0), ev.get("end", 0)
        vt = f.get("value_text") or ""
        if vt:
            at = text.find(vt, start, end)
            if at >= 0:
                start, end = at, at + len(vt)
        subject = " – ".join((names or {}).get(x, x) for x in f.get("subject") or []) or "?"
        tip = (f"رقم figure: {f.get('metric')} = {_fmt_value(f.get('value'))} {f.get('unit')} · "
               f"{f.get('kind')}/{f.get('qualifier')} · period {f.get('period') or '?'} · {subject}"
               + (f" · according to {f['attributed_to']}" if f.get("attributed_to") else ""))
        out.append(Mark(start, end, "figure", tip, [f"kind-{f.get('kind', 'actual')}"],
                        {"id": f"fig-{ev.get('start', 0)}-{ev.get('end', 0)}", "data-metric": str(f.get("metric", ""))}))
    return out


def event_marks(record: dict, names: dict[str, str] | None = None) -> list[Mark]:
    names = names or {}
    out = []
    for i, e in enumerate(record.get("events") or []):
        ev = e.get("evidence") or {}
        actors = ", ".join(names.get(a, a) for a in e.get("actors") or [])
        tip = (f"حدث event: {e.get('type')}/{e.get('mode') or '-'} · {e.get('status')} · "
               f"{e.get('date') or 'no date'} · {actors}")
        out.append(Mark(ev.get("start", 0), ev.get("end", 0), "event", tip, [f"status-{e.get('status', 'occurred')}"],
                        {"id": f"ev-{ev.get('start', 0)}-{ev.get('end', 0)}"}))
    return out


def _select_inline(marks: Iterable[Mark], n: int) -> list[Mark]:
    """Non-overlapping inline marks: longer and higher-priority first."""
    ok = [m for m in marks if 0 <= m.start < m.end <= n]
    ok.sort(key=lambda m: (_PRIORITY.get(m.kind, 9), -(m.end - m.start), m.start))
    taken: list[Mark] = []
    for m in ok:
        if all(m.end <= t.start or m.start >= t.end for t in taken):
            taken.append(m)
    taken.sort(key=lambda m: m.start)
    return taken


def _event_groups(marks: list[Mark], n: int) -> list[tuple[int, int, list[Mark]]]:
    """Event evidence spans merged where they overlap: (start, end, events)."""
    groups: list[tuple[int, int, list[Mark]]] = []
    for m in sorted((m for m in marks if 0 <= m.start < m.end <= n), key=lambda m: (m.start, -m.end)):
        if groups and m.start < groups[-1][1]:
            s, e, ms = groups[-1]
            groups[-1] = (s, max(e, m.end), ms + [m])
        else:
            groups.append((m.start, m.end, [m]))
    return groups


def _open(tag: str, m: Mark, used: set[str]) -> str:
    classes = " ".join(["hl", f"hl-{m.kind}", *m.classes])
    attrs = [f'class="{escape(classes)}"', f'data-kind="{m.kind}"', f'data-tip="{escape(m.tip)}"', 'tabindex="0"']
    for k, v in m.attrs.items():
        if k == "id":
            if v in used:
                continue
            used.add(v)
        attrs.append(f'{k}="{escape(v)}"')
    return f"<{tag} " + " ".join(attrs) + ">"


def _esc(s: str) -> str:
    return str(escape(s)).replace("\r\n", "\n").replace("\n", "<br>\n")


def _inline(text: str, lo: int, hi: int, inline: list[Mark], used: set[str]) -> str:
    parts = []
    pos = lo
    for m in inline:
        if m.end <= lo or m.start >= hi:
            continue
        s, e = max(m.start, lo), min(m.end, hi)
        if s > pos:
            parts.append(_esc(text[pos:s]))
        html = _open("mark", m, used) + _esc(text[s:e]) + "</mark>"
        if m.kind == "entity" and m.attrs.get("data-entity"):
            html = f'<a class="ent" href="/entities/{escape(quote(m.attrs["data-entity"], safe=":"))}">{html}</a>'
        parts.append(html)
        pos = e
    if pos < hi:
        parts.append(_esc(text[pos:hi]))
    return "".join(parts)


def highlight(text: str, record: dict, names: dict[str, str] | None = None) -> Markup:
    """The article as HTML: paragraphs kept (newlines → <br>), every character
    of `text` escaped, extracted spans marked."""
    n = len(text)
    inline = _select_inline(entity_marks(record) + date_marks(record) + figure_marks(record, text, names), n)
    groups = _event_groups(event_marks(record, names), n)
    used: set[str] = set()
    parts = []
    pos = 0
    for s, e, evs in groups:
        if s > pos:
            parts.append(_inline(text, pos, s, inline, used))
        tip = " ‖ ".join(m.tip for m in evs)
        group = Mark(s, e, "event", tip, sorted({c for m in evs for c in m.classes}),
                     {"id": evs[0].attrs["id"], "data-events": str(len(evs))})
        anchors = []
        for m in evs[1:]:
            if m.attrs["id"] not in used and m.attrs["id"] != evs[0].attrs["id"]:
                used.add(m.attrs["id"])
                anchors.append(f'<a class="anchor" id="{escape(m.attrs["id"])}"></a>')
        parts.append("".join(anchors) + _open("span", group, used) + _inline(text, s, e, inline, used) + "</span>")
        pos = e
    if pos < n:
        parts.append(_inline(text, pos, n, inline, used))
    return Markup("".join(parts))

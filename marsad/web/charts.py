"""Charts drawn as SVG on the server (nothing fetched at run time).

`figure_chart` draws, for one metric and one pair of countries, the values
stated for each period with one mark per source (and value: an outlet that
repeats a value in many articles is one mark, the count in its tooltip):
marks of different outlets for the same period sit side by side, so that a
disagreement is visible at a glance (the period gets a red band and a
"conflict" label); a target or a forecast is a hollow mark on a dashed stem,
an actual value a filled one.

Every string that comes from an article (outlet, attribution, value text) is
escaped.
"""
from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass, replace
from typing import Any, Callable, Iterable, Sequence

from markupsafe import Markup, escape

PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf", "#bcbd22", "#7f7f7f"]
HOLLOW_KINDS = {"target", "forecast"}


@dataclass
class Point:
    period: str
    value: float
    unit: str
    source: str
    kind: str = "actual"
    qualifier: str = "exact"
    attributed_to: str | None = None
    value_text: str | None = None
    href: str | None = None
    conflict: bool = False
    n: int = 1  # figures this mark stands for (see `aggregate`)


def points_from(rows: Iterable[dict[str, Any]]) -> list[Point]:
    out = []
    for r in rows:
        try:
            value = float(r["value"])
        except (KeyError, TypeError, ValueError):
            continue
        if not math.isfinite(value):
            continue
        out.append(Point(
            period=str(r.get("period") or "?"), value=value, unit=str(r.get("unit") or ""),
            source=str(r.get("source") or "?"), kind=str(r.get("kind") or "actual"),
            qualifier=str(r.get("qualifier") or "exact"), attributed_to=r.get("attributed_to"),
            value_text=r.get("value_text"), href=r.get("href"), conflict=bool(r.get("conflict")),
        ))
    return out


def human(value: float, unit: str = "") -> str:
    """31200000000 → "31.2 bn"; 26.3 with percent → "26.3%"."""
    if unit == "percent":
        return f"{value:g}%"
    a = abs(value)
    for div, suffix in ((1e12, " tn"), (1e9, " bn"), (1e6, " m"), (1e3, " k")):
        if a >= div:
            return f"{value / div:.3g}{suffix}"
    return f"{value:g}"


def anchor_id(value: Any) -> str:
    """A safe HTML id fragment for an item id ("doc#e6" → "doc_e6")."""
    return re.sub(r"[^A-Za-z0-9_-]", "_", str(value))


def clip(label: str, n: int) -> str:
    label = " ".join(str(label).split())
    return label if len(label) <= n else label[: n - 1] + "…"


def _nice_ticks(lo: float, hi: float, n: int = 5) -> list[float]:
    if hi <= lo:
        hi = lo + 1
    raw = (hi - lo) / n
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)
    start = math.floor(lo / step) * step
    ticks = []
    t = start
    while t <= hi + step * 0.001:
        ticks.append(round(t, 10))
        t += step
    if ticks[-1] < hi:
        ticks.append(round(t, 10))
    return ticks


def _period_key(p: str) -> tuple[str, str]:
    start, _, end = p.partition("/")
    return (start, end or start)


def aggregate(points: Sequence[Point]) -> list[Point]:
    """One point per period, source, kind, qualifier and value: an outlet
    that states the same value for a period in many articles is one mark
    (its `n` says how many), so that a chart over thousands of figures still
    shows one mark per outlet and value, and a disagreement at a glance. The
    mark links to the first of them."""
    out: dict[tuple, Point] = {}
    for p in points:
        k = (p.period, p.source, p.kind, p.qualifier, p.value, p.unit)
        seen = out.get(k)
        if seen is None:
            out[k] = replace(p)
        else:
            seen.n += p.n
            seen.conflict = seen.conflict or p.conflict
            if seen.attributed_to != p.attributed_to:
                seen.attributed_to = None
    return list(out.values())


def figure_chart(points: Sequence[Point], *, width: int = 760, height: int = 320, title: str = "") -> Markup:
    """An SVG chart of values by period, one mark per source (and value: see
    `aggregate`)."""
    if not points:
        return Markup('<p class="empty">لا أرقام · no figures</p>')
    points = aggregate(points)
    units = sorted({p.unit for p in points})
    unit = units[0] if len(units) == 1 else ""
    periods = sorted({p.period for p in points}, key=_period_key)
    slot = {per: i for i, per in enumerate(periods)}
    by_period: dict[str, list[Point]] = defaultdict(list)
    for p in points:
        by_period[p.period].append(p)
    sources = sorted({p.source for p in points})
    color = {s: PALETTE[i % len(PALETTE)] for i, s in enumerate(sources)}
    conflict_periods = {p.period for p in points if p.conflict}

    left, right, top, bottom = 70, 20, 28, 56
    legend_h = 18 * math.ceil(len(sources) / 3) + 22
    H = height + legend_h
    plot_w, plot_h = width - left - right, height - top - bottom
    lo = min(0.0, min(p.value for p in points))
    hi = max(0.0, max(p.value for p in points))
    ticks = _nice_ticks(lo, hi)
    lo, hi = ticks[0], ticks[-1]

    def y(v: float) -> float:
        return top + plot_h - (v - lo) / (hi - lo) * plot_h

    band = plot_w / len(periods)

    def x(period: str, i: int, k: int) -> float:
        c = left + band * (slot[period] + 0.5)
        spread = min(band * 0.6, 18 * (k - 1))
        return c if k <= 1 else c - spread / 2 + spread * i / (k - 1)

    e = lambda s: escape(str(s))  # noqa: E731
    out = [f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {H}" width="100%" '
           f'role="img" aria-label="{e(title or "chart")}" direction="ltr">']
    if title:
        out.append(f'<text x="{left}" y="16" class="chart-title">{e(title)}</text>')
    # conflict bands first, under everything
    for per in periods:
        if per in conflict_periods:
            x0 = left + band * slot[per]
            out.append(f'<rect class="conflict-band" x="{x0 + 2:.1f}" y="{top}" width="{band - 4:.1f}" height="{plot_h}">'
                       f'<title>تعارض conflict: {e(per)}</title></rect>')
            out.append(f'<text class="conflict-label" x="{x0 + band / 2:.1f}" y="{top + 12}" text-anchor="middle">'
                       f'تعارض conflict</text>')
    for t in ticks:
        out.append(f'<line class="grid" x1="{left}" x2="{left + plot_w}" y1="{y(t):.1f}" y2="{y(t):.1f}"/>')
        out.append(f'<text class="tick" x="{left - 6}" y="{y(t) + 4:.1f}" text-anchor="end">{e(human(t, unit))}</text>')
    y0 = y(0)
    out.append(f'<line class="axis" x1="{left}" x2="{left + plot_w}" y1="{y0:.1f}" y2="{y0:.1f}"/>')
    for per in periods:
        cx = left + band * (slot[per] + 0.5)
        out.append(f'<text class="tick period" x="{cx:.1f}" y="{top + plot_h + 18}" text-anchor="middle">{e(per)}</text>')
    # marks: per period, one per (source, value) pair
    for per in periods:
        here = sorted(by_period[per], key=lambda p: (p.source, p.kind, p.value))
        for i, p in enumerate(here):
            cx, cy = x(per, i, len(here)), y(p.value)
            col = color[p.source]
            hollow = p.kind in HOLLOW_KINDS
            tip = (f"{p.source}: {human(p.value, p.unit)} {'' if p.unit == 'percent' else p.unit} ({p.kind}, {p.qualifier})"
                   + (f" ×{p.n}" if p.n > 1 else "")
                   + (f" — {p.attributed_to}" if p.attributed_to else "") + (f" — «{p.value_text}»" if p.value_text else ""))
            stem = ' stroke-dasharray="4 3"' if hollow else ""
            mark = (f'<line class="stem" x1="{cx:.1f}" x2="{cx:.1f}" y1="{y0:.1f}" y2="{cy:.1f}" stroke="{col}"{stem}/>'
                    + (f'<circle class="mark target" cx="{cx:.1f}" cy="{cy:.1f}" r="6" fill="white" stroke="{col}" '
                       f'stroke-width="2.5" stroke-dasharray="3 2"/>' if hollow else
                       f'<circle class="mark actual" cx="{cx:.1f}" cy="{cy:.1f}" r="6" fill="{col}" stroke="white"/>')
                    + (f'<text class="qual" x="{cx + 8:.1f}" y="{cy - 6:.1f}">{"&gt;" if p.qualifier == "over" else "~" if p.qualifier == "about" else "≤"}</text>'
                       if p.qualifier in ("over", "about", "up_to") else ""))
            body = (f'<g class="point" data-source="{e(p.source)}" data-kind="{e(p.kind)}"'
                    + (f' data-n="{p.n}"' if p.n > 1 else "") + f'><title>{e(tip)}</title>{mark}</g>')
            out.append(f'<a href="{e(p.href)}">{body}</a>' if p.href else body)
    # legend: sources, then the mark shapes
    ly = height + 4
    for i, s in enumerate(sources):
        lx = left + (i % 3) * (plot_w / 3)
        yy = ly + 18 * (i // 3)
        out.append(f'<circle cx="{lx + 6:.1f}" cy="{yy:.1f}" r="5" fill="{color[s]}"/>'
                   f'<text class="legend" x="{lx + 16:.1f}" y="{yy + 4:.1f}"><title>{e(s)}</title>{e(clip(s, 30))}</text>')
    yy = ly + 18 * math.ceil(len(sources) / 3)
    out.append(f'<circle cx="{left + 6}" cy="{yy}" r="5" fill="#555"/><text class="legend" x="{left + 16}" y="{yy + 4}">'
               f'actual · فعلي</text>'
               f'<circle cx="{left + 126}" cy="{yy}" r="5" fill="white" stroke="#555" stroke-width="2" stroke-dasharray="3 2"/>'
               f'<text class="legend" x="{left + 136}" y="{yy + 4}">target / forecast · مستهدف</text>'
               f'<rect class="conflict-band" x="{left + 316}" y="{yy - 6}" width="12" height="12"/>'
               f'<text class="legend" x="{left + 334}" y="{yy + 4}">conflict · تعارض</text>')
    out.append("</svg>")
    return Markup("".join(out))


def bar_chart(rows: Sequence[tuple[str, float]], *, width: int = 360, bar_h: int = 18,
              href: Callable[[str], str] | None = None) -> Markup:
    """Horizontal bars (label, count): the overview's counts by outlet or
    month; `href(label)` links each bar."""
    if not rows:
        return Markup('<p class="empty">—</p>')
    top = max(v for _, v in rows) or 1
    label_w = 130
    H = bar_h * len(rows) + 4
    e = lambda s: escape(str(s))  # noqa: E731
    out = [f'<svg class="bars" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {H}" width="100%" direction="ltr">']
    for i, (label, v) in enumerate(rows):
        yy = i * bar_h + 2
        w = (width - label_w - 40) * v / top
        bar = (f'<g><title>{e(label)}: {e(human(v))}</title>'
               f'<text class="tick" x="{label_w - 6}" y="{yy + bar_h - 6}" text-anchor="end">{e(clip(label, 20))}</text>'
               f'<rect class="bar" x="{label_w}" y="{yy}" width="{w:.1f}" height="{bar_h - 4}"/>'
               f'<text class="tick" x="{label_w + w + 4:.1f}" y="{yy + bar_h - 6}">{e(human(v))}</text></g>')
        out.append(f'<a href="{e(href(label))}">{bar}</a>' if href else bar)
    out.append("</svg>")
    return Markup("".join(out))


def _year_fraction(date: str) -> float | None:
    """"2024-07-03" → 2024.50…; "2024" → 2024.5 (the middle of what is known)."""
    try:
        parts = [int(x) for x in date.split("/")[0].split("-")]
    except ValueError:
        return None
    if not parts:
        return None
    y = parts[0]
    if len(parts) == 1:
        return y + 0.5
    m = min(max(parts[1], 1), 12)
    if len(parts) == 2:
        return y + (m - 0.5) / 12
    return y + (m - 1) / 12 + (min(max(parts[2], 1), 31) - 0.5) / 365


def timeline_strip(items: Sequence[dict[str, Any]], *, width: int = 1000, height: int = 92) -> Markup:
    """Events on a time axis: filled marks for what occurred (or is ongoing),
    hollow dashed marks for what was planned or expected; each links to its
    entry below (#event-ID)."""
    dated = [(t, it) for it in items if (t := _year_fraction(str(it.get("date") or ""))) is not None]
    if not dated:
        return Markup("")
    lo = math.floor(min(t for t, _ in dated))
    hi = math.floor(max(t for t, _ in dated)) + 1
    left, right, axis_y = 30, 30, 56
    span = width - left - right

    def x(t: float) -> float:
        return left + (t - lo) / (hi - lo) * span

    e = lambda s: escape(str(s))  # noqa: E731
    out = [f'<svg class="chart strip" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" '
           f'role="img" aria-label="timeline" direction="ltr">',
           f'<line class="axis" x1="{left}" x2="{left + span}" y1="{axis_y}" y2="{axis_y}"/>']
    for yr in range(lo, hi + 1):
        out.append(f'<line class="grid" x1="{x(yr):.1f}" x2="{x(yr):.1f}" y1="14" y2="{axis_y + 4}"/>'
                   f'<text class="tick" x="{x(yr) + 3:.1f}" y="{axis_y + 18}">{yr}</text>')
    stack: dict[int, int] = defaultdict(int)
    for t, it in sorted(dated, key=lambda p: p[0]):
        cx = x(t)
        slot = int(cx // 10)
        level = stack[slot]
        stack[slot] += 1
        cy = axis_y - 10 - 11 * (level % 4)
        status = str(it.get("status") or "occurred")
        hollow = status in ("planned", "expected")
        tip = f"{it.get('date')} · {it.get('type')}/{it.get('mode') or '-'} · {status}"
        shape = (f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="5" fill="white" stroke="#b08900" stroke-width="2" stroke-dasharray="2 2"/>'
                 if hollow else f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="5" fill="{"#1565c0" if status == "ongoing" else "#2e7d32"}"/>')
        out.append(f'<a href="#event-{anchor_id(it.get("id"))}"><g class="tl-mark" data-status="{e(status)}"><title>{e(tip)}</title>{shape}</g></a>')
    out.append(f'<circle cx="{left + 6}" cy="{height - 8}" r="5" fill="#2e7d32"/><text class="legend" x="{left + 16}" y="{height - 4}">occurred · وقع</text>'
               f'<circle cx="{left + 136}" cy="{height - 8}" r="5" fill="white" stroke="#b08900" stroke-width="2" stroke-dasharray="2 2"/>'
               f'<text class="legend" x="{left + 146}" y="{height - 4}">planned / expected · مخطط / متوقع</text>')
    out.append("</svg>")
    return Markup("".join(out))

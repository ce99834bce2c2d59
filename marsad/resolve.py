"""Cross-document resolution as pure functions over plain data, shared by
every storage engine: entity name keys, claim keys and the agreement of
figures, event clustering, and likely errors in a document's figures.

Nothing here touches a database; the store calls these with rows it read and
writes back what they return.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from functools import lru_cache
from typing import Any, Iterable, Sequence

from marsad.text import match_key

# --- entities ----------------------------------------------------------------

_PROCLITICS = ("وال", "فال", "بال", "كال", "لل", "ال", "و", "ف", "ب", "ل")


def name_key(name: str | None) -> str:
    """The key two entity names are merged on: the normalized Arabic (or
    Latin) name, single-spaced."""
    return match_key(name or "")


def lookup_keys(name: str) -> list[str]:
    """Keys to try for a name typed by a user: as typed, then without a
    leading proclitic or article ("الكازاخستاني" → "كازاخستاني",
    "وكازاخستان" → "كازاخستان")."""
    key = match_key(name)
    keys = [key] if key else []
    for p in _PROCLITICS:
        if key.startswith(p) and len(key) - len(p) >= 3:
            keys.append(key[len(p):])
    # A nisba adjective for its noun: كازاخستاني/كازاخستانيه → كازاخستان.
    for k in list(keys):
        for suffix in ("يون", "يين", "يه", "ي"):
            if k.endswith(suffix) and len(k) - len(suffix) >= 4:
                keys.append(k[: -len(suffix)])
                break
    return list(dict.fromkeys(keys))


# --- figures and claims ------------------------------------------------------

# Relative latitude a qualifier allows, as (below, above) fractions of |value|.
QUALIFIER_SLACK = {
    "exact": (0.0, 0.0),
    "about": (0.10, 0.10),
    "over": (0.0, 0.25),
    "up_to": (0.25, 0.0),
}

_NUMBER_RE = re.compile(r"\d+(?:[.,]\d+)*")


def claim_key(metric: str | None, unit: str | None, kind: str | None, period: str | None,
              subject: Sequence[str]) -> str | None:
    """The key of the measurement a figure states: same metric, unit, kind,
    subjects (as a set) and period. None for figures that cannot be compared
    across documents: no subject, no period, or a bare count of unnamed
    things (count_other in unit other)."""
    if not metric or not period or not subject:
        return None
    if metric == "count_other" and unit in (None, "other"):
        return None
    subj = ",".join(sorted(set(subject)))
    return f"{metric}|{unit or ''}|{kind or ''}|{period}|{subj}"


def rounding(value: float, value_text: str | None) -> float:
    """Half a unit of the last digit the text gives, in base units:
    "31.2 مليار" → 0.05e9, "41 مليار" → 0.5e9, "٨٫٨" → 0.05. Zero when the
    text has no digits (number words)."""
    if not value_text:
        return 0.0
    m = _NUMBER_RE.search(match_key(value_text))
    if not m:
        return 0.0
    token = m.group(0)
    # A comma followed by exactly three digits groups thousands; else it is a decimal comma.
    parts = re.split(r",(?=\d{3}(?:\D|$))", token)
    token = "".join(parts).replace(",", ".")
    if token.count(".") > 1:
        token = token.replace(".", "", token.count(".") - 1)
    try:
        shown = float(token)
    except ValueError:
        return 0.0
    decimals = len(token.split(".", 1)[1]) if "." in token else 0
    scale = abs(value / shown) if shown else 1.0
    return 0.5 * 10 ** (-decimals) * scale


# A figure is stated by several outlets in the same words: its range is
# worth keeping (the store takes one per figure it stores).
@lru_cache(maxsize=1 << 14)
def interval(value: float, value_text: str | None = None, qualifier: str | None = "exact") -> tuple[float, float]:
    """The values a stated figure is consistent with, given its rounding and
    its qualifier ("أكثر من 31 مليار" → [30.5e9, 39.25e9])."""
    tol = rounding(value, value_text)
    below, above = QUALIFIER_SLACK.get(qualifier or "exact", (0.0, 0.0))
    mag = abs(value)
    return value - tol - below * mag, value + tol + above * mag


def agree(a: tuple[float, float], b: tuple[float, float]) -> bool:
    """Two ranges share more than an end point (31.1 and 31.2 as written
    only touch, at 31.15), or are the same point (two exact counts)."""
    eps = 1e-9 * max(1.0, abs(a[0]), abs(a[1]), abs(b[0]), abs(b[1]))
    lo, hi = max(a[0], b[0]), min(a[1], b[1])
    if lo < hi - eps:
        return True
    return abs(lo - hi) <= eps and (a[1] - a[0] <= eps or b[1] - b[0] <= eps)


def assess_claim(figures: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Whether the figures of one claim agree. `figures`: dicts with
    `value`, `value_text`, `qualifier` (or their `interval` as `lo`, `hi`). Returns {status: single | agree |
    conflict | unclear, value_low, value_high, sides: a side number per figure
    (input order)}; "unclear" when the values disagree only within one
    document under one attribution (`doc_id`, `attributed_to` when given); figures on one side are mutually consistent, and sides are
    numbered from the lowest values up. Intervals on a line that agree
    pairwise share a common point, so one running intersection per side is
    enough."""
    n = len(figures)
    if n == 0:
        return {"status": "single", "value_low": None, "value_high": None, "sides": []}
    spans = [(f["lo"], f["hi"]) if f.get("lo") is not None and f.get("hi") is not None
             else interval(float(f["value"]), f.get("value_text"), f.get("qualifier")) for f in figures]
    order = sorted(range(n), key=lambda i: ((spans[i][0] + spans[i][1]) / 2, spans[i][0]))
    sides = [0] * n
    side, common = 0, spans[order[0]]
    for i in order[1:]:
        if agree(common, spans[i]):
            common = (max(common[0], spans[i][0]), min(common[1], spans[i][1]))
        else:
            side += 1
            common = spans[i]
        sides[i] = side
    values = [float(f["value"]) for f in figures]
    status = "single" if n == 1 else ("conflict" if side else "agree")
    if status == "conflict" and not _independent(figures, sides):
        # Disagreeing values only within one document under one attribution:
        # more likely two different measurements read as one than a conflict.
        status = "unclear"
    return {"status": status, "value_low": min(values), "value_high": max(values), "sides": sides}


def _independent(figures: Sequence[dict[str, Any]], sides: list[int]) -> bool:
    """Some two figures on different sides come from different documents or
    different attributions (when the figures say where they come from)."""
    def origin(f):
        return (f.get("doc_id"), f.get("attributed_to"))
    for i in range(len(figures)):
        for j in range(i + 1, len(figures)):
            if sides[i] == sides[j]:
                continue
            if figures[i].get("doc_id") is None or origin(figures[i]) != origin(figures[j]):
                return True
    return False


# --- events ------------------------------------------------------------------

@lru_cache(maxsize=1 << 16)
def dates_compatible(a: str | None, b: str | None, days: int = 1) -> bool:
    """Two ISO partial dates (or intervals) can name the same day: one is a
    prefix of the other ("2024-07" and "2024-07-03"), or both are days at
    most `days` apart (outlets in other time zones, "yesterday"). Unknown
    dates are compatible with nothing."""
    if not a or not b:
        return False
    a, b = a.split("/")[0], b.split("/")[0]
    if a.startswith(b) or b.startswith(a):
        return True
    if len(a) == len(b) == 10:
        try:
            from datetime import date
            return abs((date.fromisoformat(a) - date.fromisoformat(b)).days) <= days
        except ValueError:
            return False
    return False


def event_matches(cluster: dict[str, Any], event: dict[str, Any]) -> int:
    """How well an event report fits a cluster (0: not at all): same type,
    compatible dates, and the number of shared actors."""
    if cluster.get("type") != event.get("type"):
        return 0
    if not any(dates_compatible(d, event.get("date")) for d in cluster.get("dates") or [cluster.get("date")]):
        return 0
    return len(set(cluster.get("actors") or ()) & set(event.get("actors") or ()))


def cluster_stats(reports: Sequence[dict[str, Any]] = ()) -> dict[str, Any]:
    """Counters a cluster's summary is derived from, so that a report can be
    added without reading the others: modes, dates, statuses, locations and
    sources (outlet names) with their counts, actors in order of appearance,
    and the type."""
    stats: dict[str, Any] = {"type": None, "modes": {}, "dates": {}, "statuses": {}, "locations": {},
                             "sources": {}, "actors": []}
    for r in reports:
        add_report(stats, r)
    return stats


def add_report(stats: dict[str, Any], r: dict[str, Any]) -> None:
    """Count one report (with an optional `source`, its outlet) into `stats`."""
    stats["type"] = stats.get("type") or r.get("type")
    for field, key in (("modes", "mode"), ("dates", "date"), ("statuses", "status"),
                       ("locations", "location"), ("sources", "source")):
        v = r.get(key)
        if v:
            stats[field][v] = stats[field].get(v, 0) + 1
    for a in r.get("actors") or ():
        if a not in stats["actors"]:
            stats["actors"].append(a)


def summarize_stats(stats: dict[str, Any]) -> dict[str, Any]:
    """A cluster's own fields: the type; the most common mode; the most
    precise date most reports agree with; status occurred if any report says
    so, else the most common; actors and dates as the union; the most common
    location; the number of distinct outlets."""
    def top(counts: dict) -> Any:
        return max(sorted(counts), key=lambda k: counts[k]) if counts else None

    dates = stats.get("dates") or {}
    best_date = None
    if dates:
        support = _date_support(dates)
        best_date = max(support, key=lambda d: (support[d], len(d.split("/")[0]), d))
    statuses = stats.get("statuses") or {}
    return {
        "type": stats.get("type"),
        "mode": top(stats.get("modes") or {}),
        "date": best_date,
        "dates": sorted(dates),
        "status": "occurred" if statuses.get("occurred") else top(statuses),
        "actors": list(stats.get("actors") or []),
        "location": top(stats.get("locations") or {}),
        "sources": len(stats.get("sources") or {}),
    }


def _date_support(dates: dict[str, int]) -> dict[str, int]:
    """For each date of `dates` (date → reports), the reports whose date is
    compatible with it (`dates_compatible`): the same sums, without a call
    per pair (a cluster's summary is rewritten with every report)."""
    firsts = [(d, d.split("/")[0], n) for d, n in dates.items()]
    out = {}
    for d, a, _ in firsts:
        total = 0
        for _, b, n in firsts:
            if a.startswith(b) or b.startswith(a) or (len(a) == len(b) == 10 and dates_compatible(a, b)):
                total += n
        out[d] = total
    return out


def summarize_cluster(reports: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """`summarize_stats` of the reports' counters ({} for no reports)."""
    return summarize_stats(cluster_stats(reports)) if reports else {}


def cluster_events(events: Sequence[dict[str, Any]]) -> list[int]:
    """Cluster event reports in order, each joining the best-fitting cluster
    so far (most shared actors; ties to the earlier cluster) or starting
    one. Returns a cluster number per event. The store does the same thing
    incrementally, one document at a time."""
    clusters: list[list[dict]] = []
    summaries: list[dict] = []
    out: list[int] = []
    for ev in events:
        best, best_score = -1, 0
        for i, s in enumerate(summaries):
            score = event_matches(s, ev)
            if score > best_score:
                best, best_score = i, score
        if best < 0:
            clusters.append([ev])
            summaries.append(summarize_cluster([ev]))
            out.append(len(clusters) - 1)
        else:
            clusters[best].append(ev)
            summaries[best] = summarize_cluster(clusters[best])
            out.append(best)
    return out


# --- likely errors -----------------------------------------------------------

def likely_errors(record: dict[str, Any]) -> list[dict[str, Any]]:
    """Figures of one marsad.document/1 record whose subject names a
    country the document mentions nowhere but in the evidence of figures
    about it (an
    outlet's slip: "قيرغيزستان" in an article about Kazakhstan), each with
    the likely intended subject: the country the document otherwise talks
    about most that is not already a subject, preferring one that the
    document's other figures pair with the remaining subjects.

    Returns [{figure: index into record["figures"], entity: id, intended: id
    or None, reason}]."""
    entities = {e.get("id"): e for e in record.get("entities") or []}
    figures = record.get("figures") or []
    # Where each figure's evidence lies.
    spans = []
    for f in figures:
        ev = f.get("evidence") or {}
        spans.append((ev.get("start"), ev.get("end")))
    mentions = {eid: e.get("mentions") or [] for eid, e in entities.items()}
    countries = {eid for eid, e in entities.items() if e.get("type") == "country"}
    out = []
    for i, f in enumerate(figures):
        subject = list(f.get("subject") or [])
        subj_countries = [s for s in subject if s in countries]
        if not subj_countries or len(subj_countries) > 3:
            continue
        for s in subj_countries:
            ms = mentions.get(s) or []
            if not ms or not _all_inside(ms, [spans[j] for j, g in enumerate(figures) if s in (g.get("subject") or ())]):
                continue
            rest = [x for x in subject if x != s]
            candidates = Counter()
            for c in countries:
                if c in subject:
                    continue
                far = [m for m in mentions.get(c) or [] if not _inside(m, spans[i])]
                if not far:
                    continue
                score = len(far)
                for g in figures:
                    gs = set(g.get("subject") or ())
                    if c in gs and set(rest) <= gs and s not in gs:
                        score += 5
                candidates[c] = score
            if not candidates:
                continue
            intended, score = candidates.most_common(1)[0]
            if score < 2:
                continue
            name = (entities.get(s) or {}).get("name_en") or s
            iname = (entities.get(intended) or {}).get("name_en") or intended
            out.append({
                "figure": i,
                "entity": s,
                "intended": intended,
                "reason": f"{name} is mentioned only next to this figure; the document is otherwise about {iname}",
            })
    return out


def intended_subjects(record: dict[str, Any], errors: list[dict[str, Any]]) -> dict[int, list[str]]:
    """Figure index -> its subject with each likely slip (`likely_errors` of
    the record) replaced by the country intended (figures without a slip are
    absent): the subject its claim is counted under, while the figure keeps
    the subject its text names."""
    figures = record.get("figures") or []
    out: dict[int, list[str]] = {}
    for e in errors:
        if not e.get("intended"):
            continue
        i = e["figure"]
        subject = out.get(i) or list(figures[i].get("subject") or [])
        out[i] = [e["intended"] if s == e["entity"] else s for s in subject]
    return out


def _inside(m: dict, span: tuple) -> bool:
    start, end = span
    if start is None or end is None or m.get("start") is None:
        return False
    return start <= m["start"] and m.get("end", m["start"]) <= end


def _all_inside(ms: Iterable[dict], spans: list[tuple]) -> bool:
    return all(any(_inside(m, sp) for sp in spans) for m in ms)


def finite(x: Any) -> float | None:
    try:
        v = float(x)
    except (TypeError, ValueError):
        return None
    return v if math.isfinite(v) else None

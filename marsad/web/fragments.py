"""The HTML pieces the pages repeat down their long lists (an entity link,
an outlet and its date, an evidence quote, a badge, a value), built in
Python rather than by Jinja macros: a macro call costs tens of
microseconds, and a page of 50 events of a summit with 60 actors each
made thousands of them (most of the timeline's and the entity page's
time on 100,000 documents).

Every string that comes from the store is escaped here; what comes back is
`Markup`. Links are plain strings on fixed paths (quoted as Jinja's
`urlencode` filter quotes them), never `url_for`. A piece that depends only
on its arguments (an entity link, a badge) is cached.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any, Iterable
from urllib.parse import quote

from markupsafe import Markup

from marsad.web.charts import anchor_id, human

# Actors named in a list before "and N more" (the event's own page names
# all): a summit's 60 countries made the timeline 350 KB.
ACTORS_SHOWN = 8
# Characters of evidence quoted in a list (Jinja's truncate(160, True, '…'), leeway 5).
EVIDENCE_CHARS = 160

STATUS_AR = {"occurred": "وقع", "planned": "مخطط", "expected": "متوقع", "ongoing": "جارٍ"}
CLAIM_STATUS_AR = {"single": "مصدر واحد", "agree": "متفق", "conflict": "تعارض", "unclear": "غير محسوم"}


@lru_cache(maxsize=65536)
def _quote(value: str) -> str:
    return quote(value, safe="/")


def q(value: Any) -> str:
    """A path segment quoted as Jinja's `urlencode` filter does ('/' kept)."""
    return _quote(value if isinstance(value, str) else str(value))


def _e(value: Any) -> str:
    """`value` as `{{ value }}` prints it, escaped as markupsafe escapes it
    (None prints 'None'), as a plain str: markupsafe's `escape` makes a
    Markup object per call, a third of the time of a long table."""
    if type(value) is not str:
        if hasattr(value, "__html__"):
            return value.__html__()
        value = str(value)
    return (value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&#34;").replace("'", "&#39;"))


@lru_cache(maxsize=16384)
def _ent(eid: Any, name_ar: Any, name_en: Any) -> str:
    return (f'<a class="entity-link" href="/entities/{_e(q(eid))}" '
            f'title="{_e(name_en or "")} · {_e(eid)}">{_e(name_ar or name_en or eid)}</a>')


def _ent_s(e: Any) -> str:
    if isinstance(e, dict):
        return _ent(e.get("id"), e.get("name_ar"), e.get("name_en"))
    return f'<a class="entity-link" href="/entities/{_e(q(e))}">{_e(e)}</a>'


def ent(e: Any) -> Markup:
    """A link to an entity's page, its Arabic name shown, its English name
    and id on hover; `e` is an entity ref {id, name_ar, name_en} or a bare id."""
    return Markup(_ent_s(e))


def _actors(items: Iterable[Any] | None, more_href: str | None = None, shown: int = ACTORS_SHOWN) -> str:
    items = list(items or [])
    rest = len(items) - shown if more_href else 0
    if rest < 3:
        rest = 0
    else:
        items = items[:shown]
    out = "، ".join(_ent_s(a) for a in items)
    if rest:
        out += (f'، <a class="more" href="{_e(more_href)}">و{rest} آخرون '
                f'<span class="en">and {rest} more</span></a>')
    return out


def actors(items: Iterable[Any] | None, more_href: str | None = None, shown: int = ACTORS_SHOWN) -> Markup:
    """Entity links joined by '، '; with `more_href`, a long list (three or
    more past `shown`) is its first `shown` and a link "and N more" to the
    page that names them all."""
    return Markup(_actors(items, more_href, shown))


def _docref(d: dict | None) -> str:
    d = d or {}
    return (f'<a href="/documents/{_e(q(d.get("id")))}">{_e(d.get("source") or "?")}</a> '
            f'<span class="en">{_e(d.get("published") or "")}</span>')


def docref(d: dict | None) -> Markup:
    """The outlet, linked to the document, and its publication date."""
    return Markup(_docref(d))


@lru_cache(maxsize=256)
def _status_badge(s: Any) -> str:
    return f'<span class="badge {_e(s)}">{_e(STATUS_AR.get(s, s))} <span class="en">{_e(s)}</span></span>'


def status_badge(s: Any) -> Markup:
    return Markup(_status_badge(s))


@lru_cache(maxsize=256)
def _claim_badge(s: Any) -> str:
    return f'<span class="badge {_e(s)}">{_e(CLAIM_STATUS_AR.get(s, s))} <span class="en">{_e(s)}</span></span>'


def claim_badge(s: Any) -> Markup:
    return Markup(_claim_badge(s))


def clip_evidence(text: str | None) -> str:
    text = text or ""
    return text if len(text) <= EVIDENCE_CHARS + 5 else text[:EVIDENCE_CHARS - 1] + "…"


def _evidence_link(doc: dict | None, ev: dict | None, anchor: str) -> str:
    return (f'<a class="evidence" href="/documents/{_e(q((doc or {}).get("id")))}#{_e(anchor)}">'
            f'«{_e(clip_evidence((ev or {}).get("text")))}»</a>')


def evidence_link(doc: dict | None, ev: dict | None, anchor: str) -> Markup:
    """The evidence quoted (clipped to 160 characters), linked to its place
    in the document."""
    return Markup(_evidence_link(doc, ev, anchor))


def _figure_value(f: dict) -> str:
    unit = f.get("unit")
    tail = f' <span class="en">{_e(unit)}</span>' if unit and unit != "percent" else ""
    return f'<span class="val">{_e(human(f.get("value"), unit))}{tail}</span>'


def figure_value(f: dict) -> Markup:
    """A figure's value, human-sized, with its unit."""
    return Markup(_figure_value(f))


def event_href(cluster_id: Any) -> str:
    return "/events/" + q(cluster_id)


def claim_href(key: Any) -> str:
    return "/claims/" + q(key)


def fig_anchor(evidence: dict | None) -> str:
    """The id of a figure's evidence on its document's page."""
    ev = evidence or {}
    return f"fig-{ev.get('start', 0)}-{ev.get('end', 0)}"


def ev_anchor(evidence: dict | None) -> str:
    """The id of an event report's evidence on its document's page."""
    ev = evidence or {}
    return f"ev-{ev.get('start', 0)}-{ev.get('end', 0)}"


def evidence_href(doc: dict | None, anchor: str) -> str:
    return f"/documents/{q((doc or {}).get('id'))}#{anchor}"


_QUALIFIER_SIGN = {"over": "&gt; ", "about": "~ ", "up_to": "≤ "}


def figure_rows(claims: Iterable[dict]) -> Markup:
    """The figures table's rows: each listed figure of each claim (its value,
    kind, outlet, attribution, side and evidence), then, when the claim has
    more, a row linking to all of them. Built once per claim, not per cell."""
    out = []
    i = 0
    for c in claims:
        status = c.get("status")
        sides = status in ("conflict", "unclear")
        kind = _e(c.get("kind"))
        head = f'<tr class="{_e(status)}" id="claim-{_e(anchor_id(c.get("id")))}-'
        period = f'<td class="num">{_e(c.get("period") or "—")}</td>'
        badge = _claim_badge(status)
        figures = c.get("figures") or []
        for f in figures:
            i += 1
            doc = f.get("document") or {}
            side = f' <span class="en">side {(f.get("side") or 0) + 1}</span>' if sides else ""
            out.append(
                f'{head}{i}">\n    {period}\n'
                f'    <td class="num">{_QUALIFIER_SIGN.get(f.get("qualifier"), "")}{_figure_value(f)}</td>\n'
                f'    <td><span class="badge {kind}">{kind}</span></td>\n'
                f'    <td>{_docref(doc)}</td>\n'
                f'    <td>{_e(f.get("attributed_to") or "—")}</td>\n'
                f'    <td>{badge}{side}</td>\n'
                f'    <td class="evidence">{_evidence_link(doc, f.get("evidence"), fig_anchor(f.get("evidence")))}</td>\n'
                f'  </tr>\n')
        more = (c.get("n_figures") or 0) - len(figures)
        if more > 0:
            i += 1
            out.append(f'  <tr class="{_e(status)} more">{period}\n'
                       f'    <td colspan="6"><a href="{_e(claim_href(c.get("id")))}">و{more} أرقام أخرى لهذه الفترة '
                       f'<span class="en">and {more} more figures for this period</span></a></td></tr>\n')
    return Markup("".join(out))


_SLIP = (' <a class="slip" href="/likely-errors">عُدّ للطرف المقصود على الأرجح '
         '<span class="en">counted under the likely intended subject</span></a>')


def side_rows(c: dict) -> Markup:
    """A conflict card's rows: each side's listed figures (value, outlet,
    attribution, evidence), then a row linking to the claim's page when the
    side has more."""
    out = []
    for n, side in enumerate(c.get("sides") or [], 1):
        figures = side.get("figures") or []
        for f in figures:
            doc = f.get("document") or {}
            out.append(
                f'      <tr class="side-{n}"><td class="num">{n}</td><td class="num">{_figure_value(f)} '
                f'<span class="en">{_e(f.get("qualifier"))}</span></td>\n'
                f'        <td>{_docref(doc)}</td><td>{_e(f.get("attributed_to") or "—")}</td>\n'
                f'        <td class="evidence">{_evidence_link(doc, f.get("evidence"), fig_anchor(f.get("evidence")))}'
                f'{_SLIP if f.get("slip") else ""}</td></tr>\n')
        more = (side.get("n_figures") or 0) - len(figures)
        if more > 0:
            out.append(f'      <tr class="side-{n} more"><td class="num">{n}</td><td colspan="4">'
                       f'<a href="{_e(claim_href(c.get("id")))}">و{more} أرقام أخرى في هذا الجانب '
                       f'<span class="en">and {more} more figures on this side</span></a></td></tr>\n')
    return Markup("".join(out))


def likely_error_rows(items: Iterable[dict]) -> Markup:
    """The likely errors table's rows: document, figure, suspect and likely
    intended subject, reason, evidence."""
    out = []
    for x in items:
        doc, f = x.get("document") or {}, x.get("figure") or {}
        intended = _ent_s(x["intended"]) if x.get("intended") else "—"
        out.append(
            f'  <tr><td>{_docref(doc)}</td><td class="num">{_e(f.get("metric"))} {_figure_value(f)} '
            f'<span class="en">{_e(f.get("period"))}</span></td>\n'
            f'      <td>{_ent_s(x.get("entity"))}</td><td>{intended}</td><td>{_e(x.get("reason"))}</td>\n'
            f'      <td class="evidence">{_evidence_link(doc, f.get("evidence"), fig_anchor(f.get("evidence")))}</td></tr>\n')
    return Markup("".join(out))


def timeline_events(years: dict[str, list[dict]]) -> Markup:
    """The timeline's list: a heading per year, then each event (date,
    status, type, actors, place, how many outlets) with its listed reports
    (outlet, date as written, evidence) and a link to the rest."""
    out = []
    for year, items in years.items():
        out.append(f'  <li class="year">{_e(year)}</li>\n')
        for e in items:
            status = e.get("status")
            st = _e(status)
            loc = e.get("location")
            out.append(
                f'  <li class="event {st}" id="event-{_e(anchor_id(e.get("id")))}" data-status="{st}">\n'
                f'    <div class="ev">\n'
                f'      <span class="when">{_e(e.get("date") or "—")}</span> {_status_badge(status)}\n'
                f'      <b>{_e(e.get("type"))}</b><span class="en">/{_e(e.get("mode") or "-")}</span> ·\n'
                f'      {_actors(e.get("actors"), event_href(e.get("id")))}\n'
                + (f'       · في <span class="en">at</span> {_ent_s(loc)}\n' if loc else "")
                + f'      <div class="sources">{len(e.get("sources") or [])} مصدر <span class="en">source(s)</span>:</div>\n'
                f'      <ul class="reports">\n')
            reports = e.get("reports") or []
            for r in reports:
                doc = r.get("document") or {}
                badge = f" {_status_badge(r.get('status'))}" if r.get("status") != status else ""
                when = (f'<span class="en">«</span>{_e(r["date_text"])}<span class="en">»</span>'
                        if r.get("date_text") else "")
                out.append(f'        <li>{_docref(doc)}{badge}\n            {when} —\n'
                           f'            {_evidence_link(doc, r.get("evidence"), ev_anchor(r.get("evidence")))}</li>\n')
            more = (e.get("n_reports") or 0) - len(reports)
            if more > 0:
                out.append(f'        <li class="more"><a href="{_e(event_href(e.get("id")))}">و{more} تقارير أخرى '
                           f'<span class="en">and {more} more reports</span></a></li>\n')
            out.append('      </ul>\n    </div>\n  </li>\n')
    return Markup("".join(out))

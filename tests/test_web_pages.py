"""The server-rendered pages, over knowledge bases built by the extractor
(the demo corpus plus a hostile made-up article, and ../shared/seeds): every
page renders Arabic first with a search box, article text is escaped, the
extracted spans are highlighted, charts tell targets and conflicts apart."""
from __future__ import annotations

import html
import json
import re
import warnings
from html.parser import HTMLParser
from urllib.parse import quote

import pytest

from tests import webdb

warnings.filterwarnings("ignore", message=".*httpx.*", category=DeprecationWarning)
pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from marsad.web import charts  # noqa: E402
from marsad.web.app import create_app  # noqa: E402
from marsad.web.highlight import highlight  # noqa: E402


class Tags(HTMLParser):
    """Every start tag with its attributes, and the text inside elements by id."""

    def __init__(self, page: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def find(self, tag=None, **attrs):
        return [a for t, a in self.tags if (tag is None or t == tag) and all(a.get(k) == v for k, v in attrs.items())]


def assert_inert(page: str, where: str = "") -> None:
    """No script element, no event-handler attribute, no javascript: URL."""
    tags = Tags(page)
    assert not [t for t, _ in tags.tags if t in ("script", "iframe", "object", "embed")], where
    for t, attrs in tags.tags:
        assert not [k for k in attrs if k.startswith("on")], (where, t, attrs)
        for k in ("href", "src", "action"):
            assert not (attrs.get(k) or "").strip().lower().startswith("javascript:"), (where, t, attrs)




def _page_urls(docs):
    recs = [r for r, _ in docs]
    urls = ["/", "/timeline", "/figures", "/conflicts", "/likely-errors", "/documents", "/entities"]
    urls += [f"/documents/{quote(r['document']['id'])}" for r in recs]
    ents = {e["id"]: e for r in recs for e in r["entities"]}
    urls += [f"/entities/{quote(i)}" for i in sorted(ents)[:15]]
    for e in list(ents.values())[:5]:
        urls.append(f"/search?q={quote(e['mentions'][0]['text'])}")
        urls.append(f"/timeline?actor={quote(e['mentions'][0]['text'])}")
    for f in [f for r in recs for f in r["figures"]][:8]:
        urls.append(f"/figures?metric={f['metric']}" + "".join(f"&{k}={quote(s)}" for k, s in zip("ab", f["subject"])))
    return urls


def _check_page(c, url):
    r = c.get(url)
    assert r.status_code == 200, (url, r.status_code, r.text[-500:])
    assert r.headers["content-type"].startswith("text/html")
    page = r.text
    assert re.search(r'<html lang="ar" dir="rtl">', page), url
    tags = Tags(page)
    assert tags.find("form", role="search", action="/search"), url
    assert tags.find("input", name="q"), url
    assert not [a for t, a in tags.tags if t in ("link", "script", "img") and
                (a.get("href") or a.get("src") or "").startswith(("http:", "https:", "//"))], url  # nothing fetched
    assert_inert(page, url)
    return page


def test_every_page_on_the_demo(client, demo):
    for url in _page_urls(demo[1]):
        _check_page(client, url)


def test_every_page_on_the_seeds():
    if not webdb.SEEDS.is_dir():
        pytest.skip("../shared/seeds is not there")
    path, docs = webdb.seeds_db()
    with TestClient(create_app(path)) as c:
        for url in _page_urls(docs):
            _check_page(c, url)


def test_hostile_article_renders_inert(client):
    page = _check_page(client, f"/documents/{webdb.EVIL_ID}")
    assert "window.__pwned" in page  # the text is there…
    assert "<script>window.__pwned" not in page  # …as text
    assert "&lt;script&gt;window.__pwned = 1;&lt;/script&gt;" in page
    assert 'onerror="window' not in page and "<img src=x" not in page
    assert "{{ 7*7 }}" in page  # not a template either
    assert "&amp;lt;b&amp;gt;" in page  # entities in the text stay as typed
    # the title and the outlet are untrusted too, wherever they are shown
    for url in ("/documents", "/", "/conflicts", "/figures", "/search?q=" + quote("توكاييف"), "/timeline"):
        _check_page(client, url)
    assert client.get("/documents/" + webdb.EVIL_ID).headers["content-security-policy"].startswith("default-src 'self'")


def test_document_page_highlights_every_kind(client, demo):
    rec, text = next((r, t) for r, t in demo[1] if r["figures"] and r["dates"] and r["entities"])
    page = client.get(f"/documents/{quote(rec['document']['id'])}").text
    tags = Tags(page)
    marks = [a for t, a in tags.tags if t == "mark" and a.get("data-kind")]  # the article's (not the legend's)
    kinds = {a["data-kind"] for a in marks}
    assert {"entity", "date", "figure"} <= kinds
    assert all(a.get("data-tip") for a in marks)  # hovering shows what was extracted
    # an entity mention that no date or figure overlaps is marked with its entity id
    taken = [(d["start"], d["end"]) for d in rec["dates"]]
    free = {e["id"] for e in rec["entities"] for m in e["mentions"]
            if not any(s < m["end"] and m["start"] < t for s, t in taken)}
    marked = {a["data-entity"] for a in marks if a["data-kind"] == "entity"}
    assert free - marked == set()
    # each figure's tip names its metric and value
    tips = " ".join(a["data-tip"] for a in marks if a["data-kind"] == "figure")
    for f in rec["figures"]:
        assert f["metric"] in tips
    if rec["events"]:
        assert tags.find("span", **{"data-kind": "event"})
    # the record as JSON
    m = re.search(r'<pre class="json" id="record-json">(.*?)</pre>', page, re.S)
    assert json.loads(html.unescape(m.group(1)))["document"]["sha256"] == rec["document"]["sha256"]


def test_timeline_tells_planned_from_occurred_and_links_evidence(client, demo):
    api = client.get("/api/v1/timeline", params={"limit": 50}).json()["items"]
    if not api:
        pytest.skip("the extractor finds no events yet")
    page = client.get("/timeline").text
    tags = Tags(page)
    for item in api:
        li = tags.find("li", id=f"event-{charts.anchor_id(item['id'])}")
        assert li and item["status"] in li[0]["class"].split(), item["id"]
    # every evidence link points at an element of the document page
    links = [a["href"] for a in tags.find("a") if "evidence" in (a.get("class") or "").split()]
    assert links
    for href in links[:10]:
        path, anchor = href.split("#")
        doc = Tags(client.get(path).text)
        assert doc.find(id=anchor), href


def test_figures_page_chart_and_table(client, demo):
    fig = next(f for r in webdb.records(demo) for f in r["figures"] if len(f["subject"]) == 2)
    a, b = fig["subject"]
    claims = client.get("/api/v1/claims", params=[("metric", fig["metric"]), ("between", a), ("between", b),
                                                  ("limit", 500)]).json()["items"]
    page = client.get(f"/figures?metric={fig['metric']}&a={quote(a)}&b={quote(b)}").text
    assert "<svg" in page
    values = [f for c in claims for f in c["figures"]]
    assert page.count('<g class="point"') == len(values)  # one mark per source
    assert page.count('class="mark target"') == sum(len(c["figures"]) for c in claims if c["kind"] in ("target", "forecast"))
    if any(c["status"] == "conflict" for c in claims):
        assert 'class="conflict-band"' in page
    for c in claims:
        for f in c["figures"]:
            assert f"/documents/{quote(f['document']['id'])}#fig-{f['evidence']['start']}-{f['evidence']['end']}" in page


def test_entity_page(client, demo):
    ent = next(e for r in webdb.records(demo) for e in r["entities"] if e["wikidata"] and e["type"] == "country")
    page = client.get(f"/entities/{quote(ent['mentions'][0]['text'])}").text
    assert f"https://www.wikidata.org/wiki/{ent['wikidata']}" in page
    spellings = {m["text"] for r in webdb.records(demo) for e in r["entities"] if e["id"] == ent["id"] for m in e["mentions"]}
    for s in spellings:
        assert html.escape(s) in page or s in page
    assert 'id="co-actors"' in page and 'id="events"' in page and 'id="figures"' in page


@pytest.mark.parametrize("url,needle", [
    ("/timeline?date_from=2022-13", "date_from"),
    ("/timeline?type=HUG", "type"),
    ("/timeline?page=0", "page"),
    ("/figures?metric=gdp", "metric"),
    ("/figures?period=soon", "period"),
    ("/documents?month=July", "month"),
    ("/search?q=", "q"),
    ("/search", "q"),
])
def test_bad_parameters_are_422_pages(client, url, needle):
    r = client.get(url)
    assert r.status_code == 422
    assert needle in r.text and 'class="error"' in r.text
    assert 'dir="rtl"' in r.text


def test_missing_things_are_404_pages(client):
    for url in ("/documents/nope", "/entities/" + quote("لا يوجد")):
        r = client.get(url)
        assert r.status_code == 404 and 'class="error"' in r.text


def test_static_assets_are_shipped(client):
    r = client.get("/static/marsad.css")
    assert r.status_code == 200 and "text/css" in r.headers["content-type"]
    assert "http" not in r.text  # no remote fonts or images


# --- the pieces, on made-up input -----------------------------------------------

def test_chart_marks_targets_and_conflicts_and_escapes():
    pts = [charts.Point("2022", 31.2e9, "USD", "Wire A"), charts.Point("2022", 31e9, "USD", "<b>B</b>", qualifier="over"),
           charts.Point("2022-01/2022-05", 8.8e9, "USD", "Wire A", conflict=True),
           charts.Point("2022-01/2022-05", 11.5e9, "USD", "Wire C", conflict=True),
           charts.Point("2030", 40e9, "USD", "Wire A", kind="target")]
    svg = str(charts.figure_chart(pts, title="t"))
    assert svg.count('<g class="point"') == 5
    assert svg.count('class="mark target"') == 1 and svg.count('class="mark actual"') == 4
    assert svg.count('<rect class="conflict-band" x=') == 2  # one band + the legend swatch
    assert "<b>B</b>" not in svg and "&lt;b&gt;B&lt;/b&gt;" in svg
    # periods in time order
    assert svg.index(">2022<") < svg.index(">2022-01/2022-05<") < svg.index(">2030<")


def test_highlight_escapes_and_nests():
    text = "قال <script>x()</script> إن كازاخستان"
    start = text.index("كازاخستان")
    record = {"entities": [{"id": "Q232", "type": "country", "name_en": "K<z>", "name_ar": "كازاخستان",
                            "mentions": [{"start": start, "end": len(text), "text": "كازاخستان"}]}],
              "dates": [], "figures": [],
              "events": [{"type": "CONSULT", "status": "planned", "actors": ["Q232"],
                          "evidence": {"start": 0, "end": len(text), "text": text}}]}
    out = str(highlight(text, record))
    assert "<script>" not in out and "&lt;script&gt;x()&lt;/script&gt;" in out
    assert "K&lt;z&gt;" in out
    assert out.count("<mark") == out.count("</mark>") == 1
    assert out.startswith('<span class="hl hl-event status-planned"') and out.endswith("</span>")
    # the text comes back unchanged once the markup is taken away
    assert html.unescape(re.sub(r"<[^>]+>", "", out)) == text


def test_chart_is_one_mark_per_source_and_value():
    """An outlet stating the same value for a period in many articles is one
    mark (its count in the tooltip); another value or outlet is another."""
    same = [charts.Point("2022", 31e9, "USD", "Wire A", href=f"/documents/a{i}#fig-1-2") for i in range(40)]
    pts = same + [charts.Point("2022", 45e9, "USD", "Wire A", conflict=True), charts.Point("2022", 31e9, "USD", "Wire B"),
                  charts.Point("2030", 40e9, "USD", "Wire A", kind="target"),
                  charts.Point("2030", 40e9, "USD", "Wire A", kind="target")]
    svg = str(charts.figure_chart(pts))
    assert svg.count('<g class="point"') == 4
    assert svg.count('data-n="40"') == 1 and "×40" in svg and svg.count('data-n="2"') == 1
    assert svg.count('class="mark target"') == 1
    assert '<a href="/documents/a0#fig-1-2">' in svg and "/documents/a1#" not in svg  # the first of them
    assert svg.count('<rect class="conflict-band" x=') == 2  # the period's band + the legend swatch


def test_long_actor_lists_link_to_the_rest():
    from marsad.web import fragments

    many = [{"id": f"Q{i}", "name_ar": f"بلد {i}", "name_en": f"<Land {i}>"} for i in range(60)]
    out = str(fragments.actors(many, "/events/x%23e0"))
    assert out.count('class="entity-link"') == fragments.ACTORS_SHOWN
    assert '<a class="more" href="/events/x%23e0">' in out and "and 52 more" in out
    assert "<Land" not in out and "&lt;Land 0&gt;" in out
    few = many[:fragments.ACTORS_SHOWN + 2]  # hiding one or two would not be shorter
    assert str(fragments.actors(few, "/events/x")).count('class="entity-link"') == len(few)
    assert str(fragments.actors(many)).count('class="entity-link"') == 60  # the event's own page names all


def test_fragments_escape_as_markupsafe_does():
    from markupsafe import Markup, escape

    from marsad.web import fragments

    for s in ['<script>alert("x")</script>', "O'Neil & <b>Co</b>", "«بلغ» > 31", "", None, 3.5, Markup("<b>ok</b>")]:
        assert fragments._e(s) == str(escape(s)), s
    page = str(fragments.timeline_events({"2024": [{
        "id": "d#e0", "status": "occurred", "date": "2024", "type": "<T>", "mode": None, "sources": ["<S>"],
        "actors": [{"id": "Q1", "name_ar": "<a>", "name_en": "x\"y"}], "location": None, "n_reports": 2,
        "reports": [{"status": "planned", "date_text": "<d>", "document": {"id": "d?x", "source": "<o>"},
                     "evidence": {"start": 1, "end": 2, "text": "<img src=x onerror=alert(1)>"}}]}]}))
    assert "<img" not in page and "<T>" not in page and "<o>" not in page and "<d>" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page and 'href="/documents/d%3Fx#ev-1-2"' in page
    assert 'href="/events/d%23e0"' in page and "and 1 more reports" in page

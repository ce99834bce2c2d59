"""Lists stay pages however big the base grows: an event told by many
outlets lists its first reports and links to the rest, a claim stated by
many documents lists its first figures per side and links to the rest,
the figures page pages through periods. Each page holds the items after
the previous one, totals count everything, and a next link exists exactly
when there is more. Both engines (PostgreSQL when MARSAD_TEST_POSTGRES names
a server, as in test_store.py)."""
from __future__ import annotations

import re
from urllib.parse import quote

import pytest

from marsad import query as q
from marsad.store import open_store
from tests import kb_records as kb
from tests.test_store import db_url, pg_url  # noqa: F401  (fixtures)

OUTLETS = [f"Outlet {i:02d}" for i in range(12)]


def visit_reports() -> list[tuple[dict, str]]:
    """Twelve outlets telling one visit, published on different days."""
    out = []
    for i, source in enumerate(OUTLETS):
        text = f"وصل الرئيس الصيني شي جين بينغ إلى كازاخستان في زيارة دولة (تقرير {i})."
        r = kb.record(f"visit{i:02d}", text, source=source, published=f"2024-07-{3 + i:02d}",
                      entities=[kb.ent(kb.XI, text, ["شي جين بينغ"]), kb.ent(kb.KAZ, text, ["كازاخستان"])],
                      events=[kb.event(text, "وصل الرئيس الصيني شي جين بينغ إلى كازاخستان")])
        out.append((r, text))
    return out


def trade_reports() -> list[tuple[dict, str]]:
    """Twelve documents on 2022 trade: seven say 31 billion, five say 45
    (a conflict with two sides); and one more figure for each of 1950–2004
    (55 more periods of the same pair)."""
    out = []
    for i, source in enumerate(OUTLETS):
        number, value = ("31", 31e9) if i < 7 else ("45", 45e9)
        text = f"بلغ حجم التجارة بين الصين وكازاخستان {number} مليار دولار في عام 2022 (تقرير {i})."
        r = kb.record(f"trade{i:02d}", text, source=source, published=f"2023-01-{1 + i:02d}",
                      entities=[kb.ent(kb.CHINA, text, ["الصين"]), kb.ent(kb.KAZ, text, ["كازاخستان"])],
                      figures=[kb.fig(text, f"{number} مليار دولار", value, f"{number} مليار دولار")])
        out.append((r, text))
    for year in range(1950, 2005):
        text = f"بلغ حجم التجارة بين الصين وكازاخستان 10 مليار دولار في عام {year}."
        r = kb.record(f"year{year}", text, source="Xinhua", published=f"{year + 1}-02-01",
                      entities=[kb.ent(kb.CHINA, text, ["الصين"]), kb.ent(kb.KAZ, text, ["كازاخستان"])],
                      figures=[kb.fig(text, "10 مليار دولار", 10e9, "10 مليار دولار", period=str(year))])
        out.append((r, text))
    return out


@pytest.fixture
def store(db_url):  # noqa: F811
    s = open_store(db_url)
    for r, t in visit_reports() + trade_reports():
        s.put_record(r, t)
    yield s
    s.close()


def test_an_event_lists_its_first_reports_and_pages_through_all(store):
    page = q.timeline(store, actor="Kazakhstan", reports=5)
    assert page["total"] == 1
    event = page["items"][0]
    assert event["n_reports"] == 12 and len(event["reports"]) == 5
    assert event["sources"] == OUTLETS  # every outlet, not only the listed reports'
    assert [r["document"]["id"] for r in event["reports"]] == [f"visit{i:02d}" for i in range(5)]  # oldest first
    seen = []
    for offset in (0, 5, 10):
        detail = q.event_detail(store, event["id"], limit=5, offset=offset)
        assert detail["reports"]["total"] == 12
        seen += [r["document"]["id"] for r in detail["reports"]["items"]]
    assert seen == [f"visit{i:02d}" for i in range(12)]  # page 2 holds what follows page 1, nothing twice
    assert q.event_detail(store, "no such event") is None


def test_a_claim_lists_its_first_figures_per_side_and_pages_through_all(store):
    page = q.conflicts(store, per_side=2)
    assert page["total"] == 1
    claim = page["items"][0]
    assert claim["n_figures"] == 12 and claim["sources"] == OUTLETS
    assert [(s["n_figures"], len(s["figures"])) for s in claim["sides"]] == [(7, 2), (5, 2)]
    assert [s["sources"] for s in claim["sides"]] == [OUTLETS[:7], OUTLETS[7:]]
    assert len(claim["figures"]) == 4
    seen = []
    for offset in (0, 5, 10):
        detail = q.claim_detail(store, claim["id"], limit=5, offset=offset)
        assert detail["figures"]["total"] == 12
        seen += [(f["side"], f["document"]["id"]) for f in detail["figures"]["items"]]
    # By side, oldest first within a side; every figure once.
    assert seen == [(0, f"trade{i:02d}") for i in range(7)] + [(1, f"trade{i:02d}") for i in range(7, 12)]
    assert q.claim_detail(store, "no such claim") is None


def test_figures_and_pairs_page_through_periods(store):
    pairs = q.claim_pairs(store, "trade_volume")
    assert pairs[0]["claims"] == 56 and {s["id"] for s in pairs[0]["subject"]} == {"Q148", "Q232"}
    first = q.figures(store, metric="trade_volume", between=["China", "Kazakhstan"], limit=50, per_side=3)
    second = q.figures(store, metric="trade_volume", between=["China", "Kazakhstan"], limit=50, offset=50, per_side=3)
    assert first["total"] == second["total"] == 56
    periods = [c["period"] for c in first["items"] + second["items"]]
    assert periods == sorted(periods) and len(set(periods)) == 56


# --- the pages ------------------------------------------------------------------

@pytest.fixture(scope="module")
def client(tmp_path_factory):
    from fastapi.testclient import TestClient

    from marsad.web.app import create_app

    path = tmp_path_factory.mktemp("pages") / "kb.db"
    s = open_store(str(path))
    for r, t in visit_reports() + trade_reports():
        s.put_record(r, t)
    s.close()
    with TestClient(create_app(str(path))) as c:
        yield c


def _links(page: str) -> list[str]:
    return [x.replace("&amp;", "&") for x in re.findall(r'href="([^"]+)"', page)]


def test_timeline_links_to_the_reports_it_does_not_list(client):
    page = client.get("/timeline").text
    more = [h for h in _links(page) if h.startswith("/events/")]
    assert len(more) == 1 and "and 9 more reports" in page  # 3 of the 12 quoted on the timeline
    first = client.get(more[0])
    assert first.status_code == 200 and "(12 total)" in first.text
    assert 'rel="next"' not in first.text  # 12 reports fit on one page of 50
    for i in range(12):
        assert f"/documents/visit{i:02d}" in first.text
    assert client.get("/events/" + quote("no such event")).status_code == 404


def test_conflicts_page_links_to_the_figures_of_each_side(client):
    page = client.get("/conflicts").text
    assert "and 4 more figures on this side" in page  # 7 on the first side, 3 listed on a card
    claim = [h for h in _links(page) if h.startswith("/claims/")][0]
    r = client.get(claim)
    assert r.status_code == 200 and "(12 total)" in r.text
    for i in range(12):
        assert f"/documents/trade{i:02d}" in r.text


def test_figures_page_has_a_next_page_with_the_periods_after(client):
    first = client.get("/figures?metric=trade_volume&a=China&b=Kazakhstan")
    assert first.status_code == 200 and "(56 total)" in first.text
    years = lambda page: set(re.findall(r'<td class="num">((?:19|20)\d\d)</td>', page))  # noqa: E731
    seen, page, n = [], first.text, 1
    while True:
        assert years(page)
        assert not seen or max(seen) < min(years(page))  # each page holds the periods after the previous one
        seen += sorted(years(page))
        nxt = [h for h in _links(page) if f"page={n + 1}" in h and "a=China" in h]
        if 'rel="next"' not in page:
            assert not nxt
            break
        assert nxt, f"no link to page {n + 1}"
        r = client.get("/figures" + nxt[0])
        assert r.status_code == 200
        page, n = r.text, n + 1
    assert n > 1 and len(set(seen)) == 56  # 1950-2004 and 2022, each on one page

"""The knowledge base on both engines: migrations, idempotent and atomic
ingest, search by any spelling, claims and conflicts, likely errors, event
clusters. PostgreSQL runs when MARSAD_TEST_POSTGRES names a server; with
CI_REQUIRE_POSTGRES=1 a missing server is a failure, not a skip."""
import json
import os
import uuid

import pytest
from typer.testing import CliRunner

from marsad import query as q
from marsad.cli import app
from marsad.store import open_store
from marsad.store.base import migrations
from tests import kb_records as kb

PG_URL = os.environ.get("MARSAD_TEST_POSTGRES")
REQUIRE_PG = os.environ.get("CI_REQUIRE_POSTGRES") == "1"


def _with_options(url: str, schema: str) -> str:
    sep = "&" if "?" in url else "?"
    return f"{url}{sep}options=-csearch_path%3D{schema}%2Cpublic"


@pytest.fixture
def pg_url():
    """A PostgreSQL URL whose search_path is a fresh schema, dropped after."""
    if not PG_URL:
        if REQUIRE_PG:
            pytest.fail("CI_REQUIRE_POSTGRES=1 but MARSAD_TEST_POSTGRES is not set")
        pytest.skip("MARSAD_TEST_POSTGRES is not set")
    import psycopg

    schema = "t_" + uuid.uuid4().hex[:12]
    with psycopg.connect(PG_URL, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    yield _with_options(PG_URL, schema)
    with psycopg.connect(PG_URL, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture(params=["sqlite", "postgres"])
def db_url(request, tmp_path):
    if request.param == "sqlite":
        return str(tmp_path / "kb.db")
    return request.getfixturevalue("pg_url")


@pytest.fixture
def store(db_url):
    s = open_store(db_url)
    yield s
    s.close()


def snapshot(store) -> dict:
    """Every row of every table that holds facts, for before/after comparisons."""
    out = {}
    for table, order in [("documents", "id"), ("entities", "id"), ("entity_aliases", "alias"),
                         ("entity_spellings", "entity_id, text"), ("doc_entities", "doc_id, entity_id"),
                         ("figures", "id"), ("claims", "key"), ("claim_subjects", "claim_key, entity_id"),
                         ("events", "id"), ("event_clusters", "id"), ("cluster_actors", "cluster_id, entity_id"),
                         ("likely_errors", "figure_id")]:
        rows = store.query(f"SELECT * FROM {table} ORDER BY {order}")
        for r in rows:
            r.pop("ingested_at", None)
        out[table] = rows
    return out


def corpus():
    docs = [
        kb.trade_2022("reuters", "Reuters", "31", 31e9, "over"),
        kb.trade_2022("peoples", "People's Daily", "31.2", 31.2e9, "exact", kaz_spelling="قازاقستان",
                      attributed_to="China official statistics"),
        kb.trade_2022("kazinform", "Kazinform", "31.2", 31.2e9, "about", attributed_to="General Administration of Customs"),
        kb.jan_may("eqtisadiah", "Al Eqtisadiah", "8.8", 8.8e9, "State Revenue Committee (Kazakhstan)"),
        kb.jan_may("xinhua", "Xinhua", "11.5", 11.5e9, "General Administration of Customs"),
        kb.kyrgyz_slip(),
    ]
    return docs


def load(store, docs=None):
    return [store.put_record(r, t) for r, t in (docs or corpus())]


# --- migrations and idempotence -------------------------------------------------

def test_migrations_are_applied_once(db_url):
    expected = migrations("postgres" if db_url.startswith("postgresql") else "sqlite")
    assert len(expected) >= 4 and any(name == "search" for _, name, _ in expected)
    s = open_store(db_url)
    assert s.schema_version() == expected[-1][0]
    assert s.migrate() == []
    s.close()
    s = open_store(db_url)  # reopening applies nothing either
    rows = s.query("SELECT version FROM schema_version ORDER BY version")
    assert [r["version"] for r in rows] == [v for v, _, _ in expected]
    s.close()


def test_reingesting_the_same_records_changes_nothing(store):
    assert load(store) == ["added"] * 6
    before = snapshot(store)
    assert load(store) == ["unchanged"] * 6
    assert snapshot(store) == before


def test_a_changed_text_replaces_that_documents_facts(store):
    load(store)
    r, t = kb.trade_2022("reuters", "Reuters", "35", 35e9, "exact")
    r["figures"][0]["period"] = "2021"
    assert store.put_record(r, t) == "replaced"
    figs = store.query("SELECT period, value FROM figures WHERE doc_id = 'reuters'")
    assert figs == [{"period": "2021", "value": 35e9}]
    claim = q.figures(store, metric="trade_volume", between=["China", "Kazakhstan"], period="2022")["items"][0]
    assert "Reuters" not in claim["sources"] and len(claim["figures"]) == 2
    assert store.scalar("SELECT COUNT(*) AS n FROM documents") == 6
    # The old text is no longer found, the new one is.
    assert all(h["document"]["id"] != "reuters" for h in q.search(store, "تجاوز")["items"])
    assert any(h["document"]["id"] == "reuters" for h in q.search(store, "35 مليار")["items"])


def test_a_crash_mid_document_leaves_earlier_documents_intact(store, monkeypatch):
    docs = corpus()
    load(store, docs[:3])
    before = snapshot(store)

    def boom(keys):
        raise RuntimeError("crash inside the transaction")

    monkeypatch.setattr(store, "_refresh_claims", boom)
    with pytest.raises(RuntimeError):
        store.put_record(*docs[3])
    monkeypatch.undo()
    assert snapshot(store) == before  # nothing of the failed document, everything of the others
    assert store.put_record(*docs[3]) == "added"  # and the store is still usable
    assert store.scalar("SELECT COUNT(*) AS n FROM figures WHERE doc_id = 'eqtisadiah'") == 1


def test_delete_document_removes_its_claims_and_spellings(store):
    load(store)
    assert store.delete_document("peoples")
    assert not store.delete_document("peoples")
    spellings = q.entity_detail(store, "Kazakhstan")["spellings"]
    assert [s["text"] for s in spellings] == ["كازاخستان"] and spellings[0]["count"] > 1


# --- entities and search ---------------------------------------------------------

def test_entity_by_any_spelling_and_marsad_ids_merged(store):
    t1 = "التقى الرئيس قاسم جومارت توكاييف بنظيره."
    t2 = "قال قاسِم جومارت توكاييف إن البلدين شريكان."
    tok = ("marsad:tokayev", "person", "Kassym-Jomart Tokayev", "قاسم جومارت توكاييف")
    store.put_record(kb.record("a", t1, entities=[kb.ent(tok, t1, ["قاسم جومارت توكاييف"])]), t1)
    other = ("marsad:kassym-jomart-tokayev", "person", "Kassym-Jomart Tokayev", "قاسِم جومارت توكاييف")
    store.put_record(kb.record("b", t2, entities=[kb.ent(other, t2, ["قاسِم جومارت توكاييف"])]), t2)
    assert store.scalar("SELECT COUNT(*) AS n FROM entities") == 1
    e = q.entity_detail(store, "marsad:kassym-jomart-tokayev")
    assert e["id"] == "marsad:tokayev" and e["aliases"] == ["marsad:kassym-jomart-tokayev"]
    assert e["documents"] == 2


def test_search_finds_every_spelling(store):
    load(store)
    for query in ("قازاقستان", "كازاخستان", "Kazakhstan", "Q232"):
        hits = {h["document"]["id"] for h in q.search(store, query, limit=50)["items"]}
        assert {"reuters", "peoples", "kazinform", "eqtisadiah", "xinhua", "slip"} <= hits, query
    # Normalization: alef/hamza forms and diacritics do not matter.
    hits = q.search(store, "مَسْؤولون")["items"]
    assert {h["document"]["id"] for h in hits} == {"reuters", "peoples", "kazinform"}
    snippet = hits[0]["snippet"]
    text = store.scalar("SELECT text FROM documents WHERE id = ?", (hits[0]["document"]["id"],))
    assert text[snippet["match_start"]:snippet["match_end"]] == "مسؤولون"
    assert q.search(store, "لا يوجد هذا النص")["total"] == 0


def test_a_store_indexed_with_positions_is_migrated_and_still_found(tmp_path):
    """Migration 9 rebuilds an SQLite store's trigram index without
    positions: every document indexed before is found after."""
    path = str(tmp_path / "old.db")
    s = open_store(path)
    load(s)
    before = {qy: sorted(h["document"]["id"] for h in q.search(s, qy, limit=50)["items"])
              for qy in ("قازاقستان", "مسؤولون", "تجاوز")}
    assert all(before.values())
    # Back to the index as version 8 left it: with positions, version 9 not applied.
    with s.transaction():
        bodies = s.query("SELECT rowid AS k, body FROM documents_fts")
        s.execute("DROP TABLE documents_fts")
        s.execute("CREATE VIRTUAL TABLE documents_fts USING fts5 (body, tokenize = 'trigram')")
        s.executemany("INSERT INTO documents_fts (rowid, body) VALUES (?, ?)", [(b["k"], b["body"]) for b in bodies])
        s.execute("DELETE FROM schema_version WHERE version >= 9")
    s.close()
    s = open_store(path)
    assert 9 in [r["version"] for r in s.query("SELECT version FROM schema_version")]
    assert "detail=none" in s.scalar("SELECT sql FROM sqlite_master WHERE name = 'documents_fts'").replace(" ", "")
    after = {qy: sorted(h["document"]["id"] for h in q.search(s, qy, limit=50)["items"]) for qy in before}
    assert after == before
    s.close()


# --- claims, conflicts, errors ----------------------------------------------------

def test_three_outlets_one_agreeing_claim(store):
    load(store)
    page = q.figures(store, metric="trade_volume", between=["الصين", "الكازاخستاني"], period="2022")
    assert page["total"] == 1
    claim = page["items"][0]
    assert claim["status"] == "agree"
    assert claim["sources"] == ["Kazinform", "People's Daily", "Reuters"]
    assert {f["qualifier"] for f in claim["figures"]} == {"over", "exact", "about"}


def test_conflict_with_each_sides_outlet_and_attribution(store):
    load(store)
    page = q.conflicts(store)
    assert page["total"] == 1
    c = page["items"][0]
    assert c["period"] == "2022-01/2022-05" and c["status"] == "conflict"
    # the slip's figure (Kyrgyzstan named for Kazakhstan) joins the customs side
    assert [(s["sources"], s["attributed_to"]) for s in c["sides"]] == [
        (["Al Eqtisadiah"], ["State Revenue Committee (Kazakhstan)"]),
        (["Al Eqtisadiah", "Xinhua"], ["General Administration of Customs"]),
    ]
    assert c["sides"][0]["figures"][0]["evidence"]["text"] == "8.8 مليار دولار"
    assert q.conflicts(store, actor="Kyrgyzstan")["total"] == 0


def _more_jan_may():
    """Figures joining the Jan-May 2022 conflict after it is one: a third
    value, a second outlet on the low side, and a batch of them."""
    return [kb.jan_may("tass", "TASS", "15", 15e9, "Eurasian Economic Commission"),
            kb.jan_may("anadolu", "Anadolu", "8.8", 8.8e9, "State Revenue Committee (Kazakhstan)"),
            kb.jan_may("ahram", "Al-Ahram", "11.5", 11.5e9, "General Administration of Customs")]


def test_sides_stored_at_ingest_are_those_read_from_all_figures(store):
    """A conflict's sides are stored as figures join it (figures.side,
    claims.sides); listing them reads the same as reassessing every figure
    (the way of claims stored before migration 0006)."""
    from marsad.store.load import store_records

    load(store)
    list(store_records(store, [(r, t, []) for r, t in _more_jan_may()]))
    stored = q.conflicts(store, per_side=2)
    key = stored["items"][0]["id"]
    detail = q.claim_detail(store, key, limit=3, offset=2)
    sides = {r["id"]: r["side"] for r in store.query("SELECT id, side FROM figures WHERE claim_key = ?", (key,))}
    assert sorted(sides.values()) == [0, 0, 1, 1, 1, 2]
    assert [s["n_figures"] for s in stored["items"][0]["sides"]] == [2, 3, 1]
    assert stored["items"][0]["sides"][2]["sources"] == ["TASS"]
    assert [len(s["figures"]) for s in stored["items"][0]["sides"]] == [2, 2, 1]
    # as read from every figure when no sides are stored
    store.execute("UPDATE claims SET sides = NULL")
    store.execute("UPDATE figures SET side = 0")
    assert q.conflicts(store, per_side=2) == stored
    assert q.claim_detail(store, key, limit=3, offset=2) == detail
    # and the migration that added them stores them for claims of before
    with store.transaction():
        store._after_migration(6)
    assert {r["id"]: r["side"] for r in store.query("SELECT id, side FROM figures WHERE claim_key = ?", (key,))} == sides
    assert store.scalar("SELECT sides FROM claims WHERE key = ?", (key,)) is not None
    assert q.conflicts(store, per_side=2) == stored


def _jan_may_figures(doc_id: str, source: str, figures: list[tuple]) -> tuple[dict, str]:
    """A document stating the Jan-May 2022 trade once per (number, value,
    qualifier, attributed_to) of `figures`."""
    words = {"exact": "", "over": "أكثر من ", "about": "نحو "}
    text = " ".join(f"بلغ حجم التجارة بين كازاخستان والصين في الفترة من يناير إلى مايو 2022 {words[qual]}{number} "
                    f"مليار دولار{' وفق ' + by if by else ''}." for number, _, qual, by in figures)
    r = kb.record(doc_id, text, source=source, published="2022-09-14", entities=[
        kb.ent(kb.CHINA, text, ["الصين"]), kb.ent(kb.KAZ, text, ["كازاخستان"])],
        figures=[kb.fig(text, f"{number} مليار دولار", value, f"{number} مليار دولار", period="2022-01/2022-05",
                        qualifier=qual, attributed_to=by) for number, value, qual, by in figures])
    return r, text


def test_figures_joining_a_conflict_take_the_sides_a_reassessment_gives(store, monkeypatch):
    """A figure joining a conflict takes the side of a figure of the claim
    with the same range, without the claim being reassessed from all its
    figures (Store._side_of_twin); whatever joins, a batch at a time or a
    document at a time, two figures of a document in the claim, ranges with
    the same low end, the stored sides are those a reassessment gives."""
    import random

    from marsad import resolve as rs
    from marsad.store.base import side_spans, side_summaries
    from marsad.store.load import store_records

    def check():
        conflicts = store.query("SELECT key, sides, side_spans FROM claims WHERE status = 'conflict'")
        assert conflicts
        for c in conflicts:
            rows = store.query("SELECT id, doc_id, value, value_text, qualifier, attributed_to, lo, hi, side, source "
                               "FROM figures WHERE claim_key = ? ORDER BY id", (c["key"],))
            a = rs.assess_claim(rows)
            assert a["status"] == "conflict"
            assert [r["side"] for r in rows] == a["sides"]
            assert json.loads(c["sides"]) == side_summaries(rows, a["sides"])
            assert json.loads(c["side_spans"]) == side_spans(rows, a["sides"])

    stated = [("8.8", 8.8e9, "exact"), ("8.8", 8.8e9, "over"), ("11.5", 11.5e9, "exact"),
              ("11.5", 11.5e9, "about"), ("15", 15e9, "exact"), ("9", 9e9, "about"), ("31", 31e9, "over")]
    outlets = ["TASS", "Xinhua", "Anadolu", "Reuters", "Al-Ahram"]
    by = [None, "General Administration of Customs", "State Revenue Committee (Kazakhstan)"]
    rng = random.Random(8)
    load(store)
    k = 0
    for batch in (1, 5, 1, 8, 3):
        docs = []
        for _ in range(batch):
            k += 1
            figures = [(*rng.choice(stated), rng.choice(by)) for _ in range(rng.choice((1, 1, 2)))]
            docs.append(_jan_may_figures(f"more{k}", rng.choice(outlets), figures))
        list(store_records(store, [(r, t, []) for r, t in docs], batch=batch))
        check()
    # figures whose ranges the claim has: its sides are not reassessed
    refreshed = []
    real = store._refresh_claims
    monkeypatch.setattr(store, "_refresh_claims", lambda keys: (refreshed.extend(keys), real(keys)))
    key = store.scalar("SELECT key FROM claims WHERE status = 'conflict'")
    twins = [_jan_may_figures(f"twin{i}", outlet, [("8.8", 8.8e9, "exact", None), ("15", 15e9, "exact", "Xinhua")])
             for i, outlet in enumerate(["Sputnik", "TASS", "Asharq"])]
    list(store_records(store, [(r, t, []) for r, t in twins]))
    assert key not in refreshed
    check()
    # a claim of before migration 0008 (no side spans) is reassessed the
    # first time it gains a figure, and the migration stores them all
    store.execute("UPDATE claims SET side_spans = NULL")
    list(store_records(store, [(*_jan_may_figures("late", "CGTN Arabic", [("8.8", 8.8e9, "exact", None)]), [])]))
    assert key in refreshed
    check()
    store.execute("UPDATE claims SET side_spans = NULL")
    with store.transaction():
        store._after_migration(8)
    check()


def test_a_conflict_that_ends_has_one_side_again(store):
    load(store)
    key = q.conflicts(store)["items"][0]["id"]
    store.delete_document("eqtisadiah")  # the low side's only document
    assert store.scalar("SELECT status FROM claims WHERE key = ?", (key,)) == "agree"
    assert store.scalar("SELECT sides FROM claims WHERE key = ?", (key,)) is None
    assert {r["side"] for r in store.query("SELECT side FROM figures WHERE claim_key = ?", (key,))} == {0}
    assert len(q.claim_detail(store, key)["figures"]["items"]) == 2


def test_a_slips_figure_counts_under_the_intended_subject_and_keeps_its_own(store):
    load(store)
    slip = store.one("SELECT claim_key, subject FROM figures WHERE doc_id = 'slip'")
    assert "Q813" in slip["subject"] and "Q232" not in slip["subject"]
    assert slip["claim_key"].endswith("|Q148,Q232")
    claim = q.claim_detail(store, slip["claim_key"])
    marked = {f["document"]["id"]: f["slip"] for f in claim["figures"]["items"]}
    assert marked["slip"] == {"entity": "Q813", "intended": "Q232"}
    assert all(v is None for d, v in marked.items() if d != "slip")
    assert q.claims(store, between=["Kyrgyzstan"])["total"] == 0


def test_likely_error_is_stored_with_the_intended_subject(store):
    load(store)
    page = q.likely_errors(store)
    assert page["total"] == 1
    e = page["items"][0]
    assert (e["document"]["id"], e["entity"]["id"], e["intended"]["id"]) == ("slip", "Q813", "Q232")
    assert q.get_document(store, "slip")["likely_errors"][0]["intended"]["name_en"] == "Kazakhstan"


def test_likely_errors_newest_first(store):
    load(store)
    r, t = kb.kyrgyz_slip()
    r = {**r, "document": {**r["document"], "id": "slip2", "published": "2024-03-01"}}
    store.put_record(r, t)
    r = {**r, "document": {**r["document"], "id": "slip0", "published": "2023-01-01"}}
    store.put_record(r, t)
    assert [e["document"]["id"] for e in q.likely_errors(store)["items"]] == ["slip2", "slip", "slip0"]
    assert [e["document"]["id"] for e in q.likely_errors(store, limit=1, offset=1)["items"]] == ["slip"]


def test_search_ranks_the_most_recent_matches_and_says_when_more_match(store, monkeypatch):
    from marsad.store import base

    load(store)
    every = q.search(store, "مليار دولار", limit=50)
    assert every["total"] == 6 and not every["capped"]
    assert len({h["document"]["id"] for h in every["items"]}) == 6
    assert all(h["score"] > 0 for h in every["items"])
    monkeypatch.setattr(base, "SEARCH_CANDIDATES", 2)
    page = q.search(store, "مليار دولار", limit=50)
    assert page["total"] == 2 and page["capped"]
    # the two stored last
    assert {h["document"]["id"] for h in page["items"]} == {"xinhua", "slip"}
    few = q.search(store, "مسؤولون")  # three match
    assert few["total"] == 2 and few["capped"]
    assert not q.search(store, "35 مليار")["capped"]  # none match


# --- events -------------------------------------------------------------------

def test_one_visit_from_three_outlets_is_one_timeline_event(store):
    reports = [("x", "Xinhua", "2024-07-03", "occurred"), ("a", "AFP", "2024-07-03", "occurred"),
               ("s", "Sputnik", "2024-07", "planned"), ("old", "Reuters", "2023-05-17", "occurred")]
    for doc_id, source, date, status in reports:
        text = f"وصل الرئيس الصيني شي جين بينغ إلى كازاخستان في زيارة دولة ({doc_id})."
        r = kb.record(doc_id, text, source=source, entities=[kb.ent(kb.XI, text, ["شي جين بينغ"]),
                                                              kb.ent(kb.KAZ, text, ["كازاخستان"])],
                      events=[kb.event(text, "وصل الرئيس الصيني شي جين بينغ إلى كازاخستان", date=date, status=status)])
        assert store.put_record(r, text) == "added"
    page = q.timeline(store, actor="قازاقستان")
    assert page["total"] == 2
    old, visit = page["items"]
    assert old["date"] == "2023-05-17" and old["sources"] == ["Reuters"]
    assert visit["date"] == "2024-07-03" and visit["status"] == "occurred"
    assert visit["sources"] == ["AFP", "Sputnik", "Xinhua"]
    assert q.timeline(store, date_from="2024-01", date_to="2024-12")["total"] == 1
    assert q.timeline(store, actor="Nowhere")["total"] == 0
    assert q.events(store, status="planned")["total"] == 1
    plover = [json.loads(x) for x in q.export(store, "plover")]
    assert len(plover) == 4 and plover[0]["cite_info"]["evidence"]["text"].startswith("وصل")
    # Re-ingesting a report after its text changed keeps one cluster per event.
    text = "وصل الرئيس الصيني شي جين بينغ إلى كازاخستان في زيارة دولة تاريخية (x)."
    r = kb.record("x", text, source="Xinhua", entities=[kb.ent(kb.XI, text, ["شي جين بينغ"]),
                                                         kb.ent(kb.KAZ, text, ["كازاخستان"])],
                  events=[kb.event(text, "وصل الرئيس الصيني شي جين بينغ إلى كازاخستان")])
    assert store.put_record(r, text) == "replaced"
    assert q.timeline(store)["total"] == 2
    assert q.overview(store)["events"] == 2


def test_overview_counts(store):
    load(store)
    o = q.overview(store)
    assert o["documents"] == 6 and o["conflicts"] == 1 and o["likely_errors"] == 1
    assert {r["source"]: r["documents"] for r in o["by_source"]}["Al Eqtisadiah"] == 2
    assert o["top_actors"][0]["id"] in ("Q148", "Q232") and o["top_actors"][0]["documents"] == 6


# --- the command line -----------------------------------------------------------

def test_cli_ingest_records_twice_then_query(db_url, tmp_path):
    path = tmp_path / "records.jsonl"
    with open(path, "w", encoding="utf-8") as f:
        for r, t in corpus():
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    runner = CliRunner()
    first = runner.invoke(app, ["ingest", str(path), "--db", db_url, "--json", "--no-progress"])
    assert first.exit_code == 0, first.output
    assert json.loads(first.stdout.strip().splitlines()[-1])["added"] == 6
    second = runner.invoke(app, ["ingest", str(path), "--db", db_url, "--json", "--no-progress"])
    assert json.loads(second.stdout.strip().splitlines()[-1])["unchanged"] == 6
    out = runner.invoke(app, ["figures", "--metric", "trade_volume", "--between", "China", "--between", "Kazakhstan",
                              "--period", "2022", "--json", "--db", db_url])
    assert out.exit_code == 0, out.output
    assert json.loads(out.stdout)["items"][0]["status"] == "agree"
    out = runner.invoke(app, ["conflicts", "--json", "--db", db_url])
    assert json.loads(out.stdout)["items"][0]["period"] == "2022-01/2022-05"
    out = runner.invoke(app, ["entity", "قازاقستان", "--db", db_url])
    assert out.exit_code == 0 and "Kazakhstan" in out.stdout


# --- batched ingest -------------------------------------------------------------

def _fail_once_slip_is_written(store, monkeypatch, error: Exception) -> None:
    """Make the store raise `error` while it reassesses claims after the
    'slip' document's rows are written: a failure midway through a document."""
    real = store._refresh_claims

    def refresh(keys):
        if store.scalar("SELECT COUNT(*) AS n FROM documents WHERE id = 'slip'"):
            raise error
        real(keys)

    monkeypatch.setattr(store, "_refresh_claims", refresh)


def test_a_batch_keeps_every_good_document_around_a_bad_one(store, monkeypatch):
    from marsad.store.load import FAILED, store_records

    docs = corpus()
    bad = ({**docs[2][0], "schema": "marsad.document/0"}, docs[2][1])  # refused by the store
    items = [(r, t, []) for r, t in docs[:2]] + [(*bad, []), (*docs[3], [])]
    out = list(store_records(store, items, batch=10))
    assert [o.status for o in out] == ["added", "added", FAILED, "added"]
    assert store.scalar("SELECT COUNT(*) AS n FROM documents") == 3
    # A crash in the middle of a batch: the documents before it are committed, nothing of it.
    _fail_once_slip_is_written(store, monkeypatch, RuntimeError("crash inside the batch"))
    with pytest.raises(RuntimeError):
        list(store_records(store, [(*docs[4], []), (*docs[5], []), (*docs[2], [])], batch=10))
    monkeypatch.undo()
    assert store.scalar("SELECT COUNT(*) AS n FROM documents") == 4  # xinhua stored, slip not
    assert store.scalar("SELECT COUNT(*) AS n FROM documents WHERE id = 'slip'") == 0
    assert [o.status for o in store_records(store, [(r, t, []) for r, t in docs], batch=2)] == \
        ["unchanged", "unchanged", "added", "unchanged", "unchanged", "added"]


def test_a_document_failing_midway_through_a_batch_fails_alone_and_loses_nothing(store, db_url, tmp_path, monkeypatch):
    """A batch is written without a savepoint per document; a document that
    fails after some of its rows were written (here: when its claims are
    reassessed) undoes that attempt, and the batch is stored again one
    document at a time: the failing one gets a failed outcome, every other
    one of the batch, before and after it, is stored exactly as when stored
    alone."""
    from marsad.store.base import StoreError
    from marsad.store.load import FAILED, store_records

    docs = corpus()
    _fail_once_slip_is_written(store, monkeypatch, StoreError("slip refused midway"))
    order = [docs[0], docs[5], docs[1], docs[2], docs[3], docs[4]]  # the slip second of six
    out = list(store_records(store, [(r, t, ["a warning"]) for r, t in order], batch=10))
    monkeypatch.undo()
    assert [(o.doc_id, o.status) for o in out] == [
        ("reuters", "added"), ("slip", FAILED), ("peoples", "added"), ("kazinform", "added"),
        ("eqtisadiah", "added"), ("xinhua", "added")]
    assert out[1].errors == ["slip refused midway"] and out[0].errors == ["a warning"]
    assert store.scalar("SELECT COUNT(*) AS n FROM figures WHERE doc_id = 'slip'") == 0
    # The same five documents stored one by one give the same rows.
    alone = open_store(str(tmp_path / "alone.db")) if not db_url.startswith("postgres") else None
    if alone is not None:
        for r, t in order[:1] + order[2:]:
            alone.put_record(r, t)
        assert snapshot(alone) == snapshot(store)
        alone.close()
    # and the slip stores once it is accepted
    assert [o.status for o in store_records(store, [(r, t, []) for r, t in order], batch=10)] == \
        ["unchanged", "added", "unchanged", "unchanged", "unchanged", "unchanged"]


def test_what_a_failed_document_wrote_is_not_remembered_for_the_next_one(store, db_url, tmp_path, monkeypatch):
    """The aliases and claims a batch has read or written are kept for its
    next documents; a document that fails after writing new ones (its
    entities, its claim) is undone, and the next document of the batch that
    names the same entities and states the same figure writes them again."""
    import copy

    from marsad.store.base import StoreError
    from marsad.store.load import FAILED, store_records

    slip, text = kb.kyrgyz_slip()
    again = copy.deepcopy(slip)
    again["document"]["id"] = "slip2"
    _fail_once_slip_is_written(store, monkeypatch, StoreError("slip refused midway"))
    out = list(store_records(store, [(slip, text, []), (again, text, [])], batch=10))
    monkeypatch.undo()
    assert [(o.doc_id, o.status) for o in out] == [("slip", FAILED), ("slip2", "added")]
    assert store.scalar("SELECT COUNT(*) AS n FROM entities") == 3
    assert store.scalar("SELECT COUNT(*) AS n FROM entity_aliases") == 3
    assert store.scalar("SELECT SUM(n_figures) AS n FROM claims") == 1
    assert store.scalar("SELECT COUNT(*) AS n FROM figures WHERE claim_key IS NOT NULL") == 1
    alone = open_store(str(tmp_path / "alone.db")) if not db_url.startswith("postgres") else None
    if alone is not None:
        alone.put_record(again, text)
        assert snapshot(alone) == snapshot(store)
        alone.close()


def test_a_claim_gaining_figures_across_a_batch_is_counted_as_one_by_one(tmp_path):
    """A claim read by one document of a batch and changed by it is read
    from what the batch kept, not stored again, by the next ones: the same
    rows as when every document is stored alone, whether the claim agrees,
    turns into a conflict, or gains figures while one (claims.sources, a
    JSON object, may list the same outlets in another order)."""
    from marsad.store.load import store_records

    def rows(store):
        out = snapshot(store)
        for r in out["claims"]:
            r["sources"] = json.loads(r["sources"])
        return out

    docs = corpus() + _more_jan_may()
    one = open_store(str(tmp_path / "one.db"))
    for r, t in docs:
        one.put_record(r, t)
    for size in (2, 3, 100):
        batched = open_store(str(tmp_path / f"batched{size}.db"))
        assert {o.status for o in store_records(batched, [(r, t, []) for r, t in docs], batch=size)} == {"added"}
        assert rows(batched) == rows(one)
        batched.close()
    one.close()


def _visits():
    """Reports of visits (one event told thrice, another of another year),
    one document twice (its text changed), and a person known by a marsad:
    id that merges with another."""
    out = []
    for doc_id, source, date, status in [("x", "Xinhua", "2024-07-03", "occurred"), ("a", "AFP", "2024-07-03", "occurred"),
                                         ("s", "Sputnik", "2024-07", "planned"), ("old", "Reuters", "2023-05-17", "occurred"),
                                         ("x", "Xinhua", "2024-07-04", "occurred"), ("y", "TASS", "2023-05-18", "planned")]:
        text = f"وصل الرئيس الصيني شي جين بينغ إلى كازاخستان في زيارة دولة والتقى توكاييف ({doc_id} {date})."
        tok = ("marsad:tokayev" if doc_id != "y" else "marsad:k-tokayev", "person", "Tokayev", "توكاييف")
        out.append((kb.record(doc_id, text, source=source, entities=[
            kb.ent(kb.XI, text, ["شي جين بينغ"]), kb.ent(kb.KAZ, text, ["كازاخستان"]), kb.ent(tok, text, ["توكاييف"])],
            events=[kb.event(text, "وصل الرئيس الصيني شي جين بينغ إلى كازاخستان", date=date, status=status)]), text))
    return out


def test_a_batch_stores_the_same_rows_as_documents_stored_one_by_one(tmp_path):
    """What a batch counts and writes once at its end (entities' document
    counts, spellings, event clusters' fields) comes out as when every
    document is stored alone."""
    from marsad.store.load import store_records

    docs = corpus() + _visits()
    one = open_store(str(tmp_path / "one.db"))
    for r, t in docs:
        one.put_record(r, t)
    batched = open_store(str(tmp_path / "batched.db"))
    out = list(store_records(batched, [(r, t, []) for r, t in docs], batch=100))
    assert [o.status for o in out] == ["added"] * 10 + ["replaced", "added"]
    assert snapshot(batched) == snapshot(one)
    assert batched.scalar("SELECT COUNT(*) AS n FROM event_clusters") == 2
    assert batched.scalar("SELECT documents FROM entities WHERE id = 'Q232'") == 11
    assert batched.scalar("SELECT COUNT(*) AS n FROM entity_aliases WHERE entity_id = 'marsad:tokayev'") == 2
    one.close()
    batched.close()


def test_a_batch_that_fails_nowhere_takes_no_savepoints(tmp_path):
    from marsad.store.load import store_records

    store = open_store(str(tmp_path / "kb.db"))
    statements = []
    store.conn.set_trace_callback(statements.append)
    out = list(store_records(store, [(r, t, []) for r, t in corpus()], batch=10))
    store.conn.set_trace_callback(None)
    assert [o.status for o in out] == ["added"] * 6
    assert sum(s.startswith("BEGIN") for s in statements) == 1
    assert not any(s.startswith(("SAVEPOINT", "RELEASE", "ROLLBACK")) for s in statements)
    store.close()


@pytest.mark.parametrize("frequent", [False, True])
def test_documents_of_an_entity_newest_first_whichever_way_they_are_read(store, monkeypatch, frequent):
    load(store)
    # the plan for an entity in most documents (walk the dates) or in few (its index)
    monkeypatch.setattr(q, "_FREQUENT_ENTITY", -1 if frequent else 10**9)
    expected = [r["doc_id"] for r in store.query(
        "SELECT de.doc_id FROM doc_entities de JOIN documents d ON d.id = de.doc_id "
        "WHERE de.entity_id = 'Q232' ORDER BY d.published DESC, d.id")]
    assert len(expected) >= 3
    page = q.list_documents(store, entity="Kazakhstan", limit=2)
    rest = q.list_documents(store, entity="قازاقستان", limit=50, offset=2)
    assert page["total"] == rest["total"] == len(expected)
    assert [d["id"] for d in page["items"] + rest["items"]] == expected
    assert q.list_documents(store, entity="Kazakhstan", source="Xinhua")["total"] == \
        len([d for d in expected if store.scalar("SELECT source AS n FROM documents WHERE id = ?", (d,)) == "Xinhua"])


@pytest.mark.parametrize("frequent", [False, True])
def test_events_of_an_actor_in_date_order_whichever_way_they_are_read(store, monkeypatch, frequent):
    for r, t in _visits():
        store.put_record(r, t)
    # the plan for an actor of most events (walk the dates) or of few (its index)
    monkeypatch.setattr(q, "_FREQUENT_ENTITY", -1 if frequent else 10**9)
    page = q.timeline(store, actor="Kazakhstan")
    assert page["total"] == 2
    assert [e["date"] for e in page["items"]] == ["2023-05-18", "2024-07-04"]
    assert q.timeline(store, actor="Kazakhstan", limit=1, offset=1)["items"][0]["date"] == "2024-07-04"
    assert [e["date"] for e in q.timeline(store, actor="Kazakhstan", newest_first=True)["items"]] == \
        ["2024-07-04", "2023-05-18"]
    assert q.timeline(store, actor="Kazakhstan", status="planned")["total"] == 0
    assert q.timeline(store, actor="Kazakhstan", date_from="2024")["total"] == 1
    assert q.timeline(store, actor="Nowhere")["total"] == 0


def test_a_batch_ends_after_its_share_of_work(store, monkeypatch):
    """A slow source (raw articles being extracted) commits in small
    batches, so a crash loses seconds of work, not hundreds of documents."""
    import time
    from marsad.store import load as loader

    sizes = []
    real = loader._store_batch
    monkeypatch.setattr(loader, "_store_batch", lambda s, items: (sizes.append(len(items)), real(s, items))[1])

    def slow(docs):
        for r, t in docs:
            time.sleep(0.03)
            yield r, t, []

    docs = [_jan_may_figures(f"slow{k}", "Xinhua", [("8.8", 8.8e9, "exact", None)]) for k in range(8)]
    outcomes = list(loader.store_records(store, slow(docs), batch=500, batch_seconds=0.05))
    assert len(outcomes) == 8 and len(sizes) >= 3 and max(sizes) <= 3
    sizes.clear()
    list(loader.store_records(store, ((r, t, []) for r, t in docs), batch=500))
    assert sizes == [8]  # no time bound: one batch

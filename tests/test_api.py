"""The HTTP API (/api/v1) over a knowledge base built by running the
extractor on the demo corpus (plus a hostile made-up article): what the
records say is what the API must return."""
from __future__ import annotations

import shutil
import warnings
from urllib.parse import quote

import pytest

from tests import webdb

warnings.filterwarnings("ignore", message=".*httpx.*", category=DeprecationWarning)
fastapi = pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from marsad.web.app import create_app  # noqa: E402




def test_openapi_spec(client):
    r = client.get("/api/v1/openapi.json")
    assert r.status_code == 200
    spec = r.json()
    assert spec["openapi"].startswith("3.")
    paths = set(spec["paths"])
    for p in ("/api/v1/documents", "/api/v1/documents/{doc_id}", "/api/v1/entities", "/api/v1/entities/{name}",
              "/api/v1/events", "/api/v1/timeline", "/api/v1/claims", "/api/v1/figures", "/api/v1/conflicts",
              "/api/v1/search", "/api/v1/overview"):
        assert p in paths
    assert all(p.startswith("/api/v1/") for p in paths)  # pages are not part of the API
    assert not any("post" in ops for ops in spec["paths"].values())  # read-only by default


def test_documents_paginated(client, demo):
    recs = webdb.records(demo)
    r = client.get("/api/v1/documents", params={"limit": 5})
    page = r.json()
    assert r.status_code == 200 and page["total"] == len(recs) and len(page["items"]) == 5
    seen = [d["id"] for d in page["items"]]
    rest = client.get("/api/v1/documents", params={"limit": 5, "offset": 5}).json()["items"]
    assert not set(seen) & {d["id"] for d in rest}
    every = client.get("/api/v1/documents", params={"limit": 500}).json()["items"]
    assert {d["id"] for d in every} == {r["document"]["id"] for r in recs}
    published = [d["published"] for d in every if d["published"]]
    assert published == sorted(published, reverse=True)  # newest first


def test_document_detail_is_the_record(client, demo):
    for rec, text in demo[1][:3]:
        doc_id = rec["document"]["id"]
        got = client.get(f"/api/v1/documents/{quote(doc_id)}").json()
        assert got["document"]["id"] == doc_id
        assert got["document"]["sha256"] == rec["document"]["sha256"]
        assert got["text"] == text
        assert got["record"]["figures"] == rec["figures"]
        assert {e["id"] for e in got["record"]["entities"]} == {e["id"] for e in rec["entities"]}
    r = client.get("/api/v1/documents/no-such-document")
    assert r.status_code == 404 and "no-such-document" in r.json()["detail"]


def test_entity_found_by_any_spelling(client, demo):
    # the entity seen under the most distinct spellings across the demo
    spellings: dict[str, set] = {}
    for rec in webdb.records(demo):
        for e in rec["entities"]:
            spellings.setdefault(e["id"], set()).update(m["text"] for m in e["mentions"])
    ent_id, texts = max(spellings.items(), key=lambda kv: len(kv[1]))
    assert len(texts) >= 2
    for text in sorted(texts):
        r = client.get(f"/api/v1/entities/{quote(text)}", params={"limit": 5})
        assert r.status_code == 200, text
        assert r.json()["id"] == ent_id, text
    detail = client.get(f"/api/v1/entities/{quote(ent_id)}").json()
    assert {s["text"] for s in detail["spellings"]} == texts
    listed = client.get("/api/v1/entities", params={"q": sorted(texts)[0]}).json()["items"]
    assert ent_id in [e["id"] for e in listed]
    assert client.get("/api/v1/entities/" + quote("لا يوجد شيء بهذا الاسم")).status_code == 404


def test_events_filters(client, demo):
    reports = [e for r in webdb.records(demo) for e in r["events"]]
    if not reports:
        pytest.skip("the extractor finds no events yet")
    etype = max({e["type"] for e in reports}, key=lambda t: sum(e["type"] == t for e in reports))
    got = client.get("/api/v1/events", params={"type": etype, "limit": 500}).json()
    assert got["total"] == sum(e["type"] == etype for e in reports)
    assert all(e["type"] == etype for e in got["items"])
    for status in ("occurred", "planned"):
        items = client.get("/api/v1/timeline", params={"status": status, "limit": 500}).json()["items"]
        assert all(i["status"] == status for i in items)
    dated = sorted(e["date"] for e in reports if e.get("date"))
    lo, hi = dated[0][:4], dated[-1][:4]
    items = client.get("/api/v1/events", params={"date_from": hi, "date_to": hi, "limit": 500}).json()["items"]
    assert items and all(i["date"] and i["date"][:4] == hi for i in items)
    assert client.get("/api/v1/events", params={"date_from": lo, "limit": 500}).json()["total"] == len(dated)
    # an actor by an Arabic spelling
    actor = next(a for e in reports for a in e["actors"])
    name = next(m["text"] for r in webdb.records(demo) for e in r["entities"] if e["id"] == actor for m in e["mentions"])
    items = client.get("/api/v1/timeline", params={"actor": name, "limit": 500}).json()["items"]
    assert items and all(actor in [a["id"] for a in i["actors"]] or
                         any(actor in rep["actors"] for rep in i["reports"]) for i in items)


def test_claims_by_metric_and_pair(client, demo):
    fig = next(f for r in webdb.records(demo) for f in r["figures"] if len(f["subject"]) == 2 and f["period"])
    a, b = fig["subject"]
    got = client.get("/api/v1/claims", params=[("metric", fig["metric"]), ("between", a), ("between", b), ("limit", 500)]).json()
    assert got["items"]
    for c in got["items"]:
        assert c["metric"] == fig["metric"]
        assert {s["id"] for s in c["subject"]} == {a, b}
    assert any(c["period"] == fig["period"] and any(f["value"] == fig["value"] for f in c["figures"]) for c in got["items"])
    series = client.get("/api/v1/figures", params=[("metric", fig["metric"]), ("between", a), ("between", b)]).json()
    assert series["total"] == got["total"]


def test_conflicts_have_sides(client):
    got = client.get("/api/v1/conflicts").json()
    for c in got["items"]:
        assert c["status"] in ("conflict", "unclear")
        assert len(c["sides"]) >= 2
        for side in c["sides"]:
            for f in side["figures"]:
                assert f["evidence"]["text"] and f["document"]["id"]


def test_search_any_spelling(client, demo):
    spellings: dict[str, set] = {}
    for rec in webdb.records(demo):
        for e in rec["entities"]:
            if e["type"] == "country":
                spellings.setdefault(e["id"], set()).update(m["text"] for m in e["mentions"])
    ent_id, texts = max(spellings.items(), key=lambda kv: len(kv[1]))
    docs_with = {r["document"]["id"] for r in webdb.records(demo) if any(e["id"] == ent_id for e in r["entities"])}
    for text in sorted(texts)[:3]:
        got = client.get("/api/v1/search", params={"q": text, "limit": 500}).json()
        found = {i["document"]["id"] for i in got["items"]}
        assert found and found <= docs_with | found  # ranked results
        assert len(found & docs_with) >= min(len(docs_with), 2), text


def test_overview(client, demo):
    ov = client.get("/api/v1/overview").json()
    assert ov["documents"] == len(webdb.records(demo))
    assert sum(s["documents"] for s in ov["by_source"]) == len(webdb.records(demo))


@pytest.mark.parametrize("path,params,needle", [
    ("/api/v1/events", {"date_from": "2022-13"}, "date_from"),
    ("/api/v1/events", {"date_to": "yesterday"}, "date_to"),
    ("/api/v1/events", {"type": "HUG"}, "type"),
    ("/api/v1/events", {"status": "rumoured"}, "status"),
    ("/api/v1/timeline", {"limit": 0}, "limit"),
    ("/api/v1/timeline", {"limit": 100000}, "limit"),
    ("/api/v1/documents", {"offset": -1}, "offset"),
    ("/api/v1/documents", {"month": "2024-7"}, "month"),
    ("/api/v1/claims", {"metric": "gdp"}, "metric"),
    ("/api/v1/claims", {"period": "2022/x"}, "period"),
    ("/api/v1/claims", [("between", "a"), ("between", "b"), ("between", "c")], "between"),
    ("/api/v1/search", {}, "q"),
    ("/api/v1/search", {"q": "   "}, "q"),
    ("/api/v1/search", {"q": "a\x00b"}, "q"),
    ("/api/v1/entities", {"q": "x" * 201}, "q"),
])
def test_bad_parameters_are_422_with_a_message(client, path, params, needle):
    r = client.get(path, params=params)
    assert r.status_code == 422
    body = r.json()
    assert needle in body["message"]
    assert body["detail"]  # FastAPI's list of errors, as the OpenAPI spec says


def test_read_only_by_default(client):
    for method in ("post", "put", "delete", "patch"):
        r = client.request(method, "/api/v1/documents", json={"id": "x", "text": "نص"})
        assert r.status_code == 405
    with pytest.raises(ValueError):
        create_app(webdb.hostile_db()[0], allow_ingest=True)  # no token, no write endpoint


def test_ingest_needs_the_token(demo, tmp_path):
    db = tmp_path / "copy.db"
    shutil.copy(demo[0], db)
    app = create_app(str(db), allow_ingest=True, token="s3cret")
    doc = {"id": "posted_1", "published": "2024-05-02", "source": "Test Wire",
           "text": "أستانا 2 مايو 2024 — بلغ حجم التبادل التجاري بين كازاخستان والصين 12 مليار دولار في الربع الأول من 2024."}
    with TestClient(app) as c:
        assert c.post("/api/v1/documents", json=doc).status_code == 401
        assert c.post("/api/v1/documents", json=doc, headers={"Authorization": "Bearer nope"}).status_code == 401
        r = c.post("/api/v1/documents", json=doc, headers={"Authorization": "Bearer s3cret"})
        assert r.status_code == 201, r.text
        assert r.json()["outcome"] == "added"
        again = c.post("/api/v1/documents", json=doc, headers={"Authorization": "Bearer s3cret"})
        assert again.json()["outcome"] == "unchanged"
        got = c.get("/api/v1/documents/posted_1").json()
        assert got["text"] == doc["text"] and got["document"]["source"] == "Test Wire"
        bad = c.post("/api/v1/documents", json={"text": "x"}, headers={"Authorization": "Bearer s3cret"})
        assert bad.status_code == 422
        assert "post" in c.get("/api/v1/openapi.json").json()["paths"]["/api/v1/documents"]


def test_overview_is_kept_only_until_the_base_changes(demo, tmp_path):
    """The overview is answered from memory while nothing is written, and
    counts a document stored through the API or by another process at once."""
    from marsad.store import open_store

    db = tmp_path / "copy.db"
    shutil.copy(demo[0], db)
    n = len(webdb.records(demo))
    doc = {"id": "posted_2", "published": "2024-05-02", "source": "Test Wire",
           "text": "أستانا 2 مايو 2024 — بلغ حجم التبادل التجاري بين كازاخستان والصين 12 مليار دولار في الربع الأول من 2024."}
    with TestClient(create_app(str(db), allow_ingest=True, token="t")) as c:
        for _ in range(3):
            assert c.get("/api/v1/overview").json()["documents"] == n
            assert f"<b>{n}</b>" in c.get("/").text
        assert c.post("/api/v1/documents", json=doc, headers={"Authorization": "Bearer t"}).status_code == 201
        assert c.get("/api/v1/overview").json()["documents"] == n + 1
        assert f"<b>{n + 1}</b>" in c.get("/").text
        (record, text), = webdb.extract_docs([{**doc, "id": "other_process"}])
        other = open_store(str(db))
        other.put_record(record, text)
        other.close()
        ov = c.get("/api/v1/overview").json()
        assert ov["documents"] == n + 2 and {"source": "Test Wire", "documents": 2} in ov["by_source"]
        assert f"<b>{n + 2}</b>" in c.get("/").text


def test_schemathesis_finds_no_server_error(demo):
    schemathesis = pytest.importorskip("schemathesis")
    from hypothesis import HealthCheck, settings

    app = create_app(demo[0])
    schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", app)
    failures = []
    for operation in schema.get_all_operations():
        op = operation.ok()

        @settings(max_examples=25, deadline=None, database=None, derandomize=True,
                  suppress_health_check=list(HealthCheck))
        def check(case):
            response = case.call()
            if response.status_code >= 500:
                failures.append(f"{case.method} {case.formatted_path} {case.query}: {response.status_code}")
            case.validate_response(response, checks=[schemathesis.checks.not_a_server_error])

        from hypothesis import given

        given(op.as_strategy())(check)()
    assert not failures, failures


def test_serve_command_usage_errors(tmp_path):
    from typer.testing import CliRunner

    from marsad.cli import app as cli

    runner = CliRunner()
    r = runner.invoke(cli, ["serve", "--db", str(tmp_path / "missing.db")])
    assert r.exit_code == 2 and "no such database" in r.output
    r = runner.invoke(cli, ["serve", "--db", webdb.hostile_db()[0], "--allow-ingest"], env={"MARSAD_TOKEN": ""})
    assert r.exit_code == 2 and "--token" in r.output
    r = runner.invoke(cli, ["serve", "--port", "0"])
    assert r.exit_code == 2

"""The pages in a real browser: Playwright's Python package driving Debian's
Chromium (never a browser Playwright downloads). Skipped when Chromium is
missing, unless CI_REQUIRE_BROWSER=1 (then a missing browser fails).

Screenshots go to $MARSAD_SCREENSHOTS when set (docs/screenshots for the
README), else to a temporary directory.
"""
from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from pathlib import Path
from urllib.parse import quote, urlparse

import pytest

from tests import webdb

CHROMIUM = os.environ.get("MARSAD_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
REQUIRED = os.environ.get("CI_REQUIRE_BROWSER") == "1"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-dev-shm-usage"]


def _browser_or_skip():
    missing = None
    if not Path(CHROMIUM).exists():
        missing = f"Chromium not found at {CHROMIUM}"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError as exc:
            missing = f"playwright is not installed: {exc}"
    if missing:
        if REQUIRED:
            pytest.fail(f"{missing} (CI_REQUIRE_BROWSER=1)")
        pytest.skip(missing)


class Server:
    """uvicorn serving create_app(db) on a free loopback port, in a thread."""

    def __init__(self, db: str):
        import uvicorn

        from marsad.web.app import create_app

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=self.port, log_level="error"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        deadline = time.time() + 20
        while not self.server.started:
            if time.time() > deadline or not self.thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.05)
        self.url = f"http://127.0.0.1:{self.port}"

    def stop(self):
        self.server.should_exit = True
        self.thread.join(10)


@pytest.fixture(scope="module")
def browser():
    _browser_or_skip()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def demo_server():
    path, docs = webdb.demo_db()
    srv = Server(path)
    yield srv, docs
    srv.stop()


@pytest.fixture(scope="module")
def hostile_server():
    path, docs = webdb.hostile_db()
    srv = Server(path)
    yield srv, docs
    srv.stop()


@pytest.fixture(scope="module")
def seeds_server():
    if not webdb.SEEDS.is_dir():
        pytest.skip("../shared/seeds is not there")
    path, docs = webdb.seeds_db()
    srv = Server(path)
    yield srv, docs
    srv.stop()


@pytest.fixture(scope="module")
def shots(tmp_path_factory):
    target = os.environ.get("MARSAD_SCREENSHOTS")
    d = Path(target) if target else tmp_path_factory.mktemp("screenshots")
    d.mkdir(parents=True, exist_ok=True)
    return d


@pytest.fixture
def page(browser):
    """A fresh page that records console errors, failed requests and any
    request to a host other than the test server (nothing may be fetched)."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ar")
    p = ctx.new_page()
    p.problems = []  # type: ignore[attr-defined]
    p.on("console", lambda m: m.type == "error" and p.problems.append(f"console: {m.text}"))
    p.on("pageerror", lambda e: p.problems.append(f"page error: {e}"))
    p.on("dialog", lambda d: (p.problems.append(f"dialog: {d.message}"), d.dismiss()))

    def guard(route):
        host = urlparse(route.request.url).hostname
        if host not in ("127.0.0.1", "localhost"):
            p.problems.append(f"external request: {route.request.url}")
            return route.abort()
        return route.continue_()

    p.route("**/*", guard)
    yield p
    ctx.close()


def _open(page, url: str, status: int = 200):
    resp = page.goto(url, wait_until="load")
    assert resp is not None and resp.status == status, f"{url}: {resp and resp.status}"
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("html").get_attribute("lang") == "ar"
    assert page.locator("form[role=search] input[name=q]").count() == 1
    return resp


def _first_doc_with(docs, key):
    return next(((r, t) for r, t in docs if r.get(key)), (None, None))


def _pages(docs):
    """Every page, with a name for its screenshot."""
    rec, _ = _first_doc_with(docs, "figures")
    rec = rec or docs[0][0]
    ent = max((e for r, _ in docs for e in r["entities"] if e["type"] == "country"),
              key=lambda e: len({m["text"] for m in e["mentions"]}), default=None)
    fig = next((f for r, _ in docs for f in r["figures"] if len(f.get("subject") or []) == 2), None)
    spelling = ent["mentions"][0]["text"] if ent else "الصين"
    out = [("overview", "/"), ("timeline", "/timeline"), ("conflicts", "/conflicts"), ("likely-errors", "/likely-errors"),
           ("documents", "/documents"),
           ("entities", "/entities"), ("document", f"/documents/{quote(rec['document']['id'])}"),
           ("search", f"/search?q={quote(spelling)}")]
    if fig:
        out.append(("figures", f"/figures?metric={fig['metric']}&a={quote(fig['subject'][0])}&b={quote(fig['subject'][1])}"))
    else:
        out.append(("figures", "/figures"))
    if ent:
        out.append(("entity", f"/entities/{quote(ent['id'])}"))
    return out


def test_every_page_on_the_demo(page, demo_server, shots):
    srv, docs = demo_server
    for name, path in _pages(docs):
        _open(page, srv.url + path)
        assert page.locator("main h1").count() == 1, name
        page.screenshot(path=str(shots / f"{name}.png"), full_page=name in ("figures", "overview"))
    assert not page.problems, page.problems


def test_every_page_on_the_seeds(page, seeds_server):
    srv, docs = seeds_server
    for _, path in _pages(docs):
        _open(page, srv.url + path)
    assert not page.problems, page.problems


def test_timeline_to_document_evidence(page, demo_server):
    srv, docs = demo_server
    if not any(r["events"] for r, _ in docs):
        pytest.skip("the extractor finds no events yet")
    _open(page, srv.url + "/timeline")
    items = page.locator("ol.timeline li.event")
    assert items.count() > 0
    statuses = set(items.evaluate_all("els => els.map(e => e.dataset.status)"))
    assert statuses <= {"occurred", "planned", "expected", "ongoing"}
    link = page.locator("ol.timeline li.event a.evidence").first
    href = link.get_attribute("href")
    link.click()
    page.wait_for_load_state("load")
    assert "/documents/" in page.url
    anchor = href.split("#", 1)[1]
    target = page.locator(f"[id='{anchor}']")
    assert target.count() == 1, f"no element #{anchor} on {page.url}"
    # the evidence is on screen and marked as the target
    assert page.evaluate("() => document.querySelector(':target') !== null")
    assert target.evaluate("e => e.getBoundingClientRect().bottom > 0 && e.getBoundingClientRect().top < innerHeight")
    assert not page.problems, page.problems


def test_document_highlights(page, demo_server, shots):
    srv, docs = demo_server
    rec, text = _first_doc_with(docs, "figures")
    _open(page, srv.url + f"/documents/{quote(rec['document']['id'])}")
    marks = page.locator("article mark.hl")
    assert marks.count() > 0
    # every entity mark's text is a mention the record lists for that entity
    mentions = {(e["id"], m["text"]) for e in rec["entities"] for m in e["mentions"]}
    for ent_id, txt in page.locator("article mark.hl-entity").evaluate_all(
            "els => els.map(e => [e.dataset.entity, e.textContent])"):
        assert any(i == ent_id and txt in m for i, m in mentions), (ent_id, txt)
    # every figure's words are marked, and hovering shows what was extracted
    fig_texts = page.locator("article mark.hl-figure").all_text_contents()
    for f in rec["figures"]:
        assert any(f["value_text"] in t or t in f["value_text"] for t in fig_texts), f["value_text"]
    figs = page.locator("article mark.hl-figure")
    # an unwrapped one nearest the start of its (right-to-left) line, for the screenshot
    xs = figs.evaluate_all("els => els.map(e => e.getClientRects().length === 1 ? e.getBoundingClientRect().right : -1)")
    first = figs.nth(xs.index(max(xs)))
    first.scroll_into_view_if_needed()
    first.hover()
    tip = first.evaluate("e => getComputedStyle(e, '::after').content")
    assert rec["figures"][0]["metric"] in tip or any(f["metric"] in tip for f in rec["figures"])
    page.screenshot(path=str(shots / "document-hover.png"))
    # the record as JSON is on the page
    assert rec["document"]["sha256"] in page.locator("#record-json").text_content()
    assert not page.problems, page.problems


def test_hostile_article_is_inert(page, hostile_server):
    srv, _ = hostile_server
    for path in (f"/documents/{webdb.EVIL_ID}", "/documents", "/search?q=" + quote("توكاييف"), "/timeline", "/"):
        _open(page, srv.url + path)
        flags = page.evaluate("() => Object.keys(window).filter(k => k.startsWith('__pwned'))")
        assert flags == [], (path, flags)
        assert page.locator("article script, article img, article svg, article a[href^=javascript]").count() == 0
    _open(page, srv.url + f"/documents/{webdb.EVIL_ID}")
    assert "<script>window.__pwned = 1;</script>" in page.locator("article").text_content()
    assert not page.problems, page.problems

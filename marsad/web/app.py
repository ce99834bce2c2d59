"""The FastAPI application: server-rendered pages (Arabic first, English
labels alongside) and a JSON API under /api/v1, both thin views over
`marsad.query` (no SQL here).

`create_app(db)` serves the knowledge base at `db` (an SQLite path, a
postgresql:// URL, or an open `Store`) read-only; `allow_ingest=True` with a
`token` adds POST /api/v1/documents, guarded by `Authorization: Bearer`.
"""

import gc
import hmac
import json
import threading
from collections import defaultdict
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from urllib.parse import urlencode
from typing import Annotated, Any, Callable, Literal, Optional

import jinja2
from fastapi import APIRouter, Body, Depends, FastAPI, Header, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from pydantic import StringConstraints

from marsad import query as Q
from marsad.web import charts, fragments
from marsad.web.fragments import CLAIM_STATUS_AR, STATUS_AR, ev_anchor, fig_anchor
from marsad.web.highlight import highlight

HERE = Path(str(resources.files("marsad") / "web"))

EVENT_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
               "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
STATUSES = ("occurred", "planned", "expected", "ongoing")
ENTITY_TYPES = ("country", "person", "organization", "city", "region", "facility", "initiative", "event", "other")
METRICS = ("trade_volume", "exports", "imports", "investment", "trade_growth", "export_growth", "import_growth",
           "freight_trains", "containers", "companies", "project_value", "capacity", "sales", "count_other")
METRIC_AR = {
    "trade_volume": "حجم التبادل التجاري", "exports": "الصادرات", "imports": "الواردات", "investment": "الاستثمار",
    "trade_growth": "نمو التجارة", "export_growth": "نمو الصادرات", "import_growth": "نمو الواردات",
    "freight_trains": "قطارات الشحن", "containers": "الحاويات", "companies": "الشركات",
    "project_value": "قيمة المشروعات", "capacity": "القدرة", "sales": "المبيعات", "count_other": "أعداد أخرى",
}

# Validation of query parameters: the pattern is the contract (and the 422 message).
DATE = r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"
PERIOD = r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?(/\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?)?$"
MONTH = r"^\d{4}-(0[1-9]|1[0-2])$"
TEXT = r"^[^\x00-\x1f\x7f]*[^\x00-\x20\x7f][^\x00-\x1f\x7f]*$"  # no control characters, not blank
Name = Annotated[str, StringConstraints(min_length=1, max_length=200, pattern=TEXT)]
MAX_OFFSET = 1_000_000_000

EventType = Literal[EVENT_TYPES]  # type: ignore[valid-type]
Status = Literal[STATUSES]  # type: ignore[valid-type]
EntityType = Literal[ENTITY_TYPES]  # type: ignore[valid-type]
Metric = Literal[METRICS]  # type: ignore[valid-type]
ClaimStatus = Literal["single", "agree", "conflict", "unclear"]


NameQ = Annotated[Optional[str], Query(description="An id (Q232, marsad:…), an English name or an Arabic name in any spelling.",
                                       min_length=1, max_length=200, pattern=TEXT)]
DateFrom = Annotated[Optional[str], Query(description="ISO partial date (2022, 2022-05, 2022-05-14), inclusive.", pattern=DATE)]
DateTo = Annotated[Optional[str], Query(description="ISO partial date (2022, 2022-05, 2022-05-14), inclusive.", pattern=DATE)]
Limit = Annotated[int, Query(ge=1, le=Q.MAX_LIMIT, description="Page size.")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Items to skip.")]
Between = Annotated[Optional[list[Name]], Query(max_length=2, description="One or two actors that must be among the subjects (two: exactly that pair).")]
Reports = Annotated[int, Query(ge=0, le=Q.MAX_LIMIT, description="Reports listed with each event (all of them: /timeline/{id}).")]
PerSide = Annotated[int, Query(ge=0, le=Q.MAX_LIMIT, description="Figures listed per side of each claim (all of them: /claims/{id}).")]


# --- the store, one connection per thread --------------------------------------

class _Stores:
    """Stores are opened per thread (SQLite connections stay in the thread
    that opened them); an open `Store` handed in is shared under a lock."""

    def __init__(self, db: Any, writable: bool):
        self.db = db
        self.writable = writable
        self.local = threading.local()
        self.lock = threading.RLock() if not isinstance(db, (str, Path)) else None

    def get(self):
        if self.lock is not None:
            return self.db
        store = getattr(self.local, "store", None)
        if store is None:
            from marsad.store import open_store

            store = open_store(str(self.db), migrate=False, readonly=not self.writable)
            self.local.store = store
        return store

    def run(self, fn: Callable, *args, **kw):
        if self.lock is not None:
            with self.lock:
                return fn(self.db, *args, **kw)
        return fn(self.get(), *args, **kw)

    def cached(self, fn: Callable, *args, **kw):
        """`run(fn, …)`, its answer kept until the database changes: for the
        answers about the whole base that every visitor asks again (the
        overview counts all 100,000 documents by outlet and month). Only
        SQLite says cheaply whether anything changed (PRAGMA data_version
        moves when another connection commits, total_changes when this one
        writes), so the answers are kept per thread, with its connection;
        other engines are asked each time."""
        if self.lock is not None:
            return self.run(fn, *args, **kw)
        store = self.get()
        conn = getattr(store, "conn", None) if getattr(store, "engine", "") == "sqlite" else None
        if conn is None:
            return fn(store, *args, **kw)
        version = (conn.execute("PRAGMA data_version").fetchone()[0], conn.total_changes)
        cache = getattr(self.local, "cache", None)
        if cache is None:
            cache = self.local.cache = {}
        key = (fn, args, tuple(sorted(kw.items())))
        hit = cache.get(key)
        if hit is not None and hit[0] == version:
            return hit[1]
        value = fn(store, *args, **kw)
        if len(cache) >= 64:
            cache.clear()
        cache[key] = (version, value)
        return value


_HEADERS = [
    # Articles are untrusted: no script runs on these pages, none is loaded from elsewhere.
    (b"content-security-policy", b"default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                                 b"img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
]


class _SecurityHeaders:
    """Pure ASGI middleware (cheaper than BaseHTTPMiddleware): security headers on every response."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                have = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [h for h in _HEADERS if h[0] not in have]
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for e in exc.errors():
        loc = [str(x) for x in e.get("loc", ())]
        where = loc[0] if loc else "request"
        name = ".".join(loc[1:]) or where
        msg = e.get("msg", "invalid")
        if e.get("type") == "string_pattern_mismatch":
            pattern = (e.get("ctx") or {}).get("pattern", "")
            msg = {DATE: "expected an ISO date: YYYY, YYYY-MM or YYYY-MM-DD", PERIOD: "expected an ISO period: "
                   "YYYY, YYYY-MM, YYYY-MM-DD or START/END", MONTH: "expected a month: YYYY-MM",
                   TEXT: "expected non-blank text without control characters"}.get(pattern, msg)
        parts.append(f"{where} parameter '{name}': {msg}" if where in ("query", "path", "header") else f"{name}: {msg}")
    return "; ".join(parts) or "invalid request"


_DICT_ATTRIBUTES = frozenset(dir(dict))


class _Environment(jinja2.Environment):
    """Jinja's environment, but `x.name` on a plain dict (what the queries
    return) looks the key up at once instead of after a failed attribute
    lookup: that exception per access was a quarter of the figures page's
    time. Dict methods (`items`, `get` …) stay methods, as in Jinja, so
    every template reads the same."""

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is dict and attribute not in _DICT_ATTRIBUTES:
            try:
                return obj[attribute]
            except KeyError:
                return self.undefined(obj=obj, name=attribute)
        return super().getattr(obj, attribute)


def create_app(db: Any, allow_ingest: bool = False, token: str | None = None) -> FastAPI:
    """The marsad web application over the knowledge base `db`."""
    if allow_ingest and not token:
        raise ValueError("allow_ingest needs a token")
    stores = _Stores(db, writable=allow_ingest)
    @asynccontextmanager
    async def lifespan(app: FastAPI):
        # What is loaded by now (modules, routes, the app) lives as long as the
        # server: out of the collector's sight, a full collection no longer
        # walks it (it took 40-130 ms in the middle of a request on a loaded
        # 2-core machine, the worst of the pages' p95).
        gc.freeze()
        yield

    app = FastAPI(
        lifespan=lifespan,
        title="marsad API",
        version="1",
        description="The knowledge base of relations between countries read from Arabic news: documents, entities, "
                    "events, figures and claims, conflicts, search. Field names reuse marsad.document/1's. "
                    "Lists are pages: {items, total, limit, offset}.",
        openapi_url="/api/v1/openapi.json",
        docs_url=None,  # Swagger UI would load assets from a CDN: nothing is fetched at run time
        redoc_url=None,
    )
    app.state.stores = stores
    templates = Jinja2Templates(env=_Environment(loader=jinja2.FileSystemLoader(str(HERE / "templates")),
                                                 autoescape=jinja2.select_autoescape()))
    env = templates.env
    env.globals.update(METRICS=METRICS, METRIC_AR=METRIC_AR, STATUS_AR=STATUS_AR, CLAIM_STATUS_AR=CLAIM_STATUS_AR,
                       EVENT_TYPES=EVENT_TYPES, STATUSES=STATUSES, human=charts.human, allow_ingest=allow_ingest)
    # The pieces repeated down long lists, built in Python (see fragments.py).
    env.globals.update({name: getattr(fragments, name) for name in (
        "ent", "actors", "docref", "status_badge", "claim_badge", "evidence_link", "figure_value",
        "event_href", "claim_href", "side_rows", "likely_error_rows", "timeline_events")})
    env.filters["human"] = charts.human
    env.filters["ev_anchor"] = ev_anchor
    env.filters["fig_anchor"] = fig_anchor
    env.filters["ent_name"] = ent_name
    env.filters["anchor_id"] = charts.anchor_id
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError):
        message = _validation_message(exc)
        if request.url.path.startswith("/api/"):
            detail = json.loads(json.dumps(exc.errors(), default=str))
            return JSONResponse({"detail": detail, "message": message}, status_code=422)
        return templates.TemplateResponse(request, "error.html", {"page": "error", "status": 422, "message": message},
                                          status_code=422)

    async def _html_errors(request: Request, exc: HTTPException):
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)
        return templates.TemplateResponse(request, "error.html",
                                          {"page": "error", "status": exc.status_code, "message": str(exc.detail)},
                                          status_code=exc.status_code)

    from starlette.exceptions import HTTPException as StarletteHTTPException

    app.add_exception_handler(StarletteHTTPException, _html_errors)

    app.add_middleware(_SecurityHeaders)
    app.include_router(_api(stores, allow_ingest, token))
    app.include_router(_pages(stores, templates))
    return app


# --- helpers shared by pages ----------------------------------------------------

def ent_name(e: Any) -> str:
    if isinstance(e, dict):
        return e.get("name_ar") or e.get("name_en") or e.get("id") or "?"
    return str(e)


def _or_404(found, what: str):
    """`found`, or a 404 saying `what` when the query found nothing."""
    if found is None:
        raise HTTPException(status_code=404, detail=what)
    return found


# --- the API ------------------------------------------------------------------------

def _api(stores: _Stores, allow_ingest: bool, token: str | None) -> APIRouter:
    api = APIRouter(prefix="/api/v1")
    run = stores.run

    @api.get("/overview", tags=["overview"], summary="The corpus at a glance")
    def overview(top: Annotated[int, Query(ge=1, le=100)] = 10) -> dict:
        return stores.cached(Q.overview, top=top)

    @api.get("/documents", tags=["documents"], summary="Documents, newest first")
    def documents(source: Annotated[Optional[str], Query(min_length=1, max_length=200, pattern=TEXT, description="Outlet (exact).")] = None,
                  month: Annotated[Optional[str], Query(pattern=MONTH, description="Publication month YYYY-MM.")] = None,
                  entity: NameQ = None, limit: Limit = Q.DEFAULT_LIMIT, offset: Offset = 0) -> dict:
        return run(Q.list_documents, source=source, month=month, entity=entity, limit=limit, offset=offset)

    @api.get("/documents/{doc_id:path}", tags=["documents"], summary="One document with its record and text",
             responses={404: {"description": "No such document"}})
    def document(doc_id: Annotated[str, PathParam(min_length=1, max_length=300)]) -> dict:
        return _or_404(run(Q.get_document, doc_id), f"no document {doc_id!r}")

    @api.get("/entities", tags=["entities"], summary="Entities found by any spelling")
    def entities(q: NameQ = None, type: Annotated[Optional[EntityType], Query(description="Entity type.")] = None,
                 limit: Limit = Q.DEFAULT_LIMIT, offset: Offset = 0) -> dict:
        return run(Q.find_entities, q, type=type, limit=limit, offset=offset)

    @api.get("/entities/{name:path}", tags=["entities"], summary="An entity's profile (by id or any spelling)",
             responses={404: {"description": "No such entity"}})
    def entity(name: Annotated[str, PathParam(min_length=1, max_length=200, pattern=TEXT)],
               limit: Limit = Q.DEFAULT_LIMIT) -> dict:
        return _or_404(run(Q.entity_detail, name, limit=limit), f"no entity {name!r}")

    def _event_filters(actor: NameQ = None, type: Annotated[Optional[EventType], Query(description="PLOVER event type.")] = None,
                       status: Annotated[Optional[Status], Query(description="occurred, planned, expected or ongoing.")] = None,
                       date_from: DateFrom = None, date_to: DateTo = None,
                       limit: Limit = Q.DEFAULT_LIMIT, offset: Offset = 0) -> dict:
        return dict(actor=actor, type=type, status=status, date_from=date_from, date_to=date_to, limit=limit, offset=offset)

    @api.get("/events", tags=["events"], summary="Event reports (one per document)")
    def events(f: Annotated[dict, Depends(_event_filters)]) -> dict:
        return run(Q.events, **f)

    @api.get("/timeline", tags=["events"], summary="Event clusters: one real-world event told by one or more outlets")
    def timeline(f: Annotated[dict, Depends(_event_filters)], reports: Reports = Q.REPORTS_PER_EVENT) -> dict:
        return run(Q.timeline, **f, reports=reports)

    @api.get("/timeline/{cluster_id:path}", tags=["events"], summary="One event and its reports, a page at a time",
             responses={404: {"description": "No such event"}})
    def event(cluster_id: Annotated[str, PathParam(min_length=1, max_length=400)],
              limit: Limit = Q.DEFAULT_LIMIT, offset: Offset = 0) -> dict:
        return _or_404(run(Q.event_detail, cluster_id, limit=limit, offset=offset), f"no event {cluster_id!r}")

    @api.get("/claims", tags=["figures"], summary="Figures grouped into claims, with every source's value")
    def claims(metric: Annotated[Optional[Metric], Query(description="Metric name.")] = None, between: Between = None,
               period: Annotated[Optional[str], Query(pattern=PERIOD, description="Period prefix or interval.")] = None,
               status: Annotated[Optional[ClaimStatus], Query(description="single, agree, conflict or unclear.")] = None,
               limit: Limit = Q.DEFAULT_LIMIT, offset: Offset = 0, per_side: PerSide = Q.FIGURES_PER_CLAIM) -> dict:
        return run(Q.claims, metric=metric, between=between, period=period, status=status, limit=limit, offset=offset,
                   per_side=per_side)

    @api.get("/claims/{key:path}", tags=["figures"], summary="One claim and its figures, a page at a time",
             responses={404: {"description": "No such claim"}})
    def claim(key: Annotated[str, PathParam(min_length=1, max_length=1000)],
              limit: Limit = Q.DEFAULT_LIMIT, offset: Offset = 0) -> dict:
        return _or_404(run(Q.claim_detail, key, limit=limit, offset=offset), f"no claim {key!r}")

    @api.get("/figures", tags=["figures"], summary="A series: every source's value for each period")
    def figures(metric: Annotated[Optional[Metric], Query(description="Metric name.")] = None, between: Between = None,
                period: Annotated[Optional[str], Query(pattern=PERIOD, description="Period prefix or interval.")] = None,
                limit: Limit = Q.DEFAULT_LIMIT, offset: Offset = 0, per_side: PerSide = Q.FIGURES_PER_CLAIM) -> dict:
        return run(Q.figures, metric=metric, between=between, period=period, limit=limit, offset=offset,
                   per_side=per_side)

    @api.get("/conflicts", tags=["figures"], summary="Claims whose sources disagree")
    def conflicts(metric: Annotated[Optional[Metric], Query(description="Metric name.")] = None, actor: NameQ = None,
                  limit: Limit = Q.DEFAULT_LIMIT, offset: Offset = 0, per_side: PerSide = Q.FIGURES_PER_CLAIM) -> dict:
        return run(Q.conflicts, metric=metric, actor=actor, limit=limit, offset=offset, per_side=per_side)

    @api.get("/likely-errors", tags=["figures"], summary="Figures whose subject is implausible for their document")
    def likely_errors(document: Annotated[Optional[str], Query(min_length=1, max_length=300, description="Document id.")] = None,
                      limit: Limit = Q.DEFAULT_LIMIT, offset: Offset = 0) -> dict:
        return run(Q.likely_errors, document=document, limit=limit, offset=offset)

    @api.get("/search", tags=["search"], summary="Full-text search; any spelling of a name finds all")
    def search(q: Annotated[str, Query(min_length=1, max_length=200, pattern=TEXT, description="Words to find.")],
               limit: Limit = Q.DEFAULT_LIMIT, offset: Offset = 0) -> dict:
        return run(Q.search, q, limit=limit, offset=offset)

    if allow_ingest:
        expected = f"Bearer {token}"

        def _authorized(authorization: Annotated[Optional[str], Header()] = None) -> None:
            if not authorization or not hmac.compare_digest(authorization.encode(), expected.encode()):
                raise HTTPException(status_code=401, detail="a valid bearer token is required",
                                    headers={"WWW-Authenticate": "Bearer"})

        @api.post("/documents", tags=["documents"], status_code=201, dependencies=[Depends(_authorized)],
                  summary="Extract and store one document (only with --allow-ingest and a token)")
        def post_document(doc: Annotated[dict, Body(description="{id, text or html, published?, source?, url?, title?} "
                                                           "as in the JSONL input of `marsad extract`.")]) -> dict:
            return run(_ingest_one, doc)

    return api


_PIPELINE: list = []
_PIPELINE_LOCK = threading.Lock()


def _ingest_one(store, obj: dict) -> dict:
    """Extract one document given as in `marsad extract`'s JSONL input and
    store it (idempotent: the same text again changes nothing)."""
    from marsad import ingest
    from marsad.pipeline import Pipeline

    if not isinstance(obj.get("id"), str) or not obj["id"].strip():
        raise HTTPException(status_code=422, detail="body field 'id': a non-empty string is required")
    doc = ingest.jsonl_doc(obj, "request", obj["id"], ingest.Defaults())
    if ingest.is_unreadable(doc):
        raise HTTPException(status_code=422, detail="; ".join(e.message for e in doc.errors) or "unreadable document")
    with _PIPELINE_LOCK:
        if not _PIPELINE:
            _PIPELINE.append(Pipeline().keep_loaded())
        record = _PIPELINE[0](doc).to_record()
    outcome = store.put_record(record, doc.text)
    return {"id": doc.id, "outcome": outcome, "entities": len(record["entities"]), "events": len(record["events"]),
            "figures": len(record["figures"]), "errors": record["errors"]}


# --- the pages ----------------------------------------------------------------------

def _pages(stores: _Stores, templates: Jinja2Templates) -> APIRouter:
    pages = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
    run = stores.run

    def render(request: Request, name: str, **ctx):
        ctx.setdefault("q", None)
        return templates.TemplateResponse(request, name, ctx)

    PageN = Annotated[int, Query(ge=1, le=100_000)]
    # Page sizes: what a reader takes in at once, each item linking to the
    # rest of it (the API pages with any limit up to Q.MAX_LIMIT). On
    # 100,000 documents, 50 periods of figures (440 rows) or 50 conflict
    # cards made pages of 350-570 KB.
    PAGE = 50  # documents, entities, search results, events, an event's reports, a claim's figures
    REPORTS = 3  # reports quoted with each event of the timeline (all of them: its own page)
    PERIODS = 25  # claims (periods) on the figures page
    CARDS = 20  # conflict cards on the conflicts page…
    PER_SIDE = 3  # …each with the first figures of each side
    ERRORS_SHOWN = 10  # likely errors under the conflicts (all of them: /likely-errors)
    PROFILE = 20  # events, claims and co-occurring actors on an entity's page

    @pages.get("/")
    def overview_page(request: Request):
        ov = stores.cached(Q.overview, top=10)
        by_source = [(r["source"], r["documents"]) for r in ov.get("by_source", []) if r.get("source")][:12]
        by_month = [(r["month"], r["documents"]) for r in ov.get("by_month", []) if r.get("month")][-18:]
        return render(request, "overview.html", page="overview", ov=ov,
                      outlets_chart=charts.bar_chart(by_source, href=lambda s: "/documents?" + urlencode({"source": s})),
                      months_chart=charts.bar_chart(by_month, href=lambda m: "/documents?" + urlencode({"month": m})))

    @pages.get("/timeline")
    def timeline_page(request: Request, actor: NameQ = None,
                      type: Annotated[Optional[EventType], Query()] = None,
                      status: Annotated[Optional[Status], Query()] = None,
                      date_from: DateFrom = None, date_to: DateTo = None, page: PageN = 1):
        res = run(Q.timeline, actor=actor, type=type, status=status, date_from=date_from, date_to=date_to,
                  limit=PAGE, offset=(page - 1) * PAGE, reports=REPORTS)
        years: dict[str, list] = defaultdict(list)
        for item in res["items"]:
            years[(item.get("date") or "")[:4] or "بلا تاريخ · undated"].append(item)
        return render(request, "timeline.html", page="timeline", res=res, years=years, pageno=page, per=PAGE,
                      strip=charts.timeline_strip(res["items"]),
                      f=dict(actor=actor, type=type, status=status, date_from=date_from, date_to=date_to))

    @pages.get("/figures")
    def figures_page(request: Request, metric: Annotated[Optional[Metric], Query()] = None,
                     a: NameQ = None, b: NameQ = None,
                     period: Annotated[Optional[str], Query(pattern=PERIOD)] = None, page: PageN = 1):
        metric = metric or "trade_volume"
        between = [x for x in (a, b) if x]
        # the pairs this metric is stated for, to pick from
        pairs = stores.cached(Q.claim_pairs, metric)
        if not between and pairs:  # no pair asked: show the pair with the most claims
            between = [s.get("id") for s in pairs[0]["subject"]]
        res = run(Q.figures, metric=metric, between=between or None, period=period,
                  limit=PERIODS, offset=(page - 1) * PERIODS)
        shown = res["items"][0].get("subject") if res["items"] else []
        by_unit: dict[str, list] = defaultdict(list)
        for c in res["items"]:
            for f in c.get("figures") or []:
                unit = f.get("unit") or c.get("unit") or ""
                by_unit[unit].append(charts.Point(
                    period=c.get("period") or "?", value=float(f.get("value") or 0), unit=unit,
                    source=(f.get("document") or {}).get("source") or "?", kind=c.get("kind") or "actual",
                    qualifier=f.get("qualifier") or "exact", attributed_to=f.get("attributed_to"),
                    value_text=f.get("value_text"),
                    href=fragments.evidence_href(f.get("document"), fig_anchor(f.get("evidence"))),
                    conflict=c.get("status") == "conflict"))
        pair_label = " – ".join(ent_name(s) for s in shown) or "—"
        svgs = [charts.figure_chart(pts, title=f"{metric} · {' – '.join((s.get('name_en') or s.get('id') or '?') for s in shown)}"
                                    + (f" ({unit})" if unit else "")) for unit, pts in sorted(by_unit.items())]
        return render(request, "figures.html", page="figures", metric=metric, a=a, b=b, period=period,
                      rows=fragments.figure_rows(res["items"]),
                      svgs=svgs, pairs=pairs, pair_label=pair_label, res=res, pageno=page, per=PERIODS,
                      per_side=Q.FIGURES_PER_CLAIM,
                      args=[(k, v) for k, v in (("metric", metric), ("a", a), ("b", b), ("period", period)) if v])

    @pages.get("/conflicts")
    def conflicts_page(request: Request, metric: Annotated[Optional[Metric], Query()] = None, page: PageN = 1):
        res = run(Q.conflicts, metric=metric, limit=CARDS, offset=(page - 1) * CARDS, per_side=PER_SIDE)
        errs = run(Q.likely_errors, limit=ERRORS_SHOWN)
        return render(request, "conflicts.html", page="conflicts", res=res, errs=errs, metric=metric, pageno=page,
                      per=CARDS)

    @pages.get("/likely-errors")
    def likely_errors_page(request: Request, page: PageN = 1):
        res = run(Q.likely_errors, limit=PAGE, offset=(page - 1) * PAGE)
        return render(request, "likely_errors.html", page="conflicts", res=res, pageno=page, per=PAGE)

    @pages.get("/events/{cluster_id:path}")
    def event_page(request: Request, cluster_id: Annotated[str, PathParam(min_length=1, max_length=400)],
                   page: PageN = 1):
        ev = _or_404(run(Q.event_detail, cluster_id, limit=PAGE, offset=(page - 1) * PAGE),
                     f"لا يوجد حدث · no event {cluster_id!r}")
        return render(request, "event.html", page="timeline", e=ev, res=ev["reports"], pageno=page, per=PAGE)

    @pages.get("/claims/{key:path}")
    def claim_page(request: Request, key: Annotated[str, PathParam(min_length=1, max_length=1000)], page: PageN = 1):
        c = _or_404(run(Q.claim_detail, key, limit=PAGE, offset=(page - 1) * PAGE),
                    f"لا يوجد ادعاء · no claim {key!r}")
        return render(request, "claim.html", page="figures", c=c, res=c["figures"], pageno=page, per=PAGE)

    @pages.get("/documents")
    def documents_page(request: Request,
                       source: Annotated[Optional[str], Query(min_length=1, max_length=200, pattern=TEXT)] = None,
                       month: Annotated[Optional[str], Query(pattern=MONTH)] = None,
                       entity: NameQ = None, page: PageN = 1):
        res = run(Q.list_documents, source=source, month=month, entity=entity, limit=PAGE, offset=(page - 1) * PAGE)
        return render(request, "documents.html", page="documents", res=res, pageno=page, per=PAGE,
                      f=dict(source=source, month=month, entity=entity))

    @pages.get("/documents/{doc_id:path}")
    def document_page(request: Request, doc_id: Annotated[str, PathParam(min_length=1, max_length=300)]):
        found = _or_404(run(Q.get_document, doc_id), f"لا توجد وثيقة · no document {doc_id!r}")
        record = found.get("record") or {}
        text = found.get("text")
        names = {e["id"]: e.get("name_ar") or e.get("name_en") or e["id"] for e in record.get("entities") or []}
        body = highlight(text, record, names) if text is not None else None
        return render(request, "document.html", page="document", d=found, record=record, body=body, names=names,
                      record_json=json.dumps(record, ensure_ascii=False, indent=1))

    @pages.get("/entities")
    def entities_page(request: Request, q: NameQ = None,
                      type: Annotated[Optional[EntityType], Query()] = None, page: PageN = 1):
        res = run(Q.find_entities, q, type=type, limit=PAGE, offset=(page - 1) * PAGE)
        return render(request, "entities.html", page="entities", res=res, type=type, eq=q, pageno=page, per=PAGE)

    @pages.get("/entities/{name:path}")
    def entity_page(request: Request, name: Annotated[str, PathParam(min_length=1, max_length=200, pattern=TEXT)]):
        ent = _or_404(run(Q.entity_detail, name, limit=PROFILE), f"لا يوجد كيان · no entity {name!r}")
        return render(request, "entity.html", page="entity", e=ent)

    @pages.get("/search")
    def search_page(request: Request, q: Annotated[str, Query(min_length=1, max_length=200, pattern=TEXT)], page: PageN = 1):
        res = run(Q.search, q, limit=PAGE, offset=(page - 1) * PAGE)
        return render(request, "search.html", page="search", res=res, q=q, pageno=page, per=PAGE)

    return pages


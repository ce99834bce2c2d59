"""The command line: a thin shell over the library."""
from __future__ import annotations

import json
import sys
from contextlib import ExitStack, nullcontext
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn, TransferSpeedColumn

from marsad import ingest
from marsad.doc import record_line
from marsad.pipeline import Pipeline

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="marsad (مرصد): an evidence-linked knowledge base of relations between countries, read from Arabic news.",
)
err = Console(stderr=True)


def _usage_error(message: str) -> None:
    err.print(f"marsad: {message}", style="red", markup=False, highlight=False)
    raise typer.Exit(2)


def _input_defaults(paths: list[str], published: Optional[str], source: Optional[str],
                    max_bytes: int) -> ingest.Defaults:
    """The reading defaults `extract` and `ingest` share, once their options
    and input paths are checked (a usage error, exit 2, otherwise)."""
    try:
        defaults = ingest.Defaults(ingest.check_published(published), source, max_bytes)
    except ValueError as exc:
        _usage_error(str(exc))
    missing = [p for p in paths if p != "-" and not Path(p).exists()]
    for p in missing:
        err.print(f"marsad: no such file or directory: {p}", style="red", markup=False, highlight=False)
    if missing:
        raise typer.Exit(2)
    return defaults


def _progress(enabled: bool):
    if not enabled:
        return nullcontext(None)
    return Progress(
        TextColumn("[bold]extract"), BarColumn(), DownloadColumn(), TransferSpeedColumn(),
        TextColumn("{task.fields[docs]} docs"), TimeRemainingColumn(), console=err, transient=False,
    )


@app.command()
def extract(
    paths: list[str] = typer.Argument(..., help="Files (.txt, .html, .jsonl), directories, or - for JSONL on stdin."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write JSON Lines here instead of stdout."),
    published: Optional[str] = typer.Option(None, "--published", help="Publication date (YYYY-MM-DD) for documents that give none."),
    source: Optional[str] = typer.Option(None, "--source", help="Outlet name for documents that give none."),
    max_bytes: int = typer.Option(ingest.DEFAULT_MAX_BYTES, "--max-bytes", help="Refuse documents larger than this (bytes)."),
    progress: Optional[bool] = typer.Option(None, "--progress/--no-progress", help="Progress bar (default: when stderr is a terminal)."),
    stages: Optional[str] = typer.Option(
        None, "--stages",
        help="Comma-separated pipeline stages to run (default: all; see `marsad stages`). "
             "Leaving out 'ner' makes extraction about three times faster."),
) -> None:
    """Extract entities (and, as stages are added, dates, figures and events)
    from documents; one marsad.document/1 JSON record per document."""
    defaults = _input_defaults(paths, published, source, max_bytes)

    try:
        nlp = (Pipeline([n.strip() for n in stages.split(",") if n.strip()]) if stages else Pipeline()).keep_loaded()
    except (ValueError, OSError) as exc:  # unknown stage, broken gazetteer or lexicon data: say what, not a traceback
        err.print(f"[red]error[/]: cannot build the pipeline: {exc}")
        raise typer.Exit(2) from None
    show = err.is_terminal if progress is None else progress
    unreadable = 0
    with ExitStack() as stack:
        out = stack.enter_context(open(output, "w", encoding="utf-8")) if output else sys.stdout
        bar = stack.enter_context(_progress(show))
        task = bar.add_task("extract", total=ingest.total_bytes(paths), docs=0) if bar else None
        done = 0

        def advance(n: int) -> None:
            if bar is not None:
                bar.update(task, advance=n, docs=done + 1)

        for doc in ingest.read(paths, defaults, on_bytes=advance):
            record = nlp(doc).to_record()
            out.write(record_line(record))
            out.flush()
            done += 1
            for e in doc.errors:
                err.print(f"marsad: {doc.id}: {e.code}: {e.message}", markup=False, highlight=False)
            if ingest.is_unreadable(doc):
                unreadable += 1
    if unreadable:
        raise typer.Exit(1)


@app.command()
def summary(records: Path = typer.Argument(..., exists=True, dir_okay=False, help="JSON Lines written by `marsad extract`.")) -> None:
    """Print entities by type with their spellings, and per-document counts."""
    from marsad.summary import read_records, summarize

    summarize(read_records(records), Console())


@app.command()
def evaluate(
    gold_dir: Path = typer.Argument(..., help="Folder of gold JSON files, one per document."),
    records: Path = typer.Argument(..., help="JSON Lines written by `marsad extract`."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="List misses, spurious finds and wrong attributes."),
    as_json: bool = typer.Option(False, "--json", help="Print the scores as JSON."),
) -> None:
    """Score extracted entities and figures against a gold annotation."""
    from marsad import evaluate as ev

    if not records.is_file():
        _usage_error(f"no such file: {records}")
    try:
        report = ev.evaluate(ev.read_gold(gold_dir), ev.read_output(records))
    except ev.GoldError as exc:
        _usage_error(str(exc))
    if as_json:
        print(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
    else:
        from marsad.summary import print_report

        print_report(report, Console(), verbose)
    for doc_id in report.missing:
        err.print(f"[yellow]warning[/]: no output record for gold document {doc_id}")


@app.command()
def ner(
    conll: str = typer.Argument(..., help="CoNLL file: one token a line (an optional tag column is ignored), blank lines between sentences; - for stdin."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write here instead of stdout."),
) -> None:
    """Tag a CoNLL file with the named-entity model: the same tokens, in order,
    each with a predicted BIO tag over PERS, LOC, ORG, MISC."""
    from marsad import ner as nerlib

    if conll != "-" and not Path(conll).is_file():
        _usage_error(f"no such file: {conll}")
    try:
        tagger = nerlib.NerTagger()
    except (OSError, ValueError) as exc:
        _usage_error(f"cannot load the NER model: {exc}")
    with ExitStack() as stack:
        inp = sys.stdin if conll == "-" else stack.enter_context(open(conll, encoding="utf-8-sig"))
        out = stack.enter_context(open(output, "w", encoding="utf-8")) if output else sys.stdout
        nerlib.tag_conll(inp, out, tagger)


@app.command()
def stages() -> None:
    """List the pipeline stages that are registered."""
    from marsad.pipeline import registered

    for name in registered():
        typer.echo(name)


@app.command()
def serve(
    db: str = typer.Option("marsad.db", "--db", help="SQLite file or postgresql:// URL of the knowledge base."),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on."),
    port: int = typer.Option(8000, "--port", min=1, max=65535, help="Port to listen on."),
    allow_ingest: bool = typer.Option(False, "--allow-ingest", help="Enable POST /api/v1/documents (needs --token)."),
    token: Optional[str] = typer.Option(None, "--token", envvar="MARSAD_TOKEN", help="Bearer token required by the write endpoint."),
) -> None:
    """Serve the analyst's pages and the HTTP API (/api/v1) over a knowledge
    base; read-only unless started with --allow-ingest and a token."""
    if allow_ingest and not token:
        _usage_error("--allow-ingest needs --token (or MARSAD_TOKEN)")
    if "://" not in db and not Path(db).exists():
        _usage_error(f"no such database: {db} (build one with `marsad ingest PATH --db {db}`)")
    import uvicorn

    from marsad.web.app import create_app

    web = create_app(db, allow_ingest=allow_ingest, token=token)
    err.print(f"marsad: serving {db} on http://{host}:{port}/", markup=False, highlight=False)
    uvicorn.run(web, host=host, port=port, log_level="warning")


# --- the knowledge base --------------------------------------------------------

DB_HELP = "SQLite file or postgresql:// URL of the knowledge base."


def _open_db(db: str, *, create: bool = False):
    from marsad.store import StoreError, is_postgres, open_store

    if not create and not is_postgres(db) and not Path(db).exists():
        _usage_error(f"no such database: {db} (build one with `marsad ingest PATH --db {db}`)")
    try:
        return open_store(db)
    except StoreError as exc:
        _usage_error(str(exc))


def _emit(data, as_json: bool, render) -> None:
    if as_json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        render(Console(), data)


@app.command("ingest")
def ingest_cmd(
    paths: list[str] = typer.Argument(..., help="Files (.txt, .html, .jsonl), directories, - for JSONL on stdin, or marsad.document/1 JSONL already extracted."),
    db: str = typer.Option("marsad.db", "--db", help=DB_HELP),
    published: Optional[str] = typer.Option(None, "--published", help="Publication date (YYYY-MM-DD) for documents that give none."),
    source: Optional[str] = typer.Option(None, "--source", help="Outlet name for documents that give none."),
    max_bytes: int = typer.Option(ingest.DEFAULT_MAX_BYTES, "--max-bytes", help="Refuse documents larger than this (bytes)."),
    progress: Optional[bool] = typer.Option(None, "--progress/--no-progress", help="Progress bar (default: when stderr is a terminal)."),
    as_json: bool = typer.Option(False, "--json", help="Print the summary as JSON."),
    batch: Optional[int] = typer.Option(None, "--batch", min=1, help="Documents per transaction, at most (default 2,000; a batch also ends after a second of work); 1 commits each document on its own."),
) -> None:
    """Extract and store documents in the knowledge base (each document
    all or nothing, committed in batches of at most a second of work, so a crash loses at most that).
    Re-ingesting the same input changes nothing; a changed text replaces that document's facts."""
    from marsad.store.load import BATCH, Summary, ingest_paths

    batch = batch or BATCH
    defaults = _input_defaults(paths, published, source, max_bytes)
    store = _open_db(db, create=True)
    summary_ = Summary()
    show = err.is_terminal if progress is None else progress
    with store, (_progress(show) if show else nullcontext(None)) as bar:
        task = bar.add_task("ingest", total=ingest.total_bytes(paths), docs=0) if bar else None
        advance = (lambda n: bar.update(task, advance=n, docs=summary_.documents)) if bar else None
        for outcome in ingest_paths(store, paths, defaults, on_bytes=advance, batch=batch):
            summary_.count(outcome)
            for e in outcome.errors:
                err.print(f"marsad: {outcome.doc_id}: {e}", markup=False, highlight=False)
        counts = store.counts()
    if as_json:
        print(json.dumps({**summary_.to_json(), "store": counts}, ensure_ascii=False))
    else:
        err.print(
            f"{summary_.documents} documents: {summary_.added} added, {summary_.replaced} replaced, "
            f"{summary_.unchanged} unchanged, {summary_.failed} failed. {db} holds {counts['documents']} documents, "
            f"{counts['entities']} entities, {counts['event_clusters']} events ({counts['events']} reports), "
            f"{counts['claims']} claims ({counts['figures']} figures), {counts['likely_errors']} likely errors.",
            markup=False, highlight=False)
    if summary_.failed:
        raise typer.Exit(1)


def _claims_cmd(db, metric, between, period, status, limit, offset, as_json, title, series):
    from marsad import query, tables

    with _open_db(db) as store:
        if series:
            page = query.figures(store, metric=metric, between=between or None, period=period, limit=limit, offset=offset)
        else:
            page = query.claims(store, metric=metric, between=between or None, period=period, status=status,
                                limit=limit, offset=offset)
    _emit(page, as_json, lambda c, d: tables.claims(c, d, title))


@app.command()
def figures(
    metric: Optional[str] = typer.Option(None, "--metric", help="trade_volume, exports, imports, investment, …"),
    between: Optional[list[str]] = typer.Option(None, "--between", help="Subjects (two: that pair). English or Arabic names in any spelling, or ids.", show_default=False),
    period: Optional[str] = typer.Option(None, "--period", help="Exactly this period: 2022, 2022-01/2022-05, …"),
    db: str = typer.Option("marsad.db", "--db", help=DB_HELP),
    limit: int = typer.Option(50, "--limit", min=0),
    offset: int = typer.Option(0, "--offset", min=0),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
    extra: Optional[list[str]] = typer.Argument(None, hidden=True),
) -> None:
    """A series of figures by period, every source's value in one claim per
    measurement (`--between China Kazakhstan`)."""
    _claims_cmd(db, metric, (between or []) + (extra or []), period, None, limit, offset, as_json, "Figures", True)


@app.command()
def claims(
    metric: Optional[str] = typer.Option(None, "--metric"),
    between: Optional[list[str]] = typer.Option(None, "--between", help="Subjects (two: that pair).", show_default=False),
    period: Optional[str] = typer.Option(None, "--period"),
    status: Optional[str] = typer.Option(None, "--status", help="single, agree, conflict or unclear."),
    db: str = typer.Option("marsad.db", "--db", help=DB_HELP),
    limit: int = typer.Option(50, "--limit", min=0),
    offset: int = typer.Option(0, "--offset", min=0),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
    extra: Optional[list[str]] = typer.Argument(None, hidden=True),
) -> None:
    """Claims (the same measurement across documents) by metric and period."""
    _claims_cmd(db, metric, (between or []) + (extra or []), period, status, limit, offset, as_json, "Claims", False)


@app.command()
def conflicts(
    metric: Optional[str] = typer.Option(None, "--metric"),
    actor: Optional[str] = typer.Option(None, "--actor", help="Only claims with this subject."),
    db: str = typer.Option("marsad.db", "--db", help=DB_HELP),
    limit: int = typer.Option(50, "--limit", min=0),
    offset: int = typer.Option(0, "--offset", min=0),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Figures for one measurement that disagree beyond rounding and
    qualifiers, each side with its outlets, attributions and evidence."""
    from marsad import query, tables

    with _open_db(db) as store:
        page = query.conflicts(store, metric=metric, actor=actor, limit=limit, offset=offset)
    _emit(page, as_json, tables.conflicts)


@app.command()
def errors(
    document: Optional[str] = typer.Option(None, "--document", help="Only this document id."),
    db: str = typer.Option("marsad.db", "--db", help=DB_HELP),
    limit: int = typer.Option(50, "--limit", min=0),
    offset: int = typer.Option(0, "--offset", min=0),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Likely errors: figures whose subject is a country the document
    otherwise never mentions, with the likely intended subject."""
    from marsad import query, tables

    with _open_db(db) as store:
        page = query.likely_errors(store, document=document, limit=limit, offset=offset)
    _emit(page, as_json, tables.errors)


@app.command()
def timeline(
    actor: Optional[str] = typer.Option(None, "--actor", help="English or Arabic name in any spelling, or id."),
    date_from: Optional[str] = typer.Option(None, "--from", help="From this date (ISO, partial allowed)."),
    date_to: Optional[str] = typer.Option(None, "--to", help="Up to this date (inclusive)."),
    type: Optional[str] = typer.Option(None, "--type", help="PLOVER type: CONSULT, AGREE, …"),
    status: Optional[str] = typer.Option(None, "--status", help="occurred, planned, expected, ongoing."),
    db: str = typer.Option("marsad.db", "--db", help=DB_HELP),
    limit: int = typer.Option(50, "--limit", min=0),
    offset: int = typer.Option(0, "--offset", min=0),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Events, one per real-world event however many outlets told it,
    planned and occurred told apart."""
    from marsad import query, tables

    with _open_db(db) as store:
        page = query.timeline(store, actor=actor, type=type, status=status, date_from=date_from, date_to=date_to,
                              limit=limit, offset=offset)
    _emit(page, as_json, tables.timeline)


@app.command()
def entity(
    name: str = typer.Argument(..., help="English or Arabic name in any spelling, or id."),
    db: str = typer.Option("marsad.db", "--db", help=DB_HELP),
    limit: int = typer.Option(20, "--limit", min=0),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """An entity's profile: spellings seen, events, figures, co-occurring actors."""
    from marsad import query, tables

    with _open_db(db) as store:
        data = query.entity_detail(store, name, limit=limit)
    if data is None:
        err.print(f"marsad: no entity matches {name!r}", markup=False, highlight=False)
        raise typer.Exit(1)
    _emit(data, as_json, tables.entity)


@app.command()
def search(
    q: str = typer.Argument(..., help="Words or a name; any spelling of a known name finds them all."),
    db: str = typer.Option("marsad.db", "--db", help=DB_HELP),
    limit: int = typer.Option(20, "--limit", min=0),
    offset: int = typer.Option(0, "--offset", min=0),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Full-text search over normalized text, ranked, with snippets."""
    from marsad import query, tables

    with _open_db(db) as store:
        page = query.search(store, q, limit=limit, offset=offset)
    _emit(page, as_json, tables.search)


@app.command()
def export(
    format: str = typer.Option("jsonl", "--format", help="jsonl (records), csv (figures) or plover (events with cite_info)."),
    db: str = typer.Option("marsad.db", "--db", help=DB_HELP),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write here instead of stdout."),
) -> None:
    """Export the knowledge base."""
    from marsad import query

    if format not in ("jsonl", "csv", "plover"):
        _usage_error(f"unknown format {format!r}: jsonl, csv or plover")
    with _open_db(db) as store, (open(output, "w", encoding="utf-8", newline="") if output else nullcontext(sys.stdout)) as out:
        for line in query.export(store, format):
            out.write(line + "\n")


def main() -> None:
    app()


if __name__ == "__main__":
    main()

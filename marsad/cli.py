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
) -> None:
    """Extract entities (and, as stages are added, dates, figures and events)
    from documents; one marsad.document/1 JSON record per document."""
    try:
        defaults = ingest.Defaults(ingest.check_published(published), source, max_bytes)
    except ValueError as exc:
        _usage_error(str(exc))
    missing = [p for p in paths if p != "-" and not Path(p).exists()]
    for p in missing:
        err.print(f"marsad: no such file or directory: {p}", style="red", markup=False, highlight=False)
    if missing:
        raise typer.Exit(2)

    try:
        nlp = Pipeline()
    except (ValueError, OSError) as exc:  # broken gazetteer or lexicon data: say what, not a traceback
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
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
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


def main() -> None:
    app()


if __name__ == "__main__":
    main()

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
def stages() -> None:
    """List the pipeline stages that are registered."""
    from marsad.pipeline import registered

    for name in registered():
        typer.echo(name)


def main() -> None:
    app()


if __name__ == "__main__":
    main()

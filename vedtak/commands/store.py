"""`vedtak ingest`, `vedtak stats`, `vedtak db upgrade`: the store's commands (`vedtak diff`: commands/diff.py).

Prefect and SQLAlchemy are imported inside the commands (Prefect's import costs ~2 s).
Database URL: `--db`, else `$VEDTAK_DATABASE_URL`, else SQLite at `$VEDTAK_HOME/vedtak.db`
(`VEDTAK_HOME` defaults to `./var`).
"""

from __future__ import annotations

import json
from typing import Any

import typer

DB_HELP = "Database URL (default: $VEDTAK_DATABASE_URL, else sqlite at $VEDTAK_HOME/vedtak.db, VEDTAK_HOME=./var)."


def register(app: typer.Typer) -> None:
    """Add the store commands to the main app."""
    app.command("ingest")(ingest_command)
    app.command("stats")(stats_command)
    db = typer.Typer(help="Manage the store's database.", no_args_is_help=True)
    db.command("upgrade")(db_upgrade_command)
    app.add_typer(db, name="db")


def ingest_command(
    sources: list[str] = typer.Argument(..., help="Files, folders, globs, PDF URLs or HTML listing pages."),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    as_json: bool = typer.Option(False, "--json", help="Print the summary as JSON."),
    workers: int = typer.Option(1, "--workers", min=1,
                                help="Worker processes extracting and loading documents."),
    dask: bool = typer.Option(False, "--dask", help="Extract on a local Dask cluster of --workers processes."),
    dask_address: str | None = typer.Option(None, "--dask-address", help="Extract on this Dask scheduler (tcp://host:8786)."),
    backfill: bool = typer.Option(False, "--backfill", help="Label the run as a backfill over an archive."),
    extractor: str = typer.Option("vedtak.extract:extract_file", "--extractor", hidden=True,
                                  help="module:function reading one PDF into a record (tests swap it)."),
    doc_timeout: float | None = typer.Option(
        None, "--doc-timeout", min=0,
        help="Seconds one document's extraction may take (default $VEDTAK_DOC_TIMEOUT_S, else 120; 0 = no limit)."),
    doc_memory_mb: int | None = typer.Option(
        None, "--doc-memory-mb", min=0,
        help="MB of memory one document's extraction may take (default $VEDTAK_DOC_MEMORY_MB, else 1536; 0 = no limit)."),
    retry_limited: bool = typer.Option(
        False, "--retry-limited", help="Try again the files quarantined for going over a limit (else skipped until they change)."),
) -> None:
    """Ingest board papers into the store through the Prefect flow `ingest`; exit 1 if any file failed."""
    from rich.console import Console

    console = Console(stderr=True)
    from sqlalchemy.exc import ArgumentError, OperationalError

    from vedtak.batch import Limits

    limits = Limits.resolve(doc_timeout, doc_memory_mb)

    from vedtak.store.db import at_head, make_engine, resolve_url, upgrade

    def unusable(exc: Exception) -> typer.Exit:
        from vedtak.commands.errors import describe

        console.print(f"vedtak ingest: {describe(exc, db)}", highlight=False, soft_wrap=True)
        return typer.Exit(2)

    try:  # fail in a second on a wrong URL, before anything starts
        db = resolve_url(db)
        engine = make_engine(db)
        current = at_head(engine)
        engine.dispose()  # no database connection may be open when the workers are forked (SQLite forbids it)
    except (ArgumentError, OperationalError) as exc:
        raise unusable(exc) from None

    import vedtak.flows  # noqa: F401  (Prefect's environment, before Prefect or its server starts)

    if current and not retry_limited:  # nothing new in the local files named: record the run and stop, no flow
        from vedtak.store.precheck import record_if_unchanged

        summary = record_if_unchanged(sources, db, mode="backfill" if backfill else "batch")
        if summary is not None:
            _finish(console, summary, as_json)
            return

    # There is work. What takes longest to start goes first, in the background: Prefect's local
    # API server (~3 s; none when PREFECT_API_URL is configured) and the worker processes, forked
    # now (this process has no thread yet) to warm the extractor (~1 s). Meanwhile this process
    # migrates a new store and imports Prefect.
    from vedtak.flows.local_api import LocalAPIError, ensure_local_api

    api = ensure_local_api()
    if not (dask or dask_address):
        from vedtak.batch import start_pool

        # With a server of our own starting, the workers run at a lower priority: that start
        # (~3 s of CPU) is what the run waits for, their warm-up (~1 s) has time to spare, and
        # once it runs they are the only busy processes (VEDTAK_WORKER_NICE, default 10; 0 = off).
        start_pool(workers, extractor, nice=_worker_nice() if api is not None else 0, limits=limits)
    try:
        if not current:
            upgrade(engine)
        engine.dispose()
    except (ArgumentError, OperationalError) as exc:
        raise unusable(exc) from None

    from vedtak.flows.ingest import run_ingest, set_progress_hook

    progress, hook, tally = _progress_bar(console, quiet=as_json)
    set_progress_hook(hook)
    try:
        with progress:
            summary = run_ingest(sources, db_url=db, workers=workers, backfill=backfill, extractor=extractor,
                                 dask=dask, dask_address=dask_address, limits=limits, retry_limited=retry_limited)
    except LocalAPIError as exc:
        console.print(f"vedtak ingest: {exc}", highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None
    except (ArgumentError, OperationalError) as exc:  # a wrong --db URL or an unreachable server
        _stopped(console, tally)
        raise unusable(exc) from None
    except Exception:
        _stopped(console, tally)  # then vedtak.cli prints the error in one line
        raise
    finally:
        set_progress_hook(None)
    _finish(console, summary, as_json)


def _stopped(console, tally: dict[str, int]) -> None:
    """When a run stops on an error: what it had loaded by then (each document is its own transaction)."""
    done = ", ".join(f"{n} {status}" for status, n in tally.items() if n) or "nothing"
    console.print(f"vedtak ingest: stopped; loaded before it stopped: {done}", highlight=False, soft_wrap=True)


def _worker_nice() -> int:
    import os

    try:
        return max(0, int(os.environ.get("VEDTAK_WORKER_NICE", "10")))
    except ValueError:
        return 10


def _finish(console, summary: dict[str, Any], as_json: bool) -> None:
    """Print the summary (a table, or JSON); exit 1 naming every file that failed or was skipped."""
    from rich.console import Console

    if as_json:
        typer.echo(json.dumps(summary, ensure_ascii=False, indent=2))
    else:
        _print_summary(Console(), summary)
    for skipped in summary.get("skipped") or []:
        console.print(f"[yellow]skipped[/yellow] {skipped['reason']} (--retry-limited tries it again)",
                      highlight=False, soft_wrap=True)
    for failure in summary["failures"]:
        console.print(f"[red]failed[/red] {failure['reason']}", highlight=False, soft_wrap=True)
    if summary["failures"] or summary.get("skipped"):  # a file not loaded: exit 1, named above
        raise typer.Exit(1)


def _progress_bar(console, quiet: bool):
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    progress = Progress(
        TextColumn("[bold]ingest[/bold]"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        TextColumn("{task.description}"), console=console, transient=True, disable=quiet,
    )
    # Before the first document: what is starting (Prefect's local API server, the extractor).
    task_id = progress.add_task("starting", total=None)
    tally = {"new": 0, "updated": 0, "unchanged": 0, "failed": 0}

    def hook(event: str, detail: Any) -> None:
        if event == "phase":
            progress.update(task_id, description=str(detail))
        elif event == "discovered":
            progress.update(task_id, total=detail, description="")
        elif event == "done":
            status = getattr(getattr(detail, "status", None), "value", None) or (
                detail.get("status") if isinstance(detail, dict) else "failed")
            tally[status] = tally.get(status, 0) + 1
            source = getattr(detail, "source", None) or (detail.get("source") if isinstance(detail, dict) else "")
            progress.update(task_id, advance=1, description=str(source).rsplit("/", 1)[-1])

    return progress, hook, tally


def _print_summary(console, summary: dict[str, Any]) -> None:
    from rich.table import Table

    docs = Table(title=f"Ingest run {summary.get('run_id')}: documents")
    for status in summary["documents"]:
        docs.add_column(status, justify="right")
    docs.add_row(*(str(n) for n in summary["documents"].values()))
    console.print(docs)
    records = Table(title="Records loaded (new and updated documents)")
    records.add_column("type")
    records.add_column("count", justify="right")
    for name, count in summary["records"].items():
        records.add_row(name, str(count))
    console.print(records)


def stats_command(
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    as_json: bool = typer.Option(False, "--json", help="Print the counts as JSON."),
) -> None:
    """Counts of every record type in the store (current facts, and superseded ones as history)."""
    from vedtak.store.db import make_engine, upgrade
    from vedtak.store.queries import stats

    engine = make_engine(db)
    upgrade(engine)
    counts = stats(engine)
    engine.dispose()
    if as_json:
        typer.echo(json.dumps(counts, ensure_ascii=False, indent=2))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title="vedtak store")
    table.add_column("record type")
    table.add_column("current", justify="right")
    table.add_column("history", justify="right")
    history = counts.pop("history")
    for name, count in counts.items():
        table.add_row(name, str(count), str(history.get(name, "")))
    Console().print(table)


def db_upgrade_command(
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    revision: str = typer.Option("head", "--revision", help="Target revision."),
) -> None:
    """Create or migrate the store's tables (Alembic, shipped with the package)."""
    from vedtak.store.db import resolve_url, upgrade

    url = resolve_url(db)
    current = upgrade(url, revision)
    from sqlalchemy.engine import make_url

    typer.echo(f"{make_url(url).render_as_string(hide_password=True)} at revision {current}")

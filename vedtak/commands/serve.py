"""`vedtak serve`, `vedtak search`, `vedtak export`: the read side's commands.

FastAPI, uvicorn, SQLAlchemy and pyarrow are imported inside the commands. Database URL: `--db`,
else `$VEDTAK_DATABASE_URL`, else SQLite at `$VEDTAK_HOME/vedtak.db`.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import typer

DB_HELP = "Database URL (default: $VEDTAK_DATABASE_URL, else sqlite at $VEDTAK_HOME/vedtak.db, VEDTAK_HOME=./var)."
TOKEN_ENV = "VEDTAK_EXPORT_TOKEN"


def include_exempt_option(*aliases: str, what: str = "Include"):
    """The `--include-exempt` option of every read command (export, search, diff)."""
    return typer.Option(False, "--include-exempt", *aliases,
                        help=f"{what} exempt case papers (U.off. § 14) and the facts read from them; needs --token.")


def token_option():
    """The `--token` option going with `--include-exempt`: the API token, or `$VEDTAK_EXPORT_TOKEN`."""
    return typer.Option(None, "--token", envvar=TOKEN_ENV, help=f"The API token, for --include-exempt (or ${TOKEN_ENV}).")


def cli_access(command: str, include_exempt: bool, token: str | None):
    """What `vedtak COMMAND` may read (`vedtak.access.requested_access`, the rule of `vedtak export` and the
    API's bearer token): asked for exempt texts without the API token, one line on stderr and exit 2."""
    from vedtak.access import TokenRequired, requested_access

    try:
        return requested_access(include_exempt, token)
    except TokenRequired as exc:
        typer.echo(f"vedtak {command}: {exc}", err=True)
        raise typer.Exit(2) from None


def register(app: typer.Typer) -> None:
    """Add serve, search and export to the main app."""
    app.command("serve")(serve_command)
    app.command("search")(search_command)
    app.command("export")(export_command)


def serve_command(
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    host: str = typer.Option("127.0.0.1", "--host", help="Interface to listen on."),
    port: int = typer.Option(8000, "--port", min=0, max=65535, help="Port to listen on."),
    pdf_root: list[Path] = typer.Option([], "--pdf-root", help="Folder to resolve relative document sources against "
                                        "(repeatable; default: the working directory)."),
    log_level: str = typer.Option("info", "--log-level", help="uvicorn log level."),
) -> None:
    """Serve the read API (OpenAPI at /docs) and the auditors' web page. Token for exempt case papers:
    $VEDTAK_API_TOKEN, $VEDTAK_API_TOKEN_FILE or $VEDTAK_HOME/api_token."""
    import uvicorn

    from vedtak.api.app import create_app
    from vedtak.store.db import make_engine, upgrade

    engine = make_engine(db)
    upgrade(engine)
    engine.dispose()
    app = create_app(db, pdf_roots=list(pdf_root) or None)
    uvicorn.run(app, host=host, port=port, log_level=log_level)


def _date(value: str | None, name: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"not a date (YYYY-MM-DD): {value!r}", param_hint=name) from None


def search_command(
    query: str | None = typer.Argument(None, help="Free text; inflections match (`avslått` finds `avslås`)."),
    application: str | None = typer.Option(None, "--application", help="Application id, e.g. 355815: its mentions."),
    person: str | None = typer.Option(None, "--person", help="Name (or part): conflicts, attendance and roles."),
    case: str | None = typer.Option(None, "--case", help="Case id, e.g. 'PS-HELSE 54/24' or '54/24'."),
    board: str | None = typer.Option(None, "--board", help="Board code, e.g. PS-HELSE."),
    date_from: str | None = typer.Option(None, "--from", help="Meeting date on or after (YYYY-MM-DD)."),
    date_to: str | None = typer.Option(None, "--to", help="Meeting date on or before (YYYY-MM-DD)."),
    outcome: str | None = typer.Option(None, "--outcome", help="granted | rejected | reserve"),
    stage: str | None = typer.Option(None, "--stage", help="proposed | adopted"),
    limit: int = typer.Option(20, "--limit", min=1, max=200, help="Hits per page."),
    offset: int = typer.Option(0, "--offset", min=0, help="Hits to skip."),
    include_exempt: bool = include_exempt_option("--full"),
    token: str | None = token_option(),
    as_json: bool = typer.Option(False, "--json", help="One JSON object per hit (JSON lines)."),
    fmt: str = typer.Option("text", "--format", help="text | json | csv (csv: the decision list, as /decisions.csv)."),
    year: int | None = typer.Option(None, "--year", min=1900, max=2100, help="Meeting year (with --format csv)."),
    disqualified: bool | None = typer.Option(None, "--disqualified/--not-disqualified",
                                             help="With --person and --format csv: cases where the person was inhabil / took part."),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Search cases, decisions, application mentions and conflicts. Every hit names case, meeting and
    date, document and page. `--format csv` prints the decisions on applications passing the filters
    (one row per decision, the columns of /decisions.csv)."""
    from vedtak.search.query import Filters, SearchError, search
    from vedtak.search.text import plain_snippet
    from vedtak.store.db import make_engine, upgrade

    if fmt not in ("text", "json", "csv"):
        raise typer.BadParameter("one of text, json, csv", param_hint="--format")
    access = cli_access("search", include_exempt, token)
    if fmt == "csv":
        _decisions_csv(query, db, access, application=application, person=person, case=case, board=board, year=year,
                       date_from=_date(date_from, "--from"), date_to=_date(date_to, "--to"), outcome=outcome,
                       stage=stage, disqualified=disqualified)
        return
    as_json = as_json or fmt == "json"
    filters = Filters(application=application, person=person, case=case, board=board,
                      date_from=_date(date_from, "--from"), date_to=_date(date_to, "--to"), outcome=outcome, stage=stage)
    engine = make_engine(db)
    try:
        upgrade(engine)
        result = search(engine, query, filters, access=access, limit=limit, offset=offset)
    except SearchError as exc:
        typer.echo(f"vedtak search: {exc}", err=True)
        raise typer.Exit(2) from None
    finally:
        engine.dispose()
    if as_json:
        for hit in result.hits:
            typer.echo(json.dumps(hit, ensure_ascii=False))
        return
    if not result.hits:
        typer.echo("no hits", err=True)
        return
    for hit in result.hits:
        typer.echo(_line(hit))
        if hit.get("snippet"):
            typer.echo("    " + plain_snippet(hit["snippet"]))
    if result.next_offset is not None:
        typer.echo(f"(more: --offset {result.next_offset})", err=True)


def _decisions_csv(query: str | None, db: str | None, access, **filters) -> None:
    """Print the decision list passing `filters` as CSV (vedtak.api.read.decisions), every row."""
    from vedtak.api.read.decisions import DecisionFilters, decisions_csv, list_decisions
    from vedtak.search.query import SearchError
    from vedtak.store.db import make_engine, upgrade

    if query:
        typer.echo("vedtak search: --format csv lists decisions by filters; drop the text query", err=True)
        raise typer.Exit(2)
    engine = make_engine(db)
    try:
        upgrade(engine)
        result = list_decisions(engine, access, DecisionFilters(**filters), everything=True)
    except SearchError as exc:
        typer.echo(f"vedtak search: {exc}", err=True)
        raise typer.Exit(2) from None
    finally:
        engine.dispose()
    typer.echo(decisions_csv(result), nl=False)


def _line(hit: dict) -> str:
    """One hit as a line of text."""
    where = f"møte {hit.get('meeting') or '?'} ({hit.get('meeting_date') or '?'})"
    doc = hit.get("document") or {}
    source = f"{doc.get('source', '?')} p. {hit.get('page') or '?'}" if doc else "no document"
    kind = hit["kind"]
    if kind == "mention":
        head = f"{hit['application_id']} {hit['outcome']} ({hit['stage']}{', rank ' + str(hit['rank']) if hit.get('rank') else ''}) in {hit['case_id']}"
    elif kind == "conflict":
        chairs = ", ".join(hit.get("acting_chair") or [])
        head = (f"{hit['person']}: {hit['role']}{' ' + hit['scope'] if hit.get('scope') else ''} in {hit['case_id']}"
                f" ({hit.get('stage')}){'; acting chair ' + chairs if chairs else ''}")
    elif kind == "attendance":
        head = f"{hit['person']}: {hit['role']} at {hit['board_code']} {hit['meeting']}"
        where = f"({hit.get('meeting_date') or '?'})"
    else:
        head = f"{hit['case_id']}  {hit.get('title') or ''}{'  [' + hit['exempt'] + ']' if hit.get('exempt') and hit['exempt'] not in (hit.get('title') or '') else ''}"
    return f"{head} | {where} | {source}"


def export_command(
    out: Path = typer.Option(..., "--out", help="Folder for the files (created)."),
    fmt: str = typer.Option("csv", "--format", help="csv | json (JSON lines, .jsonl) | parquet"),
    since: str | None = typer.Option(None, "--since", help="ISO date/datetime, or the next_since cursor of a previous export."),
    include_exempt: bool = include_exempt_option(what="Also export"),
    token: str | None = token_option(),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Export one file per record type (documents, meetings, cases, attendance, conflicts, applications,
    budget_cuts, findings) with stable columns (docs/exports.md), plus manifest.json."""
    from vedtak.api.export import FORMATS, export
    from vedtak.api.read.common import BadCursor
    from vedtak.store.db import make_engine, upgrade

    if fmt not in FORMATS:
        raise typer.BadParameter(f"one of {', '.join(FORMATS)}", param_hint="--format")
    cli_access("export", include_exempt, token)  # refused before anything is read or written
    upgrade(db)
    engine = make_engine(db, write=False)
    try:
        manifest = export(engine, out, fmt, since=since, include_exempt=include_exempt, token=token)
    except BadCursor as exc:
        typer.echo(f"vedtak export: --since: {exc}", err=True)
        raise typer.Exit(2) from None
    finally:
        engine.dispose()
    for name, info in manifest["files"].items():
        typer.echo(f"{out / info['file']}: {info['rows']} rows")
    typer.echo(f"next: --since {manifest['next_since']}")

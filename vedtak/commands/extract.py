"""`vedtak extract FILE... [--format json|text]`: the version 1 record of each PDF."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer


def register(app: typer.Typer) -> None:
    """Add the `extract` command."""
    app.command("extract")(extract)


def extract(
    files: list[Path] = typer.Argument(..., help="PDF files (meeting books, minutes, other board documents)."),
    format: str = typer.Option("json", "--format", "-f", help="json (one record per line) or text (tables for a person)."),
    backend: str = typer.Option("pdfium", "--backend", help="PDF text backend: pdfium (fast, default) or pdfplumber (the reference)."),
    pretty: bool = typer.Option(False, "--pretty", help="Indent the JSON (one file only)."),
) -> None:
    """Read board-paper PDFs and print their records.

    A file that cannot be read (not a PDF, encrypted, damaged, empty) gets one line on stderr
    naming it and the problem; the others are still printed; the exit code is then 1.
    """
    from vedtak.errors import InputError
    from vedtak.extract import extract_file

    if format not in ("json", "text"):
        typer.echo(f"vedtak extract: unknown --format {format!r} (json or text)", err=True)
        raise typer.Exit(2)
    failed = 0
    for path in files:
        try:
            record = extract_file(path, backend=backend)
        except InputError as exc:
            typer.echo(f"vedtak extract: {exc}", err=True)
            failed += 1
            continue
        if format == "json":
            sys.stdout.write(json.dumps(record, ensure_ascii=False, indent=2 if pretty else None) + "\n")
        else:
            from vedtak.render import render_text

            render_text(record)
        sys.stdout.flush()
    if failed:
        raise typer.Exit(1)

"""The `vedtak` command line: one Typer app; each command group lives in vedtak/commands/.

Command modules must import heavy libraries (Prefect, SQLAlchemy, spaCy) inside their
command functions, never at module level: `vedtak --help` and `vedtak extract` should not
pay for Prefect's ~2 s import.
"""

from __future__ import annotations

import importlib

import typer

from vedtak import __version__

app = typer.Typer(
    name="vedtak",
    help="Turn the board papers of Norwegian public bodies into trustworthy data.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

# Each module defines `register(app: typer.Typer) -> None`.
COMMAND_MODULES = (
    "vedtak.commands.extract",
    "vedtak.commands.store",
    "vedtak.commands.nlp",
    "vedtak.commands.serve",
)


def _version_callback(value: bool) -> None:
    if value:
        from vedtak.nlp.pipeline import nlp_path_description

        typer.echo(f"vedtak {__version__}")
        typer.echo(f"nlp: {nlp_path_description()}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version_callback, is_eager=True, help="Show the version and which NLP path runs."
    ),
) -> None:
    """vedtak: board papers in, provenance-carrying records out."""


def _register_all() -> None:
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:  # a command group not built yet
            if exc.name == name:
                continue
            raise
        module.register(app)


_register_all()


def main() -> None:
    """Console entry point."""
    app()


if __name__ == "__main__":
    main()

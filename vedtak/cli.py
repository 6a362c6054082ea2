"""The `vedtak` command line: one Typer app; each command group lives in vedtak/commands/.

Command modules must import heavy libraries (Prefect, SQLAlchemy, spaCy) inside their
command functions, never at module level: `vedtak --help` and `vedtak extract` should not
pay for Prefect's ~2 s import.
"""

from __future__ import annotations

import atexit
import importlib
import os
import sys

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
    "vedtak.commands.diff",
    "vedtak.commands.nlp",
    "vedtak.commands.serve",
)


def _version_callback(value: bool) -> None:
    if value:
        from vedtak.nlp.pipeline import nlp_path_description

        typer.echo(f"vedtak {__version__}")
        typer.echo(f"nlp: {nlp_path_description()}")
        raise typer.Exit()


_debug = False


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version_callback, is_eager=True, help="Show the version and which NLP path runs."
    ),
    debug: bool = typer.Option(False, "--debug", help="On an error, print the full traceback (and Prefect's logs)."),
) -> None:
    """vedtak: board papers in, provenance-carrying records out."""
    global _debug
    _debug = debug or bool(os.environ.get("VEDTAK_DEBUG"))
    if not _debug:
        # Prefect logs a crashed flow's traceback at ERROR: one clear line is printed instead
        # (`describe`); the user's own setting wins.
        os.environ.setdefault("PREFECT_LOGGING_LEVEL", "CRITICAL")


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


_exit_code = 0


def main() -> None:
    """Console entry point.

    The process ends right after the last exit handler has run (`os._exit`), skipping the
    interpreter's teardown of every module and object one by one: with Prefect, SQLAlchemy and
    spaCy loaded that teardown took ~0.3-0.6 s of every command and does nothing for the user.
    Before it, output streams are flushed and logging is shut down; every exit handler a library
    registered (Prefect's event flush, worker pools, database pools) has already run, and what a
    command wrote to a database is committed by then.
    """
    global _exit_code
    atexit.register(_end_process)  # registered first, so it runs last
    try:
        app()
    except SystemExit as exc:
        _exit_code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        raise
    except KeyboardInterrupt:
        _exit_code = 130
        print("vedtak: interrupted", file=sys.stderr)
        raise SystemExit(130) from None
    except Exception as exc:  # noqa: BLE001 - every command: one line, the traceback only with --debug
        from vedtak.commands.errors import describe

        _exit_code = 1
        if _debug:
            import traceback

            traceback.print_exc()
        command = next((a for a in sys.argv[1:] if not a.startswith("-")), "")
        hint = "" if _debug else " (vedtak --debug … shows the traceback)"
        print(f"vedtak{' ' + command if command else ''}: {describe(exc)}{hint}", file=sys.stderr)
        raise SystemExit(1) from None


def _end_process() -> None:
    import logging

    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(_exit_code)


if __name__ == "__main__":
    main()

"""`vedtak diff`: cases whose adopted decision (minutes) differs from the proposal (case papers), with the
difference marked word by word (`vedtak.api.diff`, the same operations as the web page and the API)."""

from __future__ import annotations

import json

import typer

from vedtak.commands.serve import cli_access, include_exempt_option, token_option
from vedtak.commands.store import DB_HELP


def register(app: typer.Typer) -> None:
    """Add `diff` to the main app."""
    app.command("diff")(diff_command)


def marked(ops: list[dict], *, colour: bool) -> tuple[str, str]:
    """(proposal, adopted) as terminal text: removed words `[-innvilges.-]`, added words `{+avslås.+}`
    (wdiff's marks, readable without colour); with `colour` as Rich markup (red struck / green)."""
    from rich.markup import escape

    left, right = [], []
    for op in ops:
        p, a = (escape(op["proposed"]), escape(op["adopted"])) if colour else (op["proposed"], op["adopted"])
        if op["op"] == "equal":
            left.append(p)
            right.append(a)
            continue
        if p:
            left.append(f"[red strike]{p}[/red strike]" if colour else f"[-{p}-]")
        if a:
            right.append(f"[bold green]{a}[/bold green]" if colour else f"{{+{a}+}}")
    return " ".join(left).replace(" \n ", "\n"), " ".join(right).replace(" \n ", "\n")


def diff_command(
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    board: str | None = typer.Option(None, "--board", help="Only this board code, e.g. PS-HELSE."),
    as_json: bool = typer.Option(False, "--json", help="Print the cases as JSON, each with its diff operations."),
    include_exempt: bool = include_exempt_option(),
    token: str | None = token_option(),
) -> None:
    """Cases whose adopted decision differs from the proposal, the difference marked ([-removed-] {+added+}).
    The proposal of an exempt case paper (U.off. § 14) is shown only with --include-exempt and the API token."""
    from dataclasses import asdict

    from vedtak.api.diff import unified, word_diff
    from vedtak.store.db import make_engine, upgrade
    from vedtak.store.queries import differing_cases

    access = cli_access("diff", include_exempt, token)
    engine = make_engine(db)
    upgrade(engine)
    cases = differing_cases(engine, access, board_code=board.strip().upper() if board else None)
    engine.dispose()
    if as_json:
        typer.echo(json.dumps([{**asdict(c), "ops": word_diff(c.proposed_decision, c.decision),
                                "unified": unified(c.proposed_decision, c.decision)} for c in cases],
                              ensure_ascii=False, indent=2))
        return
    from rich.console import Console

    console = Console()
    colour = console.color_system is not None
    for case in cases:
        left, right = marked(word_diff(case.proposed_decision, case.decision), colour=colour)
        console.rule(f"{case.case_id}  {case.title or ''}", characters="-" if not colour else "─")
        console.print(f"[bold]Forslag til vedtak[/bold] ({case.proposed_source}, s. {case.proposed_page})", highlight=False)
        console.print(left, highlight=False, markup=colour)
        console.print(f"[bold]Vedtak[/bold] ({case.decision_source}, s. {case.decision_page})", highlight=False)
        console.print(right, highlight=False, markup=colour)
    console.print(f"{len(cases)} case(s) where the decision differs from the proposal.", highlight=False)

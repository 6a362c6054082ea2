"""`vedtak nlp`: train and evaluate vedtak's own Norwegian NER model (NorNE bokmål).

spaCy is imported inside the commands, never at module level.
"""

from __future__ import annotations

import json
from pathlib import Path

import typer

DEFAULT_OUTPUT = Path("training/ner/output")


def _default_data() -> Path | None:
    """../shared/norne (or $VEDTAK_NORNE_DIR) when it exists, else None."""
    from vedtak.nlp.ner_training import default_norne_dir

    path = default_norne_dir()
    return path if path.is_dir() else None


def _require_data(data: Path | None) -> Path:
    data = data or _default_data()
    if data is None or not data.is_dir():
        raise typer.BadParameter("NorNE not found: pass --data DIR (the folder with nob-train.conllu …)")
    return data


def _set_threads(threads: int) -> None:
    """Limit BLAS/OpenMP threads; takes effect only before numpy is first imported."""
    import os

    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS"):
        os.environ[var] = str(threads)


def train_command(
    data: Path = typer.Option(None, "--data", help="NorNE folder (default ../shared/norne if it exists)."),
    output: Path = typer.Option(DEFAULT_OUTPUT, "--output", help="Where corpus/, model-best/, model-last/ go."),
    max_minutes: float = typer.Option(18.0, "--max-minutes", help="Wall-clock cap for the training loop (0 = none)."),
    threads: int = typer.Option(2, "--threads", help="BLAS/OpenMP threads."),
    config: Path = typer.Option(None, "--config", help="spaCy config (default training/ner/ner.cfg)."),
    limit: int = typer.Option(0, "--limit", help="Use only the first N sentences of each split (smoke runs)."),
    max_steps: int = typer.Option(0, "--max-steps", help="Stop after N updates (0 = until patience or time cap)."),
    ship: bool = typer.Option(False, "--ship", help="Copy model-best into vedtak/nlp/models/vedtak_ner/."),
) -> None:
    """Train the NER model on NorNE train (dev for model selection; test is not read)."""
    _set_threads(threads)  # before numpy/spaCy load their BLAS
    from vedtak.nlp import ner_training

    data = _require_data(data)
    overrides = {"training.max_steps": max_steps} if max_steps else {}
    result = ner_training.train(
        data, output, config_path=config, max_minutes=max_minutes, limit=limit, overrides=overrides
    )
    how = "time cap" if result.stopped_by_time else "patience/max steps"
    typer.echo(f"trained {result.minutes:.1f} min (stopped by {how}); best model: {result.model_best}")
    if ship:
        ship_command(result.model_best)


def ship_command(
    model: Path = typer.Option(DEFAULT_OUTPUT / "model-best", "--model", help="Trained pipeline to ship."),
) -> None:
    """Copy a trained pipeline into vedtak/nlp/models/vedtak_ner/ (name vedtak_ner, version 0.1.0)."""
    from vedtak.nlp import ner_training
    from vedtak.nlp.ner import MODEL_DIR, load_ner

    target = ner_training.ship(model, MODEL_DIR)
    load_ner.cache_clear()
    size = sum(p.stat().st_size for p in target.rglob("*") if p.is_file())
    typer.echo(f"shipped {model} to {target} ({size / 1e6:.1f} MB)")


def evaluate_command(
    data: Path = typer.Option(None, "--data", help="NorNE folder (default ../shared/norne if it exists)."),
    model: Path = typer.Option(None, "--model", help="spaCy pipeline to score (default: the shipped vedtak_ner)."),
    splits: list[str] = typer.Option(["dev", "test"], "--split", help="Splits to score (repeatable)."),
    limit: int = typer.Option(0, "--limit", help="Score only the first N sentences of each split."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of tables."),
) -> None:
    """Print precision/recall/F per entity type on NorNE dev and test."""
    import spacy

    from vedtak.nlp import ner_training
    from vedtak.nlp.ner import MODEL_DIR

    data = _require_data(data)
    model_path = model or MODEL_DIR
    if not (Path(model_path) / "meta.json").is_file():
        raise typer.BadParameter(f"no spaCy pipeline at {model_path}")
    nlp = spacy.load(model_path)
    name = f"{nlp.meta.get('name')} {nlp.meta.get('version')}"
    results = [ner_training.evaluate_split(nlp, data, split, limit=limit) for split in splits]
    report = {"model": name, "path": str(model_path), "results": results}
    if as_json:
        typer.echo(json.dumps(report, indent=2, ensure_ascii=False))
        return
    _print_tables(report)


def _print_tables(report: dict) -> None:
    """One rich table per scheme: rows are entity types, columns P/R/F per split."""
    from rich.console import Console
    from rich.table import Table

    console = Console()
    for scheme, title in (("native", "NorNE labels"), ("merged_gpe", "GPE_LOC→LOC, GPE_ORG→ORG")):
        table = Table(title=f"{report['model']} — {title}")
        table.add_column("type")
        for result in report["results"]:
            for metric in ("P", "R", "F"):
                table.add_column(f"{result['split']} {metric}", justify="right")
        labels: list[str] = []
        for result in report["results"]:
            labels += [label for label in result[scheme] if label not in labels and label != "ALL"]
        for label in [*sorted(labels), "ALL"]:
            row = [label]
            for result in report["results"]:
                prf = result[scheme].get(label, {"p": 0.0, "r": 0.0, "f": 0.0})
                row += [f"{prf['p']:.1f}", f"{prf['r']:.1f}", f"{prf['f']:.1f}"]
            table.add_row(*row)
        console.print(table)


def register(app: typer.Typer) -> None:
    """Add the `nlp` command group (train, evaluate) to the vedtak CLI."""
    nlp_app = typer.Typer(help="Train and evaluate vedtak's Norwegian NER model.", no_args_is_help=True)
    nlp_app.command("train")(train_command)
    nlp_app.command("evaluate")(evaluate_command)
    nlp_app.command("ship")(ship_command)
    app.add_typer(nlp_app, name="nlp")

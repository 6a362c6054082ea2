"""The training recipe runs end to end on a tiny NorNE slice, through the `vedtak nlp` commands."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from vedtak.commands.nlp import register


@pytest.fixture(scope="module")
def cli() -> typer.Typer:
    app = typer.Typer()
    register(app)
    return app


@pytest.fixture(scope="module")
def tiny_model(cli: typer.Typer, norne: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Train on the first 40 sentences of train/dev for a handful of updates."""
    out = tmp_path_factory.mktemp("ner") / "out"
    result = CliRunner().invoke(
        cli,
        ["nlp", "train", "--data", str(norne), "--output", str(out), "--limit", "40", "--max-steps", "6",
         "--threads", "1"],
    )
    assert result.exit_code == 0, result.output
    assert "best model" in result.output
    return out / "model-best"


def test_tiny_training_produces_a_loadable_ner_pipeline(tiny_model: Path) -> None:
    import spacy

    nlp = spacy.load(tiny_model)
    assert nlp.pipe_names == ["ner"]
    assert {"PER", "ORG"} <= set(nlp.get_pipe("ner").labels)
    assert not (tiny_model.parent / "corpus" / "test.spacy").exists()  # test split never read in training
    nlp("Sameline Grimsgaard er oppnevnt som settestyreleder.")  # runs without error


def test_evaluate_prints_json_per_split_and_type(cli: typer.Typer, tiny_model: Path, norne: Path) -> None:
    result = CliRunner().invoke(
        cli, ["nlp", "evaluate", "--data", str(norne), "--model", str(tiny_model), "--limit", "30", "--json"]
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert [r["split"] for r in report["results"]] == ["dev", "test"]
    for split in report["results"]:
        assert set(split["native"]["ALL"]) == {"p", "r", "f"}
        assert "GPE_LOC" not in split["merged_gpe"]


def test_evaluate_prints_tables(cli: typer.Typer, tiny_model: Path, norne: Path) -> None:
    result = CliRunner().invoke(
        cli, ["nlp", "evaluate", "--data", str(norne), "--model", str(tiny_model), "--limit", "20", "--split", "dev"]
    )
    assert result.exit_code == 0, result.output
    assert "dev F" in result.output and "ALL" in result.output


def test_train_without_data_says_where_to_look(cli: typer.Typer, tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["nlp", "train", "--data", str(tmp_path / "nowhere"), "--output", str(tmp_path)])
    assert result.exit_code != 0
    assert "NorNE" in result.output

"""The shipped model loads offline and finds people in seed sentences; without it, `rules`."""

from __future__ import annotations

from pathlib import Path

import pytest

from vedtak.nlp import ner


@pytest.mark.parametrize(
    ("text", "persons"),
    [
        (
            "Siden porteføljestyreleder Ole A. Andreassen er inhabil er Sameline Grimsgaard oppnevnt "
            "som settestyreleder under behandling av saken.",
            {"Ole A. Andreassen", "Sameline Grimsgaard"},
        ),
        ("professor Oddrun Samdal ved Universitetet i Bergen", {"Oddrun Samdal"}),
    ],
)
def test_shipped_model_finds_persons(text: str, persons: set[str], fresh_ner_cache, monkeypatch) -> None:
    assert (ner.MODEL_DIR / "meta.json").is_file(), f"shipped model missing in {ner.MODEL_DIR}"
    monkeypatch.setattr(ner, "CORE_PIPELINES", ())  # the shipped model, even where nb_core_news_* exists
    nlp, name = ner.load_ner()
    assert nlp is not None and name == "vedtak-ner 0.1.0"
    found = {span_text for label, span_text, _, _ in ner.person_and_org_spans(text) if label == "PER"}
    assert persons <= found


def test_spans_carry_character_offsets(fresh_ner_cache, monkeypatch) -> None:
    monkeypatch.setattr(ner, "CORE_PIPELINES", ())
    text = "professor Oddrun Samdal ved Universitetet i Bergen"
    for _label, span_text, start, end in ner.person_and_org_spans(text):
        assert text[start:end] == span_text


def test_shipped_model_is_small() -> None:
    size = sum(p.stat().st_size for p in ner.MODEL_DIR.rglob("*") if p.is_file())
    assert 0 < size <= 10 * 1024 * 1024, f"{ner.MODEL_DIR} is {size / 1e6:.1f} MB"


def test_fallback_to_rules_without_model(tmp_path: Path, fresh_ner_cache, monkeypatch) -> None:
    monkeypatch.setattr(ner, "MODEL_DIR", tmp_path / "no-model-here")
    monkeypatch.setattr(ner, "CORE_PIPELINES", ())
    assert ner.load_ner() == (None, "rules")
    assert ner.person_and_org_spans("professor Oddrun Samdal ved Universitetet i Bergen") == []


def test_load_ner_is_cached(fresh_ner_cache) -> None:
    assert ner.load_ner() is ner.load_ner()


@pytest.mark.parametrize(
    ("text", "plausible"),
    [
        ("Ole A. Andreassen", True),
        ("Samdal", True),
        ("Sameline Grimsgaard", True),
        ("Sak 12/24", False),
        ("2024-0123", False),
        ("VEDTAK", False),
        ("SAKSFREMLEGG OG FORSLAG", False),
        ("styreleder", False),
        ("-", False),
        ("A", False),
        ("Li", True),
    ],
)
def test_is_plausible_person(text: str, plausible: bool) -> None:
    assert ner.is_plausible_person(text) is plausible


@pytest.mark.parametrize(
    ("meta", "expected"),
    [
        ({"lang": "nb", "name": "core_news_sm", "version": "3.8.0"}, "nb_core_news_sm 3.8.0"),
        ({"lang": "nb", "name": "nb_core_news_md", "version": "3.8.0"}, "nb_core_news_md 3.8.0"),
        ({"lang": "nb", "name": "vedtak_ner", "version": "0.1.0"}, "vedtak-ner 0.1.0"),
    ],
)
def test_describe_names_the_model_that_runs(meta: dict, expected: str) -> None:
    import spacy

    nlp = spacy.blank("nb")
    nlp.meta.update(meta)
    assert ner._describe(nlp, "fallback") == expected

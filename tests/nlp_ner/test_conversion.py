"""NorNE CoNLL-U -> spaCy Docs: tags, label mapping, spacing (on made-up sentences, not NorNE's)."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.tokens import DocBin

from vedtak.nlp import ner_training as t

# Made-up sentences in NorNE's layout: ID FORM LEMMA UPOS XPOS FEATS HEAD DEPREL DEPS MISC.
WITH_SPACING = """\
# text = Kari Nordmann leder Forskningsrådet.
1\tKari\tKari\tPROPN\t_\t_\t3\tnsubj\t_\tname=B-PER
2\tNordmann\tNordmann\tPROPN\t_\t_\t1\tflat:name\t_\tname=I-PER
3\tleder\tlede\tVERB\t_\t_\t0\troot\t_\tname=O
4\tForskningsrådet\tforskningsråd\tPROPN\t_\t_\t3\tobj\t_\tSpaceAfter=No|name=B-ORG
5\t.\t$.\tPUNCT\t_\t_\t3\tpunct\t_\tname=O

# text = Bergen kommune møtte Norge-cupen.
1\tBergen\tBergen\tPROPN\t_\t_\t3\tnsubj\t_\tname=B-GPE_ORG
2\tkommune\tkommune\tNOUN\t_\t_\t1\tflat:name\t_\tname=I-GPE_ORG
3\tmøtte\tmøte\tVERB\t_\t_\t0\troot\t_\tname=O
4\tNorge-cupen\tNorge-cup\tPROPN\t_\t_\t3\tobj\t_\tSpaceAfter=No|name=B-MISC
5\t.\t$.\tPUNCT\t_\t_\t3\tpunct\t_\tname=O
"""

# NorNE's train file: FORM, LEMMA and MISC only, no SpaceAfter; one I- tag without its B-.
WITHOUT_SPACING = """\
1\tOla\tOla\t_\t_\t_\t_\t_\t_\tname=I-PER
2\t(\t$(\t_\t_\t_\t_\t_\t_\tname=O
3\tNTNU\tNTNU\t_\t_\t_\t_\t_\t_\tname=B-ORG
4\t)\t$)\t_\t_\t_\t_\t_\t_\tname=O
5\tsa\tsi\t_\t_\t_\t_\t_\t_\tname=O
6\t«\t$"\t_\t_\t_\t_\t_\t_\tname=O
7\tja\tja\t_\t_\t_\t_\t_\t_\tname=O
8\t»\t$"\t_\t_\t_\t_\t_\t_\tname=O
9\t,\t$,\t_\t_\t_\t_\t_\t_\tname=O
10\tikke\tikke\t_\t_\t_\t_\t_\t_\tname=O
11\tnei\tnei\t_\t_\t_\t_\t_\t_\tname=O
12\t.\t$.\t_\t_\t_\t_\t_\t_\tname=O
"""


@pytest.mark.parametrize(
    ("tag", "label_map", "expected"),
    [
        ("O", {}, "O"),
        ("B-PER", {}, "B-PER"),
        ("I-ORG", {}, "I-ORG"),
        ("B-GPE_ORG", {}, "B-GPE_ORG"),
        ("B-GPE_ORG", t.MERGED_LABELS, "B-ORG"),
        ("I-GPE_LOC", t.MERGED_LABELS, "I-LOC"),
        ("B-MISC", {}, "O"),
        ("I-MISC", t.MERGED_LABELS, "O"),
        ("_", {}, "O"),
    ],
)
def test_map_tag(tag: str, label_map: dict, expected: str) -> None:
    assert t._map_tag(tag, label_map) == expected


@pytest.mark.parametrize(
    ("tags", "expected"),
    [
        (["I-PER", "I-PER", "O"], ["B-PER", "I-PER", "O"]),
        (["B-ORG", "I-PER"], ["B-ORG", "B-PER"]),
        (["O", "I-LOC", "O", "I-LOC"], ["O", "B-LOC", "O", "B-LOC"]),
        (["B-PER", "I-PER", "B-PER"], ["B-PER", "I-PER", "B-PER"]),
    ],
)
def test_repair_iob(tags: list[str], expected: list[str]) -> None:
    assert t._repair_iob(tags) == expected


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "nob-train.conllu"
    path.write_text(text, encoding="utf-8")
    return path


def test_read_conllu_keeps_space_after_and_drops_misc(tmp_path: Path) -> None:
    first, second = list(t.read_conllu(_write(tmp_path, WITH_SPACING)))
    assert first.words == ("Kari", "Nordmann", "leder", "Forskningsrådet", ".")
    assert first.spaces == (True, True, True, False, True)
    assert first.tags == ("B-PER", "I-PER", "O", "B-ORG", "O")
    assert second.tags == ("B-GPE_ORG", "I-GPE_ORG", "O", "O", "O")


def test_read_conllu_guesses_spacing_when_file_has_none(tmp_path: Path) -> None:
    (sentence,) = t.read_conllu(_write(tmp_path, WITHOUT_SPACING))
    doc = t.sentences_to_docs([sentence], spacy.blank("nb").vocab)[0]
    assert doc.text == "Ola (NTNU) sa «ja», ikke nei."
    assert [(e.text, e.label_) for e in doc.ents] == [("Ola", "PER"), ("NTNU", "ORG")]


def test_sentences_grouped_into_docs_with_entities(tmp_path: Path) -> None:
    sentences = list(t.read_conllu(_write(tmp_path, WITH_SPACING), t.MERGED_LABELS))
    (doc,) = t.sentences_to_docs(sentences, spacy.blank("nb").vocab, per_doc=10)
    assert doc.text == "Kari Nordmann leder Forskningsrådet. Bergen kommune møtte Norge-cupen."
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("Kari Nordmann", "PER"),
        ("Forskningsrådet", "ORG"),
        ("Bergen kommune", "ORG"),
    ]
    assert len(t.sentences_to_docs(sentences, spacy.blank("nb").vocab, per_doc=1)) == 2


def test_convert_split_writes_docbin(tmp_path: Path) -> None:
    _write(tmp_path, WITH_SPACING)
    target = t.convert_split(tmp_path, "train", tmp_path / "corpus")
    docs = list(DocBin().from_disk(target).get_docs(spacy.blank("nb").vocab))
    assert [e.label_ for doc in docs for e in doc.ents] == ["PER", "ORG", "GPE_ORG"]


def test_missing_split_names_the_file(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="nob-dev.conllu"):
        t.norne_file(tmp_path, "dev")


def test_malformed_line_names_file_and_line(tmp_path: Path) -> None:
    path = _write(tmp_path, "1\tKari\tname=B-PER\n")
    with pytest.raises(ValueError, match=r"nob-train.conllu:1: expected 10"):
        list(t.read_conllu(path))

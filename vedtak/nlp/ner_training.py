"""Training recipe for vedtak's own Norwegian NER model (NorNE bokmål -> spaCy `ner`).

Used by `vedtak nlp train` / `vedtak nlp evaluate` and by training/ner/convert_norne.py.
NorNE's texts may be used to train and evaluate but never copied into the project: this module
reads them from the data directory (../shared/norne or $VEDTAK_NORNE_DIR) and writes DocBins
only under the output directory the caller names.

Label scheme: NorNE's own eight types (PER, ORG, LOC, GPE_LOC, GPE_ORG, PROD, EVT, DRV), the
scheme nb_core_news_* is trained and scored on, so per-type figures compare one to one. The
handful of MISC tags in train (8 spans) become O. `MERGED_LABELS` gives the coarser view
(GPE_LOC -> LOC, GPE_ORG -> ORG) that `evaluate` reports beside the native one.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import time
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc, DocBin, Span

NORNE_LABELS = ("PER", "ORG", "LOC", "GPE_LOC", "GPE_ORG", "PROD", "EVT", "DRV")
DROPPED_LABELS = frozenset({"MISC"})
MERGED_LABELS: Mapping[str, str] = {"GPE_LOC": "LOC", "GPE_ORG": "ORG"}
SPLITS = {"train": "nob-train.conllu", "dev": "nob-dev.conllu", "test": "nob-test.conllu"}
MODEL_NAME = "vedtak_ner"
MODEL_VERSION = "0.1.0"

# Heuristic spacing for files without SpaceAfter (NorNE's train file keeps FORM/LEMMA/MISC only).
_NO_SPACE_BEFORE = frozenset({",", ".", ":", ";", "!", "?", ")", "]", "}", "»", "%", "..."})
_NO_SPACE_AFTER = frozenset({"(", "[", "{", "«"})


class TrainingTimeUp(Exception):
    """Raised by the time-cap callback to end training; spaCy has saved model-best by then."""


@dataclass(frozen=True)
class Sentence:
    """One CoNLL-U sentence: token forms, whether a space follows each, IOB2 entity tags."""

    words: tuple[str, ...]
    spaces: tuple[bool, ...]
    tags: tuple[str, ...]


@dataclass(frozen=True)
class TrainResult:
    """What a training run left behind."""

    output_dir: Path
    model_best: Path
    stopped_by_time: bool
    minutes: float


def repo_root() -> Path:
    """The source checkout holding vedtak/ and training/ (the recipe lives there, not in a wheel)."""
    return Path(__file__).resolve().parents[2]


def default_config_path() -> Path:
    """training/ner/ner.cfg in the checkout."""
    return repo_root() / "training" / "ner" / "ner.cfg"


def default_norne_dir() -> Path:
    """$VEDTAK_NORNE_DIR if set, else ../shared/norne beside the checkout."""
    env = os.environ.get("VEDTAK_NORNE_DIR")
    if env:
        return Path(env)
    return repo_root().parent / "shared" / "norne"


def norne_file(data_dir: Path, split: str) -> Path:
    """Path of one NorNE split; raises FileNotFoundError naming the file when absent."""
    path = Path(data_dir) / SPLITS[split]
    if not path.is_file():
        raise FileNotFoundError(f"NorNE {split} split not found: {path} (set --data or VEDTAK_NORNE_DIR)")
    return path


def _map_tag(tag: str, label_map: Mapping[str, str]) -> str:
    """IOB2 tag -> IOB2 tag with the label mapped; MISC (and unknown) become O.

    `B-GPE_ORG` -> `B-ORG` with MERGED_LABELS, `I-MISC` -> `O`.
    """
    if tag == "O" or "-" not in tag:
        return "O"
    iob, label = tag.split("-", 1)
    label = label_map.get(label, label)
    if label in DROPPED_LABELS or iob not in ("B", "I"):
        return "O"
    return f"{iob}-{label}"


def _repair_iob(tags: list[str]) -> list[str]:
    """Turn an I- tag that does not continue an entity of the same label into B-."""
    fixed: list[str] = []
    previous = "O"
    for tag in tags:
        if tag.startswith("I-") and previous[2:] != tag[2:]:
            tag = "B-" + tag[2:]
        fixed.append(tag)
        previous = tag
    return fixed


def read_conllu(path: Path, label_map: Mapping[str, str] | None = None) -> Iterator[Sentence]:
    """Yield the sentences of a NorNE CoNLL-U file (MISC `name=B-PER`, `SpaceAfter=No`)."""
    label_map = label_map or {}
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    has_space_info = any("SpaceAfter=No" in line for line in lines)
    words: list[str] = []
    spaces: list[bool] = []
    tags: list[str] = []

    def flush() -> Sentence | None:
        if not words:
            return None
        if not has_space_info:
            for i in range(len(words) - 1):
                spaces[i] = words[i] not in _NO_SPACE_AFTER and words[i + 1] not in _NO_SPACE_BEFORE
        spaces[-1] = True
        sentence = Sentence(tuple(words), tuple(spaces), tuple(_repair_iob(tags)))
        words.clear()
        spaces.clear()
        tags.clear()
        return sentence

    for number, line in enumerate(lines, 1):
        if not line.strip():
            if (sentence := flush()) is not None:
                yield sentence
            continue
        if line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) != 10:
            raise ValueError(f"{path}:{number}: expected 10 tab-separated columns, got {len(cols)}")
        if "-" in cols[0] or "." in cols[0]:  # multiword token ranges and empty nodes
            continue
        misc = dict(item.split("=", 1) for item in cols[9].split("|") if "=" in item)
        words.append(cols[1])
        spaces.append(misc.get("SpaceAfter") != "No")
        tags.append(_map_tag(misc.get("name", "O"), label_map))
    if (sentence := flush()) is not None:
        yield sentence


def sentences_to_docs(sentences: Iterable[Sentence], vocab: Any, per_doc: int = 10) -> list[Doc]:
    """Group sentences `per_doc` at a time into Docs with gold entities (like `spacy convert -n`)."""
    docs: list[Doc] = []
    batch: list[Sentence] = []

    def emit() -> None:
        words = [w for s in batch for w in s.words]
        spaces = [sp for s in batch for sp in s.spaces]
        tags = [t for s in batch for t in s.tags]
        spaces[-1] = False
        docs.append(Doc(vocab, words=words, spaces=spaces, ents=tags))
        batch.clear()

    for sentence in sentences:
        batch.append(sentence)
        if len(batch) >= per_doc:
            emit()
    if batch:
        emit()
    return docs


def convert_split(
    data_dir: Path,
    split: str,
    out_dir: Path,
    *,
    limit: int = 0,
    per_doc: int = 10,
    label_map: Mapping[str, str] | None = None,
) -> Path:
    """Convert one NorNE split to `<out_dir>/<split>.spacy`; `limit` keeps the first N sentences."""
    sentences: Iterable[Sentence] = read_conllu(norne_file(data_dir, split), label_map)
    if limit:
        sentences = [s for _, s in zip(range(limit), sentences)]
    docs = sentences_to_docs(sentences, spacy.blank("nb").vocab, per_doc=per_doc)
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{split}.spacy"
    DocBin(docs=docs, store_user_data=False).to_disk(target)
    return target


@spacy.registry.callbacks("vedtak.time_cap.v1")
def make_time_cap(max_minutes: float = 0):
    """`[training.before_update]` callback: stop training after `max_minutes` (0 = no cap).

    The clock starts at the first update; raising ends spaCy's loop after it saved model-best.
    """
    started: list[float] = []

    def before_update(nlp: Language, args: dict[str, Any]) -> None:
        if not max_minutes:
            return
        if not started:
            started.append(time.monotonic())
        elif time.monotonic() - started[0] > max_minutes * 60:
            raise TrainingTimeUp(f"time cap of {max_minutes} min reached at step {args['step']}")

    return before_update


def train(
    data_dir: Path,
    output_dir: Path,
    *,
    config_path: Path | None = None,
    max_minutes: float = 18,
    limit: int = 0,
    overrides: Mapping[str, Any] | None = None,
) -> TrainResult:
    """Convert NorNE train/dev into `output_dir/corpus`, train, return where model-best is.

    Model selection uses dev only; test is never read here. `limit` trains on the first N
    sentences of each split (tests use a few dozen).
    """
    from spacy.training.initialize import init_nlp
    from spacy.training.loop import train as spacy_train

    output_dir = Path(output_dir)
    corpus = output_dir / "corpus"
    train_path = convert_split(data_dir, "train", corpus, limit=limit)
    dev_path = convert_split(data_dir, "dev", corpus, limit=limit)
    all_overrides = {
        "paths.train": str(train_path),
        "paths.dev": str(dev_path),
        "training.before_update.max_minutes": max_minutes,
        **(overrides or {}),
    }
    config = spacy.util.load_config(config_path or default_config_path(), overrides=all_overrides, interpolate=False)
    nlp = init_nlp(config)
    started = time.monotonic()
    stopped_by_time = False
    try:  # streams passed explicitly: spaCy's defaults are bound at its import
        spacy_train(nlp, output_dir, stdout=sys.stdout, stderr=sys.stderr)
    except TrainingTimeUp:
        stopped_by_time = True
    return TrainResult(
        output_dir=output_dir,
        model_best=output_dir / "model-best",
        stopped_by_time=stopped_by_time,
        minutes=(time.monotonic() - started) / 60,
    )


def ship(model_dir: Path, target: Path) -> Path:
    """Copy a trained pipeline to `target` (the package's models/vedtak_ner) with vedtak's meta."""
    model_dir, target = Path(model_dir), Path(target)
    if not (model_dir / "meta.json").is_file():
        raise FileNotFoundError(f"no trained spaCy pipeline in {model_dir} (meta.json missing)")
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(model_dir, target)
    # The hash embeddings do not need the word list training left in the StringStore (NorNE's
    # word forms, names included): keep only the labels.
    labels = sorted(json.loads((target / "meta.json").read_text(encoding="utf-8"))["labels"].get("ner", []))
    (target / "vocab" / "strings.json").write_text(json.dumps(labels), encoding="utf-8")
    meta_path = target / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta.update(
        name=MODEL_NAME,
        version=MODEL_VERSION,
        description="vedtak's Norwegian bokmål NER (tok2vec+ner, no vectors), trained on NorNE.",
        author="vedtak",
        license="MIT (model); NorNE annotations CC0",
        sources=[{"name": "NorNE (bokmål, commit bd311de5)", "url": "", "license": "CC0 annotations"}],
    )
    meta_path.write_text(json.dumps(meta, indent=2, ensure_ascii=False), encoding="utf-8")
    return target


def _mapped_ents(label_map: Mapping[str, str]):
    """A span getter for Scorer.score_spans that renames entity labels through `label_map`."""

    def getter(doc: Doc, attr: str) -> list[Span]:
        return [Span(doc, e.start, e.end, label=label_map.get(e.label_, e.label_)) for e in doc.ents]

    return getter


def _prf_table(scores: Mapping[str, Any]) -> dict[str, dict[str, float]]:
    """spaCy's ents scores -> {TYPE: {p, r, f}} in percent, plus an ALL row."""
    table = {
        label: {k: round(100 * v, 2) for k, v in prf.items()}
        for label, prf in sorted((scores.get("ents_per_type") or {}).items())
    }
    table["ALL"] = {
        "p": round(100 * (scores.get("ents_p") or 0.0), 2),
        "r": round(100 * (scores.get("ents_r") or 0.0), 2),
        "f": round(100 * (scores.get("ents_f") or 0.0), 2),
    }
    return table


def evaluate_split(nlp: Language, data_dir: Path, split: str, *, limit: int = 0) -> dict[str, Any]:
    """P/R/F per entity type on one NorNE split, native labels and merged GPE labels.

    Tokenisation is the pipeline's own (spaCy's gold_preproc=false, as in its published
    figures); spans are compared by character offsets.
    """
    from spacy.scorer import Scorer, get_ner_prf
    from spacy.training import Example

    sentences: Iterable[Sentence] = read_conllu(norne_file(data_dir, split))
    if limit:
        sentences = [s for _, s in zip(range(limit), sentences)]
    gold_docs = sentences_to_docs(sentences, nlp.vocab)
    predicted = nlp.pipe((nlp.make_doc(doc.text) for doc in gold_docs), batch_size=64)
    examples = [Example(pred, gold) for pred, gold in zip(predicted, gold_docs)]
    native = get_ner_prf(examples)
    merged = Scorer.score_spans(
        examples,
        "ents",
        getter=_mapped_ents(MERGED_LABELS),
        has_annotation=lambda doc: doc.has_annotation("ENT_IOB"),
    )
    return {
        "split": split,
        "docs": len(examples),
        "native": _prf_table(native),
        "merged_gpe": _prf_table(merged),
    }

"""Which statistical Norwegian NER runs, and a rules-free way to ask it for people and organisations.

Loading order (first that loads wins, cached for the process):
1. an installed spaCy pipeline `nb_core_news_lg`, `nb_core_news_md`, `nb_core_news_sm`;
2. vedtak's own model shipped in the package, `vedtak/nlp/models/vedtak_ner/` (trained on
   NorNE by `vedtak nlp train`, no network needed);
3. none: `load_ner()` returns `(None, "rules")` and the domain pipeline runs its rules alone.

Both kinds of model use NorNE's labels (PER, ORG, LOC, GPE_LOC, GPE_ORG, PROD, EVT, DRV).
To put the model's `ner` after a pipeline's EntityRuler:
`nlp.add_pipe("ner", source=load_ner()[0], after="entity_ruler")` (the vedtak model's `ner`
carries its own tok2vec, so it can be sourced alone).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

MODEL_DIR = Path(__file__).resolve().parent / "models" / "vedtak_ner"
CORE_PIPELINES = ("nb_core_news_lg", "nb_core_news_md", "nb_core_news_sm")
RULES_ONLY = "rules"
# Components of nb_core_news_* that the NER does not need.
_CORE_EXCLUDE = ("parser", "lemmatizer", "morphologizer", "attribute_ruler", "tagger", "senter")
PERSON_AND_ORG_LABELS = frozenset({"PER", "ORG"})

_DIGIT = re.compile(r"\d")


def _describe(nlp: Language, fallback_name: str) -> str:
    """`nb_core_news_sm 3.8.0` or `vedtak-ner 0.1.0` from the pipeline's meta."""
    name = nlp.meta.get("name") or fallback_name
    version = nlp.meta.get("version", "?")
    if name == "vedtak_ner":
        return f"vedtak-ner {version}"
    lang = nlp.meta.get("lang")
    if lang and not name.startswith(f"{lang}_"):
        name = f"{lang}_{name}"  # spaCy stores nb_core_news_sm as lang "nb", name "core_news_sm"
    return f"{name} {version}"


def _load_core_pipeline() -> tuple[Language, str] | None:
    """The first installed nb_core_news_* pipeline, without the components NER does not use."""
    import spacy

    for package in CORE_PIPELINES:
        if not spacy.util.is_package(package):
            continue
        nlp = spacy.load(package, exclude=list(_CORE_EXCLUDE))
        if "ner" in nlp.pipe_names:
            return nlp, _describe(nlp, package)
    return None


def _load_shipped_model() -> tuple[Language, str] | None:
    """vedtak's own model from the package directory (MODEL_DIR), if it is there."""
    if not (MODEL_DIR / "meta.json").is_file():
        return None
    import spacy

    nlp = spacy.load(MODEL_DIR)
    return nlp, _describe(nlp, "vedtak_ner")


@lru_cache(maxsize=1)
def load_ner() -> tuple[Language | None, str]:
    """Load the best available Norwegian NER: nb_core_news_*, then vedtak-ner, else (None, "rules")."""
    for loader in (_load_core_pipeline, _load_shipped_model):
        loaded = loader()
        if loaded is not None:
            return loaded
    return None, RULES_ONLY


def is_plausible_person(text: str) -> bool:
    """False for "persons" that are noise: digits (`Sak 12/24`), all-caps headings (`VEDTAK`),
    a single lowercase word (`styreleder`), fewer than two letters (`A`); true for
    `Ole A. Andreassen`, `Samdal`."""
    if _DIGIT.search(text):
        return False
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 2:
        return False
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return False
    words = text.split()
    if len(words) == 1 and words[0][:1].islower():
        return False
    return True


def person_and_org_spans(text: str) -> list[tuple[str, str, int, int]]:
    """Run the loaded NER alone on `text`: [(label, text, start_char, end_char)] for PER and ORG.

    Empty when no model is available. Implausible PER spans are dropped (see
    `is_plausible_person`); GPE_ORG (a country or city acting, `Norge`, `Bergen kommune`) is
    not returned.
    """
    nlp, _ = load_ner()
    if nlp is None or not text.strip():
        return []
    doc = nlp(text)
    spans: list[tuple[str, str, int, int]] = []
    for ent in doc.ents:
        if ent.label_ not in PERSON_AND_ORG_LABELS:
            continue
        if ent.label_ == "PER" and not is_plausible_person(ent.text):
            continue
        spans.append((ent.label_, ent.text, ent.start_char, ent.end_char))
    return spans

"""The Norwegian spaCy pipeline of vedtak, loaded once per process, and layout-aware sentences.

Pipeline (``get_nlp()``):
1. base: an installed ``nb_core_news_lg``/``md``/``sm`` if there is one, else ``spacy.blank("nb")``;
2. tokenizer special cases for Norwegian abbreviations (``Kl.``, ``U.off.``, ``avd.``, ``dir.``,
   ``mill.``, ``jf.`` ...), and a suffix rule that splits the full stop off a number of 4+ digits
   (``355284.`` -> ``355284`` ``.``) while ordinals (``2. desember``) stay whole;
3. ``entity_ruler`` (token and phrase patterns, few regexes): CASE_ID, MEETING, APP_ID, AMOUNT,
   DATE, BOARD, TITLE, EXEMPT;
4. a statistical NER if one is available (``vedtak.nlp.ner.load_ner()``), after the ruler, so it
   respects the ruler's entities;
5. ``vedtak_person_filter``: drops PER entities made of digits or all-caps headings.

The regex normalisers (:mod:`vedtak.nlp.ids`, `amounts`, `dates`, `names`, `outcomes`) stay the authority for the *values*
(canonical case ids, NOK, dates); the ruler's entities are signals and spans over tokens.
"""

from __future__ import annotations

import bisect
import functools
import importlib.metadata
import importlib.util
import json
import re
from typing import TYPE_CHECKING

from vedtak.nlp.ids import KNOWN_BOARDS, NOT_BOARD_WORDS
from vedtak.nlp.names import NON_NAME_WORDS, clean_person_name, person_key

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = [
    "ABBREVIATIONS",
    "build_nlp",
    "CORE_PIPELINES",
    "entity_patterns",
    "get_nlp",
    "nlp_path_description",
    "person_names",
    "sentences",
]

CORE_PIPELINES = ("nb_core_news_lg", "nb_core_news_md", "nb_core_news_sm")
# Components of nb_core_news_* that neither the ruler nor the NER needs (lemmas come from simplemma).
_CORE_EXCLUDE = ("parser", "lemmatizer", "morphologizer", "attribute_ruler", "tagger", "senter")

#: Abbreviations that end in a full stop without ending a sentence; each is a tokenizer special
#: case (kept as one token) and never a sentence end in :func:`sentences`.
ABBREVIATIONS: tuple[str, ...] = (
    "Kl.", "kl.", "U.off.", "u.off.", "Offl.", "offl.", "avd.", "Avd.", "dir.", "mill.", "Mill.",
    "jf.", "Jf.", "jfr.", "Jfr.", "nr.", "Nr.", "ca.", "Ca.", "pga.", "Pga.", "inkl.", "Inkl.",
    "evt.", "Evt.", "bl.a.", "Bl.a.", "f.eks.", "F.eks.", "mrd.", "flg.", "iht.", "Iht.", "m.m.",
    "dvs.", "Dvs.", "prof.", "Prof.", "dr.", "Dr.", "St.", "kap.", "pkt.", "vedr.", "Vedr.",
    "mht.", "ifm.", "ift.", "mv.", "osv.", "o.l.", "m.fl.", "t.o.m.", "f.o.m.", "ev.", "stk.",
    "tlf.", "hhv.", "bl.", "mnd.", "kr.", "sen.", "ass.", "tab.", "fig.", "ref.", "Ref.", "Meld.",
    "St.meld.", "Prop.", "Innst.",
)

_ABBREV_SET = frozenset(a.casefold() for a in ABBREVIATIONS)

_MONTHS = (
    "januar jan. jan februar feb. feb mars mar. april apr. apr mai juni jun. juli jul. august "
    "aug. aug september sep. sept. sep oktober okt. okt november nov. nov desember des. des"
).split()
_MULTIPLIER_WORDS = ["mill.", "mill", "mil", "mil.", "millioner", "million", "millionar", "mrd.", "mrd",
                     "milliarder", "milliard", "milliardar", "mln.", "tusen"]
_CURRENCY_WORDS = ["kroner", "krone", "kr", "kr.", "nok"]
_CASE_WORDS = ["sak", "saken", "sakene", "saker", "saksnr.", "saksnummer"]
_MEETING_WORDS = ["møte", "møtet", "porteføljestyremøte", "porteføljestyremøtet", "styremøte",
                  "styremøtet", "møteprotokoll", "møteprotokollen", "møtebok"]
_TITLES = [
    "Områdedirektør", "Saksbehandler", "avd. dir.", "avdelingsdirektør", "professor", "prof.",
    "styreleder", "styreleiar", "porteføljestyreleder", "settestyreleder", "settestyreleiar",
    "settemedlem", "Ansvarlig Direktør", "direktør", "seniorrådgiver", "spesialrådgiver",
]
_CASE_NUMBER_SHAPES = ["d/dd", "dd/dd", "ddd/dd", "d-dd", "dd-dd", "ddd-dd", "d/dddd", "dd/dddd"]
_MEETING_NUMBER_SHAPES = ["d/dd", "dd/dd", "d/dddd", "dd/dddd"]
_DATE_SHAPES = [f"{d}.{m}.{y}" for d in ("d", "dd") for m in ("d", "dd") for y in ("dd", "dddd")]


def entity_patterns() -> list[dict]:
    """The EntityRuler patterns: phrase patterns (cheap) and token patterns with one regex (the
    board code). Longest match wins, so ``møte PS-HELSE 6/2024`` is a MEETING, not a CASE_ID."""
    gap = {"IS_SPACE": True, "OP": "*"}  # a line break inside the id: ``sak PS \n23/24``
    code = {"TEXT": {"REGEX": r"^PS(?:-?[A-ZÆØÅ]{3,}|-[A-ZÆØÅ][a-zæøå]+)?$"}}
    case_no = {"SHAPE": {"IN": _CASE_NUMBER_SHAPES}}
    meeting_no = {"SHAPE": {"IN": _MEETING_NUMBER_SHAPES}}
    number = {"LIKE_NUM": True}
    thousands = {"IS_DIGIT": True, "LENGTH": 3, "OP": "*"}
    pats: list[dict] = [
        # Sak PS-HELSE 05/25 · PSHELSE 33/24 · PS 44/24 · PS-HELSE 30-23 · PS sak 44/24
        {"label": "CASE_ID", "id": "code", "pattern": [code, gap, {"LOWER": "sak", "OP": "?"}, gap, case_no]},
        # sak 54/24 · sakene 44/24 (bare numbers only after a case word)
        {"label": "CASE_ID", "id": "case_word", "pattern": [{"LOWER": {"IN": _CASE_WORDS}}, gap, case_no]},
        # møte 6/24 · porteføljestyremøte 5/24 · møte 1/2025 · møte PS-HELSE 6/2024 · Møte nr. 3/24
        {"label": "MEETING", "pattern": [{"LOWER": {"IN": _MEETING_WORDS}}, gap, {"LOWER": "nr.", "OP": "?"},
                                         dict(code, OP="?"), gap, meeting_no]},
        # 355815 (six digits)
        {"label": "APP_ID", "pattern": [{"IS_DIGIT": True, "LENGTH": 6}]},
        # 150 mill. kroner · 0,180 millioner kroner · 600 000 kroner · 104 mil kr · 1,2 MNOK
        {"label": "AMOUNT", "pattern": [number, thousands, {"LOWER": {"IN": _MULTIPLIER_WORDS}, "OP": "?"},
                                        {"LOWER": {"IN": _CURRENCY_WORDS}}]},
        {"label": "AMOUNT", "pattern": [number, {"LOWER": "mnok"}]},
        {"label": "AMOUNT", "pattern": [{"LOWER": {"IN": ["kr", "kr.", "nok"]}}, number, thousands,
                                        {"LOWER": {"IN": _MULTIPLIER_WORDS}, "OP": "?"}]},
        # 05.03.2025 · 26.02.25 · 2. desember 2024 · 2. des. 2024
        {"label": "DATE", "pattern": [{"SHAPE": {"IN": _DATE_SHAPES}}]},
        {"label": "DATE", "pattern": [{"SHAPE": {"IN": ["d.", "dd."]}}, gap, {"LOWER": {"IN": _MONTHS}},
                                      gap, {"SHAPE": "dddd"}]},
        # [U.off. § 14]
        {"label": "EXEMPT", "pattern": [{"LOWER": {"IN": ["u.off.", "offl."]}}, {"ORTH": "§"}, {"IS_DIGIT": True}]},
        # Porteføljestyret for bioøkonomi (unknown boards: one lowercase word)
        {"label": "BOARD", "pattern": [{"ORTH": "Porteføljestyret"}, {"LOWER": "for"},
                                       {"IS_LOWER": True, "IS_ALPHA": True, "LOWER": {"NOT_IN": sorted(NOT_BOARD_WORDS)}}]},
    ]
    # Porteføljestyret for helse · for klima og polar · for energi, transport og lavutslipp
    for name in KNOWN_BOARDS:
        pats.append({"label": "BOARD", "pattern": f"Porteføljestyret for {name}"})
    # Områdedirektør · Saksbehandler · avd. dir. · professor · settestyreleder · settemedlem
    pats.extend({"label": "TITLE", "pattern": t} for t in _TITLES)
    return pats


def _add_special_cases(nlp: Language) -> None:
    """Keep Norwegian abbreviations whole (``Kl.`` not ``Kl`` ``.``) and split ``355284.``."""
    from spacy.symbols import ORTH
    from spacy.util import compile_suffix_regex

    for abbr in ABBREVIATIONS:
        nlp.tokenizer.add_special_case(abbr, [{ORTH: abbr}])
    # ``avd. dir.`` as written in rosters; ``U.off. § 14`` is handled by the case above.
    # ``355284.`` / ``2024.`` / ``26.02.25.``: the sentence's full stop after a long number or a date
    suffixes = list(nlp.Defaults.suffixes or []) + [r"(?<=[0-9]{4})\.", r"(?<=\.[0-9]{2})\."]
    nlp.tokenizer.suffix_search = compile_suffix_regex(suffixes).search


def _base_pipeline() -> tuple[Language, str]:
    """An installed nb_core_news_* pipeline (without parser/lemmatizer) or ``spacy.blank('nb')``."""
    import spacy

    for package in CORE_PIPELINES:
        if importlib.util.find_spec(package) is not None:
            nlp = spacy.load(package, exclude=list(_CORE_EXCLUDE))
            return nlp, f"{package} {nlp.meta.get('version', '?')}"
    return spacy.blank("nb"), "spacy.blank nb"


def _register_filter() -> None:
    """Register ``vedtak_person_filter`` once (spaCy's registry is process-global)."""
    from spacy.language import Language

    if "vedtak_person_filter" in Language.factories:
        return

    @Language.component("vedtak_person_filter")
    def person_filter(doc: Doc) -> Doc:
        """Drop PER entities that are digits (``Sak 12/24``) or all-caps headings (``VEDTAK``)."""
        kept = []
        for ent in doc.ents:
            if ent.label_ == "PER":
                letters = [c for c in ent.text if c.isalpha()]
                if any(c.isdigit() for c in ent.text) or not letters:
                    continue
                if len(letters) > 1 and all(c.isupper() for c in letters):
                    continue
            kept.append(ent)
        doc.ents = kept
        return doc


def build_nlp(ner_model: Language | None = None, ner_description: str = "") -> tuple[Language, str]:
    """Build a fresh pipeline (not cached): base, special cases, ruler, ``ner_model``'s ``ner``
    after the ruler when given (and the base has none), the PER filter. Returns it with its path
    description. Use :func:`get_nlp` in production code; this is the builder it calls."""
    nlp, base = _base_pipeline()
    _add_special_cases(nlp)
    before = {"before": "ner"} if "ner" in nlp.pipe_names else {}
    ruler = nlp.add_pipe("entity_ruler", name="entity_ruler", config={"phrase_matcher_attr": "LOWER"}, **before)
    ruler.add_patterns(entity_patterns())
    description = f"{base} + entity_ruler" if "ner" in nlp.pipe_names else f"rules ({base} + entity_ruler)"
    if ner_model is not None and "ner" not in nlp.pipe_names and "ner" in ner_model.pipe_names:
        nlp.add_pipe("ner", source=ner_model, after="entity_ruler")
        description = f"{ner_description or ner_model.meta.get('name', 'ner')} + entity_ruler"
    _register_filter()
    nlp.add_pipe("vedtak_person_filter", last=True)
    return nlp, description


def _optional_ner() -> tuple[Language | None, str]:
    """``vedtak.nlp.ner.load_ner()`` when that module is there, else no model."""
    try:
        from vedtak.nlp.ner import load_ner
    except ImportError:
        return None, "rules"
    return load_ner()


@functools.cache
def _build() -> tuple[Language, str]:
    if any(importlib.util.find_spec(p) is not None for p in CORE_PIPELINES):
        return build_nlp()  # the core pipeline brings its own ner
    return build_nlp(*_optional_ner())


def get_nlp() -> Language:
    """The process's Norwegian pipeline (built on first call, then cached)."""
    return _build()[0]


def nlp_path_description() -> str:
    """Which NLP path runs, e.g. ``rules (spacy.blank nb + entity_ruler)`` or
    ``vedtak-ner 0.1.0 + entity_ruler``. Does not build the pipeline when it is not built yet:
    it looks for the installed packages and the shipped model's meta.json instead."""
    if _build.cache_info().currsize:
        return _build()[1]
    for package in CORE_PIPELINES:
        if importlib.util.find_spec(package) is not None:
            try:
                version = importlib.metadata.version(package)
            except importlib.metadata.PackageNotFoundError:
                version = "?"
            return f"{package} {version} + entity_ruler"
    try:
        from vedtak.nlp import ner
    except ImportError:
        return "rules (spacy.blank nb + entity_ruler)"
    meta_path = getattr(ner, "MODEL_DIR", None)
    meta_path = meta_path / "meta.json" if meta_path is not None else None
    if meta_path is not None and meta_path.is_file():
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return _build()[1]
        name = meta.get("name", "vedtak_ner").replace("_", "-")
        return f"{name} {meta.get('version', '?')} + entity_ruler"
    return "rules (spacy.blank nb + entity_ruler)"


# ---------------------------------------------------------------------------------------------
# Sentences
# ---------------------------------------------------------------------------------------------

_BULLET_RE = re.compile(
    r"\n[ \t]*(?=[•●▪◦■□➢►*][ \t]|[-–][ \t]+\S|o[ \t]+[A-ZÆØÅ]|\d{1,2}[.)][ \t]+[A-ZÆØÅ\d]|[a-z]\)[ \t]+\S)"
)
"""A new list item at a line start: ``• Arbeidet med ...``, ``- Søknader med ...``,
``1. Søknader med ...``, ``1) Søknader ...``, ``o Dette kan ...`` (sub-bullet), ``a) ...``."""

_PARA_RE = re.compile(r"\n[ \t]*\n\s*")
_COLON_EOL_RE = re.compile(r"(?<=:)[ \t]*\n")
_END_RE = re.compile(r"[.!?](?:[\"»”’)\]]*)(?=\s+[\"«“(]?[A-ZÆØÅ\d])")
_PROTECTED_RE = re.compile(r"\[[^\[\]\n]{0,160}\]|\([^()]{0,160}\)")
_INITIAL_BEFORE_RE = re.compile(r"(?:^|[\s(])[A-ZÆØÅ]\.$")
_TOKEN_BEFORE_RE = re.compile(r"\S+$")
_MONTH_AFTER_RE = re.compile(
    r"\s+(?i:januar|februar|mars|april|mai|juni|juli|august|september|oktober|november|desember)\b"
)


def _continues(text: str, gap_start: int, gap_end: int) -> bool:
    """A blank line inside a sentence (pages where every line is followed by an empty one):
    the text before does not end a sentence and the text after starts lowercase
    (``engasjerte diskusjoner \n\ni styremøtene``) and is not a list item (``o Dette``)."""
    before = text[max(0, gap_start - 3):gap_start].rstrip()
    after = text[gap_end:gap_end + 2]
    return (bool(before) and before[-1] not in ".:!?" and bool(after) and after[0].islower()
            and not re.match(r"o[ \t]", after))


_ID_AFTER_RE = re.compile(r"\s*\d{6}\b")


def _cuts(text: str) -> list[int]:
    protected = [(m.start() + 1, m.end() - 1) for m in _PROTECTED_RE.finditer(text)]
    starts = [a for a, _ in protected]

    def inside(p: int) -> bool:
        i = bisect.bisect_right(starts, p) - 1
        return i >= 0 and any(a <= p < b for a, b in protected[max(0, i - 3): i + 1])

    cuts = {m.start() for m in _PARA_RE.finditer(text) if not _continues(text, m.start(), m.end())}
    cuts |= {m.start() for m in _BULLET_RE.finditer(text)}
    cuts |= {m.end() for m in _COLON_EOL_RE.finditer(text)}
    for m in _END_RE.finditer(text):
        end, dot = m.end(), m.start()
        if inside(dot):
            continue
        if text[dot] == ".":
            window = max(0, dot - 60)  # look back a little, never to the start of the text
            word = _TOKEN_BEFORE_RE.search(text, window, dot + 1)
            token = word.group(0) if word else ""
            if token.casefold() in _ABBREV_SET or token.lstrip("([").casefold() in _ABBREV_SET:
                continue  # ``Kl. 10``, ``pga. høy``, ``jfr. Meld. St. 18``
            if _INITIAL_BEFORE_RE.search(text, window, dot + 1):
                continue  # ``Ole A. Andreassen``
            if word and re.fullmatch(r"\d{1,2}", token[:-1]):
                line_start = text.rfind("\n", 0, word.start()) + 1
                if not text[line_start:word.start()].strip():
                    continue  # a numbered item: ``1. Søknader med ...`` at a line start
                if _MONTH_AFTER_RE.match(text, end):
                    continue  # ``2. Desember 2024``
                if _ID_AFTER_RE.match(text, end):
                    continue  # a rank before an id: ``i prioritert rekkjefølgje: 1. 318252, 2. 318266``
        cuts.add(end)
    return sorted(cuts)


def sentences(text: str) -> list[tuple[str, int, int]]:
    """Split text into sentences that respect the layout: ``(sentence, start, end)``, stripped,
    sliced from ``text`` (line breaks inside a sentence are kept).

    Splits at blank lines, at list items starting a line (``•``, ``- ``, ``1. ``, ``1)``), after a
    line ending in ``:``, and at ``.``/``!``/``?`` followed by a capital or a digit; not after
    the :data:`ABBREVIATIONS`, an initial (``Ole A. Andreassen``) or inside ``[U.off. § 14]`` and
    other short bracketed groups.
    """
    out: list[tuple[str, int, int]] = []
    start = 0
    for cut in [*_cuts(text), len(text)]:
        seg = text[start:cut]
        stripped = seg.strip()
        if stripped:
            s = start + (len(seg) - len(seg.lstrip()))
            out.append((stripped, s, s + len(stripped)))
        start = cut
    return out


# ---------------------------------------------------------------------------------------------
# Person names
# ---------------------------------------------------------------------------------------------

_U = "A-ZÆØÅÄÖÜÉ"
_L = "a-zæøåäöüéèáàóç'’"
_SEP = r"(?:[ \t]+|[ \t]*\n[ \t]*)"
_WORD = rf"[{_U}][{_L}]+(?:-[{_U}][{_L}]+)*"
_PARTICLE = r"(?:van|von|der|den|de|af|da|di|du|la|le|ter|ten)"
_PARTICLE_SET = frozenset(_PARTICLE[3:-1].split("|"))
_INIT = rf"[{_U}]\.(?:-?[{_U}]\.)?"
_NAME_RUN_RE = re.compile(
    rf"(?<![\w.\-])(?:{_INIT}{_SEP})?{_WORD}(?:{_SEP}(?:{_PARTICLE}{_SEP}){{0,2}}(?:{_INIT}{_SEP})*{_WORD}){{1,40}}(?![\w\-])"
)
"""``Ole A. Andreassen``, ``Tove Klæboe \\nNilsen``, ``Alexandra Bjørk-Skaflestad``,
``Marianne van der Wel``."""

#: Given names that are also dictionary words (``Ole``, ``Tone``), accepted as a name's start.
GIVEN_NAMES = frozenset(
    """
    ole johan jon jan per pål paul lars tor tore terje knut nils svein arne bjørn geir rune odd
    kjell eirik erik eric frode joakim hans henrik martin magnus kristian christian anders
    thomas tomas andreas morten trond stein sverre even øystein ivar harald håkon olav sigurd
    einar kåre leif rolf finn gunnar helge atle jens peter petter daniel david simon jakob
    marius sindre vegard eivind espen kim alex alexander emil oskar sander tobias mathias
    anne anna tove tone tine siv siri mari marit marte maria marianne kari ingrid ingeborg
    kristin kirsten hilde heidi berit bente eli elin ellen else eva grete gro gunn hanne
    helene ida inger iris janne kaja karen karin kristine lene lise liv mette mona nina
    randi ragnhild rita ruth sara silje solveig stine sunniva toril torill trine turid unni
    vibeke wenche åse aud bodil camilla cecilie elisabeth hege irene june laila line may
    nora sofie susanne therese alexandra grethe rose beate astrid brit jorunn merete
    """.split()
)


@functools.lru_cache(maxsize=16384)
def _is_dictionary_word(word: str) -> bool:
    """True for a common word: known to simplemma's nb/nn/en dictionaries, or an inflected form
    (``Fellesutlysninger`` -> ``fellesutlysning``)."""
    import simplemma

    w = word.casefold()
    if any(simplemma.is_known(w, lang=lang) for lang in ("nb", "nn", "en")):
        return True
    return simplemma.lemmatize(w, lang="nb", greedy=True).casefold() != w


def _is_initial(word: str) -> bool:
    return re.fullmatch(_INIT, word) is not None


def _plausible_name(words: list[str]) -> bool:
    """The first full word is a given name (``Ole``, ``Tone``) or a short word no dictionary
    knows (``Annica``, ``Sameline``): ``Pilot Helse``, ``Kunstig Intelligens`` and
    ``Fellesutlysninger Innovasjonsprosjekt`` fail."""
    full = [w for w in words if not _is_initial(w) and w not in _PARTICLE_SET]
    if not full:
        return False
    first = full[0].split("-")[0]
    if first.casefold() in GIVEN_NAMES:
        return True
    return len(first) <= 12 and not _is_dictionary_word(first)


def _split_run(run: str) -> list[list[str]]:
    """Split a capitalised run at line breaks where both sides have 2+ words (a roster with one
    name per line); a single word on a line stays with its neighbour (``Tove Klæboe \nNilsen``)."""
    parts = [p.split() for p in run.split("\n") if p.strip()]
    groups: list[list[str]] = []
    for i, part in enumerate(parts):
        if len(part) == 1 and groups and (i == len(parts) - 1 or len(parts[i + 1]) >= 2):
            groups[-1].extend(part)
        elif groups and len(groups[-1]) == 1:
            groups[-1].extend(part)
        else:
            groups.append(list(part))
    return groups


def _rule_names(text: str) -> list[tuple[str, int]]:
    found = []
    for m in _NAME_RUN_RE.finditer(text):
        for words in _split_run(m.group(0)):
            # A capitalised sentence start or title glued to the front: drop leading non-names.
            while words and not _is_initial(words[0]) and words[0].casefold() not in GIVEN_NAMES and (
                words[0].casefold() in NON_NAME_WORDS or _is_dictionary_word(words[0])
            ):
                words = words[1:]
            if len(words) < 2 or not _plausible_name(words):
                continue
            name = clean_person_name(" ".join(words))
            if name is not None:
                found.append((name, m.start()))
    return found


def person_names(text: str) -> list[str]:
    """Names of people in the text, in text order, unique by :func:`person_key`: a rule
    (capitalised runs of 2–4 words with initials / ``van der`` particles, whose first word is a
    given name or not a dictionary word, cleaned by ``clean_person_name``) plus the NER's PER
    entities when a model is loaded."""
    found = _rule_names(text)
    nlp = get_nlp()
    if "ner" in nlp.pipe_names:
        # The NER only adds: a span that overlaps a name the rule read is the rule's.
        taken = [(start, text.find(name, start) + len(name) if text.find(name, start) >= 0 else start + len(name))
                 for name, start in found]
        for ent in nlp(text).ents:
            if ent.label_ != "PER" or len(ent.text.split()) > 4:
                continue
            if any(ent.start_char < end and start < ent.end_char for start, end in taken):
                continue
            name = clean_person_name(ent.text)
            if name is not None:
                found.append((name, ent.start_char))
    seen: set[str] = set()
    out = []
    for name, _ in sorted(found, key=lambda x: x[1]):
        key = person_key(name)
        if key not in seen:
            seen.add(key)
            out.append(name)
    return out

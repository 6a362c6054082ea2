"""Outcome words through simplemma lemmas: `avslås`/`avslått`/`avslag`, `innvilges`/`innvilga`, `settes på reserveliste`."""

from __future__ import annotations

import functools
import re

from vedtak.nlp.chars import _LOWER, _UPPER
from vedtak.nlp.vocab import Outcome

# ---------------------------------------------------------------------------------------------
# Outcome words (lemmas through simplemma)
# ---------------------------------------------------------------------------------------------

_WORD_RE = re.compile(rf"[{_UPPER}{_LOWER}]+")


@functools.lru_cache(maxsize=65536)
def lemma(word: str) -> str:
    """Lemma of one word, bokmål first then nynorsk (simplemma, offline): ``avslås`` -> ``avslå``."""
    from vedtak.nlp.lemmas import lemmatize

    return lemmatize(word.casefold()).casefold()


_REJECT_LEMMAS = frozenset({"avslå", "avslag", "avslåast"})
_REJECT_FORMS = frozenset({"avslå", "avslås", "avslår", "avslått", "avslåtte", "avslo", "avslåast", "avslag", "avslaget",
                           "avslegen", "avslegne", "avvises", "avvist", "avviste", "avvisast"})
_GRANT_LEMMAS = frozenset({"innvilge", "innvilga", "bevilge", "bevilga"})
_GRANT_FORMS = frozenset({
    "innvilge", "innvilges", "innvilget", "innvilga", "innvilgast", "innvilger", "innvilgar", "innvilgede",
    "innvilgete", "innvilgde", "bevilge", "bevilges", "bevilget", "bevilga", "bevilgast", "bevilger",
    "støttes", "støttast",
    # nynorsk `løyve` (grant): `Porteføljestyret løyver ... til følgjande prosjekt`, `vert løyvd`; never the noun `løyve`
    "løyver", "løyvar", "løyvde", "løyvd", "løyvt", "løyvast", "løyvest",
})
_NOT_OUTCOME_FORMS = frozenset({"innvilgelse", "innvilgelsen", "innvilging", "bevilgning", "bevilgningen", "løyving", "løyvinga",
                                "bevilgninger", "bevilling", "avslagsbrev", "avslagsbrevet"})
_AUXILIARIES = frozenset({"bli", "blir", "ble", "blitt", "vert", "verte", "vart", "vore", "er", "være", "vere",
                          "å", "kan", "skal", "vil"})
_GIVE_LEMMAS = frozenset({"tildele", "tildela", "tildelase", "tildeles"})
_GIVE_PASSIVE = re.compile(r"tilde(?:les|last|lt|lte)$")
_SUPPORT_WORDS = frozenset({"støtte", "stønad", "midler", "midlar", "finansiering", "tilsagn"})
_RESERVE_RE = re.compile(r"(?:reserve|vente)list(?:e|a|en|er|ene)?$")
NEGATIONS = frozenset({"ikke", "ikkje"})
"""The words that negate an outcome word before or after it: `innvilges ikke`, `ikkje innvilga`, a cell's `Støttes ikke`."""
_CONDITIONS = frozenset({"før", "inntil", "uten", "utan", "dersom", "hvis", "viss", "mindre"})
_RESERVE_LEAD = frozenset({
    "sette", "settes", "sett", "satt", "settast", "setjast", "plassere", "plasseres", "plassert", "komme",
    "kommer", "føres", "ført", "på", "en", "ei", "ein", "rangert", "rangerte", "prioritert",
})


def outcome_spans(text: str) -> list[tuple[Outcome, int, int]]:
    """Where outcome phrases stand in the text, as ``(Outcome, start, end)`` in text order.

    Inflections match through lemmas: ``avslås``/``avslått``/``avslag``/``avslår``/``avslo`` ->
    rejected; ``innvilges``/``innvilget``/``innvilga``/``bevilges``, ``tildeles (ni) støtte``,
    ``tildelast``, ``får støtte`` -> granted; ``settes på (en) (rangert) reserveliste``,
    ``venteliste``, ``vert sett på reserveliste`` -> reserve; ``avvises``, nynorsk ``avslegen`` ->
    rejected; ``støttes`` -> granted. A grant negated before or after (``innvilges ikke``, ``vil
    ikke bli innvilget``, ``får ikke støtte``) is a rejection; another negated outcome is skipped.
    Nouns like ``bevilgning``, ``tildeling``, ``avslagsbrevet`` are not outcomes.
    """
    words = [(m.group(0), m.start(), m.end()) for m in _WORD_RE.finditer(text or "")]
    lower = [w.casefold() for w, _, _ in words]
    spans: list[tuple[Outcome, int, int]] = []
    for i in [i for i, form in enumerate(lower) if _may_be_outcome(form)]:
        form, lem = lower[i], lemma(lower[i])
        s, e = words[i][1], words[i][2]
        negated_after = i + 1 < len(words) and lower[i + 1] in NEGATIONS
        if _negated(lower, i) or negated_after:
            # `Søknaden innvilges ikke`, `får ikke støtte`: a refused grant is a rejection;
            # a negated rejection or reserve (`avslås ikke`) says nothing.
            granting = form in _GRANT_FORMS or lem in _GRANT_LEMMAS or (
                (lem in _GIVE_LEMMAS or form.startswith("tildel") or lem in ("få", "får")) and not form.startswith("tildeling")
                and any(lower[j] in _SUPPORT_WORDS for j in range(i + 1, min(i + 4, len(words)))))
            conditional = any(lower[j] in _CONDITIONS for j in range(i + 1, min(i + 5, len(words))))
            if granting and not conditional:  # `skal ikke innvilges før revisjon` is a condition
                end = words[i + 1][2] if negated_after else e
                spans.append((Outcome.REJECTED, s, end))
            continue
        if form in _REJECT_FORMS or lem in _REJECT_LEMMAS:
            if i + 2 < len(words) and lower[i + 1] == "en" and lower[i + 2] == "bloc":
                e = words[i + 2][2]
            spans.append((Outcome.REJECTED, s, e))
        elif form in _GRANT_FORMS or lem in _GRANT_LEMMAS:
            spans.append((Outcome.GRANTED, s, e))
        elif lem in _GIVE_LEMMAS or form.startswith("tildel"):
            if form.startswith("tildeling"):
                continue
            support = next((j for j in range(i + 1, min(i + 4, len(words))) if lower[j] in _SUPPORT_WORDS), None)
            if support is not None:
                spans.append((Outcome.GRANTED, s, words[support][2]))
            elif _GIVE_PASSIVE.match(form):
                spans.append((Outcome.GRANTED, s, e))
        elif lem in ("få", "får") and i + 1 < len(words) and lower[i + 1] in _SUPPORT_WORDS:
            spans.append((Outcome.GRANTED, s, words[i + 1][2]))
        elif _RESERVE_RE.search(form):
            j = i
            while j - 1 >= 0 and i - (j - 1) <= 4 and lower[j - 1] in _RESERVE_LEAD:
                j -= 1
            while j < i and lower[j] in ("på", "en", "ei", "ein"):
                j += 1  # start at the verb or ``rangert``, never at ``på``
            spans.append((Outcome.RESERVE, words[j][1], e))
    return spans


@functools.lru_cache(maxsize=65536)
def _may_be_outcome(form: str) -> bool:
    """Whether `outcome_spans` can open a span at a word of this (casefolded) form: one of the conditions
    of its branches (`avslås`, `innvilga`, `tildeles`, `får`, `reserveliste`; a refused grant is a grant
    word too), and not a noun like `bevilgningen`. Every other word of a sentence is passed over."""
    if form in _NOT_OUTCOME_FORMS:
        return False
    lem = lemma(form)
    return (form in _REJECT_FORMS or lem in _REJECT_LEMMAS or form in _GRANT_FORMS or lem in _GRANT_LEMMAS
            or lem in _GIVE_LEMMAS or form.startswith("tildel") or lem in ("få", "får") or _RESERVE_RE.search(form) is not None)


def _negated(lower: list[str], i: int) -> bool:
    """``ikke innvilget``, ``vil ikke bli innvilget``, ``vert ikkje innvilga``."""
    j = i - 1
    while j >= 0 and i - j <= 3 and lower[j] in _AUXILIARIES:
        j -= 1
    return j >= 0 and lower[j] in NEGATIONS


def outcome_of(text: str) -> Outcome | None:
    """Outcome of a clause: the first outcome phrase in it (``Søknad 355170 settes på
    reserveliste`` -> reserve; ``vert avslått`` -> rejected), None if there is none. A clause
    with several (``tildeles ni støtte og tre avslås``) needs :func:`outcome_spans`."""
    spans = outcome_spans(text)
    return spans[0][0] if spans else None

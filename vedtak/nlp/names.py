"""Person names as papers write them: `Ole A. Andreassen`, `Tove Klæboe Nilsen`, `Bjørk-Skaflestad`, titles and
affiliations removed."""

from __future__ import annotations

import re
import unicodedata

from vedtak.nlp.chars import _LOWER, _UPPER, _fold_ws

# ---------------------------------------------------------------------------------------------
# Person names
# ---------------------------------------------------------------------------------------------

_TITLE_WORDS = (
    r"professor(?:\s+emeritus)?|prof\.|dr\.|dr(?=\s)|ph\.d\.|styreleder|styreleiar|"
    r"porteføljestyreleder|porteføljestyreleiar|settestyreleder|settestyreleiar|settemedlem|"
    r"styremedlem(?:mer|mar|met|mene|ane)?|medlem(?:mer|mene|ane|ar)|varamedlem(?:met)?|vararepresentant(?:en)?|"
    r"nestleder|nestleiar|leder|leiar|områdedirektør|avdelingsdirektør|avd\.\s*dir\.?|"
    r"direktør|seniorrådgiver|seniorrådgjevar|spesialrådgiver|spesialrådgjevar|rådgiver|rådgjevar|"
    r"saksbehandler|sakshandsamar|førsteamanuensis|forsker|forskar|observatør"
)
_LEADING_TITLE_RE = re.compile(rf"^(?:(?i:{_TITLE_WORDS})\s+)+")
"""``professor Oddrun Samdal``, ``Områdedirektør Anne Kjersti Fahlvik``, ``avd. dir. X``."""

_INNER_TITLE_RE = re.compile(rf"^\S.*?\s(?:(?i:{_TITLE_WORDS}))\s+(?=\S)")
"""A heading run into the sentence before a title and the name: ``Habilitet Styreleder Kristin Vatne`` (the heading
`Habilitet` above `Styreleder Kristin Vatne er inhabil ...`)."""

_PAREN_RE = re.compile(r"\s*[\(\[][^)\]]*[\)\]]")
"""``(leder)``, ``(leiar)``, ``(PS-Forskningssystemet)``, ``(Sak PS-HELSE 51/24 og 54/24)``."""

_AFFILIATION_RE = re.compile(r"\s*(?:,|\s-\s|\s–\s|\s(?:ved|fra|frå|i)\s).*$", re.S)
"""``Oddrun Samdal, settemedlem sak 55/24``, ``Marianne van der Wel, Helse- og omsorgsdepartementet``,
``Oddrun Samdal ved Universitetet i Bergen``, ``Anne Kjersti Fahlvik, Områdedirektør - ...``."""

_NAME_WORD = re.compile(rf"[{_UPPER}][{_LOWER}'’]+(?:-[{_UPPER}][{_LOWER}'’]+)*")
_INITIAL = re.compile(rf"[{_UPPER}]\.(?:-?[{_UPPER}]\.)*")
_PARTICLES = frozenset({"van", "der", "den", "de", "von", "la", "le", "di", "du", "da", "af", "ter", "ten", "zu"})

#: Capitalised words that start many non-names in board papers (``Pilot Helse``, ``Sak PS``).
NON_NAME_WORDS = frozenset(
    """
    sak saken vedtak dato sted til fra forfall observatører vedlegg saksbehandler ansvarlig
    direktør områdedirektør porteføljestyret porteføljestyre porteføljeplan forskningsrådet
    forskningsrådets norges norsk norske norge helse pilot innovasjon horisont europa eu
    universitetet høgskolen kunstig intelligens godkjent godkjenning orienteringer orientering
    møteprotokoll møterom kort bakgrunn hovedpunkter forslag videre forberedelse administrasjonen
    departementet styret kommune kommunene den det de og i for med av om på
    """.split()
)


def clean_person_name(text: str) -> str | None:
    """A person's name from a roster line, or None if what is left is not a full name.

    ``Ole A. Andreassen (leder)`` -> ``Ole A. Andreassen``; ``Oddrun Samdal, settemedlem sak
    55/24`` -> ``Oddrun Samdal``; ``professor Oddrun Samdal ved Universitetet i Bergen`` ->
    ``Oddrun Samdal``; ``Marianne van der Wel, Helse- og omsorgsdepartementet (HOD)`` ->
    ``Marianne van der Wel``; keeps ``Bjørk-Skaflestad``, ``Tove Klæboe Nilsen``. A single word,
    digits, all-caps headings or lowercase text give None.
    """
    s = _fold_ws(unicodedata.normalize("NFC", text or ""))
    s = _PAREN_RE.sub("", s)
    s = _LEADING_TITLE_RE.sub("", s.strip(" •-–*:;,"))
    s = _AFFILIATION_RE.sub("", s)
    s = _INNER_TITLE_RE.sub("", s)
    s = _LEADING_TITLE_RE.sub("", s)
    s = s.strip(" .,:;-–*•")
    tokens = s.split(" ")
    if not 2 <= len(tokens) <= 6:
        return None
    if tokens[0] in _PARTICLES or tokens[-1] in _PARTICLES:
        return None
    full_words = 0
    for tok in tokens:
        if tok in _PARTICLES or _INITIAL.fullmatch(tok):
            continue
        if not _NAME_WORD.fullmatch(tok) or tok.casefold() in NON_NAME_WORDS:
            return None
        full_words += 1
    if full_words < 1 or not _NAME_WORD.fullmatch(tokens[-1]):
        return None
    if full_words == 1 and not any(_INITIAL.fullmatch(t) for t in tokens):
        return None
    return s


def person_key(name: str) -> str:
    """Linking key of a name: NFC, casefolded, whitespace collapsed (``Ole  A. Andreassen`` ->
    ``ole a. andreassen``)."""
    return _fold_ws(unicodedata.normalize("NFC", name or "")).casefold()

"""People in running text and in attendance lists.

Names as Norwegian papers write them: middle initials (`Ole A. Andreassen`), double surnames
(`Tove Klæboe Nilsen`), hyphens (`Alexandra Bjørk-Skaflestad`), particles (`Marianne van der
Wel`), æøå. A list is `A, B, C og D`; an attendance line is `Name, affiliation` or
`Name (leder)`.
"""

from __future__ import annotations

import re

from vedtak.nlp.names import clean_person_name

_UP = "A-ZÆØÅÉÜÖÄ"
_LOW = "a-zæøåéüöäèáíóúñç"
_NAMEWORD = rf"[{_UP}][{_LOW}'’]+(?:-[{_UP}][{_LOW}'’]+)?"
NAME = re.compile(
    rf"(?<![\w.])(?:{_NAMEWORD})(?:\s+(?:[{_UP}]\.(?:\s*[{_UP}]\.)?|van|von|der|den|de|af|da|di|le|{_NAMEWORD})){{1,4}}(?![\w])"
)
"""Two to five name words: `Ole A. Andreassen`, `Marianne van der Wel`, `Tove Klæboe Nilsen`."""

# Capitalised words that begin sentences or name institutions, never people.
NOT_NAME_START = {
    "følgende", "følgjande", "siden", "sidan", "for", "porteføljestyret", "porteføljestyreleder", "styret", "sak", "saken",
    "universitetet", "universitet", "høgskolen", "forskningsrådet", "forskingsrådet", "administrasjonen", "ingen", "dette",
    "det", "de", "disse", "søknad", "søknadene", "søknader", "helse", "helse-", "norges", "områdedirektør", "avd", "professor",
    "dr", "settemedlem", "settemedlemmet", "settestyreleder", "oppnevnt", "medlemmer", "medlem", "av", "i", "og", "til",
    "møteprotokoll", "vedtak", "observatører", "forfall", "dato", "sted", "kl", "tid", "når", "da", "etter", "under",
    "porteføljestyremedlemmer", "styremedlemmer", "leder", "leiar", "gruppe", "pilot", "eu", "stortinget",
}


def names_in(text: str) -> list[str]:
    """Person names in running text, in order, cleaned, without duplicates."""
    out: list[str] = []
    for m in NAME.finditer(text):
        words = m.group(0).split()
        while words and words[0].lower().rstrip(".") in NOT_NAME_START:
            words = words[1:]
        if len(words) < 2:
            continue
        name = clean_person_name(" ".join(words))
        if name and name not in out:
            out.append(name)
    return out


def ner_names(text: str) -> list[str]:
    """Persons the statistical NER finds in `text` (shipped NorNE model or an installed
    nb_core_news_*), cleaned like rule names; empty when no model is available."""
    try:
        from vedtak.nlp.ner import person_and_org_spans
    except ImportError:
        return []
    out: list[str] = []
    for label, span, _, _ in person_and_org_spans(text):
        if label != "PER":
            continue
        name = clean_person_name(span)
        if name and len(name.split()) >= 2 and name not in out:
            out.append(name)
    return out


def names_or_ner(text: str, use_ner: bool) -> list[str]:
    """Rule names; where the rules find none and a model is there, the NER's persons instead.

    The NER only adds: it never replaces or renames a name the rules read."""
    found = names_in(text)
    if found or not use_ner:
        return found
    return ner_names(text)


def names_in_list(text: str) -> list[str]:
    """Names of a list `A, B, C og D` (each item a name, possibly with a title or role)."""
    out: list[str] = []
    for part in re.split(r",\s*|\s+og\s+|\s+samt\s+", text):
        for name in names_in(part):
            if name not in out:
                out.append(name)
    return out


def attendee(line: str) -> str | None:
    """The person of one attendance line: `Ole A. Andreassen (leder)` -> `Ole A. Andreassen`;
    `Marianne van der Wel, Helse- og omsorgsdepartementet (HOD)` -> `Marianne van der Wel`."""
    head = re.split(r",|\(|\s[-–]\s", line, maxsplit=1)[0]
    name = clean_person_name(head.strip())
    if name is None:
        return None
    found = NAME.fullmatch(name)
    return name if found else None


ONE_WORD = re.compile(r"^\s*[A-ZÆØÅ][a-zæøå]+(?:-[A-ZÆØÅ][a-zæøå]+)?\s*$")


LIST_RUNS_ON = re.compile(r"(?:,|\s(?:og|samt))\s*$")


def _join_running_lists(lines: list[str]) -> list[str]:
    """A list of names written as a sentence over several lines (`Torunn Vikøren (leiar), Magnus Skjelbred, ... og`
    / `Eivind Ulvestad.`): a line ending in a comma or `og` goes on in the next; so does a list of items
    separated by semicolons that has not yet ended (`...; Mona Lie Aasen, SINTEF` / `Community; Rune Gjerstad, ...`)."""
    out: list[str] = []
    for line in lines:
        if out and (LIST_RUNS_ON.search(out[-1]) or _list_goes_on(out[-1], line) or _semicolon_list_goes_on(out[-1])
                    or _name_goes_on(out[-1], line) or out[-1].count("(") > out[-1].count(")")):  # (`... (på` / `Teams), ...`)
            out[-1] = f"{out[-1].rstrip()} {line.strip()}"
        else:
            out.append(line)
    return out


def _list_goes_on(above: str, line: str) -> bool:
    """A comma list of names broken inside a name (`..., Brita Kvamme, Joakim` / `Fet, Sunniva Rørvik, Arne
    Ulvestad`): the line above holds two commas or more and ends in a capitalised word, not a full stop, and
    the line goes on with a capitalised word and another comma."""
    return (above.count(",") >= 2 and not above.rstrip().endswith((".", ":", ")")) and ONE_WORD.match(above.rsplit(",", 1)[-1]) is not None
            and line.lstrip()[:1].isupper() and "," in line)


NAME_START = re.compile(rf"\s*{_NAMEWORD}(?:\s+{_NAMEWORD}){{0,2}}\s*")
"""The first one to three words of a name, where a line broke it: `Eirik`, `Linn Cecilie`."""
SURNAME_THEN_LIST = re.compile(rf"^\s*{_NAMEWORD}(?:,|\s+og\s)")


def _name_goes_on(above: str, line: str) -> bool:
    """A comma list broken inside a name: `Sigrid Nergård (leiar), Eirik` / `Hætta, Randi Mjøen Skog, ...`, `Linn
    Cecilie` / `Hovde, Magnus Tveito og Hege Aamodt.`: the line above ends in capitalised words after a comma, and the
    line goes on with one capitalised word and the list's next comma (or `og`); `Kari Nordmann, Statsbygg` / `Per Olsen,
    Veidekke` is two items. A sentence of attendance prose broken anywhere goes on too."""
    if above.rstrip().endswith((".", ":", ")", ",")):
        return False
    if "," in above and NAME_START.fullmatch(above.rsplit(",", 1)[-1]) and SURNAME_THEN_LIST.match(line):
        return True
    # a lone surname opens the line after a list that ends in a name's first words (`... og styremedlemmene Liv Hilde` /
    # `Aasen, Arne Fjørtoft og Ranveig Sunde.`): no name is one word, so it ends the name above
    if (SURNAME_THEN_LIST.match(line) and re.search(r"(?:,|\bog)\s+(?:\w+\s+)?" + _NAMEWORD + r"(?:\s+" + _NAMEWORD + r"){0,2}\s*$", above)):
        return True
    if ATTENDANCE_VERB.search(SENTENCE_END.split(above)[-1]):
        return True  # `Eli Sunde frå Kulturdepartementet møtte som` / `observatør. Frå administrasjonen ...`
    # `... og Jon Ivar Bakken. Ellen` / `Marie Sara møtte som setjemedlem i sak 24/23.`: a sentence that begins with
    # a name broken after its first word
    last = SENTENCE_END.split(above)[-1]
    return last != above and ONE_WORD.match(last) is not None and NAME.match(f"{last.strip()} {line.strip()}") is not None


SENTENCE_END = re.compile(r"(?<=[a-zæøå\d)]\.)\s+(?=[A-ZÆØÅ])")
"""Where a sentence of attendance prose ends: `... og Hege Aamodt. Peder Nilsen Vik møtte ...` (never inside a name
with an initial, `Ole A. Andreassen`)."""

ATTENDANCE_VERB = re.compile(r"\b(?:møtte|møtt|hadde|har|var|deltok|deltek|deltar)\b")
"""A sentence of attendance prose, not a list item: `Peder Nilsen Vik møtte som setjemedlem i sak 12/23.`, `Ragnhild Dahl
hadde meldt forfall.`, `Frå administrasjonen møtte Oddny Kleppe og Torbjørn Lid (referent).`"""


def _dash_clauses(sentence: str) -> list[str]:
    """A sentence of attendance prose cut at a dash that opens a clause of its own: `Solfrid Hauge (forfall) – Bård Kvalheim
    møtte for henne.` -> the absent member, and the substitute's sentence (a list of names never holds such a dash)."""
    parts = re.split(r"\s[–—]\s(?=[A-ZÆØÅ])", sentence)
    return parts if len(parts) > 1 and ATTENDANCE_VERB.search(parts[-1]) else [sentence]


def _semicolon_list_goes_on(above: str) -> bool:
    """A list of `Name, affiliation` items separated by semicolons, broken before its full stop: `Kari Fløtten, NTNU
    (leiar); Hallvard Skjeldal, Statsbygg; Mona Lie Aasen, SINTEF` goes on in `Community; Rune Gjerstad, ...`."""
    return len(_semicolon_items(above)) > 1 and not above.rstrip().endswith((".", ":"))


def _semicolon_items(text: str) -> list[str]:
    """The items of a list separated by semicolons outside brackets: `Kari Fløtten, NTNU (leiar); Hallvard
    Skjeldal, Statsbygg.` -> `Kari Fløtten, NTNU (leiar)`, `Hallvard Skjeldal, Statsbygg.`"""
    items: list[str] = []
    depth = start = 0
    for pos, ch in enumerate(text):
        depth = depth + 1 if ch == "(" else max(depth - 1, 0) if ch == ")" else depth
        if ch == ";" and depth == 0:
            items.append(text[start:pos])
            start = pos + 1
    items.append(text[start:])
    return [i.strip() for i in items if i.strip()]


def _rejoin_wrapped_names(lines: list[str]) -> list[str]:
    """A name a narrow column wrapped after its first word (`Bente` / `Sollie`): two lines of one
    capitalised word each are one name; a line that holds a whole name is left as it is."""
    lines = _join_running_lists(lines)
    out: list[str] = []
    k = 0
    while k < len(lines):
        if k + 1 < len(lines) and ONE_WORD.match(lines[k]) and ONE_WORD.match(lines[k + 1]):
            out.append(f"{lines[k].strip()} {lines[k + 1].strip()}")
            k += 2
            continue
        out.append(lines[k])
        k += 1
    return out


_LIST_SEPARATOR = re.compile(r",\s*|\s+og\s+")


def _outside_brackets(text: str) -> list[str]:
    """The items of `A, B og C` split at commas and `og` outside brackets: `Guro Seim (avdelingsdirektør) og
    Rolf Ask (sakshandsamar, referent).` -> `Guro Seim (avdelingsdirektør)`, `Rolf Ask (sakshandsamar, referent).`"""
    parts: list[str] = []
    start = depth = 0
    pos = 0
    while pos < len(text):
        ch = text[pos]
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(depth - 1, 0)
        elif depth == 0 and (m := _LIST_SEPARATOR.match(text, pos)):
            parts.append(text[start:pos])
            start = pos = m.end()
            continue
        pos += 1
    parts.append(text[start:])
    return parts


def _names_with_titles(parts: list[str]) -> list[tuple[str, str]]:
    """Names each followed by a title in lower case (`Jan Åge Riseth, spesialrådgjevar, og Heidi Marstein, rådgjevar
    (referent)`): each name with its own title; none where a part is neither (an affiliation, `Kunnskapsdepartementet`)."""
    out: list[tuple[str, str]] = []
    for p in parts:
        bare = re.sub(r"^(?:og|samt)\s+", "", p)
        name = clean_person_name(bare)
        if name and NAME.fullmatch(name):
            out.append((name, bare))
        elif p[:1].islower() and out:
            out[-1] = (out[-1][0], f"{out[-1][1]}, {p}")
        else:
            return []
    return out if len(out) >= 2 else []


def attendees(lines: list[str]) -> list[tuple[str, str]]:
    """(name, the line it came from) for each person of an attendance list.

    A line holding only names separated by commas (`Kari Nordmann, Per Olsen`) gives each; items separated by
    semicolons (`Kari Fløtten, NTNU (leiar); Hallvard Skjeldal, Statsbygg`) are read one by one, and so are the
    sentences of attendance prose (`... og Hege Aamodt. Peder Nilsen Vik møtte som setjemedlem i sak 12/23.`), each
    name of a sentence with the sentence, which `lexicon.sentence_role` reads; otherwise the part before the first comma is the name and the rest is affiliation/role.
    """
    out: list[tuple[str, str]] = []
    items = [clause for line in _rejoin_wrapped_names(lines) for item in _semicolon_items(line)
             for sentence in SENTENCE_END.split(item) for clause in _dash_clauses(sentence)]
    for line in items:
        text = line.strip()
        if not text:
            continue
        if ATTENDANCE_VERB.search(text):
            # a sentence: every name in it, each with the sentence (which says in what role they met)
            out.extend((name, text) for name in names_in(text))
            continue
        parts = [p.strip() for p in _outside_brackets(text) if p.strip()]
        if len(parts) > 1 and all(NAME.fullmatch(clean_person_name(p) or "") for p in parts):
            for p in parts:  # each name keeps its own part, so `(leder)` marks only its person
                out.append((clean_person_name(p) or p, p))
            continue
        titled = _names_with_titles(parts)
        if titled:
            out.extend(titled)
            continue
        name = attendee(text)
        if name:
            out.append((name, text))
    return out

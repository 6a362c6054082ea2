"""Conflicts of interest (habilitet) from a decision text.

The seed (case 51/24 in the minutes of 6/24) is the model:

    Sak 54/24: Bevilgning av forprosjekter Pilot Helse [U.off. § 14]
    Følgende medlemmer er inhabile og fratrer møtet ...: Ole A. Andreassen, Annica Øygard, ...
    Eirik Abildsnes og Tone Frost Bathen er inhabile for søknader i gruppe 3, og fratrer
    møtet fram til behandling av søknader i gruppe 4.
    Siden porteføljestyreleder Ole A. Andreassen er inhabil er Sameline Grimsgaard
    oppnevnt som settestyreleder under behandling av saken.
    ... er professor Oddrun Samdal ved Universitetet i Bergen ..., oppnevnt som settemedlem.
    Ingen medlemmer er inhabile for øvrige saker.

A conflict's case is the case named by the `Sak 54/24:` sub-heading (or in the sentence
itself), never the case that records it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from vedtak.extractors.locate import provenance_for
from vedtak.extractors.text import text_sentences
from vedtak.extractors.people import names_in_list, names_or_ner
from vedtak.document import Line
from vedtak.lexicon import ACTING_CHAIR, INHABILE, PRONOUN_SUBJECT, REFERS_BACK, SUBSTITUTE
from vedtak.nlp.ids import find_case_ids
from vedtak.nlp.prefilter import guarded
from vedtak.records import Conflict, ConflictDeclaration

SUBHEADING = re.compile(r"(?:^|\n|(?<=[.!?])\s+)\s*(?:Sak|SAK)\s+((?:[A-ZÆØÅ]{2,}(?:-[A-ZÆØÅ]+)*\s+)?\d{1,3}\s*[/-]\s*\d{2,4})\s*:")
"""`Sak 54/24:` opening the part of a habilitet decision about one case."""

NONE_DECLARED = re.compile(
    r"\bingen\s+(?:av\s+)?(?:[a-zæøå]+s\s+)?(?:styre)?(?:medlemmer|medlemmene|medlemer|medlemene)\b[^.]*?\b(?:er|var|vart|blir|ble|vert)\s+(?:vurdert\s+(?:som\s+)?)?inhabile?"
    r"|\bingen\s+(?:av\s+)?(?:styre)?(?:medlemmene\s+|medlemene\s+)?(?:meldte|erklærte|melde)\s+(?:seg\s+)?inhabil"
    r"|\bdet\s+(?:ble|vart|blei)\s+ikke?\s+meldt\s+(?:om\s+)?inhabilitet|\bingen\s+inhabilitet\b",
    re.IGNORECASE,
)
"""`Ingen medlemmer er inhabile ...`, `Ingen meldte seg inhabile`, `Det ble ikke meldt inhabilitet`."""
OTHER_CASES = re.compile(r"\b(?:øvrige|andre|resterande|resterende|dei\s+andre|de\s+andre)\s+sak", re.IGNORECASE)
SCOPE = re.compile(r"\bfor\s+(?:søknader|søknadene|søknadar|søknadene)\s+i\s+(gruppe\s+\w+)|\bi\s+(gruppe\s+\d+)|\bfor\s+(søknad(?:ene)?\s+\d{6}(?:(?:,\s*|\s+og\s+)\d{6})*)"
                   r"|\b(?:behandlingen|behandlinga|handsaminga|handsamingen)\s+av\s+(søknad(?:ene|ane)?\s+\d{6}(?:(?:,\s*|\s+og\s+)\d{6})*)",
                   re.IGNORECASE)
"""What part of a case a disqualification covers: `for søknadene i gruppe B`, `for søknad 355815`, nynorsk `ved handsaminga
av søknad 334590`."""
# The three conflict patterns as the gate of `extract_conflicts` scans a whole decision with them (the same
# matches, ~3x faster: most decisions mention no conflict, so all three run over every character).
_MENTIONS = (guarded(INHABILE), guarded(ACTING_CHAIR), guarded(SUBSTITUTE))

AFFILIATION = re.compile(r"\bved\s+(.+?)(?:\s+og\s+|,|\s+oppnevnt|\s+oppnemnd|$)")


def _sections(text: str, default_board: str | None) -> list[tuple[str | None, str, int]]:
    """(case id, section text, offset) parts of a text, split at `Sak N/YY:` sub-headings."""
    marks = [(m.start(), m.end(), m.group(1)) for m in SUBHEADING.finditer(text)]
    if not marks:
        return [(None, text, 0)]
    out: list[tuple[str | None, str, int]] = []
    if marks[0][0] > 0:
        out.append((None, text[: marks[0][0]], 0))
    for k, (s, e, raw) in enumerate(marks):
        end = marks[k + 1][0] if k + 1 < len(marks) else len(text)
        ids = find_case_ids(f"sak {raw}", default_board)
        out.append((ids[0][0] if ids else None, text[e:end], e))
    return out


LIST_ITEM = re.compile(r"^\s*(?:[•●▪◦·∙\-–—*]|\d{1,2}[.)])\s+")
"""A list item after `Følgende medlemmer er inhabile:`: `– Kari Nordmann, sak 12/25 (medsøker)`."""
ITEM_RUNS_ON = re.compile(r"\)\s+(?=[A-ZÆØÅ][a-zæøå])")
"""The end of a list item whose paragraph break the text layer lost: `(medsøker) Siden ...`."""
GROUND = re.compile(r"\(([^()]{2,80})\)\s*[.;,]?\s*$")


def _subjects(clause: str, people: Sequence[str]) -> set[str]:
    """The people a clause opens with, joined by `og` / commas only, right before its verb:
    `Torunn Vikøren og Magnus Skjelbred ` (then `forlét møtet`) -> both; `Sidan styreleiar Kari Nordmann `
    -> none (a role word stands between)."""
    rest = clause
    for person in sorted(people, key=len, reverse=True):
        rest = rest.replace(person, "\x00")
    if "\x00" not in rest or not re.fullmatch(r"(?:\s|,|\x00|\bog\b)*", rest):
        return set()
    return {p for p in people if p in clause}


def _list_item(item: str, section_case: str | None, default_board: str | None) -> list[tuple[str, list[str], str | None, str | None]]:
    """`Kari Nordmann, sak 12/25 (medsøker)` -> [(Kari Nordmann, [PS-X 12/25], medsøker, None)];
    `Per Olsen og Ola Hansen – sak 12/25 og 14/25` -> both people, both cases."""
    m = GROUND.search(item)
    ground = m.group(1).strip() if m else None
    body = item[: m.start()] if m else item
    cids = [cid for cid, _, _ in find_case_ids(body, default_board)]
    if not cids and section_case:
        cids = [section_case]
    first_case = re.search(r"\b(?:i\s+)?(?:sak|saken|sakene|saker)\b", body, re.IGNORECASE)
    names_part = body[: first_case.start()] if first_case else body
    people = names_in_list(names_part.strip(" ,–-:"))
    if ground and find_case_ids(f"sak {ground}", default_board):
        ground = None  # `(sak 12/25)` is a case, not a ground
    return [(p, cids, ground, _scope(body)) for p in people] if cids else []


def _scope(sentence: str) -> str | None:
    m = SCOPE.search(sentence)
    if not m:
        return None
    return re.sub(r"\s+", " ", next(g for g in m.groups() if g)).strip()


def extract_conflicts(
    text: str | None,
    lines: Sequence[Line],
    *,
    recorded_in: str | None,
    meeting: str | None,
    stage: str,
    default_board: str | None,
    use_ner: bool = False,
    about_itself: bool = False,
) -> tuple[list[Conflict], list[ConflictDeclaration]]:
    """Conflicts and no-conflict declarations in one decision text.

    With `about_itself` (the text is a case's own account, not a habilitet case's), a conflict sentence that
    names no case is about this one: `Ingrid Hjelmeland melde at ho sit i styret til ein av søkjarane, og er
    inhabil.` in the minutes of the allocation case itself.

    With `use_ner`, a sentence about a conflict in which the name rules find nobody is given to
    the statistical NER (`professor ... ved Universitetet i Bergen` written in a way the rules miss)."""
    inhabile, acting_chair, substitute = _MENTIONS
    if not text or not (inhabile.search(text) or acting_chair.search(text) or substitute.search(text) or "habil" in text.lower()):
        return [], []
    conflicts: list[Conflict] = []
    declarations: list[ConflictDeclaration] = []
    seen: set[tuple[str, str, str]] = set()

    def add(case_id: str | None, person: str, role: str, scope: str | None, affiliation: str | None, sentence: str) -> None:
        if not case_id or (case_id, person, role) in seen:
            return
        seen.add((case_id, person, role))
        conflicts.append(Conflict(case_id, person, role, scope, affiliation, recorded_in, meeting, stage,
                                  provenance_for(lines, person, "conflicts." + role)))

    def add_grounded(case_id: str, person: str, scope: str | None, ground: str | None) -> None:
        if (case_id, person, "inhabile") in seen:
            return
        seen.add((case_id, person, "inhabile"))
        conflicts.append(Conflict(case_id, person, "inhabile", scope, None, recorded_in, meeting, stage,
                                  provenance_for(lines, person, "conflicts.list.inhabile"), ground=ground))

    for section_case, section, _ in _sections(text, default_board):
        list_intro = False  # `Følgende medlemmer er inhabile ...:` opens a list, one person per item
        named_before: list[str] = []  # the cases the last sentence named, for one that refers back (`... av saka`)
        subject_before: str | None = None  # the person the last sentence opened with, for `Ho er inhabil ...`
        queue = text_sentences(section)
        while queue:
            sentence = queue.pop(0)
            item = LIST_ITEM.match(sentence)
            if item and list_intro:
                body = sentence[item.end():]
                run_on = ITEM_RUNS_ON.search(body)
                if run_on:  # `– Marit T. Berg, sak 5/23 (nær relasjon til søker) Siden porteføljestyreleder ...`
                    queue.insert(0, body[run_on.end():])
                    body = body[: run_on.start() + 1]
                for person, cids, ground, scope in _list_item(body, section_case, default_board):
                    for cid in cids:
                        if cid != recorded_in or section_case:
                            add_grounded(cid, person, scope, ground)
                continue
            list_intro = bool(INHABILE.search(sentence)) and sentence.rstrip().endswith(":")
            if NONE_DECLARED.search(sentence):
                scope = "other_cases" if OTHER_CASES.search(sentence) else "all_cases"
                declarations.append(ConflictDeclaration(recorded_in, meeting, scope, stage, sentence.strip(),
                                                        provenance_for(lines, sentence[:40], "conflicts.declaration")))
                continue
            pronoun = PRONOUN_SUBJECT.match(sentence)
            subject = subject_before if pronoun else next(iter(names_in_list(sentence[:80])), None)
            subject_before = subject
            # a case the sentence only refers to (`… fratrådte under behandlingen av søknad 246701, jf. sak 21/15`) is
            # none of its conflict's
            mentioned = [cid for cid, _, _ in find_case_ids(CROSS_REFERENCE.sub(" ", sentence), default_board)]
            targets = [section_case] if section_case else [cid for cid in mentioned if cid != recorded_in]
            if not targets and not mentioned and (REFERS_BACK.search(sentence) or about_itself or pronoun):
                # `Nestleiar Sigrid Hope leia møtet under behandlinga av saka`: the case named before, or
                # in a case's own account (`... forlét møtet under behandlinga av saka`) that case
                targets = named_before or ([recorded_in] if recorded_in and about_itself else [])
            named_before = targets or named_before
            if not targets:
                continue
            acting = ACTING_CHAIR.search(sentence)
            if acting:
                # `Siden porteføljestyreleder X er inhabil er Y oppnevnt som settestyreleder`
                before = sentence[: acting.start()]
                people = names_or_ner(before, use_ner)
                if people:
                    chair = people[-1]
                    for t in targets:
                        add(t, chair, "acting_chair", None, None, sentence)
                    left = INHABILE.search(before)  # `X og Y forlét møtet under behandlinga av saka, og Z leia møtet`
                    subjects = _subjects(before[: left.start()], people) if left else set()
                    for other in people[:-1]:
                        if re.search(re.escape(other) + r"\s+(?:er|var|vart|blir)\s+inhabil", sentence) or other in subjects:
                            for t in targets:
                                add(t, other, "inhabile", None, None, sentence)
                # `Nestleiar X leier møtet under sak 10/24, og varamedlem Y møter som setjemedlem i sak 10/24`
                stood = _stand_in(sentence, acting.end(), people[-1:] if people else [], use_ner)
                for t in targets if stood else ():
                    add(t, stood, "substitute", None, None, sentence)
                continue
            stand_in = SUBSTITUTE.search(sentence)
            if stand_in and not INHABILE.search(sentence):
                # the subject of the clause that says so (`X og Y forlot rommet før behandlingen, og Z tiltrådte som
                # settemedlem`; `Mathias Krog, Sintef Industri, er oppnevnt som settemedlem`)
                clause = re.split(r",\s+(?:og|men)\s+|;\s*", sentence[: stand_in.start()])[-1]
                people = names_or_ner(clause, use_ner) or names_or_ner(sentence, use_ner)
                if people:
                    m = AFFILIATION.search(sentence)
                    affiliation = m.group(1).strip() if m else None
                    for t in targets:
                        add(t, people[0], "substitute", None, affiliation, sentence)
                continue
            if INHABILE.search(sentence):
                later = _later_subjects(sentence) if ":" not in sentence else []
                scope = _scope(sentence[: min((start for _, _, start in later), default=len(sentence))])
                part = sentence.split(":", 1)[1] if ":" in sentence else INHABILE.split(sentence, maxsplit=1)[0]
                people = names_in_list(part) or (names_or_ner(part, use_ner) if use_ner else [])
                if not people and pronoun and subject:
                    people = [subject]  # `Ho er inhabil og fråtredde under behandlinga av saka.`
                for person in people:
                    for t in targets:
                        add(t, person, "inhabile", scope, None, sentence)
                for person, clause, _ in later:
                    own = [cid for cid, _, _ in find_case_ids(clause, default_board) if cid != recorded_in]
                    for t in own or targets:
                        add(t, person, "inhabile", _scope(clause), None, sentence)
                # `X og Y forlot rommet før behandlingen, og Z tiltrådte som settemedlem`
                stood = _stand_in(sentence, INHABILE.search(sentence).end(), people, use_ner)
                for t in targets if stood else ():
                    add(t, stood, "substitute", None, None, sentence)
    return conflicts, declarations


CROSS_REFERENCE = re.compile(r"\b(?:jf|jfr|sjå|se)\.?\s+(?:også\s+|og\s+)?(?:sak(?:ene)?\s+)?(?:PS-[A-ZÆØÅ0-9-]+\s+)?\d{1,3}\s*/\s*(?:\d{4}|\d{2})",
                             re.IGNORECASE)
"""A case named only as a reference: `jf. sak 21/15`, `sjå sak 4/26`."""


def _stand_in(sentence: str, after: int, not_them: Sequence[str], use_ner: bool) -> str | None:
    """Who stands in, in a clause of its own after what the sentence said first (`…, og varamedlem Solfrid Brekke møter
    som setjemedlem i sak 10/24`): the first name of that clause, none of `not_them`."""
    stand_in = SUBSTITUTE.search(sentence, after)
    if not stand_in:
        return None
    tail = re.split(r",\s+(?:og|men)\s+|;\s*", sentence[: stand_in.start()])[-1]
    them = [p for p in names_or_ner(tail, use_ner) if p not in not_them]
    return them[0] if them else None


NEW_SUBJECT = re.compile(r"(?:,\s*(?:og\s+)?at\s+|;\s*|\bog\s+at\s+)(?P<who>[^,;]{3,80}?)\s+(?:er|var|vart|blir|ble|blei)\s*$")
"""A second subject in one sentence, right before its own verb: `Hege Marit Strand er inhabil i sak 16/22, og at Jon Are
Tveito er inhabil ved handsaminga av søknad 334590 i same sak`."""


def _later_subjects(sentence: str) -> list[tuple[str, str, int]]:
    """(person, their clause, where the clause begins) for each disqualified person a sentence names after its first: the people who are
    the whole subject of a later clause (`..., og at Jon Are Tveito er inhabil ...`), with the clause that follows."""
    matches = list(INHABILE.finditer(sentence))
    out = []
    for k in range(1, len(matches)):
        before = sentence[matches[k - 1].end(): matches[k].start()]
        m = NEW_SUBJECT.search(before)
        if not m:
            continue
        who = m.group("who")
        people = names_in_list(who)
        end = matches[k + 1].start() if k + 1 < len(matches) else len(sentence)
        if people and _subjects(who, people):
            out.extend((p, sentence[matches[k].start(): end], matches[k - 1].end() + m.start()) for p in people)
    return out

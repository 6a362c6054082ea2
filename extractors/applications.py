"""Applications (søknader) in decisions: each mention with its outcome, budget cuts, stated counts.

Real text it reads (seed, cases 54/24 and 55/24):

    28 søknader med relevanskarakter under 5,0 avslås en bloc. Dette gjelder søknadene
    355815, 355929, ... og 356105.
    Søknad 355170 settes på reserveliste, søknad 355204 avslås pga. lavere karakter.
    Søknad 355340 og 355272 settes på en rangert reserveliste.
    For å være innenfor rammen på 150 mill. kroner for utlysningen reduseres budsjettet
    for søknad 355421 med 1 million kroner, og med 0,180 millioner kroner for hver av
    søknadene 355276, 355194 og 355284.

and application tables (`Søknadsnr | Prosjekttittel | Vedtak`).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from vedtak.extractors.locate import provenance_for
from vedtak.extractors.text import text_sentences
from vedtak.blocks import Table
from vedtak.lexicon import CARDINALS, INHABILE, ORDINALS, RANKED, RESPECTIVELY, VOTE_NOTE, cell_outcome
from vedtak.document import Line
from vedtak.nlp.amounts import find_amounts, parse_number_word
from vedtak.nlp.joining import dehyphenate_join
from vedtak.nlp.outcomes import outcome_spans
from vedtak.records import ApplicationMention, BudgetCut, Finding

APP_ID = re.compile(r"(?<![\w/-])(?<![\d][.,])(\d{6})(?![\w/-]|[.,]\d|\s*(?:kr\b|kroner|NOK|euro|EUR|mill|,-))")
"""A six-digit application id `355815`, not part of `1 600 000`, `600 000 kroner` or a date."""

CONTINUES = re.compile(r"^\s*(?:dette|det|disse|dei|desse)\s+(?:gjelder|gjeld|er)\b|^\s*(?:gjelder|gjeld)\s+søknad", re.IGNORECASE)
"""`Dette gjelder søknadene ...` / nynorsk `Det gjeld søknadene ...`: the ids of the sentence before."""

COUNT = re.compile(r"(?<![\d,])\b(\d{1,4}|[A-Za-zæøåÆØÅ]+)\s+(?:\w+\s+)?søknad(?:er|ar|ene|ane)?\b", re.IGNORECASE)
"""`28 søknader`, `Ni søknader`, `tre nye søknader` — a stated number of applications."""

SOKNAD = re.compile(r"\bsøknad(?:er|ar)\b", re.IGNORECASE)
CLAUSE = re.compile(r";\s+|,\s+(?=(?:og\s+|mens\s+)?(?:søknad|søknadene|søknader)\b)|\s+mens\s+", re.IGNORECASE)
LIST_END = re.compile(r"(?<=\bog\s\d{6})\s+(?=[A-ZÆØÅ][a-zæøå])")
"""Where a list of ids ends (`... 359427 og 359873`) and, with no full stop, a new sentence begins in
capitals (`For å være innenfor rammen ... reduseres budsjettet for søknad 360344 ...`)."""
CUT = re.compile(r"\b(?:reduser\w*|kutt\w*|nedjuster\w*|avkort\w*)\b", re.IGNORECASE)

_NUMBER = rf"(\d{{1,2}}|{'|'.join(w for w in CARDINALS if not w.endswith('.'))})"
RANK_AFTER = re.compile(rf"\s*,?\s*(?:som\s+)?(?:nummer|nr\.?)\s*{_NUMBER}(?!\w)|[^\d.;]{{1,50}}?\bsom\s+(?:reserve\s+)?(?:nummer|nr\.?)\s*{_NUMBER}(?!\w)"
                        rf"|\s+som\s+({'|'.join(ORDINALS)})\b", re.IGNORECASE)
"""A reserve's rank written after its id: `362063 som nummer 1`, `355120 som nr. 2`, `358761 nr. 1`, or at the end
of its clause: `330150 vert sett på reservelista som nummer 1`, or in a word: `338695 som første og 338723 som andre
reserve` (`lexicon.ORDINALS`)."""


def _rank(group: str) -> int:
    """`2` -> 2, `andre` -> 2."""
    return int(group) if group.isdigit() else ORDINALS.get(group.casefold()) or CARDINALS[group.casefold()]
RANK_BEFORE = re.compile(r"(?:^|[:,;]\s*|\s)(\d{1,2})[.)]\s*$")
"""A reserve's rank numbering its id: `reserveliste i prioritert rekkjefølgje: 1. 318252, 2. 318266`, `1) 318252`."""


@dataclass(frozen=True, slots=True)
class ApplicationResult:
    """What one decision text yields."""

    mentions: list[ApplicationMention]
    cuts: list[BudgetCut]
    findings: list[Finding]
    unread: list[str] = field(default_factory=list)


def ids_in(text: str) -> list[tuple[str, int]]:
    """Six-digit application ids with their offsets."""
    out = []
    for m in APP_ID.finditer(text):
        before = text[max(0, m.start() - 3) : m.start()]
        if re.search(r"\d\s$", before):  # `1 600 000`: a digit group of a larger number
            continue
        out.append((m.group(1), m.start()))
    return out


def _assign(clause: str, spans: list[tuple[str, int, int]], ids: list[tuple[str, int]]) -> list[tuple[str, str, int]]:
    """(id, outcome, offset) for the ids of a clause: the outcome after the ids (`X settes på
    reserveliste`) or, when none follows, the one before (`innvilges 355421`)."""
    out = []
    for app, pos in ids:
        after = [s for s in spans if s[1] > pos]
        before = [s for s in spans if s[2] <= pos]
        if after and (not before or after[0][1] - pos <= pos - before[-1][2] or not before):
            chosen = after[0] if not before else (after[0] if (after[0][1] - pos) < (pos - before[-1][2]) * 3 else before[-1])
        elif before:
            chosen = before[-1]
        else:
            continue
        out.append((app, chosen[0], pos))
    return out


def _title_after(text: str, end: int) -> str | None:
    """`søknad 349497 Kunstig Intelligens for mer nøyaktig ... pga.` -> the project title."""
    m = re.match(r"\s+([A-ZÆØÅ][^,;]*?)(?=\s+(?:pga\.?|på grunn av|grunnet|fordi|avslås|innvilges|tildeles|settes)(?:\b|\s|$)|[,;]|\.\s|\.$|$)", text[end:])
    if not m:
        return None
    title = m.group(1).strip()
    return title if len(title.split()) >= 2 else None


def _count_of(sentence: str) -> int | None:
    """The stated number of applications: `28 søknader`, `Ni søknader`, `behandlet 13 søknader`,
    `tre nye søknader` (the number at most one word before `søknader`)."""
    for m in SOKNAD.finditer(sentence):
        before = re.split(r"[.:;,()]", sentence[max(0, m.start() - 40) : m.start()])[-1]
        words = re.findall(r"[\wæøåÆØÅ]+", before)[-2:]
        for token in reversed(words):
            n = int(token) if token.isdigit() else parse_number_word(token)
            if n is not None and 0 < n < 1900:  # `2025 søknader` is a year, not a count
                return n
    return None


def table_rows(lines: Sequence[Line]) -> list[list[list[Line]]]:
    """Rows of application tables as cells (each a list of lines): lines side by side (vertical
    overlap) of which one holds an id, plus the wrapped lines below them (`Ny kunnskap om` /
    `marin forsøpling`) up to the next row, each put in the cell whose column it starts in; also
    the table cells that open the next page when a page break split the row (` | Norden | `)."""
    bands: list[list[Line]] = []
    for line in sorted(lines, key=lambda l: (l.page, l.top)):
        if bands:
            head = bands[-1][0]
            if head.page == line.page and abs(line.top - head.top) < 0.5 * max(head.height, 4.0):
                bands[-1].append(line)
                continue
        bands.append([line])
    rows: list[list[list[Line]]] = []
    current: list[list[Line]] | None = None
    page = 0  # the page of the current row's last band
    for band in bands:
        band.sort(key=lambda l: l.x0)
        split = (current is not None and band[0].page == page + 1 and band[0].x0 > current[0][0].x0 + 3
                 and all(l.region_kind == "cell" for l in band))  # the row's rest after a page break
        if len(band) >= 2 and any(ids_in(l.text) for l in band):
            current = [[l] for l in band]
            rows.append(current)
        elif current is not None and (band[0].page == page or split) and not any(ids_in(l.text) for l in band):
            if len(band) == 1 and band[0].x0 <= current[0][0].x0 + 3:
                current = None  # back at the left margin: the table has ended
                continue
            for l in band:
                cell = max((c for c in current if c[0].x0 <= l.x0 + 3), key=lambda c: c[0].x0, default=None)
                if cell is not None:
                    cell.append(l)
        else:
            current = None
        page = band[0].page
    return rows


def extract_applications(
    text: str | None,
    lines: Sequence[Line],
    *,
    case_id: str | None,
    stage: str,
    tables: Sequence[Table] = (),
) -> ApplicationResult:
    """Application mentions, budget cuts and count findings in one decision text, with the section's
    tables (`vedtak.blocks`); `unread` holds the ids that no rule gave an outcome."""
    from vedtak.extractors.tables import applications_from_table, caption_of, is_application_table, reserve_rank

    mentions: list[ApplicationMention] = []
    cuts: list[BudgetCut] = []
    findings: list[Finding] = []
    if not text:
        return ApplicationResult(mentions, cuts, findings)

    def mention(app: str, outcome: str, rank: int | None, title: str | None, rule_name: str) -> None:
        seen = sum(1 for m in mentions if m.application_id == app)  # the id's n-th mention points at its n-th line
        mentions.append(ApplicationMention(app, case_id, outcome, stage, rank, title, provenance_for(lines, app, rule_name, seen)))

    # Tables with a header the lexicon reads (`Søknadsnr. | Prosjekttittel | Vedtak`, `Prosjektnummer |
    # Innstilling`): each row by what its columns mean.
    table_ids: set[str] = set()
    unread: list[str] = []
    for table in tables:
        caption = caption_of(table, lines)
        if is_application_table(table, caption):
            found_mentions, table_unread = applications_from_table(table, lines, case_id=case_id, stage=stage, caption=caption)
            mentions.extend(found_mentions)
            unread.extend(table_unread)
            table_ids.update(m.application_id for m in found_mentions)
            table_ids.update(table_unread)
    # Rows without a header it knows: `355815 | Tittel | Innvilget` rows read as units.
    for row in table_rows(lines):
        cells = [dehyphenate_join([l.text for l in cell]) for cell in row]
        row_text = " | ".join(cells)
        found = ids_in(row_text)
        if len(found) != 1 or found[0][0] in table_ids:
            continue
        spans = outcome_spans(row_text)
        # an outcome cell the verb rules do not read (`Reserve 1`, `Ja`, `Tildeling`) still decides the row,
        # read as a table's outcome column is (`lexicon.cell_outcome`, with the rank in `Reserve 1`)
        worded = {c: cell_word_outcome(c) for c in cells}  # each cell read once
        outcome_cells = [c for c in cells[1:] if not ids_in(c) and worded[c]]
        outcome = str(spans[0][0]) if spans else (str(worded[outcome_cells[0]]) if outcome_cells else None)
        if outcome is not None:
            app = found[0][0]
            title_cells = [c for c in cells if not ids_in(c) and not outcome_spans(c) and not worded[c]]
            rank = next((r for c in outcome_cells if (r := reserve_rank(None, c)) is not None), None) if outcome == "reserve" else None
            mention(app, outcome, rank, title_cells[0].strip() if title_cells else None, "applications.table")
            table_ids.add(app)

    if table_ids:
        stated = _table_count(text)
        table_mentions = [m for m in mentions if m.provenance.extractor == "applications.table"]
        if stated is not None and stated != len(table_mentions):
            findings.append(_mismatch(stated, len(table_mentions), "table", case_id, lines, table_mentions[0].application_id))

    carry: _Carry | None = None  # the outcome (and stated count) a sentence hands on to what follows
    for sentence in (part for whole in text_sentences(text) for part in LIST_END.split(whole)):
        if VOTE_NOTE.search(sentence):
            continue  # `Vedtaket ble fattet mot én stemme (X), som ville innvilge 294452 ...`: about the vote
        if CUT.search(sentence) and find_amounts(sentence) and ids_in(sentence):
            cuts.extend(_cuts(sentence, lines, case_id, stage))
            if not outcome_spans(sentence):
                continue
        found = [(a, p) for a, p in ids_in(sentence) if a not in table_ids]
        spans = [(str(o), s, e) for o, s, e in outcome_spans(sentence)]
        count = _count_of(sentence)
        if not found:
            if carry is not None:
                carry.close(findings, lines)
            # `28 søknader ... avslås en bloc.` (then `Dette gjelder ...`) or `Følgende søknader innvilges:` (then a list)
            carry = _Carry(spans[-1][0], count if spans else None, sentence.rstrip().endswith(":"), case_id) if spans else None
            continue
        assigned: list[tuple[str, str, int]] = []
        if not spans and carry is not None and (CONTINUES.match(sentence) or (carry.list_intro and _is_item(sentence))):
            assigned = [(a, carry.outcome, p) for a, p in found]
            carry.listed += len(found)
            carry.first_id = carry.first_id or found[0][0]
            if not carry.list_intro:
                carry.close(findings, lines)
                carry = None
        elif spans:
            if carry is not None:
                carry.close(findings, lines)
                carry = None
            assigned = _assign_sentence(sentence, spans, found)
            if count and len(spans) == 1 and len(found) != count and COUNT.search(sentence[: found[0][1]]):
                # `Tre søknader innvilges: A, B og C` with a different number of ids listed
                findings.append(_mismatch(count, len(found), spans[0][0], case_id, lines, found[0][0]))
        else:
            if carry is not None:
                carry.close(findings, lines)
                carry = None
            continue
        ranked = RANKED.search(sentence) is not None
        stated_ranks = {a: _rank(next(g for g in m.groups() if g)) for a, p in found
                        if (m := RANK_AFTER.match(sentence, p + 6) or RANK_BEFORE.search(sentence, max(0, p - 8), p))}
        respectively = RESPECTIVELY.search(sentence)
        if respectively:
            # `Søknadene 363410 og 363425 settes på reserveliste som henholdsvis nummer 1 og 2`, `Søknad 300888 og søknad
            # 300893 vert sette på reservelista som nr. 1 og nr. 2`: the places in the order of the reserves' ids before them
            places = [int(n) for n in re.findall(r"\d{1,2}", respectively.group(1))]
            reserves = list(dict.fromkeys(app for app, outcome, pos in assigned if outcome == "reserve" and pos < respectively.start()))
            if len(places) == len(reserves):
                stated_ranks = dict(zip(reserves, places))
        rank = 0
        said: set[tuple[str, str]] = set()
        for app, outcome, pos in assigned:
            if (app, outcome) in said:
                continue  # `... 362063 og 362070 ..., med 362063 som nummer 1 og 362070 som nummer 2`: said again, with its rank
            said.add((app, outcome))
            title = _title_after(sentence, pos + 6) if len(found) == 1 else None
            r = None
            if outcome == "reserve" and app in stated_ranks:
                r = stated_ranks[app]
            elif ranked and outcome == "reserve":
                rank += 1
                r = rank
            mention(app, outcome, r, title, "applications.listed_ids")
    if carry is not None:
        carry.close(findings, lines)
    read = {m.application_id for m in mentions} | {c.application_id for c in cuts}
    # an id that limits a disqualification (`inhabil ved handsaminga av søknad 334590`) is read, as the conflict's scope
    read |= {a for sentence in text_sentences(text) if INHABILE.search(sentence) for a, _ in ids_in(sentence)}
    unread += [a for a, _ in ids_in(text) if a not in read and a not in unread]
    return ApplicationResult(mentions, cuts, findings, unread)


@dataclass
class _Carry:
    """An outcome stated before its ids: `N søknader ... avslås. Dette gjelder ...` or a list
    intro `Følgende søknader innvilges:` followed by one item per application."""

    outcome: str
    stated: int | None
    list_intro: bool
    case_id: str | None
    listed: int = 0
    first_id: str | None = None

    def close(self, findings: list[Finding], lines: Sequence[Line]) -> None:
        """Report a stated count that the ids listed after it do not match."""
        if self.stated is not None and self.listed and self.listed != self.stated and self.first_id:
            findings.append(_mismatch(self.stated, self.listed, self.outcome, self.case_id, lines, self.first_id))


ITEM = re.compile(r"^\s*(?:[•●▪◦·∙\-–—]\s*|\d{1,2}[.)]\s+|[a-z][.)]\s+)?(?:søknad(?:en)?\s+)?\d{6}\b", re.IGNORECASE)
TABLE_COUNT = re.compile(r"\b(?:behandlet|behandla|vurdert|mottatt|motteke|fått)\b", re.IGNORECASE)


def cell_word_outcome(cell: str):
    """The outcome of a cell that is an outcome word, alone or with its rank or reason (`Reserve`, `Reserve 1`,
    `Innvilget`, `Avslag (lav karakter)`), else None: the outcome column's rule, `lexicon.cell_outcome`, on a
    short cell (a title cell that happens to hold a verb is no outcome cell)."""
    return cell_outcome(cell) if len(cell.split()) <= 4 else None


def _is_item(sentence: str) -> bool:
    """A list item that starts with an application id (`• 351258 Tiltak for ...`)."""
    return bool(ITEM.match(sentence))


def _table_count(text: str) -> int | None:
    """`Porteføljestyret har behandlet 13 søknader.` before an application table."""
    for sentence in text_sentences(text):
        if TABLE_COUNT.search(sentence) and not ids_in(sentence):
            n = _count_of(sentence)
            if n:
                return n
    return None


def _assign_sentence(sentence: str, spans: list[tuple[str, int, int]], found: list[tuple[str, int]]) -> list[tuple[str, str, int]]:
    """(id, outcome, offset) for a sentence with its own outcomes, clause by clause."""
    assigned: list[tuple[str, str, int]] = []
    offset = 0
    for clause in CLAUSE.split(sentence):
        start = sentence.find(clause, offset)
        offset = start + len(clause)
        c_ids = [(a, p - start) for a, p in found if start <= p < start + len(clause)]
        if not c_ids:
            continue
        c_spans = [(o, s - start, e - start) for o, s, e in spans if start <= s < start + len(clause)]
        if not c_spans:
            c_spans = [(o, s - start, e - start) for o, s, e in spans]
        assigned += [(a, o, p + start) for a, o, p in _assign(clause, c_spans, c_ids)]
    return assigned


def _mismatch(stated: int, listed: int, outcome: str, case_id: str | None, lines: Sequence[Line], first_id: str) -> Finding:
    return Finding(
        "count_mismatch",
        f"{case_id or 'case'}: the text states {stated} applications ({outcome}) but lists {listed} ids",
        case_id, None, provenance_for(lines, first_id, "findings.count_mismatch"),
    )


def _cuts(sentence: str, lines: Sequence[Line], case_id: str | None, stage: str) -> list[BudgetCut]:
    """`reduseres budsjettet for søknad A med 1 million kroner, og med 0,180 millioner kroner for
    hver av søknadene B, C og D` -> A: 1000000; B, C, D: 180000 each."""
    items: list[tuple[int, str, object]] = [(p, "id", a) for a, p in ids_in(sentence)]
    for nok, s, _ in find_amounts(sentence):
        if re.search(r"\bmed\s+(?:inntil\s+|om lag\s+|ca\.\s+)?$", sentence[max(0, s - 16) : s]):
            items.append((s, "amount", nok))
    items.sort(key=lambda t: t[0])
    out: list[BudgetCut] = []
    pending: list[str] = []
    assigned: set[str] = set()
    amount_waiting: int | None = None
    for _, kind, value in items:
        if kind == "id":
            if amount_waiting is not None:
                out.append(BudgetCut(str(value), case_id, amount_waiting, stage, provenance_for(lines, str(value), "applications.budget_cut")))
                assigned.add(str(value))
            else:
                pending.append(str(value))
        else:
            fresh = [p for p in pending if p not in assigned]
            if fresh:
                for app in fresh:
                    out.append(BudgetCut(app, case_id, int(value), stage, provenance_for(lines, app, "applications.budget_cut")))
                    assigned.add(app)
                pending = []
                amount_waiting = None
            else:
                amount_waiting = int(value)
    return out


def conflicting_outcomes(mentions: Sequence[ApplicationMention]) -> list[Finding]:
    """One finding per (case, stage, application) mentioned with two different outcomes."""
    groups: dict[tuple[str | None, str, str], list[ApplicationMention]] = defaultdict(list)
    for m in mentions:
        groups[(m.case_id, m.stage, m.application_id)].append(m)
    out = []
    for (case_id, stage, app), ms in groups.items():
        outcomes = sorted({m.outcome for m in ms})
        if len(outcomes) > 1:
            out.append(Finding(
                "conflicting_outcomes",
                f"application {app} in {case_id or 'a case'} ({stage}) has {len(outcomes)} outcomes: {', '.join(outcomes)}",
                case_id, app, ms[-1].provenance,
            ))
    return out

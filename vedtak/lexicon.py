"""The one lexicon of board papers: every label, column header, role and outcome word, bokmål and nynorsk.

Extractors never spell a Norwegian label themselves; they ask this module. Words are matched on a
normalised form (:func:`normalise_label`): case folded, whitespace and line-end hyphens mended,
qualifiers in brackets dropped (`Vedtak (enstemmig):` -> `vedtak`), a leading possessive dropped
where the rest is a known label (`Porteføljestyrets vedtak:` -> `vedtak`), and the trailing colon
gone. Each table below lists the real strings it covers; the tests in
`tests/extract/test_lexicon.py` run over them.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from vedtak.nlp.outcomes import NEGATIONS, outcome_of
from vedtak.nlp.vocab import AttendanceRole, ColumnMeaning, Outcome

# --------------------------------------------------------------------------------------------- normalising

_WS = re.compile(r"\s+")
_QUALIFIER = re.compile(r"\s*[(\[][^)\]]{0,40}[)\]]")
_SOFT_HYPHEN = re.compile(r"\u00ad\s*")
_LINE_HYPHEN = re.compile(r"(?<=[a-zæøå])-\s+(?=[a-zæøå])")
_EDGE = re.compile(r"^[\s•●▪◦·∙\-–—*]+|[\s:]+$")
_SECTION_NUMBER = r"(?:\d{1,2}(?:\.\d{1,2}){0,2}\.?\s+)"
"""A heading's own number before its label: `1 Forslag til vedtak`, `2. Bakgrunn`, `3.1 Vurdering`."""
_NUMBERED = re.compile(rf"^{_SECTION_NUMBER}(?=[^\d\s])")


@functools.lru_cache(maxsize=65536)
def normalise_label(text: str) -> str:
    """The form every label is matched on.

    `Vedtak (enstemmig):` -> `vedtak`; `  Til stede  fra:` -> `til stede fra`;
    `Forsknings- rådet` -> `forskningsrådet` (also with a soft hyphen or U+2010 `Forskings‐ rådet`);
    `– Observatører:` -> `observatører`; a numbered heading `1 Forslag til vedtak` -> `forslag til vedtak`.
    """
    t = _SOFT_HYPHEN.sub("", unicodedata.normalize("NFC", text).casefold()).replace("\u2010", "-").replace("\u2011", "-")
    t = _QUALIFIER.sub(" ", t)
    t = _LINE_HYPHEN.sub("", t)
    t = _WS.sub(" ", t)
    return _NUMBERED.sub("", _EDGE.sub("", t))


def without_possessive(norm: str) -> str | None:
    """`porteføljestyrets vedtak` -> `vedtak`; `styrets vedtak` -> `vedtak`; None when the first word
    is no genitive (`vedtak`, `til stede`)."""
    head, _, rest = norm.partition(" ")
    if rest and len(head) > 3 and head.endswith("s") and head.isalpha():
        return rest
    return None


# --------------------------------------------------------------------------------------------- label rules


@dataclass(frozen=True, slots=True)
class LabelRule:
    """One label of a vocabulary: its key, the pattern of the label text, and whether it may
    be followed by its value on the same line without a column gap."""

    key: str
    pattern: re.Pattern[str]
    inline: bool = False
    label_only: bool = False


def rule(key: str, pattern: str, inline: bool = False, label_only: bool = False) -> LabelRule:
    """A LabelRule from a regex source (matched case-insensitively against the label text); a
    `label_only` rule matches only a line the layout put in a form's label column."""
    return LabelRule(key, re.compile(pattern, re.IGNORECASE), inline, label_only)


_POSSESSOR = r"(?:[a-zæøå]{3,}s\s+|[a-zæøå]{3,}\s+sitt\s+)?"
"""A possessive before a label: `Administrasjonens forslag til vedtak`, nynorsk `Administrasjonen sitt framlegg`."""

FORM_START = re.compile(rf"^\s*{_SECTION_NUMBER}?(?i:{_POSSESSOR}(?:forslag|framlegg)\s+til\s+vedtak\b)"
                        r"(?!\s+(?!fra\b|frå\b|i\s+sak)[a-zæøå])")
"""The label that opens a case paper's form: `Forslag til vedtak`, nynorsk `Framlegg til vedtak`,
`Administrasjonens forslag til vedtak`, `Administrasjonen sitt framlegg til vedtak`, numbered as a heading
`1 Forslag til vedtak`; never running text that goes on in lower case (`Administrasjonens forslag til vedtak ble
vedtatt med følgende endring`)."""

RECOMMENDATION_START = re.compile(
    rf"^\s*{_SECTION_NUMBER}?(?i:(?:administrasjonens\s+)?innstilling(?:\s+til\s+vedtak|\s+fr[aå]\s+administrasjonen)?)\s*(?::|$)")
"""`Innstilling` (alone or with a colon) as the form's proposal label; never a table's column header
`Innstilling` (a cell beside others), nor `Innstilling fra ...` in running text."""

FORM_LABELS = (
    rule("proposal", rf"{_POSSESSOR}(?:forslag|framlegg) til vedtak", inline=True),
    # `Innstilling` is the proposal's label only in the label column; elsewhere it heads a table column
    rule("proposal", r"(?:administrasjonens\s+)?innstilling", label_only=True),
    rule("proposal", r"innstilling\s+til\s+vedtak|innstilling\s+fr[aå]\s+administrasjonen"),
    rule("background", r"kort bakgrunn", inline=True),
    # a section heading alone on its line ends the proposal above it (never inline: `Bakgrunn for saken er ...`)
    rule("background", r"bakgrunn|saksopplysninger|saksopplysningar|saksframstilling|saksframstilling|saksutgreiing"
                       r"|vurdering|administrasjonens\s+vurdering|administrasjonen\s+si\s+vurdering|økonomiske\s+konsekvenser"),
    rule("why", r"(?:hvorfor saken|kvifor saka|kvifor saken|hvorfor saka)(?:\s+[a-zæøå/]+){0,6}", inline=True),
    rule("main_points", r"hovedpunkter|hovudpunkt(?:er)?|hovudpunkta", inline=True),
    rule("process", r"forberedelse\s*/\s*prosess|førebuing\s*/\s*prosess|førebuing|forberedelse"),
    rule("next", r"videre saksgang|vidare sakshandsaming|vidare saksgang|videre saksbehandling", inline=True),
)
"""Labels of the case-paper form: `Forslag til vedtak`, `Kort bakgrunn`, `Hvorfor saken fremmes
til dette møtet`, `Hovedpunkter`, `Forberedelse / prosess`, `Videre saksgang` (and nynorsk), and
section headings standing alone (`Bakgrunn`, `Saksopplysninger`, `Vurdering`) that end the proposal above them."""

HABILITET_ROW = re.compile(r"^\s*(?:habilitet|inhabilitet|habilitetsvurdering|vurdering\s+av\s+habilitet)\s*:?\s*$", re.IGNORECASE)
"""A row of a case paper's form, in its label column, that states who is disqualified in this case: `Habilitet` |
`Styreleder Ragnhild Løvås er ansatt ved ..., og er inhabil.` (no label of `FORM_LABELS`: `Habilitet` alone, outside
the label column, is also a case's title)."""

HEADER_LABELS = (
    # `Sak: Habilitet` under `Saksnr.: PS-KYST 17/24` (label: value lines): the case's title
    rule("title", r"tittel|sakstittel|sak\s+gjelder|gjelder|emne|sak", inline=True),
    rule("case_type", r"sakstype|type\s+sak|sakstype", inline=True),
    rule("to", r"til", inline=True),
    rule("director", r"ansvarlig\s+direkt[øo]r|ansvarleg\s+direkt[øo]r|ansvarlig|ansvarleg", inline=True),
    rule("officer", r"saksbehandlere?|sakshandsamar(?:ar)?|saksbeh\.?", inline=True),
    rule("attachments", r"vedlegg", inline=True),
    rule("from", r"fr[aå]", inline=True),
    rule("date", r"dato|møtedato", inline=True),
    rule("meeting", r"møte|møte\s*nr\.?|møtenummer", inline=True),
    rule("exemption", r"offentlighet|offentlegheit|skjerming|unntatt\s+offentlighet", inline=True),
    rule("archive", r"arkivref\.?|arkivreferanse|arkivsak|vår\s+ref\.?|saksnr\.?\s+i\s+arkivet", inline=True),
    rule("type_decision", r"beslutningssak|vedtakssak|avgjerdssak|beslutningssaker"),
    rule("type_information", r"orienteringssak|orienteringssaker"),
    rule("type_discussion", r"drøftingssak|drøftingsak|diskusjonssak|drøftingssaker"),
)
"""Labels of a case paper's header box: `Tittel` (`Sakstittel`, `Sak gjelder`, `Sak:` below `Saksnr.:`), `Sakstype`, `Til`,
`Ansvarlig Direktør`, `Saksbehandler`, `Vedlegg`, `Fra`, and the case type line `BESLUTNINGSSAK` /
`ORIENTERINGSSAK` (alone, or as the value of `Sakstype: Beslutningssak`)."""

_STAFF_BODY = r"(?:forskningsrådet|forskingsrådet|administrasjonen|sekretariatet|norges\s+forskningsråd)"
_STAFF_BODY_FROM = rf"(?:fr[aå]\s+{_STAFF_BODY})"
ATTENDANCE_LABELS = (
    rule("staff", rf"til\s+stede\s+fr[aå]\s+{_STAFF_BODY}|fr[aå]\s+{_STAFF_BODY}|(?:dessuten\s+|også\s+|òg\s+)?møtte\s+fr[aå]\s+{_STAFF_BODY}|til\s+stades\s+fr[aå]\s+{_STAFF_BODY}"
                  r"|(?:fra|frå)\s+administrasjonen|sekretariat(?:et)?(?=\s*:|\s*$)|fra\s+sekretariatet|frå\s+sekretariatet", inline=True),
    rule("present", r"(?:fr[aå]\s+(?:porteføljestyret|styret)\s+|(?:disse|desse|følgende|følgjande)\s+(?:(?:styre)?medlem(?:m)?(?:ene|ane|er|ar)\s+)?)?"
                    r"møtte(?:\s+fr[aå]\s+(?:porteføljestyret|styret))?"
                    r"|deltok(?:\s+i\s+(?:behandlingen|behandlinga|handsaminga|møtet))?"
                    r"|til\s+stede|til\s+stades|tilstede|møtende\s+medlemmer|møtande\s+medlem(?:m)?er|til stede fra porteføljestyret"
                    r"|deltakere|deltakarar|til\s+stede\s+av\s+(?:styre)?medlemmene"
                    r"|(?:styre)?medlem(?:m)?er\s+til\s+stede|(?:styre)?medlem(?:m)?ar\s+til\s+stades|møtende|møtande"
                    # a bare `Medlemmer:` or `Vararepresentant:` heads the members who met (not `Medlemmer som ...`)
                    r"|(?:(?:styre)?medlem(?:m)?er|medlemar|vararepresentant(?:er)?|varamedlem(?:mer)?|varamedlemar)(?=\s*:|\s*$)",
         inline=True),
    rule("absent", r"forfall|fravær|fråvær|fraværende|fråverande|ikke\s+til\s+stede|ikkje\s+til\s+stades|meldt\s+forfall"
                   r"|deltok\s+ikke|deltok\s+ikkje|ikke\s+møtt|ikkje\s+møtt", inline=True),
    # `Observatør fra` / `Samferdselsdepartementet`: the observer's body may be part of the label
    # `Observatør fra Samferdselsdepartementet`; never `Observatør` / `Fra Forskningsrådet`, two labels stacked
    rule("observers", r"(?:observatører|observatørar|observatør)(?:\s+fr[aå]\s+(?!forskningsrådet|forskingsrådet|administrasjonen|sekretariatet)[a-zæøå-]{4,})?", inline=True),
    # guests for one item (`Gjest: Prosjektleiar Per Ivar Kuoljok, Sámi allaskuvla, deltok under sak 6/25`) are in no list
    rule("guests", r"gjest|gjester|gjestar", inline=True),
    rule("date", r"dato|møtedato", inline=True),
    rule("place", r"sted|stad|møtested|møtestad", inline=True),
    rule("time", r"tid|tidspunkt|klokkeslett", inline=True),
    rule("secretary", r"referent|sekretær|protokollfører", inline=True),
)
"""Labels of a minutes' head: `Dato`, `Sted`, `Til stede`, `Forfall`, `Fraværende` (nynorsk `Fråverande:`), `Observatører:`, `Til stede fra
Forskningsrådet` (also broken over two lines: `Til stede fra` / `Forskningsrådet`), nynorsk `Stad`,
`Til stades`, `Observatørar`, `Frå Forskingsrådet`, and `Desse medlemene møtte:` opening attendance in sentences."""


def match_label(text: str, vocabulary: tuple[LabelRule, ...], in_label_column: bool = True) -> LabelRule | None:
    """The rule whose pattern matches the whole label text (normalised); rules that hold only in a
    form's label column are skipped for a line outside it."""
    t = normalise_label(text)
    key = (t, id(vocabulary), in_label_column)
    known = _MATCHED.get(key)
    if known is not None and known[0] is vocabulary:
        return known[1]
    found = next((r for r in vocabulary if (in_label_column or not r.label_only) and r.pattern.fullmatch(t)), None)
    if type(vocabulary) is tuple:
        if len(_MATCHED) >= _MATCHED_MAX:
            _MATCHED.clear()
        _MATCHED[key] = (vocabulary, found)
    return found


_MATCHED: dict[tuple[str, int, bool], tuple[tuple[LabelRule, ...], LabelRule | None]] = {}
"""`match_label`'s answers: a form asks the same vocabulary about the same line three or four times (a row
of labels? a wrapped label? the label itself?). Keyed by the vocabulary's id, only for a tuple (it cannot
change); each entry holds its tuple, so that id stays the tuple's own while the entry lives."""
_MATCHED_MAX = 1 << 16


_BREAK_MENDABLE = re.compile(r"[A-Za-zÆØÅæøå]$")
_LOWER_START = re.compile(r"^[a-zæøå]")


def label_readings(parts: list[str] | tuple[str, ...]) -> list[str]:
    """Every way to read a label printed over several lines of a narrow cell: the lines joined with
    spaces first, then with words that the cell broke without a hyphen mended (a break after a letter
    before a lower-case letter may be inside a word): `Administrasjon` / `ens forslag til` / `vedtak`
    -> `Administrasjon ens forslag til vedtak`, ..., `Administrasjonens forslag til vedtak`."""
    parts = [p.strip() for p in parts if p.strip()]
    if not parts:
        return [""]
    readings = [parts[0]]
    for part in parts[1:]:
        spaced = [f"{r} {part}" for r in readings]
        mended = [f"{r}{part}" for r in readings if _BREAK_MENDABLE.search(r) and _LOWER_START.match(part)]
        readings = (spaced + mended)[:16]
    return readings


def match_label_lines(parts: list[str] | tuple[str, ...], vocabulary: tuple[LabelRule, ...],
                      in_label_column: bool = True) -> LabelRule | None:
    """`match_label` of a label printed over several lines (`label_readings`), the plain reading first."""
    for text in label_readings(parts):
        r = match_label(text, vocabulary, in_label_column)
        if r is not None:
            return r
    return None


_SECTION_LABELS = FORM_LABELS + HEADER_LABELS + ATTENDANCE_LABELS


def opens_section(text: str) -> bool:
    """A line that is nothing but a label of the form, the header box or the minutes' head, or that
    opens a form or a decision (`Innstilling`, `Administrasjonens forslag til vedtak`, `Porteføljestyrets
    vedtak:`, `Saksbehandler`, `Til stede`): content, never a page's running header, even where every
    page of a case paper opens with it."""
    if FORM_START.match(text) or RECOMMENDATION_START.match(text) or decision_label_end(text) is not None:
        return True
    return match_label(text, _SECTION_LABELS) is not None


# --------------------------------------------------------------------------------------------- conflicts of interest

INHABILE = re.compile(
    r"\binhabile?\b|\bugild\b|fratrer møtet|fråtrer møtet|fratrådte|fråtrådte|fratrådde|fråtrådde|fråtredde"
    r"|(?:forlater|forlot|forlét|forlet)\s+(?:møtet|rommet|salen)\s+(?:under|før\s+(?:behandlingen|behandlinga|handsaminga))"
    r"|gikk ut av møtet under|gjekk ut av møtet under|deltok ikke i behandlingen|deltok ikkje i behandlinga",
    re.IGNORECASE,
)
"""A member disqualified: `er inhabil(e)`, `fratrer møtet`, `fratrådte under behandlingen`, `forlot møtet under
behandlingen`, `forlot rommet før behandlingen`, nynorsk `fråtrådte under behandlinga`, `gjekk ut av møtet under behandlinga`,
`forlét møtet under`; never who left the meeting after a case (`forlot møtet etter sak 25/25`)."""

ACTING_CHAIR = re.compile(
    r"(?:oppnevnt|oppnemnd|utpekt|valgt|valt)\s+(?:til|som)\s+(?:sette|setje)?(?:styre)?(?:leder|leiar|møteleder|møteleiar)"
    r"|(?:peika|peikt|peikte|utpeika)\s+ut\s+som\s+(?:sette|setje)?(?:styre)?(?:leder|leiar|møteleder|møteleiar)"
    r"|settestyreleder|settestyreleiar|setjestyreleiar|setjeleiar|setjeleder|fungerende\s+(?:styre)?leder"
    r"|fungerande\s+(?:styre)?leiar|\b(?:ledet|ledde|leia|leidde|leder|leier|leiar)\s+møtet\b",
    re.IGNORECASE,
)
"""Who chaired instead: `oppnevnt som settestyreleder`, `fungerende leder`, `ledet møtet under behandlingen`,
nynorsk `vart peika ut som setjeleiar`, `leia møtet under behandlinga`, present tense `Nestleiar Kristin Vassdal leier
møtet under handsaminga av saka`, `og Arvid Sunde leia møtet` (read only
in a sentence about a case: `Kari Nordmann ledet møtet.` opening the minutes names the chair, not a stand-in)."""

REFERS_BACK = re.compile(r"\b(?:saka|saken|sakene|sakane|behandlinga|behandlingen|handsaminga|den\s+saka|denne\s+saken"
                         r"|same\s+sak(?:a)?|samme\s+sak(?:en)?)\b", re.IGNORECASE)
"""A sentence about the case named before it, or the one it stands in: `Nestleiar Sigrid Hope leia møtet under
behandlinga av saka`, `Arvid Sunde vart peika ut som setjeleiar under behandlinga av saka`, `Eirik Hætta er medsøkjar
på søknad 338712 og er inhabil i same sak`."""

PRONOUN_SUBJECT = re.compile(r"^\s*(?:Han|Ho|Hun|Vedkommende|Vedkommande)\s", re.IGNORECASE)
"""A sentence whose subject is the person and the case the sentence before named: `Kamilla Sørensen Lyng er tilsett ved
UiT ..., som er søkjar på fire av søknadene i sak 24/23. Ho er inhabil og fråtredde ...`, `Han er inhabil for søknadene
i pakke 3`."""

SUBSTITUTE = re.compile(r"(?:oppnevnt|oppnemnd|utpekt)\s+(?:til|som)\s+(?:settemedlem|setjemedlem)|\bsom\s+(?:settemedlem|setjemedlem)"
                        r"|settemedlem\b|setjemedlem\b", re.IGNORECASE)
"""A substitute member: `oppnevnt som settemedlem`, `møtte som setjemedlem i sak 36/22`."""


# --------------------------------------------------------------------------------------------- ranked lists

RANKED = re.compile(
    r"\brangert\b|\brangert\s+rekk(?:e|je)følg(?:e|je)\b|\bprioritert\s+rekk(?:e|je)følg(?:e|je)\b"
    r"|\bi\s+prioritert\s+orden\b|\bprioritert\s+liste\b"
    r"|\bi\s+(?:den\s+)?rekk(?:e|je)følg(?:e|je)n?\s+(?:de|dei|dei)\s+er\s+(?:nevnt|nemnde|nemnt|oppført|førte\s+opp)"
    r"|\bi\s+(?:nevnte|nemnde)\s+rekk(?:e|je)følg(?:e|je)\b|\bi\s+denne\s+rekk(?:e|je)følg(?:en|ja|a)\b",
    re.IGNORECASE,
)
"""A list whose order is its rank: `Settes på reserveliste i prioritert rekkefølge: 358761 og 357836`,
nynorsk `Vert førte opp på reservelista i prioritert rekkjefølgje: 343660 og 342036`, `rangert`, `i den rekkefølgen de er
nevnt`, `i denne rekkjefølgja`."""


# --------------------------------------------------------------------------------------------- tables referred to

ORDINALS: dict[str, int] = {"første": 1, "fyrste": 1, "andre": 2, "tredje": 3, "fjerde": 4, "femte": 5}
"""A reserve's place in words: `med 338695 som første og 338723 som andre reserve` (bokmål and nynorsk)."""
CARDINALS: dict[str, int] = {"én": 1, "én.": 1, "ein": 1, "eitt": 1, "ett": 1, "to": 2, "tre": 3, "fire": 4, "fem": 5}
"""A reserve's number in words: `259158 som nummer én og 259163 som nummer to`."""

RESPECTIVELY = re.compile(r"\b(?:henholdsvis|høvesvis|som)\s+(?:nummer\s+|nr\.?\s*|plass\s+)?"
                          r"(\d{1,2}(?:\s*(?:,|og)\s*(?:(?:nummer|nr\.?)\s*)?\d{1,2})+)\b", re.IGNORECASE)
"""Reserve places given in the order of the ids before them: `Søknadene 363410 og 363425 settes på reserveliste som
henholdsvis nummer 1 og 2`, nynorsk `høvesvis nummer 1 og 2`, `Søknad 300888 og søknad 300893 vert sette på reservelista
som nr. 1 og nr. 2`."""


# --------------------------------------------------------------------------------------------- case headings

_CHECKED, _UNCHECKED = "☒☑✔✓■▣⊠", "☐□▢"
CHECKBOX_LINE = re.compile(rf"^\s*[{_CHECKED}{_UNCHECKED}]\s*\S")
"""A line of options with boxes to tick: `☒ Beslutningssak       ☐ Orienteringssak`."""
_CHECKED_OPTION = re.compile(rf"[{_CHECKED}]\s*([^{_CHECKED}{_UNCHECKED}]+)")


def checked_option(text: str) -> str | None:
    """The option ticked on a line of boxes (`☒ Beslutningssak  ☐ Orienteringssak` -> `Beslutningssak`); None where
    the line is none or no box is ticked."""
    if not CHECKBOX_LINE.match(text):
        return None
    m = _CHECKED_OPTION.search(text)
    return m.group(1).strip() if m else None


PAPER_WORD = re.compile(r"^\s*(?i:saksfremlegg|saksframlegg|saksnotat)\s*$")
"""What a case paper's band may call it, alone on its line: `SAKSFREMLEGG`, `Saksframlegg`, `Saksnotat`."""
ORGANISATION = re.compile(r"^\s*(?i:norges\s+forskningsråd|noregs\s+forskingsråd|forskningsrådet|forskingsrådet"
                          r"|the\s+research\s+council\s+of\s+norway)\s*$")
"""The body that writes the papers, alone on its line (`Norges forskningsråd` beside `SAKSFREMLEGG`): no title."""

PAPER_PREFIX = re.compile(r"^\s*(?i:saksfremlegg|saksframlegg|saksnotat|notat\s+til\s+styret)\s*[·|:–—-]\s*")
"""What a band before a case number may say the paper is: `SAKSFRAMLEGG · PS-BATTERI 1/26`, `Saksfremlegg – PS-X 3/25`."""

CODE_FIRST = re.compile(
    r"^\s*(?P<code>PS(?:-[A-ZÆØÅ][A-ZÆØÅ0-9]+)+|PS[A-ZÆØÅ]{3,})\s+(?:[Ss]ak\s+|SAK\s+|[Ss]ak\s*nr\.?\s*)?"
    r"(?P<num>\d{1,3}\s*[/-]\s*(?:\d{4}|\d{2}))(?![\d/])(?P<rest>.*)$"
)
"""A heading that prints the board code first: `PS-ENERGI sak 34/2024 Tildeling ...`, `PS-LIVSVIT 09/26`,
`PSHELSE 33/24 Godkjenning av sakslisten`."""


NUMBER_FIRST = re.compile(r"^\s*(?P<num>\d{1,3}\s*/\s*(?:\d{4}|\d{2}))(?![\d/])\s+(?P<rest>[A-ZÆØÅ«\"].*)$")
"""A heading that prints the case number first with no `Sak` and no board code, the title after it: `24/23 Tildeling –
Samfunn og næringsliv i nord`, `21/23 Godkjenning av innkalling og saksliste` (the board is the document's own)."""


# --------------------------------------------------------------------------------------------- decision labels

RESOLUTION = re.compile(
    r"(?:^|(?<=[.!?]\s))(?:Styret|Porteføljestyret|Porteføljestyret|Styremøtet)\s+(?:vedtok|vedtog|vedtek|vedtar|godkjente|godkjende"
    r"|godkjenner|innvilget|innvilga|innvilgar|avslo|sluttet\s+seg|slutta\s+seg|sluttar\s+seg|slutter\s+seg"
    r"|(?:tok|tek|tar)\s+[^.]{0,80}?\btil\s+(?:etterretning|orientering|vitande)|ba|bad|ber)\b"
    r"|^\s*(?:Innkalling|Sakslist[ae]|Sakliste|Dagsorden(?:en)?)\b[^.]{0,80}\b(?:godkjent|godkjend|godkjende|godkjennes|vart\s+godkjend\w*|ble\s+godkjent)"
)
"""Where minutes with no decision label state what the board resolved: `Styret vedtok å godkjenne ...`,
`Porteføljestyret tok orienteringen til etterretning.`, nynorsk `Styret tek orienteringane til vitande.`,
`Innkalling og sakliste vart godkjende.` (a sentence of the account, such as `Styret diskuterte ...`, is none)."""

VOTE_NOTE = re.compile(
    r"^\s*(?:Vedtaket|Vedtak(?:et)?\s+i\s+saka?e?n?)\s+(?:ble|vart|blei|er|var)\s+(?:fattet|fatta|gjort|truffet|enstemmig|samrøystes|einstemmig)"
    r"|\bmot\s+(?:én|ein|en|éi|ei|to|tre|\d+)\s+(?:stemmer?|røyst(?:er|ar)?)\b|\bdissens\b|\bprotokollført(?:e)?\s+(?:dissens|merknad)"
    r"|\b(?:stemte|røysta|røystet|røysteta)\s+(?:for|mot|imot)\b",
    re.IGNORECASE,
)
"""A note on the vote after a decision, no part of it: `Vedtaket ble fattet mot én stemme (Yusuf Demir), som ville
innvilge 294452 i stedet for 294448.`, nynorsk `Vedtaket vart gjort mot éi røyst. Kristin Nyhus røysta for at søknad
300893 skulle innvilgast i staden for 300866.` — the ids it names carry no outcome."""

NUMBERED_FIRST = re.compile(r"^\s*1\s*[.)]\s+\S")
"""A numbered list's first item (`1. Innkalling og sakliste vart godkjende.`): in minutes with no decision label,
the decision set out point by point."""

TABLE_REFERENCE = re.compile(r"\btabell(?:en|a|ane|ene|er|ar)?(?:\s+(?P<n>\d{1,2})\b)?", re.IGNORECASE)
"""A decision that points to a table for its outcomes: `søknadene som er markert «Støttes» i tabell 1`,
`som vist i tabellen`, `i samsvar med tabell 2`, nynorsk `tilrådde til løyving i tabell 1`, `slik det framgår av
tabellen under «Vurdering»`."""

MINUTES_CLOSING = re.compile(
    r"^\s*(?:_{5,}|merknad(?:er|ar)?\s+til\s+protokollen|protokollmerknad(?:er|ar)?|protokolltilførsel|vedlegg(?:\s+til\s+(?:protokollen|møteprotokollen))?\s*:?\s*$|vedlegg\s+til\s+(?:protokollen|møteprotokollen)\b"
    r"|protokollen\s+(?:er|ble|vart|blei)\s+(?:\w+\s+)?godkjen[dt]\b|protokollen\s+(?:er|ble|vart)\s+(?:satt\s+opp|skrive[nt]?|ført)\b|møtet\s+(?:ble|vart|blei)\s+hevet|møtet\s+(?:ble|vart)\s+avslutta?"
    r"|underskrift(?:er|ar)?\s*:?\s*$|signatur(?:er|ar)?\s*:?\s*$|for\s+protokollen\s*:?\s*$|(?:protokoll|referat)\s+ført\s+av\b)",
    re.IGNORECASE,
)
"""What closes minutes after their last case, no part of it: `Vedlegg til protokollen` over its numbered list,
`Protokollen er godkjent elektronisk av ...`, `Protokollen ble godkjent på e-post 12. juni 2019.`, a remark to the
minutes (`Merknad til protokollen`, `Protokolltilførsel`), the signature lines (`______`), `Møtet ble
hevet kl. 15.00`, `Underskrifter`, nynorsk `Protokollen vart godkjend ...`."""

NO_DECISION_TITLE = re.compile(r"^\s*(?:eventuelt|orientering(?:ar|er|ssaker)?|referatsaker|meldingssaker|diverse)\b", re.IGNORECASE)
"""Cases that by their nature adopt no decision: `Eventuelt`, `Orienteringer`, `Orienteringssaker`, `Referatsaker`."""

DECISION_WORDS = ("vedtak", "vedtaket", "vedtak i saka", "vedtak i saken", "beslutning", "avgjerd", "konklusjon")
"""What opens an adopted decision in minutes: `Vedtak:`, `Vedtak (enstemmig):`, `Porteføljestyrets
vedtak:`, `Styrets vedtak`, `Vedtak i saken:`, `Beslutning:`, nynorsk `Vedtak i saka:`."""

DECISION_LABEL = re.compile(
    r"^\s*(?:(?:[A-ZÆØÅa-zæøå]{3,}s\s+|[A-ZÆØÅa-zæøå]{3,}\s+sitt?\s+)?(?:(?:enstemmig|einstemmig|samrøystes|samstemmig)\s+)?"
    r"(?:vedtak(?:et)?(?:\s+i\s+sak(?:en|a))?|beslutning|avgjerd|konklusjon)"
    r"(?:\s+etter\s+(?:votering|avstemning|avstemming|avrøysting|røysting))?"
    r"(?:\s*[(\[][^)\]]{0,40}[)\]])?\s*(?::|$)"
    r"|(?:[A-ZÆØÅa-zæøå]+\s+){1,2}(?:fattet|fatter|fatta|fattar|gjorde|gjør|gjer|traff|treffer|tok)\s+(?:følgende|følgjande|slikt|sålydende|sålydande"
    r"|enstemmig|samrøystes|dette)\s+(?:enstemmige?\s+|samrøystes\s+)?vedtak\s*:"
    r"|[A-ZÆØÅa-zæøå]*styret\s+(?:vedtok|vedtek|vedtar)(?:\s+(?:enstemmig|einstemmig|samrøystes|samstemmig))?\s*:)",
    re.IGNORECASE,
)
"""`Vedtak:` (or a label cell `Vedtak`), `Vedtak (enstemmig):`, `Vedtak (samrøystes):`, `Porteføljestyrets
vedtak:`, nynorsk `Porteføljestyret sitt vedtak:`, `Styrets vedtak`, `Vedtak i saken:`, `Vedtak etter votering:`,
`Beslutning:`, and the
sentence forms `Styret fattet følgende vedtak:`, `Porteføljestyret gjorde slikt vedtak:`, nynorsk `Styret gjorde
følgjande vedtak:`, and `Porteføljestyret vedtok:`, nynorsk `Porteføljestyret vedtok samrøystes:` (with the colon) opening the adopted decision of a minutes block.
Not `Vedtaket ble fattet ...` (no colon) and not `Forslag til vedtak`."""


BARE_DECISION_WORD = re.compile(r"^\s*vedtak\s*(?:[(\[][^)\]]{0,40}[)\]])?\s*:?\s*$", re.IGNORECASE)
"""The word `vedtak` alone on a line (`vedtak:`, `Vedtak (enstemmig):`): the end of a decision label wrapped in a
narrow label column (`Porteføljestyrets` / `vedtak:`, `Styret fattet følgende` / `vedtak:`)."""


def decision_label_end(text: str) -> int | None:
    """Where the decision label of a line ends (its text after that is decision), None if the line
    opens with no decision label. `Vedtak (enstemmig): Søknadene innvilges.` -> 20."""
    m = DECISION_LABEL.match(text)
    if not m:
        return None
    if m.group(0).lstrip().casefold().startswith(("forslag", "framlegg")):
        return None
    return m.end()


# --------------------------------------------------------------------------------------------- table columns

COLUMN_WORDS: dict[ColumnMeaning, tuple[str, ...]] = {
    ColumnMeaning.APPLICATION_ID: ("søknadsnr", "søknadsnummer", "søknad nr", "søknad", "søknads-id", "søknadsid",
                                   "prosjektnr", "prosjektnummer", "prosjekt nr", "prosjekt-nr", "saksnr søknad", "id"),
    ColumnMeaning.OUTCOME: ("vedtak", "utfall", "resultat", "innstilling", "tilråding", "tilrådning", "anbefaling", "forslag",
                            "forslag til vedtak", "beslutning", "konklusjon", "status", "avgjerd", "vurdering"),
    ColumnMeaning.RANK: ("rangering", "rang", "nr", "rekkefølge", "prioritet", "prioritering", "plass", "rangert"),
    ColumnMeaning.TITLE: ("prosjekttittel", "tittel", "prosjektnavn", "prosjektnamn", "prosjekt", "navn på prosjekt"),
    ColumnMeaning.APPLICANT: ("søker", "søkar", "søkerinstitusjon", "søkarinstitusjon", "prosjektansvarlig",
                              "prosjektansvarleg", "institusjon", "organisasjon", "virksomhet", "verksemd"),
    ColumnMeaning.AMOUNT: ("beløp", "søkt beløp", "omsøkt beløp", "budsjett", "tildelt", "tildelt beløp", "ramme",
                           "kr", "mill kr", "mill. kr", "nok", "1000 kr", "beløp kr", "søkt", "bevilget", "omsøkt", "innstilt",
                           "foreslått", "tilrådd"),
    ColumnMeaning.PERSON: ("navn", "namn", "medlem", "styremedlem", "person", "deltaker", "deltakar", "representant",
                           "medlem av styret", "inhabil", "inhabilt medlem"),
    ColumnMeaning.CASE: ("sak", "saksnr", "saksnummer", "saker", "gjelder sak", "sak nr", "i sak", "inhabil i", "inhabil i sak"),
    ColumnMeaning.GROUND: ("grunnlag", "grunn", "årsak", "begrunnelse", "grunngjeving", "inhabilitetsgrunn",
                           "grunnlag for inhabilitet", "forhold", "merknad", "tilknytning"),
    ColumnMeaning.ROLE: ("rolle", "funksjon", "verv", "kategori", "deltakelse", "deltaking", "møtt som", "til stede som"),
    ColumnMeaning.AFFILIATION: ("tilhørighet", "tilhøyrsle", "representerer", "arbeidssted", "arbeidsstad",
                                "institusjon/organisasjon"),
    ColumnMeaning.SCOPE: ("omfang", "gjelder", "søknader", "gruppe"),
    ColumnMeaning.PRESENCE: ("til stede", "til stades", "tilstede", "møtt", "møtte", "oppmøte", "deltok", "frammøte"),
}
"""Column headers and what a column holds: `Søknadsnr.` / `Prosjektnummer` / `Søknad` (application id),
`Vedtak` / `Innstilling` / `Anbefaling` (outcome), `Rangering` (rank), `Sak` / `Medlem` / `Grunnlag`
(a conflicts table; `Styremedlem` / `Inhabil i` / `Grunnlag`), `Navn` / `Rolle` (attendance)."""

_COLUMN_INDEX: dict[str, ColumnMeaning] = {w: m for m, ws in COLUMN_WORDS.items() for w in ws}


def column_meaning(header: str) -> ColumnMeaning | None:
    """What a column holds, from its header cell: `Søknadsnr.` -> application_id, `Grunnlag` -> ground,
    `Innstilling (AU)` -> outcome; None for a header no rule understands."""
    t = normalise_label(header).replace(".", "")
    t = _WS.sub(" ", t)
    if t in _COLUMN_INDEX:
        return _COLUMN_INDEX[t]
    rest = without_possessive(t)
    if rest and rest in _COLUMN_INDEX:  # `Styrets vedtak`, `Administrasjonens innstilling`
        return _COLUMN_INDEX[rest]
    glued = t.replace(" ", "")
    if glued != t and glued in _COLUMN_INDEX:  # a word broken in a narrow cell with no hyphen: `Innstillin` / `g`
        return _COLUMN_INDEX[glued]
    return None


# --------------------------------------------------------------------------------------------- roles and outcomes in cells

ROLE_WORDS: dict[AttendanceRole, tuple[str, ...]] = {
    AttendanceRole.CHAIR: ("leder", "leiar", "styreleder", "styreleiar", "møteleder", "møteleiar", "nestleder",
                           "nestleiar", "fungerende leder", "settestyreleder"),
    AttendanceRole.PRESENT: ("medlem", "styremedlem", "medlem av porteføljestyret", "porteføljestyremedlem", "møtende",
                            "til stede"),
    AttendanceRole.SUBSTITUTE: ("settemedlem", "varamedlem", "vara", "vararepresentant", "møtende vara"),
    AttendanceRole.OBSERVER: ("observatør", "observatørar", "observatører"),
    AttendanceRole.STAFF: ("administrasjonen", "forskningsrådet", "forskingsrådet", "sekretariat", "sekretariatet",
                           "referent", "saksbehandler", "sakshandsamar", "rådgiver", "seniorrådgiver", "spesialrådgiver",
                           "avdelingsdirektør", "områdedirektør", "direktør", "avd dir", "administrasjon"),
    AttendanceRole.ABSENT: ("forfall", "meldt forfall", "fravær", "fråvær", "ikke til stede", "ikkje til stades", "fraværende",
                           "fråverande"),
}
"""Words in a role column of an attendance table: `Leder`, `Medlem`, `Varamedlem`, `Observatør`,
`Administrasjonen`, `Forfall` (bokmål and nynorsk)."""

_ROLE_INDEX: dict[str, AttendanceRole] = {w: r for r, ws in ROLE_WORDS.items() for w in ws}


SENTENCE_ROLES: tuple[tuple[AttendanceRole, re.Pattern[str]], ...] = (
    (AttendanceRole.ABSENT, re.compile(r"\b(?:meldt|melde|hadde)\s+(?:meldt\s+)?forfall\b|\bhadde\s+forfall\b|\bvar\s+(?:ikke\s+til\s+stede|ikkje\s+til\s+stades|fråverande|fraværende)\b", re.IGNORECASE)),
    (AttendanceRole.OBSERVER, re.compile(r"\b(?:møtte|deltok|var\s+til\s+stede|var\s+til\s+stades)\s+som\s+observatør\b", re.IGNORECASE)),
    (AttendanceRole.SUBSTITUTE, re.compile(r"\b(?:møtte|deltok)\s+som\s+(?:sette|setje|vara)medlem\b|\bmøtte\s+for\s+[A-ZÆØÅ]", re.IGNORECASE)),
    (AttendanceRole.STAFF, re.compile(rf"^\s*{_STAFF_BODY_FROM}\s+møtte\b|\bmøtte\s+(?:frå|fra)\s+{_STAFF_BODY}", re.IGNORECASE)),
)
"""The role a sentence of attendance prose gives its names: `Ragnhild Dahl hadde meldt forfall.` (absent), `Eli Sunde frå
Kulturdepartementet møtte som observatør.`, `Peder Nilsen Vik møtte som setjemedlem i sak 12/23.` (a substitute, who is
present), `Frå administrasjonen møtte Oddny Kleppe og Torbjørn Lid (referent).` (staff)."""


def sentence_role(sentence: str) -> AttendanceRole | None:
    """The role a sentence of attendance prose states (`SENTENCE_ROLES`), None where it states none."""
    return next((role for role, pattern in SENTENCE_ROLES if pattern.search(sentence)), None)


def attendance_role(cell: str) -> AttendanceRole | None:
    """The attendance role a table cell states: `Leder` -> chair, `Medlem (forfall)` -> absent,
    `Vara for Kari Nordmann` -> substitute; None for a cell no rule understands."""
    raw = unicodedata.normalize("NFC", cell).casefold()
    if re.search(r"\bforfall\b|\bfravær|\bfråvær|ikke til stede|ikkje til stades", raw):
        return AttendanceRole.ABSENT
    t = normalise_label(cell).replace(".", "")
    if t in _ROLE_INDEX:
        return _ROLE_INDEX[t]
    first = t.split(" ", 1)[0] if t else ""
    if first in _ROLE_INDEX:
        return _ROLE_INDEX[first]
    for word, role in _ROLE_INDEX.items():
        if re.search(rf"\b{re.escape(word)}\b", t):
            return role
    return None


CELL_OUTCOMES: dict[str, Outcome] = {
    "reserve": Outcome.RESERVE, "reserveliste": Outcome.RESERVE, "venteliste": Outcome.RESERVE, "res": Outcome.RESERVE,
    "innvilget": Outcome.GRANTED, "innvilga": Outcome.GRANTED, "innvilges": Outcome.GRANTED, "bevilget": Outcome.GRANTED,
    "bevilges": Outcome.GRANTED, "tildelt": Outcome.GRANTED, "tildeles": Outcome.GRANTED, "støttes": Outcome.GRANTED,
    "ja": Outcome.GRANTED, "finansieres": Outcome.GRANTED, "innstilt": Outcome.GRANTED,
    "tildeling": Outcome.GRANTED, "tildelast": Outcome.GRANTED, "bevilgning": Outcome.GRANTED, "løyving": Outcome.GRANTED,
    "innvilgelse": Outcome.GRANTED, "anbefales": Outcome.GRANTED, "anbefalt": Outcome.GRANTED,
    "tilrådd": Outcome.GRANTED, "tilrås": Outcome.GRANTED,
    "avslag": Outcome.REJECTED, "avslått": Outcome.REJECTED, "avslås": Outcome.REJECTED, "nei": Outcome.REJECTED,
    "ikke innvilget": Outcome.REJECTED, "ikkje innvilga": Outcome.REJECTED, "avvist": Outcome.REJECTED,
    "avvises": Outcome.REJECTED, "ikke anbefalt": Outcome.REJECTED, "ikkje tilrådd": Outcome.REJECTED,
}
"""A table's outcome cell in one word: `Innvilget`, `Avslag`, `Reserve`, `Reserveliste`, `Ja` / `Nei`, the nouns
`Tildeling`, `Bevilgning` (nynorsk `Løyving`), and a recommendation column's `Anbefales` / `Ikke anbefalt`
(nynorsk `Tilrådd` / `Ikkje tilrådd`)."""


_ORDINAL_FIRST = re.compile(r"^\d{1,2}\.\s*(?=[a-zæøå])")


def cell_outcome(cell: str) -> Outcome | None:
    """The outcome an outcome-column cell states: `Reserve` -> reserve, `1. reserve` -> reserve, `Innvilget` -> granted,
    `Avslås (lav karakter)` -> rejected, `Settes på reserveliste` -> reserve, `Støttes ikke` -> rejected."""
    t = _ORDINAL_FIRST.sub("", normalise_label(cell))  # `1. reserve`, `2. reserve`: the place before the word
    if t in CELL_OUTCOMES:
        return CELL_OUTCOMES[t]
    words = t.split(" ") if t else [""]
    first = words[0]
    if first in CELL_OUTCOMES and first not in ("ja", "nei", "res"):
        if CELL_OUTCOMES[first] == Outcome.GRANTED and len(words) > 1 and words[1] in NEGATIONS:
            return Outcome.REJECTED  # `Støttes ikke`, `Tilrådd ikkje`, `Innvilges ikke`
        return CELL_OUTCOMES[first]
    return outcome_of(cell)



__all__ = [
    "ATTENDANCE_LABELS", "CELL_OUTCOMES", "CODE_FIRST", "NUMBER_FIRST", "TABLE_REFERENCE", "COLUMN_WORDS", "DECISION_LABEL", "DECISION_WORDS", "FORM_LABELS", "FORM_START",
    "ACTING_CHAIR", "HABILITET_ROW", "INHABILE", "PRONOUN_SUBJECT", "RANKED", "RECOMMENDATION_START", "REFERS_BACK", "SUBSTITUTE",
    "BARE_DECISION_WORD", "CHECKBOX_LINE", "MINUTES_CLOSING", "ORGANISATION", "PAPER_PREFIX", "PAPER_WORD", "NO_DECISION_TITLE", "NUMBERED_FIRST", "CARDINALS", "ORDINALS", "RESPECTIVELY", "RESOLUTION", "VOTE_NOTE",
    "HEADER_LABELS", "LabelRule", "ROLE_WORDS", "SENTENCE_ROLES", "attendance_role", "checked_option", "sentence_role", "cell_outcome", "column_meaning",
    "decision_label_end", "label_readings", "match_label", "match_label_lines", "normalise_label", "opens_section", "rule",
    "without_possessive",
]

"""Synthetic meeting books and minutes from a seeded random generator.

Every decision text is built from structured choices (ids, outcomes, wording) and the same choices
give the facts of the expected record. `Style` decides wording: the main set draws only from the
`seen` phrasings; the held-out set (samples/unseen) may also use phrasings the rules were not written
against (`bevilges`, `avslår`, `venteliste`, `(styreleder)`, `Til stede fra administrasjonen`, ...).
"""

from __future__ import annotations

import dataclasses
import random
from dataclasses import dataclass, field

from .model import (
    SOFT_HYPHEN as SH,
    Attendance,
    CaseHeader,
    CasePaper,
    ConflictFact,
    CountMismatch,
    Cover,
    Cut,
    Declaration,
    FormField,
    FreeDoc,
    MeetingBook,
    Mention,
    Minutes,
    MinutesCase,
    Outcome,
    Role,
    Table,
    Text,
)
from .prose import Prose

G, R, V = Outcome.GRANTED, Outcome.REJECTED, Outcome.RESERVE

# ---------------------------------------------------------------- pools

FIRST = ["Kari", "Ola", "Ingrid", "Håkon", "Sigrid", "Øystein", "Åse", "Bjørn", "Solveig", "Torstein", "Marit",
         "Jørgen", "Astrid", "Lars", "Hege", "Kjetil", "Tuva", "Sindre", "Mathilde", "Synnøve", "Geir", "Trond",
         "Liv", "Ståle", "Birgitte", "Nils", "Randi", "Espen", "Gro", "Halvor"]
FIRST_UNSEEN = ["Aslaug", "Torbjørn", "Ingvild", "Ånund", "Kristoffer", "Signe", "Mads", "Bodil", "Ørjan",
                "Elisabeth", "Jon Egil", "Anne Grete", "Vegard", "Turid"]
LAST = ["Haugen", "Berg", "Dahl", "Lunde", "Solberg", "Nygård", "Bakke", "Strøm", "Aasen", "Sæther", "Løvås",
        "Brække", "Øien", "Kristiansen", "Fjeldstad", "Holm", "Rønning", "Vik", "Grønli", "Myklebust"]
#: Name pools of the variation generator's held-out set (`variation.py`, seeds 9000-9999): no name from
#: them is in any other set.
FIRST_HELDOUT = ["Eirunn", "Oddvar", "Marthe", "Gaute", "Idun", "Severin", "Ragnhild", "Audun", "Jorunn",
                 "Eivind", "Helga", "Snorre", "Vilde", "Tor Arne", "Unni"]
LAST_HELDOUT = ["Rygh", "Skogstad", "Bjørnstad", "Tangen", "Hovland", "Flatebø", "Sundby", "Grøtte", "Eggen",
                "Rustad", "Vestrheim", "Årdal"]
LAST_UNSEEN = ["Hægeland", "Tveit", "Aarø", "Skjærvø", "Lægreid", "Fossum", "Nærø", "Bråthen", "Kolstad",
               "Ødegård"]
VAN = ["van der Meer", "van den Berg", "de Vries", "van der Hagen"]
AFFIL = ["Universitetet i Bergen", "Universitetet i Tromsø – Norges arktiske universitet", "NTNU",
         "Universitetet i Oslo", "Universitetet i Agder", "Høgskulen på Vestlandet"]
DEPTS = {
    "PS-KLIMA": [("Klima- og miljødepartementet (KLD)"), ("Kunnskapsdepartementet (KD)")],
    "PS-VELFERD": [("Arbeids- og inkluderingsdepartementet (AID)"), ("Kunnskapsdepartementet (KD)")],
    "PS-HAV": [("Nærings- og fiskeridepartementet (NFD)"), ("Klima- og miljødepartementet (KLD)")],
    "PS-MULTEK": [("Digitaliserings- og forvaltningsdepartementet (DFD)"), ("Nærings- og fiskeridepartementet (NFD)")],
}
NUMBER_WORDS = {2: "to", 3: "tre", 4: "fire", 5: "fem", 6: "seks", 7: "sju", 8: "åtte", 9: "ni", 10: "ti",
                11: "elleve", 12: "tolv"}


@dataclass(frozen=True)
class Board:
    """A portfolio board: name, code, topics for titles, the department(s) observing."""

    name: str
    code: str
    topics: tuple[str, ...]
    call: str
    dept: str = "Forskningsrådet"

    @property
    def short(self) -> str:
        """`PS-KLIMA` -> `PSKLIMA` (a spelling seen in real papers)."""
        return self.code.replace("-", "")


KLIMA = Board("Porteføljestyret for klima og polar", "PS-KLIMA",
              ("klimatilpasning i kommunene", "polare økosystemer", "havis og permafrost", "klimarisiko",
               "utslippskutt i landbruket", "arktisk klimaforskning"), "Klimaforskning for omstilling")
VELFERD = Board("Porteføljestyret for velferd og utdanning", "PS-VELFERD",
                ("tidlig innsats i barnehagen", "frafall i videregående opplæring", "inkludering i arbeidslivet",
                 "digital kompetanse i skolen", "levekår blant unge"), "Velferd, utdanning og arbeid")
HAV = Board("Porteføljestyret for hav", "PS-HAV",
            ("havvind og sjøfugl", "bærekraftig havbruk", "marin forsøpling", "kystsoneforvaltning",
             "fiskehelse og velferd"), "Havforskning for en bærekraftig havøkonomi")
MULTEK = Board("Porteføljestyret for muliggjørende teknologier", "PS-MULTEK",
               ("kvanteteknologi", "kunstig intelligens i industrien", "nanomaterialer", "bioteknologi for helse",
                "digital sikkerhet"), "Muliggjørende teknologier")
# held-out boards
ENERGI = Board("Porteføljestyret for energi, transport og lavutslipp", "PS-ENERGI",
               ("hydrogen i maritim transport", "batterier og energilagring", "solenergi i nord",
                "elektrifisering av tungtransport"), "Energiomstilling og lavutslipp")
HUMSAM = Board("Porteføljestyret for humaniora og samfunnsvitenskap", "PS-HUMSAM",
               ("demokrati og tillit", "språk og identitet", "kulturarv i endring", "migrasjon og integrering"),
               "Samfunnsvitenskapelig grunnforskning")
LMB = Board("Porteføljestyret for landbasert mat, miljø og bioressurser", "PS-LMB",
            ("jordhelse", "plantevern", "matsikkerhet", "skogbruk og karbonlagring"), "Mat og bioressurser")


@dataclass(frozen=True)
class Style:
    """Wording choices; `heldout` enables phrasings reserved for the unseen set."""

    heldout: bool = False
    lang: str = "nb"
    pool: str = ""  # "" (main/unseen pools) | "variation_heldout" (FIRST_HELDOUT/LAST_HELDOUT only)

    def granted(self, rng) -> str:
        """A granted phrase: `tildeles støtte`, `innvilges` (held out: `bevilges`; nynorsk `vert innvilga`)."""
        if self.lang == "nn":
            return "vert innvilga"
        pool = ["tildeles støtte", "innvilges"] + (["bevilges"] if self.heldout else [])
        return rng.choice(pool)

    def rejected(self, rng) -> str:
        """A rejected phrase: `avslås` (nynorsk `vert avslått`)."""
        if self.lang == "nn":
            return "vert avslått"
        return "avslås"

    def reserve(self, rng, ranked: bool) -> str:
        """A reserve phrase: `settes på (en rangert) reserveliste` (held out: `settes på venteliste`)."""
        if self.lang == "nn":
            return "vert førte opp på ei rangert reserveliste" if ranked else "vert førte opp på reservelista"
        if ranked:
            return "settes på en rangert reserveliste"
        return rng.choice(["settes på reserveliste"] + (["settes på venteliste"] if self.heldout else []))


# ---------------------------------------------------------------- helpers

def join_og(items: list[str]) -> str:
    """`a, b og c` (commas and a final `og`)."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " og " + items[-1]


def count_word(n: int, rng, words: bool = True) -> str:
    """A stated count, as a number word (`ni`, `tre`) when small, else digits."""
    return NUMBER_WORDS[n] if words and n in NUMBER_WORDS and rng.random() < 0.6 else str(n)


def cap(s: str) -> str:
    """Upper-case the first letter (`ni` -> `Ni`)."""
    return s[:1].upper() + s[1:]


@dataclass
class Ctx:
    """Per-document random state: names, ids and the numbers already used."""

    rng: random.Random
    board: Board
    year: int
    style: Style
    id_lo: int
    used_ids: set = field(default_factory=set)
    used_names: set = field(default_factory=set)

    @property
    def yy(self) -> str:
        """Two-digit year (`2024` -> `24`)."""
        return f"{self.year % 100:02d}"

    def app_id(self) -> str:
        """A fresh six-digit application id from this document's range."""
        while True:
            a = str(self.rng.randint(self.id_lo, self.id_lo + 1999))
            if a not in self.used_ids:
                self.used_ids.add(a)
                return a

    def name(self, kind: str | None = None) -> str:
        """A fresh person name: plain, `Ole A. Andreassen`, `Tove Klæboe Nilsen`, `Bjørk-Skaflestad`, `van der`."""
        rng = self.rng
        first = FIRST + (FIRST_UNSEEN if self.style.heldout else [])
        last = LAST + (LAST_UNSEEN if self.style.heldout else [])
        if self.style.pool == "variation_heldout":
            first, last = FIRST_HELDOUT, LAST_HELDOUT
        while True:
            k = kind or rng.choice(["plain"] * 5 + ["initial", "double", "hyphen", "van"])
            f, l1, l2 = rng.choice(first), rng.choice(last), rng.choice(last)
            if k == "initial":
                n = f"{f} {rng.choice('ABEHJKMST')}. {l1}"
            elif k == "double" and l1 != l2:
                n = f"{f} {l1} {l2}"
            elif k == "hyphen" and l1 != l2:
                n = f"{f} {l1}-{l2}"
            elif k == "van":
                n = f"{f} {rng.choice(VAN)}"
            else:
                n = f"{f} {l1}"
            if n not in self.used_names:
                self.used_names.add(n)
                return n

    def title(self) -> str:
        """A project title built from the board's topics."""
        rng = self.rng
        t = rng.choice(self.board.topics)
        return rng.choice([f"Ny kunnskap om {t}", f"{cap(t)} i endring", f"Bærekraftige løsninger for {t}",
                           f"Data og modeller for {t}", f"Samarbeid om {t} i Norden", f"Tiltak for {t}"])


FILLER_NB = [
    "Administrasjonen har vurdert søknadene etter de tre standardkriteriene forskning og innovasjon, virkninger "
    "og effekter og gjennomføring.",
    f"Søknadene ble vurdert av ekspertpaneler, og relevansen ble vurdert av administra{SH}sjonen i samråd med "
    "referansegruppen.",
    f"Utlysningen hadde en ramme på 60 mill. kroner, og det kom inn flere søknader enn forventet fra "
    f"forsknings{SH}organisasjoner og bedrifter.",
    "Innstillingen bygger på karakterene fra ekspertene, relevans for utlysningen og porteføljehensyn som "
    "tematisk og geografisk spredning.",
    f"Porteføljestyret har tidligere diskutert innretningen av utlysningen og lagt vekt på tverrfaglige "
    f"samarbeids{SH}prosjekter.",
    "Administrasjonen følger opp vedtakene og informerer søkerne om utfallet.",
    f"Prosjektene skal bidra til at ny kunnskap tas i bruk i forvaltningen og i nærings{SH}livet.",
    "Midlene fordeles i tråd med investeringsplanen og føringene i tildelingsbrevet.",
    "Flere av søknadene har samarbeidspartnere i andre nordiske land og i Horisont Europa.",
    "Utlysningen retter seg mot klima- og miljøforskning, hav- og kystforvaltning og arbeids- og "
    "velferdsforvaltningen, og mot helse- og omsorgstjenester i kommunene.",
    "Søknader fra universitets- og høyskolesektoren og fra forsknings- og innovasjonsmiljøer i næringslivet "
    "er vurdert likt.",
    f"Det er et mål at porteføljen skal styrke forskningsmiljøer med høy kvalitet og relevans for "
    f"helse- og omsorgstjenester, næringsutvikling og offentlig forvalt{SH}ning.",
]
FILLER_NN = [
    "Administrasjonen har vurdert søknadene etter dei tre standardkriteria forsking og innovasjon, verknader "
    "og effektar og gjennomføring.",
    "Søknadene vart vurderte av ekspertpanel, og relevansen vart vurdert av administrasjonen.",
    "Porteføljestyret har tidlegare drøfta innrettinga av utlysinga.",
    "Utlysinga rettar seg mot klima- og miljøforsking, hav- og kystforvaltning og helse- og "
    "omsorgstenester i kommunane.",
]


def filler(ctx: Ctx, n: int) -> tuple[str, ...]:
    """`n` background paragraphs (two sentences each) from the filler pool."""
    pool = FILLER_NN if ctx.style.lang == "nn" else FILLER_NB
    return tuple(" ".join(ctx.rng.sample(pool, 2)) for _ in range(n))


# ---------------------------------------------------------------- decision texts on applications

@dataclass
class DecisionSpec:
    """What an allocation decision says; `render_*` turn it into text + facts."""

    granted: list[tuple[str, str]]
    rejected_bloc: list[str]
    rejected: list[str]
    reserve: list[str]
    conflict_id: str | None = None  # an id also listed as rejected after being granted
    mismatch: bool = False
    cuts: list[tuple[str, int, str]] = field(default_factory=list)  # (id, nok, phrase)


def make_spec(ctx: Ctx, n_grant: int, n_bloc: int, n_rej: int, n_res: int, conflict: bool, mismatch: bool,
              cuts: bool) -> DecisionSpec:
    """Random ids and titles for an allocation decision."""
    spec = DecisionSpec(
        granted=[(ctx.app_id(), ctx.title()) for _ in range(n_grant)],
        rejected_bloc=[ctx.app_id() for _ in range(n_bloc)],
        rejected=[ctx.app_id() for _ in range(n_rej)],
        reserve=[ctx.app_id() for _ in range(n_res)],
        mismatch=mismatch,
    )
    if conflict:
        spec.conflict_id = spec.granted[-1][0]
    if cuts:
        a, b, c = spec.granted[0][0], spec.granted[1][0], spec.granted[2][0]
        spec.cuts = [(a, 2_500_000, "2,5 mill. kroner"), (b, 250_000, "0,250 millioner kroner"),
                     (c, 250_000, "0,250 millioner kroner")]
        if ctx.rng.random() < 0.5:
            spec.cuts[0] = (a, 400_000, "400 000 kroner")
    return spec


def running_text(ctx: Ctx, spec: DecisionSpec, intro: str) -> Text:
    """Sentences with counts (`Dette gjelder søknadene a, b og c.`), commas and a final `og`."""
    rng, st = ctx.rng, ctx.style
    blocks = [intro]
    mentions: list[Mention] = []
    mism: list[CountMismatch] = []
    if spec.rejected_bloc:
        ids = spec.rejected_bloc
        stated = len(ids) + (1 if spec.mismatch else 0)
        cw = count_word(stated, rng)
        if st.lang == "nn":
            s = (f"{cap(cw)} søknader med gjennomsnittskarakter under 5,0 vert avslått. Dette gjeld søknadene "
                 f"{join_og(ids)}.")
        else:
            s = (f"{cap(cw)} søknader med gjennomsnittskarakter under 5,0 {st.rejected(rng)} en bloc. Dette gjelder "
                 f"søknadene {join_og(ids)}.")
        blocks.append(s)
        mentions += [Mention(a, R) for a in ids]
        if spec.mismatch:
            mism.append(CountMismatch(stated, len(ids), ids[0], f"{cw} søknader"))
    gids = [a for a, _ in spec.granted]
    cw = count_word(len(gids), rng)
    if st.lang == "nn":
        blocks.append(f"{cap(cw)} søknader har høg karakter og relevans, og søknadene {st.granted(rng)}. Dette "
                      f"gjeld søknadene {join_og(gids)}.")
    else:
        blocks.append(f"{cap(cw)} søknader med gjennomsnittskarakter over 5,5 og høy relevans {st.granted(rng)}. "
                      f"Dette gjelder søknadene {join_og(gids)}.")
    mentions += [Mention(a, G) for a in gids]
    if spec.reserve:
        ranked = len(spec.reserve) > 1
        word = "Søknadene" if ranked else "Søknad"
        blocks.append(f"{word} {join_og(spec.reserve)} {st.reserve(rng, ranked)}.")
        mentions += [Mention(a, V, (i + 1) if ranked else None) for i, a in enumerate(spec.reserve)]
    rest = list(spec.rejected) + ([spec.conflict_id] if spec.conflict_id else [])
    if rest:
        if st.lang == "nn":
            blocks.append(f"Dei resterande søknadene vert avslått på grunn av manglande midlar: {join_og(rest)}.")
        else:
            blocks.append(f"Resterende søknader {st.rejected(rng)} pga. ikke tilgjengelige midler: {join_og(rest)}.")
        mentions += [Mention(a, R) for a in rest]
    cuts = _cut_sentence(ctx, spec, blocks)
    return Text(tuple(blocks), tuple(mentions), cuts, mismatches=tuple(mism))


def _cut_sentence(ctx: Ctx, spec: DecisionSpec, blocks: list) -> tuple[Cut, ...]:
    if not spec.cuts:
        return ()
    (a, _, pa), (b, _, pb), (c, _, _) = spec.cuts
    blocks.append(f"For å være innenfor rammen for utlysningen reduseres budsjettet for søknad {a} med {pa}, og "
                  f"med {pb} for hver av søknadene {b} og {c}.")
    return tuple(Cut(x, n) for x, n, _ in spec.cuts)


def bullet_text(ctx: Ctx, spec: DecisionSpec, intro: str) -> Text:
    """A bullet list: each item one application with its outcome (`• 345678 Tittel – innvilges`), or a
    lead-in sentence with the outcome followed by one id per bullet."""
    rng, st = ctx.rng, ctx.style
    blocks = [intro]
    mentions: list[Mention] = []
    blocks.append(f"{'Følgjande' if st.lang == 'nn' else 'Følgende'} søknader {st.granted(rng)}:")
    for a, t in spec.granted:
        blocks.append(f"• {a} {t}")
        mentions.append(Mention(a, G, title=t))
    for a in spec.reserve:
        blocks.append(f"- Søknad {a} {st.reserve(rng, False)}.")
        mentions.append(Mention(a, V))
    rej = spec.rejected_bloc + spec.rejected + ([spec.conflict_id] if spec.conflict_id else [])
    for a in rej:
        blocks.append(f"- Søknad {a} {st.rejected(rng)}.")
        mentions.append(Mention(a, R))
    cuts = _cut_sentence(ctx, spec, blocks)
    return Text(tuple(blocks), tuple(mentions), cuts)


def table_text(ctx: Ctx, spec: DecisionSpec, intro: str, stage: str) -> Text:
    """An application table `Søknadsnr | Prosjekttittel | Vedtak`, plus a count sentence before it."""
    rng = ctx.rng
    gw, rw, vw = (("Innvilget", "Avslått", "Venteliste") if stage == "adopted" else ("Innvilges", "Avslås", "Reserveliste"))
    if ctx.style.lang == "nn":
        gw, rw = "Innvilga", "Avslått"
    rows = [(a, t, gw) for a, t in spec.granted]
    mentions = [Mention(a, G, title=t) for a, t in spec.granted]
    for a in spec.reserve:
        rows.append((a, ctx.title(), vw))
    for a in spec.rejected + ([spec.conflict_id] if spec.conflict_id else []):
        rows.append((a, ctx.title(), rw))
    # mentions in table row order (titles of non-granted rows come from the rows themselves)
    mentions = []
    for a, t, w in rows:
        o = G if w == gw else (V if w == vw else R)
        mentions.append(Mention(a, o, title=t))
    n = len(rows)
    if spec.mismatch:  # stated differs from both the rows and the distinct ids
        stated = n + 1
        blocks: list = [intro, f"Porteføljestyret har behandlet {stated} søknader. Vedtak for hver søknad følger "
                               f"av tabellen under."]
        mism: tuple = (CountMismatch(stated, n, rows[0][0], f"{stated} søknader"),)
    elif spec.conflict_id:  # a duplicated row makes "N søknader" ambiguous: state no count
        blocks, mism = [intro, "Vedtak for hver søknad følger av tabellen under."], ()
    else:
        blocks, mism = [intro, f"Porteføljestyret har behandlet {n} søknader. Vedtak for hver søknad følger av "
                               f"tabellen under."], ()
    blocks.append(Table(("Søknadsnr", "Prosjekttittel", "Vedtak"), tuple(rows), widths=(2, 2.8, 2.3)))
    _ = rng
    cuts = _cut_sentence(ctx, spec, blocks)
    return Text(tuple(blocks), tuple(mentions), cuts, mismatches=mism)


# ---------------------------------------------------------------- habilitet

def habilitet_text(ctx: Ctx, members: list[str], chair: str, alloc: list[tuple[str, str]], stage: str,
                   substitute: tuple[str, str] | None, partial: bool, none_at_all: bool) -> Text:
    """`Spørsmål om habilitet`: per allocation case a `Sak x/yy: title` block with the disqualified."""
    rng, nn = ctx.rng, ctx.style.lang == "nn"
    if none_at_all:
        s = ("Ingen medlemmer er inhabile for sakene på dette møtet." if nn
             else "Ingen medlemmer er inhabile for sakene på dette møte.")
        return Text((s,), declarations=(Declaration("all_cases", s),))
    blocks = ["Forskningsrådets administrasjon har foretatt en habilitetsvurdering i forkant av møtet." if not nn
              else "Administrasjonen i Forskingsrådet har gjort ei habilitetsvurdering i forkant av møtet."]
    facts: list[ConflictFact] = []
    others = [m for m in members if m != chair]
    for k, (short_id, canon) in enumerate(alloc):
        title = "Tildeling av midlar [U.off. § 14]" if nn else "Tildeling av midler [U.off. § 14]"
        blocks.append(f"Sak {short_id}: {title}")
        chair_out = k == 0
        dq = rng.sample(others, 2 if k == 0 else 3)
        names = ([chair] if chair_out else []) + dq
        if nn:
            blocks.append(f"Følgjande medlemmer er inhabile og fråtrer møtet når søknadene vert drøfta: {join_og(names)}.")
        else:
            blocks.append(f"Følgende medlemmer er inhabile og fratrer møtet når søknadene diskuteres i "
                          f"porteføljestyret: {join_og(names)}.")
        facts += [ConflictFact(canon, n, Role.INHABILE) for n in names]
        if partial and k == 0:
            p = [m for m in others if m not in dq][:2]
            g = rng.randint(2, 3)
            blocks.append(f"{join_og(p)} er inhabile for søknader i gruppe {g}, og fratrer møtet fram til behandling "
                          f"av søknader i gruppe {g + 1}.")
            facts += [ConflictFact(canon, n, Role.INHABILE, scope=f"gruppe {g}") for n in p]
        if substitute and k == len(alloc) - 1:
            sub, aff = substitute
            blocks.append(f"For at porteføljestyret skal være beslutningsdyktig er professor {sub} ved {aff} "
                          f"oppnevnt som settemedlem.")
            facts.append(ConflictFact(canon, sub, Role.SUBSTITUTE, affiliation=aff))
        if chair_out:
            acting = [m for m in others if m not in dq and m not in names][-1]
            if nn:
                blocks.append(f"Sidan porteføljestyreleiar {chair} er inhabil, er {acting} oppnemnd som "
                              f"settestyreleiar under handsaminga av saka.")
            else:
                blocks.append(f"Siden porteføljestyreleder {chair} er inhabil er {acting} oppnevnt som "
                              f"settestyreleder under behandling av saken.")
            facts.append(ConflictFact(canon, acting, Role.ACTING_CHAIR))
    s = ("Ingen medlemmer er inhabile for øvrige saker." if not nn else "Ingen medlemmer er inhabile for øvrige saker.")
    blocks.append(s)
    return Text(tuple(blocks), conflicts=tuple(facts), declarations=(Declaration("other_cases", s),))


# ---------------------------------------------------------------- documents

@dataclass(frozen=True)
class Plan:
    """Knobs for one synthetic document."""

    seed: int
    board: Board
    year: int
    meeting: int
    first_case: int
    heldout: bool = False
    lang: str = "nn_off"
    decision_style: str = "running"  # running | bullets | table
    mismatch: bool = False
    conflict: bool = False
    cuts: bool = False
    partial: bool = False
    substitute: bool = True
    none_conflicts: bool = False
    zero_pad: bool = True
    attach_minutes: bool = False
    implied_board_in_minutes: bool = False
    chair_marker: str = " (leder)"
    staff_label: str = "Til stede fra Forskningsrådet"
    exempt_para: str = "14"
    date_style: str = "dots"  # dots | words
    id_lo: int = 330000
    prose: bool = False  # dense papers: background/assessment prose in case papers, discussion in minutes
    second_style: str | None = None  # minutes: style of the second allocation (None: one other than the first)
    name_pool: str = ""  # Style.pool


MONTHS = ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober",
          "november", "desember"]


def _date(ctx: Ctx, plan: Plan, month: int) -> tuple[str, str]:
    day = ctx.rng.randint(2, 27)
    iso = f"{ctx.year}-{month:02d}-{day:02d}"
    if plan.date_style == "words":
        return f"{day}. {MONTHS[month - 1]} {ctx.year}", iso
    return f"{day:02d}.{month:02d}.{ctx.year}", iso


def _ctx(plan: Plan) -> Ctx:
    lang = "nn" if plan.lang == "nn" else "nb"
    return Ctx(random.Random(plan.seed), plan.board, plan.year, Style(plan.heldout, lang, plan.name_pool), plan.id_lo)


def _written(ctx: Ctx, n: int, yy: str, pad: bool) -> str:
    return f"{ctx.board.code} {n:02d}/{yy}" if pad else f"{ctx.board.code} {n}/{yy}"


def _alloc_text(ctx: Ctx, plan: Plan, stage: str, intro: str, sizes=(6, 5, 3, 2)) -> Text:
    g, b, r, v = sizes
    spec = make_spec(ctx, g, b, r, v, plan.conflict, plan.mismatch, plan.cuts)
    if plan.decision_style == "bullets":
        return bullet_text(ctx, spec, intro)
    if plan.decision_style == "table":
        return table_text(ctx, spec, intro, stage)
    return running_text(ctx, spec, intro)


# ---------------------------------------------------------------- dense prose (Plan.prose)

FIELD_ORDER = ("Kort bakgrunn", "Hvorfor saken fremmes til dette møtet", "Hovedpunkter", "Forberedelse / prosess",
               "Videre saksgang")


def _prose(plan: "Plan", board: Board, year: int, first_case: int, lang: str) -> Prose:
    """The prose writer of one document part, with its own random generator: turning prose on changes
    nothing else in the document (names, ids and decisions come from the plan's generator as before)."""
    return Prose(random.Random(f"prose:{plan.seed}:{year}:{first_case}"), board.code, board.name, board.call,
                 board.topics, tuple(DEPTS.get(board.code, ["Kunnskapsdepartementet (KD)"])), year, first_case,
                 plan.meeting, lang)


def _add_to_fields(fields: tuple[FormField, ...], adds: dict[str, tuple[str, ...]]) -> tuple[FormField, ...]:
    """Append blocks to the form fields named in `adds`, creating a missing field in the usual order."""
    have = {f.label for f in fields}
    out = [FormField(f.label, f.blocks + adds.get(f.label, ())) for f in fields]
    for label, blocks in adds.items():
        if label in have or not blocks:
            continue
        pos = next((i for i, f in enumerate(out) if f.label in FIELD_ORDER
                    and FIELD_ORDER.index(f.label) > FIELD_ORDER.index(label)), len(out))
        out.insert(pos, FormField(label, blocks))
    return tuple(out)


def _analysis_attachment(pr: Prose) -> FreeDoc:
    """Vedlegg `Porteføljeanalyse` of the information case: headings, paragraphs and a table of yearly
    figures (counts of applications, amounts), with no case numbers and no application ids."""
    rng, y = pr.rng, pr.year
    nn = pr.lang == "nn"
    pr.allow_refs = False
    items: list = [("h1", f"Porteføljeanalyse for {pr.board_name.split(' for ', 1)[-1]} {y - 1}"),
                   ("p", pr.paragraph(("portfolio",), (4, 6)))]
    rows = []
    for yr in range(y - 5, y):
        n_apps, n_proj = rng.randint(40, 260), rng.randint(6, 35)
        rows.append((str(yr), str(n_apps), str(n_proj), f"{rng.randint(30, 220)},{rng.randint(0, 9)}"))
    items.append(("table", Table(("År", "Talet på søknader" if nn else "Antall søknader",
                                  "Tildelte prosjekt" if nn else "Tildelte prosjekter", "Mill. kroner"), tuple(rows))))
    for kind in ("portfolio", "portfolio", "budget", "review", "assess"):
        items.append(("h2", pr.heading(kind)))
        for _ in range(rng.randint(1, 2)):
            items.append(("p", pr.paragraph((kind,), (4, 6))))
        pr.used.clear()
    items.append(("h2", "Oppfølging" if not nn else "Oppfølging"))
    items += [("bullet", "• " + pr.paragraph((k,), (1, 1))) for k in ("follow", "assess", "budget")]
    for kind in ("call", "review"):
        items.append(("h2", pr.heading(kind)))
        items.append(("p", pr.paragraph((kind,), (4, 6))))
    pr.allow_refs = True
    pr.take_refs()
    return FreeDoc(tuple(items))


def _dense_papers(pr: Prose, papers: list[CasePaper]) -> list[CasePaper]:
    """Background, case information and assessment sections in the meeting book's case papers (the
    agenda and the previous-minutes papers stay short, as in real books)."""
    out = []
    for i, p in enumerate(papers):
        adds: dict[str, tuple[str, ...]] = {}
        if i == 2:  # habilitet
            adds["Kort bakgrunn"] = (pr.paragraph(("hab",), (3, 5)),)
            adds["Forberedelse / prosess"] = ("Administrasjonen har utviklet saken.",)
        elif i == 3:  # orienteringer
            adds["Hovedpunkter"] = (pr.section("portfolio", (1, 2)) + pr.section("portfolio", (1, 2))
                                    + pr.section("budget", (1, 2)) + pr.section("review", (1, 1), ("call",))
                                    + (pr.paragraph(("follow", "assess"), (3, 4)),))
        elif i == 4:  # allocation
            adds["Kort bakgrunn"] = pr.section("call", (3, 3))
            adds["Hovedpunkter"] = (pr.section("review", (2, 3)) + pr.section("portfolio", (2, 2))
                                    + pr.section("budget", (1, 2)) + pr.section("assess", (2, 3), ("follow",)))
        elif i == 5:  # procedure
            adds["Kort bakgrunn"] = pr.section("review", (1, 2)) + (pr.paragraph(("call",)),)
            adds["Hovedpunkter"] = pr.section("assess", (1, 2), ("budget",))
        refs = pr.take_refs()
        if adds:
            p = dataclasses.replace(p, fields=_add_to_fields(p.fields, adds),
                                    references=tuple(sorted(set(p.references) | set(refs))))
        if i == 3:
            p = dataclasses.replace(p, attachments_after=p.attachments_after + (_analysis_attachment(pr),))
        if i == 5 and p.header is not None:  # the draft call text, listed in the header box
            vedlegg = "Utkast til utlysningstekst" if pr.lang == "nb" else "Utkast til utlysingstekst"
            p = dataclasses.replace(p, header=dataclasses.replace(p.header, attachments=p.header.attachments + (vedlegg,)),
                                    attachments_after=p.attachments_after + (FreeDoc(tuple(pr.call_text())),))
            pr.take_refs()
        out.append(p)
    return out


def _dense_minutes(pr: Prose, cases: tuple[MinutesCase, ...]) -> tuple[MinutesCase, ...]:
    """Discussion in the minutes: in the information case before its closing sentence, after the
    allocation decisions (discussion, then the standard conditions) and after the procedure."""
    out = []
    for i, c in enumerate(cases):
        d = c.decision
        extra: tuple[str, ...] = ()
        if d is not None and i == 3:  # orienteringer
            mid = (pr.paragraph(("discuss", "portfolio"), (4, 6)), pr.paragraph(("discuss", "budget"), (3, 5)),
                   pr.paragraph(("portfolio", "follow"), (3, 5)))
            d = dataclasses.replace(d, blocks=d.blocks[:-1] + mid + d.blocks[-1:])
        elif d is not None and i in (4, 5):  # allocations
            extra = (pr.paragraph(("discuss", "review"), (3, 5)),) + pr.closing(pr.rng.randint(2, 4))
        elif d is not None and i == 6:  # procedure
            extra = (pr.paragraph(("discuss", "review"), (3, 5)), pr.paragraph(("assess", "follow"), (2, 4)))
        if extra:
            d = dataclasses.replace(d, blocks=d.blocks + extra)
        refs = pr.take_refs()
        if d is not c.decision:
            c = dataclasses.replace(c, decision=d, references=tuple(sorted(set(c.references) | set(refs))))
        out.append(c)
    return tuple(out)


def minutes(plan: Plan, ctx: Ctx | None = None, number: int | None = None, month: int | None = None,
            first_case: int | None = None, year: int | None = None) -> Minutes:
    """A stand-alone (or attached) møteprotokoll with attendance, habilitet and allocation cases."""
    ctx = ctx or _ctx(plan)
    rng, b = ctx.rng, ctx.board
    nn = ctx.style.lang == "nn"
    number = number or plan.meeting
    year = year or ctx.year
    yy = f"{year % 100:02d}"
    k = first_case or plan.first_case
    month = month or rng.randint(2, 11)
    date_w, date_iso = _date(Ctx(rng, b, year, ctx.style, 0), plan, month)
    members = [ctx.name() for _ in range(9)]
    chair = members[0]
    absent = [members.pop(rng.randint(3, len(members) - 1))]
    sub = (ctx.name(), rng.choice(AFFIL)) if plan.substitute else None
    dept = DEPTS.get(b.code, ["Kunnskapsdepartementet (KD)"])
    obs1 = ((ctx.name("van"), ", " + dept[0]),)
    obs2 = ((ctx.name(), ", " + dept[-1]),)
    staff = tuple((ctx.name(rng.choice(["plain", "hyphen", "initial"])), r) for r in
                  (", Områdedirektør", ", avd. dir.", ", Spesialrådgiver", ", Seniorrådgiver"))
    ids = {name: n for name, n in [("agenda", k), ("prev", k + 1), ("hab", k + 2), ("info", k + 3),
                                   ("alloc1", k + 4), ("alloc2", k + 5), ("proc", k + 6), ("evt", k + 7),
                                   ("appr", k + 8)]}
    code = b.code

    def w(n):  # written id in the block heading
        return f"{n}/{yy}" if plan.implied_board_in_minutes else f"{code} {n}/{yy}"

    alloc_cases = [(f"{ids['alloc1']}/{yy}", f"{code} {ids['alloc1']}/{yy}"),
                   (f"{ids['alloc2']}/{yy}", f"{code} {ids['alloc2']}/{yy}")]
    hab = habilitet_text(ctx, members, chair, alloc_cases, "adopted", sub, plan.partial, plan.none_conflicts)
    present = [(m, plan.chair_marker if m == chair else "") for m in members]
    subs = ()
    if sub and not plan.none_conflicts:
        present.append((sub[0], f", settemedlem sak {ids['alloc2']}/{yy}"))
        subs = ((sub[0], (f"{code} {ids['alloc2']}/{yy}",)),)
    labels = {}
    if nn:
        labels = {"present": "Til stades", "place": "Stad", "observers": "Observatørar:",
                  "staff": "Til stades frå Forskingsrådet", "absent": "Forfall"}
    elif plan.staff_label != "Til stede fra Forskningsrådet":
        labels = {"staff": plan.staff_label}
    att = Attendance(present=tuple(present), chair=chair, substitutes=subs, absent=tuple(absent),
                     observer_blocks=(obs1, obs2), staff=staff, labels=labels)
    alloc_title = f"Tildeling av {'midlar' if nn else 'midler'} til {b.call} [U.off. § {plan.exempt_para}]"
    intro1 = (f"Porteføljestyret for {b.name.split(' for ', 1)[1]} gjer følgjande vedtak:" if nn else
              f"For utlysningen {b.call} {year} vedtar porteføljestyret følgende:")
    d1 = _alloc_text(ctx, plan, "adopted", intro1)
    plan2 = Plan(**{**plan.__dict__, "conflict": False, "mismatch": False, "cuts": False,
                    "decision_style": plan.second_style or ("running" if plan.decision_style != "running" else "bullets")})
    d2 = _alloc_text(ctx, plan2, "adopted", "Porteføljestyret vedtar følgende:" if not nn else
                     "Porteføljestyret vedtek følgjande:", sizes=(3, 0, 2, 1))
    prev_no = f"{number - 1}/{yy}" if number > 1 else f"6/{(year - 1) % 100:02d}"
    ref_proc = f"{code} {ids['proc'] - 10}/{yy}" if ids["proc"] > 11 else f"{code} 30/{(year - 1) % 100:02d}"
    ref_proc_written = (f"{b.short} {ids['proc'] - 10}/{yy}" if ids["proc"] > 11
                        else f"{code} 30-{(year - 1) % 100:02d}")
    cases = (
        MinutesCase(w(ids["agenda"]), "Godkjenning av sakslista" if nn else "Godkjenning av sakslisten",
                    Text(("Porteføljestyret godkjenner sakslista." if nn else "Porteføljestyret godkjenner sakslisten.",))),
        MinutesCase(w(ids["prev"]), f"Godkjent møteprotokoll frå møte {prev_no}" if nn else
                    f"Godkjent møteprotokoll fra porteføljestyremøte {prev_no}",
                    Text((f"Porteføljestyret tek godkjend møteprotokoll frå møte {prev_no} til orientering." if nn else
                          f"Porteføljestyret tar godkjent møteprotokoll fra porteføljestyremøte {prev_no} til orientering.",))),
        MinutesCase(w(ids["hab"]), "Spørsmål om habilitet", hab,
                    references=() if plan.none_conflicts else tuple(c for _, c in alloc_cases)),
        MinutesCase(w(ids["info"]), "Orienteringar" if nn else "Orienteringer", Text((
            "Administrasjonen orienterte om følgjande:" if nn else "Administrasjonen orienterte om følgende:",
            "• Arbeidet med porteføljeplanen",
            f"• Statsbudsjettet {year + 1} for Forskningsrådet",
            "Porteføljestyret tek informasjonen til orientering." if nn else
            "Porteføljestyret tar informasjonen til orientering.",))),
        MinutesCase(w(ids["alloc1"]), alloc_title, d1),
        MinutesCase(w(ids["alloc2"]), f"Tildeling av forpros{SH}jektmidler [U.off. § {plan.exempt_para}]", d2),
        MinutesCase(w(ids["proc"]), "Prosedyre for søknadsbehandling" if not nn else "Prosedyre for søknadshandsaming",
                    Text((f"Porteføljestyret vedtar prosedyren for søknads{SH}behandlingen slik den er beskrevet i "
                          f"saken, jf. sak {ref_proc_written}.",)),
                    references=(ref_proc,)),
        MinutesCase(w(ids["evt"]), "Eventuelt", None),
        MinutesCase(w(ids["appr"]), "Godkjenning av møteprotokollen",
                    Text(("Porteføljestyret godkjenner møteprotokollen.",))),
    )
    if plan.prose:
        cases = _dense_minutes(_prose(plan, b, year, k, ctx.style.lang), cases)
    place = ("Forskningsrådet, møterom Abel", "Drammensveien 288.") if rng.random() < 0.5 else \
        ("Teams",)
    time_w, time = (("Kl. 09:00 – 15:30", "09:00–15:30") if rng.random() < 0.6 else (None, None))
    return Minutes(
        board=b.name, board_code=code, number_written=f"{number}/{yy}", number=f"{number}/{yy}",
        date_written=date_w, date_iso=date_iso, time_written=time_w, time=time, place_lines=place,
        attendance=att, cases=cases, language=ctx.style.lang,
    )


def meeting_book(plan: Plan) -> MeetingBook:
    """A meeting book: cover, case papers (agenda, previous minutes, habilitet, information, allocation,
    procedure) and, if `attach_minutes`, the previous meeting's minutes after the protocol case."""
    ctx = _ctx(plan)
    rng, b = ctx.rng, ctx.board
    yy = ctx.yy
    k = plan.first_case
    month = rng.randint(2, 11)
    date_w, date_iso = _date(ctx, plan, month)
    director, officer, officer2 = ctx.name(), ctx.name("double"), ctx.name("hyphen")
    fra = ctx.name("initial")
    members = [ctx.name() for _ in range(8)]

    def header(n, title, ctype, attachments=(), officers=(officer,)):
        return CaseHeader(_written(ctx, n, yy, plan.zero_pad), title, b.name, director, tuple(officers),
                          tuple(attachments), True, "Områdedirektør", fra, ctype)

    prev_number = plan.meeting - 1 if plan.meeting > 1 else 6
    prev_year = ctx.year if plan.meeting > 1 else ctx.year - 1
    prev_yy = f"{prev_year % 100:02d}"
    att_min = ()
    if plan.attach_minutes:
        mctx = Ctx(ctx.rng, b, prev_year, ctx.style, plan.id_lo + 2000, ctx.used_ids, ctx.used_names)
        pm = minutes(plan, mctx, number=prev_number, month=max(1, month - 2) if plan.meeting > 1 else 11,
                     first_case=max(1, k - 9) if plan.meeting > 1 else 40, year=prev_year)
        att_min = (pm,)
    alloc_n = k + 4
    alloc_canon = f"{b.code} {alloc_n}/{yy}"
    hab_alloc = [(f"{alloc_n}/{yy}", alloc_canon)]
    hab = habilitet_text(ctx, members, members[0], hab_alloc, "proposed", None, plan.partial, plan.none_conflicts)
    prev_ref_n = max(1, k - 3)
    ref1_written, ref1 = f"sak {prev_ref_n}/{yy}", f"{b.code} {prev_ref_n}/{yy}"
    ref2_written, ref2 = f"PS {prev_ref_n + 1}/{yy}", f"{b.code} {prev_ref_n + 1}/{yy}"
    old_yy = f"{(ctx.year - 1) % 100:02d}"
    ref3_written, ref3 = f"{b.code} 30-{old_yy}", f"{b.code} 30/{old_yy}"
    bg_id = ctx.app_id()
    alloc_text = _alloc_text(ctx, plan, "proposed", f"Porteføljestyret vedtar følgende tildelinger til "
                                                    f"utlysningen {b.call} {ctx.year}:")
    papers = [
        CasePaper(header(k, "Godkjenning av innkalling og saksliste", "BESLUTNINGSSAK"),
                  Text((f"{b.name} godkjenner innkalling og saksliste.",)),
                  (FormField("Kort bakgrunn", (f"Innkalling til møte og saksdokumenter ble sendt ut {rng.randint(10, 28)}"
                                               f".{month:02d}.{yy}.",)),
                   FormField("Hvorfor saken fremmes til dette møtet", ("Porteføljestyret bes om å godkjenne innkalling og saksliste.",)),
                   FormField("Forberedelse / prosess", ("Administrasjonen har utviklet saken.",)))),
        CasePaper(header(k + 1, f"Godkjent møteprotokoll fra møte {prev_number}/{prev_yy}", "ORIENTERINGSSAK",
                         attachments=(f"Godkjent møteprotokoll fra møte {b.code} {prev_number}/{prev_year}",)
                         if plan.attach_minutes else ()),
                  Text((f"Porteføljestyret tar godkjent møteprotokoll fra møte {prev_number}/{prev_yy} til orientering.",)),
                  (FormField("Kort bakgrunn", (f"Møteprotokollen fra møte {prev_number}/{prev_yy} ble godkjent i møtet "
                                               f"og publisert på Forskningsrådets nettsider.",)),
                   FormField("Forberedelse / prosess", ("Administrasjonen har utviklet saken.",))),
                  attachments_after=att_min),
        CasePaper(header(k + 2, "Spørsmål om habilitet", "BESLUTNINGSSAK"), hab,
                  (FormField("Kort bakgrunn", ("I henhold til Forskningsrådets bestemmelser om habilitet og tillit skal "
                                               "porteføljestyrets medlemmer vurdere sin habilitet i alle "
                                               "beslutningssaker.",)),
                   FormField("Hovedpunkter", (f"Habilitet er vurdert for sakene som foreligger til behandling i "
                                              f"møte {plan.meeting}/{ctx.year}.",))),
                  references=() if plan.none_conflicts else (alloc_canon,)),
        CasePaper(header(k + 3, "Orienteringer", "ORIENTERINGSSAK", attachments=("Porteføljeanalyse", "Budsjett")),
                  Text(("Porteføljestyret tar informasjonen til orientering.",)),
                  (FormField("Hvorfor saken fremmes til dette møtet", ("Saken fremmes for å orientere porteføljestyret "
                                                                       "om viktige saker fra Styret og administrasjonen.",)),
                   FormField("Hovedpunkter", (
                       "Administrasjonen vil i møtet orientere om:",
                       f"• Status for prosjekt {bg_id}, som fikk innvilget støtte i fjor, og videre oppfølging",
                       "• Arrangementsstøtte: 600 000 kroner er fordelt på fire arrangementer",
                       f"• Porteføljeanalysen for {ctx.year - 1}",
                   ) + filler(ctx, 2)),
                   FormField("Videre saksgang", ("Administrasjonen følger opp i tråd med orienteringene.",)))),
        CasePaper(header(alloc_n, f"Tildeling av midler til {b.call} {ctx.year} [U.off. § {plan.exempt_para}]",
                         "BESLUTNINGSSAK", attachments=("Innstillingsliste", "Panelvurderinger"),
                         officers=(officer, officer2)),
                  alloc_text,
                  (FormField("Kort bakgrunn", (
                      f"Porteføljestyret vedtok prosedyren for søknadsbehandling i {ref1_written} og drøftet "
                      f"innretningen i {ref2_written}. Prosedyren bygger på tidligere vedtak ({ref3_written}).",
                  ) + filler(ctx, 2)),
                   FormField("Hvorfor saken fremmes til dette møtet", ("Porteføljestyret skal vedta tildeling og avslag "
                                                                       "for søknadene til utlysningen.",)),
                   FormField("Hovedpunkter", filler(ctx, 3)),
                   FormField("Forberedelse / prosess", ("Saken er forberedt av administrasjonen etter felles prosedyrer.",)),
                   FormField("Videre saksgang", ("Søkerne informeres om vedtaket.",))),
                  references=tuple(sorted({ref1, ref2, ref3}))),
        CasePaper(header(k + 5, f"Prosedyre for behandling av søknader til {b.call} {ctx.year + 1}", "VEDTAKSSAK"),
                  Text((f"Porteføljestyret vedtar følgende prosedyre for søknads{SH}behandlingen:",
                        "1. Søknader med gjennomsnittskarakter under 5,0 avslås en bloc.",
                        "2. Innstillingen bygger på karakter, relevans og porteføljehensyn.")),
                  (FormField("Kort bakgrunn", filler(ctx, 2)),
                   FormField("Videre saksgang", ("Utlysningen publiseres i tråd med vedtaket.",)))),
    ]
    if plan.prose:
        papers = _dense_papers(_prose(plan, b, ctx.year, k, ctx.style.lang), papers)
    cover_meeting = f"Møte {plan.meeting}/{yy}" if rng.random() < 0.5 else None
    return MeetingBook(
        board=b.name, board_code=b.code, number=f"{plan.meeting}/{yy}", date_iso=date_iso, time="10:00–15:00",
        cover=Cover(b.name, cover_meeting, date_w, "Kl. 10:00 – 15:00", ("Forskningsrådet", "Møterom Nansen")),
        papers=tuple(papers), running_header=f"{b.name} – møte {plan.meeting}/{yy}",
    )

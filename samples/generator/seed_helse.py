"""The seed meeting book (seeds/002): Porteføljestyret for helse, møte 1/25, 05.03.2025, as content.

Texts are the seed's own, paragraphs re-joined; the facts (application mentions, conflicts, cuts)
are stated next to the text they come from. Soft hyphens mark a few words the reportlab renderer may
break at a line end (`forpros-` / `jekter`).
"""

from __future__ import annotations

import re

from .model import (
    SOFT_HYPHEN as SH,
    Attendance,
    CaseHeader,
    CasePaper,
    ConflictFact,
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
from .seed_helse_texts import _H4, _H5, _H6, _HH, _K6, _KH

BOARD = "Porteføljestyret for helse"
CODE = "PS-HELSE"
G, R, V = Outcome.GRANTED, Outcome.REJECTED, Outcome.RESERVE
IDS = re.compile(r"\b\d{6}\b")


def ids(text: str, outcome: Outcome, ranked: bool = False) -> tuple[Mention, ...]:
    """Every six-digit id in `text`, in order, with one outcome (rank 1..n when `ranked`)."""
    found = IDS.findall(text)
    return tuple(Mention(a, outcome, (i + 1) if ranked else None) for i, a in enumerate(found))


def _header(written_id, title, officers=("Torbjørg Øyslebø",), attachments=(), numbered=True,
            case_type="BESLUTNINGSSAK"):
    return CaseHeader(
        written_id=written_id, title=title, til=BOARD, director="Ole Johan Borge",
        officers=tuple(officers), attachments=tuple(attachments), numbered_attachments=numbered,
        fra_title="Områdedirektør", fra_name="Anne Kjersti Fahlvik", case_type=case_type,
    )


HVORFOR = "Hvorfor saken fremmes til dette møtet"
FORB = "Forberedelse / prosess"


# ---------------------------------------------------------------- minutes of 6/24 (attachment to 2/25)

_S51_INTRO = (
    "I dette møtet skal porteføljestyre beslutte tildeling og avslag i sak 54/24 og 55/24. "
    "Forskningsrådets administrasjon har foretatt en habilitetsvurdering i forkant av møtet. "
    "Porteføljestyremedlemmer som er inhabile forlater møtet når én eller flere søknader de er inhabile "
    "for inngår i en gruppe/pakke med innstilte søknader som diskuteres, og når tilstedeværelse kan "
    "medføre konkurranseinhabilitet."
)
_S51 = (
    _S51_INTRO,
    "Sak 54/24: Bevilgning av forprosjekter Pilot Helse [U.off. § 14]",
    "Følgende medlemmer er inhabile og fratrer møtet når søknadene diskuteres i porteføljestyret: "
    "Ole A. Andreassen, Annica Øygard, Frode Strisland og Tove Klæboe Nilsen.",
    "Eirik Abildsnes og Tone Frost Bathen er inhabile for søknader i gruppe 3, og fratrer møtet fram "
    "til behandling av søknader i gruppe 4.",
    "Siden porteføljestyreleder Ole A. Andreassen er inhabil er Sameline Grimsgaard oppnevnt som "
    "settestyreleder under behandling av saken.",
    "Sak 55/24: Bevilgning av søknader til utlysningen om bærekraft i de kommunale helse- og "
    "omsorgstjenester [U.off. § 14]",
    "Følgende medlemmer er inhabile og fratrer møtet når søknadene diskuteres i porteføljestyret: "
    "Ole A. Andreassen, Annica Øygard, Eirik Abildsnes, Frode Strisland, Marte Kvittum Tangen, "
    "Tone Frost Bathen, Tove Klæboe Nilsen.",
    "For at porteføljestyret skal være beslutningsdyktig er professor Oddrun Samdal ved Universitetet "
    "i Bergen og porteføljestyreleder for velferd og utdanning, oppnevnt som settemedlem. "
    "Settemedlemmet er oppnevnt utfra habilitet, erfaring/kompetanse fra Forskningsrådets styresystem "
    "og utfra kompetanse i forhold til saken. Habilitet hos settemedlemmet har vært kartlagt i forkant "
    "av oppnevningen.",
    "Siden porteføljestyreleder Ole A. Andreassen er inhabil er Sameline Grimsgaard oppnevnt som "
    "settestyreleder under behandling av saken.",
    "Ingen medlemmer er inhabile for øvrige saker.",
)


def _conflicts_51() -> tuple[ConflictFact, ...]:
    c54, c55 = f"{CODE} 54/24", f"{CODE} 55/24"
    out = [ConflictFact(c54, p, Role.INHABILE) for p in
           ("Ole A. Andreassen", "Annica Øygard", "Frode Strisland", "Tove Klæboe Nilsen")]
    out += [ConflictFact(c54, p, Role.INHABILE, scope="gruppe 3") for p in ("Eirik Abildsnes", "Tone Frost Bathen")]
    out.append(ConflictFact(c54, "Sameline Grimsgaard", Role.ACTING_CHAIR))
    out += [ConflictFact(c55, p, Role.INHABILE) for p in
            ("Ole A. Andreassen", "Annica Øygard", "Eirik Abildsnes", "Frode Strisland",
             "Marte Kvittum Tangen", "Tone Frost Bathen", "Tove Klæboe Nilsen")]
    out.append(ConflictFact(c55, "Oddrun Samdal", Role.SUBSTITUTE, affiliation="Universitetet i Bergen"))
    out.append(ConflictFact(c55, "Sameline Grimsgaard", Role.ACTING_CHAIR))
    return tuple(out)


_P54_REJ28 = (
    "28 søknader med relevanskarakter under 5,0 avslås en bloc. Dette gjelder søknadene 355815, 355929, "
    "355926, 356081, 355653, 355757, 355872, 355980, 355857, 355878, 355748, 355762, 355880, 356030, "
    "355919, 355660, 355672, 355910, 355888, 355668, 355829, 355892, 356040, 355798, 356028, 356053, "
    "355897 og 356105."
)
_P54_REJ9 = (
    "Ni søknader med gjennomsnittskarakter fra fagekspertene under eller lik 4,9 og relevanskarakter "
    "over 5,0 avslås. Dette gjelder søknadene 355151, 355609, 355918, 355986, 355726, 356014, 356052, "
    "355768 og 355835."
)
_P54_GR15 = (
    "15 søknader med gjennomsnittskarakter fra fagekspertene høyere enn 5,5 og relevanskarakter over 5,0 "
    "tildeles støtte. Dette gjelder søknadene 355683, 355648, 355844, 356062, 355662, 355814, 355884, "
    "356097, 355785, 355990, 355791, 355661, 356010, 355788 og 355764."
)
_P54_12_A = (
    "Av 12 søknader med gjennomsnittskarakter fra fagekspertene mellom 5,0 og 5,4 og relevanskarakter "
    "over 5,0 tildeles ni støtte og tre avslås. Prosjektene som tildeles støtte har best sannsynlighet "
    "for å utvikles til Pilot Helse-hovedprosjekter. Søknadene som tildeles støtte er 355681, 355960, "
    "355655, 355782, 355823, 355821, 355912, 355708, 356070."
)
_P54_12_B = " Søknadene 355702, 355991 og 355710 avslås."
_CONDITIONS = (
    "Samtlige vedtak om tildeling er betinget. Dette er knyttet til at søknadene skal revideres i samsvar "
    "med betingelser angitt i brev til den enkelte søker.",
    "Innstilt beløp er en øvre ramme. Beløp og støtteandel vil kunne bli justert. Administrasjonen gis "
    "fullmakt til å fatte endelig beslutning om tildeling av midler basert på innhenting og vurdering av "
    "revidert søknad med obligatoriske vedlegg.",
    "Avslag på søknad gir klageadgang. Nærmere beskrivelse av klageadgang og begrunnelse for avslaget "
    "finnes i avslagsbrevet til hver enkelt søker.",
)

_D54 = Text(
    blocks=(
        f"For utlysningen av Pilot Helse-forpros{SH}jekter vedtar porteføljestyret følgende:",
        _P54_REJ28, _P54_REJ9, _P54_GR15, _P54_12_A + _P54_12_B, *_CONDITIONS,
    ),
    mentions=ids(_P54_REJ28, R) + ids(_P54_REJ9, R) + ids(_P54_GR15, G) + ids(_P54_12_A, G) + ids(_P54_12_B, R),
)

_P55 = (
    "Porteføljestyret for helse vedtar følgende tildelinger og avslag til søknader mottatt til "
    "Forskningsrådets utlysning Forskning og innovasjon for å styrke bærekraften i kommunale helse- og "
    "omsorgstjenester i 2024:",
    "- Søknader med særlig høy gjennomsnittskarakter fra ekspertpanelet (6,0 eller høyere) og høy relevans "
    "innvilges. Dette gjelder søknadene 355316, 355292, 355225 og 355172.",
    "- Minst ett prosjekt er forbeholdt relevans for kreftområdet. Av søknadene med særlig høy relevans for "
    "kreftområdet innvilges 355421 pga. høy karakter fra ekspertpanelet. Søknad 355170 settes på "
    "reserveliste, søknad 355204 avslås pga. lavere karakter.",
    "- Det er et mål å dekke bredden i utlysningen. Et lite fåtall av søknadene med høy karakter er ledet av "
    "kommuner. Søknadene 355380 og 355344 er ledet av kommuner og innvilges pga. høy relevans.",
    "- Fire søknader har særdeles høy relevans for utlysningen. Av disse innvilges søknadene 355276, 355194 "
    "og 355284 basert på karakter fra ekspertpanelet, et mål om tematisk bredde og målgruppe. Søknad 355340 "
    "og 355272 settes på en rangert reserveliste.",
    "- 83 søknader med gjennomsnittskarakter lavere enn 5,0 og/eller søknader med én eller flere "
    "enkeltkarakterer på 4,0 eller lavere fra ekspertpanel, avslås en bloc.",
    "- Resterende søknader avslås pga. ikke tilgjengelige midler: 355179, 355203, 355204, 355209, 355211, "
    "355212, 355236, 355239, 355256, 355267, 355280, 355282, 355303, 355307, 355323, 355340, 355374 og "
    "355402.",
    "For å være innenfor rammen på 150 mill. kroner for utlysningen reduseres budsjettet for søknad 355421 "
    "med 1 million kroner, og med 0,180 millioner kroner for hver av søknadene 355276, 355194 og 355284.",
    *_CONDITIONS,
    "Administrasjonen tar med seg porteføljestyrets innspill om prosess i det videre arbeidet.",
)
_D55 = Text(
    blocks=_P55,
    mentions=(
        ids(_P55[1], G)
        + (Mention("355421", G), Mention("355170", V), Mention("355204", R))
        + ids(_P55[3], G)
        + (Mention("355276", G), Mention("355194", G), Mention("355284", G))
        + (Mention("355340", V, 1), Mention("355272", V, 2))
        + ids(_P55[6], R)
    ),
    cuts=(Cut("355421", 1_000_000), Cut("355276", 180_000), Cut("355194", 180_000), Cut("355284", 180_000)),
)

_D56 = Text(blocks=(
    "Porteføljestyret vedtar følgende prosedyre for behandlingen av søknader til utlysningen bærekraftig "
    "forebygging, behandling og tjenester for utsatte befolkningsgrupper:",
    "1. Søknader med gjennomsnittskarakter fra ekspertpanel under 5,0 og søknader med en delkarakter lik 4,0 "
    "eller lavere skal ikke relevansvurderes, og avslås en bloc.",
    "2. Dersom omsøkt beløp i søknader med gjennomsnittskarakter høyere enn 5,0 er mer enn tre ganger "
    "tilgjengelig budsjett heves terskelverdien for relevansvurdering.",
    "3. Innstillingen til porteføljestyret, inkludert reservelisten, består av høyt vurderte søknader. "
    "Innstillingspakkene lages på grunnlag av karakter fra ekspertene, relevans for utlysningen, prioriterte "
    "tema og et mål om tematisk spredning på prosjektene som tildeles støtte.",
))


def minutes_6_24() -> Minutes:
    """The approved minutes of meeting 6/24 (02.12.2024), attached to case 2/25."""
    att = Attendance(
        present=(
            ("Ole A. Andreassen", " (leder)"), ("Annica Øygard", ""), ("Dawit Shawel Abebe", ""),
            ("Eirik Abildsnes", ""), ("Eric Breit", ""), ("Frode Strisland", ""), ("Joakim Sundnes", ""),
            ("Marte Kvittum Tangen", ""), ("Ole Jesper Dahlberg", ""), ("Sameline Grimsgaard", ""),
            ("Susanna Siri", ""), ("Tone Frost Bathen", ""), ("Tove Klæboe Nilsen", " (PS-Forskningssystemet)"),
            ("Oddrun Samdal", ", settemedlem sak 55/24"),
        ),
        chair="Ole A. Andreassen",
        substitutes=(("Oddrun Samdal", (f"{CODE} 55/24",)),),
        absent=("Bettina Husebø",),
        observer_blocks=(
            (("Marianne van der Wel", ", Helse- og omsorgsdepartementet (HOD)"),),
            (("Sissel Lorck", ", Arbeids- og inkluderingsdepartementet (AID)"),),
        ),
        staff=(
            ("Anne Kjersti Fahlvik", ", Områdedirektør - Innovasjon i næringsliv og offentlig sektor"),
            ("Ole Johan Borge", ", avd. dir. Helse og offentlig sektor"),
            ("Alexandra Bjørk-Skaflestad", ", Helse og offentlig sektor"),
            ("Torbjørg Øyslebø", ", Helse og offentlig sektor"),
            ("Tine Thorbjørnsen", ", Helse og offentlig sektor (Sak PS-HELSE 51/24 og 54/24)"),
        ),
    )
    c = lambda n: f"{CODE} {n}"  # noqa: E731
    cases = (
        MinutesCase("PS-HELSE 49/24", "Godkjenning av sakslisten",
                    Text(("Porteføljestyret godkjenner sakslisten.",))),
        MinutesCase("PS-HELSE 50/24", "Godkjent møteprotokoll fra porteføljestyremøte 5/24",
                    Text(("Porteføljestyret tar godkjent møteprotokoll fra porteføljestyremøte 5/24 til orientering.",))),
        MinutesCase("PS-HELSE 51/24", "Spørsmål om habilitet",
                    Text(_S51, conflicts=_conflicts_51(),
                         declarations=(Declaration("other_cases", "Ingen medlemmer er inhabile for øvrige saker."),)),
                    references=(c("54/24"), c("55/24"))),
        MinutesCase("PS-HELSE 52/24", "Orienteringer", Text((
            "Administrasjonen orienterte om følgende:",
            "• Arbeidet med porteføljeplaner, generelt",
            "• Regjeringens forslag til statsbudsjett 2025 for Forskningsrådet, inkl. helse",
            "• Bevilgning av prosjekter til arrangementsstøtte (vedlegg1)",
            "Orientering fra styreleder/styremedlem: Minoriteter og innvandrere i forskningsprosjekter",
            "Porteføljestyret tar informasjonene til orientering og følges opp i kommende møter.",
        ))),
        MinutesCase("PS-HELSE 53/24", "Utkast til Porteføljeplan for helse", Text((
            "Porteføljestyret vedtar at utkast til porteføljeplan for helse, med de kommentarer som kom i "
            "møtet, legges ut på Forskningsrådets nettside for innspill.",))),
        MinutesCase("PS-HELSE 54/24", f"Bevilgning av forpros{SH}jekter til Pilot Helse [U.off. § 14]", _D54),
        MinutesCase("PS-HELSE 55/24", "Bevilgning av søknader til utlysningen om bærekraft i de kommunale "
                    "helse- og omsorgstjenestene [U.off. § 14]", _D55),
        MinutesCase("PS-HELSE 56/24", "Prosedyre for søknadsbehandling av utlysning rettet mot utsatte "
                    "befolkningsgrupper 2025", _D56),
        MinutesCase("PS-HELSE 57/24", "Eventuelt", None),
        MinutesCase("PS-HELSE 58/24", "Godkjenning av møteprotokollen",
                    Text(("Porteføljestyret godkjenner møteprotokollen.",))),
    )
    return Minutes(
        board=BOARD, board_code=CODE, number_written="6/24", number="6/24",
        date_written="02.12.2024", date_iso="2024-12-02", time_written=None, time=None,
        place_lines=("Forskningsrådet, møterom Frisch 1 og 2.",), attendance=att, cases=cases,
    )


# ---------------------------------------------------------------- attachments (text excerpts)

def rapportering() -> FreeDoc:
    """Vedlegg 1 to 4/25: report to the council's board for 2024 (excerpt, with a table of amounts)."""
    return FreeDoc(items=(
        ("h1", "Rapportering fra porteføljestyret for helse til Forskningsrådets styre for 2024"),
        ("h2", "Vurdering av måloppnåelse for porteføljestyret"),
        ("p", "Forskningsrådets portefølje for helse bidrar til mål og prioriteringer i Regjeringens "
              "Langtidsplanen for forskning og høyere utdanning 2023-2032, i Forskningsrådets strategi, til "
              "regjeringens mål for Forskningsrådet og til disse nylige vedtatte målene i helsestyrets "
              "porteføljeplan:"),
        ("p", "1. Porteføljen skal bidra til fornyelse og øke kvaliteten på forskning som bidrar til god "
              "folkehelse, treffsikker behandling og bærekraftige helse- og omsorgstjenester"),
        ("p", "2. Porteføljen skal bidra til flere verdensledende helseforskningsmiljøer"),
        ("p", "3. Porteføljen skal styrke evnen til bærekraftig omstilling i offentlig helse- og omsorgssektor"),
        ("p", "4. Porteføljen skal bidra til økt konkurranseevne i helsenæringen"),
        ("p", "5. Kunnskap, funn og resultater innenfor helseporteføljen skal deles og tas i bruk"),
        ("p", "Innsatsen i første år har fokusert på å utarbeide porteføljeplan, tildele midler iht. de krav og "
              "kriterier som det forrige styret hadde lagt til grunn samt utarbeide ambisjoner og kriterier for "
              "ulike ordninger og utlysninger i 2024. Porteføljestyret for helse rår kun over en mindre del av "
              "midlene til helseforskningen. Alt i alt er måloppnåelsen for 2024 tilfredsstillende, og da basert "
              "på flg. forhold:"),
        ("bullet", "- Høy tilsøkning og god kvalitet i søknader som er behandlet og tildelt gjennom året"),
        ("bullet", "- Høy deltakelse i nordisk og europeisk arbeid"),
        ("bullet", "- Utarbeidet ny porteføljeplan for helseporteføljen"),
        ("bullet", "- Samarbeidet med andre porteføljer om fellesutlysninger"),
        ("h2", "Porteføljestyrets aktiviteter i 2024"),
        ("p", "Tabell 1: Nasjonale utlysninger med tildeling fra porteføljestyret i 2024"),
        ("table", Table(
            header=("Utlysningstittel", "Søknadsfrist", "Antall søknader", "Tildelingsdato", "Beløp mill. NOK",
                    "Antall tildelte prosjekter"),
            rows=(("Bærekraftige kommunale helse- og omsorgstjenester", "18.09.24", "113", "2.12.24", "150", "10"),
                  ("Pilot Helse forprosjekter", "16.10.24", "74", "02.12.24", "5,9", "24")),
            widths=(3, 1.3, 1.2, 1.3, 1.2, 1.3))),
        ("p", "Tabell 3: Internasjonale utlysninger med tildeling i 2024 (utdrag)"),
        ("table", Table(
            header=("Utlysningstittel", "Søknadsfrist", "Antall søknader", "Tildelingsdato", "Beløp NOK eller EURO",
                    "Antall tildelte prosjekter"),
            rows=(("AMR Interventions 2024 (JPIAMR)", "14.03.24", "44", "11.09.24", "600 000 Euro", "2"),
                  ("Bidirectional Brain-Body Interactions (ERA-NEURON)", "08.03.24", "43", "19.09.24",
                   "993 500 Euro", "3"),
                  ("Mechanisms and Measurement of Disease Progression (JPND)", "05.03.24", "37", "17.09.24",
                   "200 000 Euro", "1")),
            widths=(3, 1.3, 1.2, 1.3, 1.2, 1.3))),
        ("h2", "Vurdering av gjennomføringen"),
        ("p", "Porteføljestyremedlemmene har brukt tid på å bli kjent med sin rolle, ansvar, arbeidsformer, "
              "helseporteføljen og hverandre. Utformingen av ny porteføljeplan tok utgangspunkt i eksisterende "
              "planverk, strategier og føringer, og gjennom analyser og engasjerte diskusjoner i styremøtene ble "
              "mål, prioriteringer og tiltak utviklet og konkretiser."),
    ))


def investeringsplan() -> FreeDoc:
    """Vedlegg 2 to 4/25: excerpt of the Investeringsplan for helse 2025-2027."""
    return FreeDoc(items=(
        ("h1", "1 Innledning"),
        ("p", "Porteføljestyret for helse har ansvar for å ivareta og utvikle Forskningsrådets samlede "
              "portefølje innenfor helse. Porteføljen inkluderer alle Forskningsråds- og EU-finansierte "
              "prosjekter med norsk deltakelse og SkatteFUNN-prosjekter som er merket med tema helse."),
        ("p", "Forskningsrådets definisjon av temaet helse gir en stor og bred portefølje – tematisk så vel som "
              "i type forsking – som i 2024 hadde en verdi på vel 2,5 mrd. kroner (SkatteFUNN ikke inkludert)."),
        ("h1", "2 Prioriteringer"),
        ("p", "Investeringsplanen for 2025-2027 prioriterer samarbeidsprosjekter som bidrar til god folkehelse, "
              "treffsikker behandling og bærekraftige helse-, omsorgs- og velferdstjenester. Videre er det lagt "
              "vekt på investeringer for økt forsknings- og innovasjonsinnsats i de kommunale helse-, omsorgs- "
              "og velferdstjenestene."),
        ("h1", "3 Tiltaksplan"),
        ("table", Table(
            header=("Tiltak (utlysning)", "Mål for porteføljen", "Aktuelle søknadstyper", "2025 mill. kr.",
                    "2026 mill. kr.", "2027 mill. kr."),
            rows=(("Bærekraft i kommunale helse- og omsorgstjenester", "1, 3 og 5", "KommuneHelse (IP)", "104", "", ""),
                  ("Pilot Helse: Offentlig-privat samarbeid for bærekraftig helse og verdiskaping", "1, 3, 4 og 5",
                   "Pilot Helse (IP)", "100", "6", "70"),
                  ("Helse, mat, miljø og klima", "1, 2 og 5", "KSP", "15", "15", "15"),
                  ("Transforming Health & Care Systems", "1, 2 og 3", "FoUoI-prosjekt", "22", "22", "22"),
                  ("Sum totalt", "", "", "504", "", "")),
            widths=(3, 1.2, 1.6, 1, 1, 1))),
        ("p", "Tallene for 2026 og 2027 er ikke fullstendige og kan endres."),
    ))


def ks_innspill() -> FreeDoc:
    """Vedlegg 1 to 5/25: KS' input to the 2025 call (excerpt)."""
    return FreeDoc(items=(
        ("h1", "Innspill fra KS til Forskningsrådet rundt ny utlysning i 2025 om forsknings- og "
               "innovasjonssatsingen på bærekraftige kommunale helse- og omsorgstjenester"),
        ("p", "Kommunesektoren står ovenfor store utfordringer relatert til redusert økonomisk bærekraft, og "
              "store demografiske endringer med økt antall eldre, økt antall barn og unge som faller utenfor "
              "parallelt med at antall personer i yrkesaktiv alder går ned. Kommunesektorens portefølje øker."),
        ("h2", "Innspill"),
        ("p", "VI har hentet inn innspill til årets utlysning gjennom KSF-strukturen, fra KS Strategisk råd for "
              "innovasjon og forskning, samt bygget på KS’ egne erfaringer med fjorårets utlysning:"),
        ("bullet", "• I prosjektene må det sikres utvikling av ny kunnskap og nye arbeidsmetoder som lar seg "
                   "implementere, og som gir ny verdi/gevinster for kommunene."),
        ("bullet", "• Prosjekter som fremmer relevant, tverrfaglig kunnskap bør bli foretrukket."),
        ("bullet", "o Det bør avsettes midler i Forskningsrådet til spredning av ny kunnskap både underveis i "
                   "prosessen og når prosjektet er ferdig. Virkemidler til dette bør baseres på den totale "
                   "rammen på 104 mil kr (2025)."),
        ("bullet", "• I søknadsskjemaet ønskes at kommunesektoren fremheves, også i budsjettfeltet."),
        ("p", "Forskningens formål er å bidra til at kommunene settes i stand til å ta kunnskapsbaserte "
              "beslutninger og prioriteringer som gir tjenester av god kvalitet selv om økonomiske og "
              "bemanningsmessige rammevilkår fremover vil bli mer begrenset."),
    ))


# ---------------------------------------------------------------- the case papers of 1/25

def _paper_1():
    return CasePaper(
        header=_header("PS-HELSE 01/25", "Godkjenning av sakslisten"),
        proposal=Text(("Porteføljestyret for helse godkjenner innkalling og saksliste.",)),
        fields=(
            FormField("Kort bakgrunn", ("Innkalling til møte, saksliste og saksdokumenter ble sendt ut 26.02.25.",)),
            FormField(HVORFOR, ("Porteføljestyret bes om å godkjenne innkalling og saksliste.",)),
            FormField(FORB, ("Administrasjonen har utviklet saken.",)),
            FormField("Videre saksgang", ("Administrasjonen følger opp vedtakene.",)),
        ),
    )


def _paper_2():
    return CasePaper(
        header=_header("PS-HELSE 2/25", "Godkjent møteprotokoll porteføljestyremøte 6/24",
                       attachments=("Godkjent møteprotokoll fra møte PS-HELSE 6/2024",), case_type="ORIENTERINGSSAK"),
        proposal=Text(("Porteføljestyret tar godkjent møteprotokoll fra porteføljestyremøte 6/24 til orientering.",)),
        fields=(
            FormField("Kort bakgrunn", ("Møteprotokollen fra porteføljestyremøte 2. desember 2024 (møte 6/24) ble "
                                        "godkjent i møtet (se vedlegg 1) og deretter publisert på "
                                        "Forskningsrådets nettsider",)),
            FormField(HVORFOR, ("Godkjent møteprotokoll fra forrige porteføljestyremøte legges fram for "
                                "porteføljestyret til orientering.",)),
            FormField(FORB, ("Administrasjonen har utviklet saken.",)),
        ),
        attachments_after=(minutes_6_24(),),
    )


def _paper_3():
    decl = "Ingen medlemmer er inhabile for sakene på dette møte."
    return CasePaper(
        header=_header("PS-HELSE 03/25", "Spørsmål om habilitet"),
        proposal=Text((decl,), declarations=(Declaration("all_cases", decl),)),
        fields=(
            FormField("Kort bakgrunn", (
                "I henhold til Forskningsrådets bestemmelser om habilitet og tillit skal porteføljestyrets "
                "medlemmer vurdere sin habilitet i alle beslutningssaker. Eventuell inhabilitet og håndteringen "
                "av denne skal protokollføres. Usikkerhet om inhabilitet skal diskuteres åpent i styremøtet og "
                "skal også protokollføres. Styremedlemmer som blir vurdert inhabile, skal forlate styremøtet "
                "under behandlingen av den aktuelle saken. Styret er beslutningsdyktig når minst halvparten av "
                "styremedlemmene er habile og deltar i beslutningen",)),
            FormField(HVORFOR, ("Porteføljestyret skal avklare styremedlemmenes habilitet i beslutningssakene i møtet.",)),
            FormField("Hovedpunkter", ("Det er ikke forventet inhabilitet i forbindelse med sakene som foreligger "
                                       "til behandling i møte 1/2025.",)),
            FormField(FORB, ("Ingen forberedende prosess.",)),
        ),
    )


def _paper_4():
    return CasePaper(
        header=_header("PS-HELSE 04/25", "Orienteringer",
                       attachments=("Rapportering til Styret for 2024", "Investeringsplan for helse 2025-2027"),
                       case_type=None),
        proposal=Text(("Porteføljestyret tar informasjonen til orientering",)),
        fields=(
            FormField(HVORFOR, ("Saken fremmes for å orientere porteføljestyret om viktige og prinsipielle saker "
                                "fra Styret og administrasjonen.",)),
            FormField("Hovedpunkter", _H4),
            FormField(FORB, ("Administrasjonen har utviklet saken.",)),
            FormField("Videre saksgang", ("Administrasjonen følger opp i tråd med orienteringene.",)),
        ),
        attachments_after=(rapportering(), investeringsplan()),
    )


def _paper_5():
    return CasePaper(
        header=_header("PS-HELSE 05/25", "Bærekraftige kommunale helse- og omsorgstjenester, utlysninger for "
                       "2025-2027 og prosedyre for 2025",
                       attachments=("Innspill til utlysning fra KS av 20.02.2025",
                                    "Lenke til utlysningen i 2024 utlysningen")),
        proposal=Text((
            "Porteføljestyret vedtar følgende prosedyre for behandlingen av søknader til utlysningen "
            "bærekraftige kommunale helse- og omsorgstjenester i 2025:",
            "1) Søknader med gjennomsnittskarakter fra ekspertpanel under 5,0 og søknader med en delkarakter "
            "lik 4,0 eller lavere, avslås en bloc.",
            "2) Dersom omsøkt beløp for søknader med gjennomsnittskarakter lik eller høyere enn 5,0 er mer enn "
            "tre ganger tilgjengelig budsjett heves terskelverdien for relevansvurdering.",
            "3) Innstillingen vil være basert på karakterene fra ekspertene, relevanskarakteren, og "
            "porteføljekriteriene prioriterte tema og tematisk og geografisk spredning.",
            "Porteføljestyret ber også administrasjonen arbeide videre med planene for utlysningen i 2026, og "
            "legge til grunn at store prosjekter er målet. Administrasjonen tar styrets diskusjon om innretning "
            "på utlysningene med i det videre arbeidet.",
        )),
        fields=(
            FormField("Kort bakgrunn", (
                "For å følge opp prioriteringer og tiltak i investeringsplanen for 2025 – 2027 skal porteføljestyret "
                "lyse ut midler til bærekraftige kommunale helse- og omsorgstjenester i 2025 og de påfølgende årene.",
                "Porteføljestyret har satt av 104 mill. kroner til utlysningen i 2025. Administrasjonen finner det "
                "hensiktsmessig at utlysningen blir tilsvarende utlysningen for 2024. Porteføljestyret har i "
                "tidligere møte diskutert at store prosjekter vil kunne vært fordelaktig på feltet fremover "
                "(sakene PS 44/24 og 45/24).",
            )),
            FormField(HVORFOR, (
                "I denne saken skal porteføljestyret vedta prosedyre for vedtak om tildelinger under utlysningen "
                "bærekraftige kommunale helse- og omsorgstjenester i 2025 og for de påfølgende årene. "
                "Porteføljestyret bes også gi innspill til innrettingen i de påfølgende årene slik at søkerne skal "
                "få tilstrekkelig tid til å forberede søknader, spesielt søknader om store prosjekter/miljøstøtte, "
                "som krever et bredt samarbeid.",)),
            FormField("Hovedpunkter", _H5),
            FormField(FORB, ("Administrasjonen har utviklet saken på bakgrunn av innspill og erfaringer.",)),
            FormField("Videre saksgang", ("Administrasjonene tar med seg porteføljestyrets innspill i det videre arbeidet.",)),
        ),
        references=(f"{CODE} 44/24", f"{CODE} 45/24"),
        attachments_after=(ks_innspill(),),
    )


def _paper_6():
    return CasePaper(
        header=_header("PS-HELSE 6/25", "Prosedyre for søknadsbehandling av søknader til Pilot Helse",
                       officers=("Tine Thorbjørnsen", "Siv Øverås"),
                       attachments=("Lenke til utlysning: Pilot Helse",), numbered=False),
        proposal=Text((
            "Porteføljestyret vedtar følgende prosedyre for behandlingen av søknader til utlysningen Pilot Helse "
            "i 2025:",
            "Alle søknadene vil bli behandlet iht. standard prosedyrer og kriterier. Søknader med "
            "gjennomsnittskarakter fra ekspertpanel under 5,0 og søknader med en delkarakter lik 4,0 eller "
            "lavere avslås en bloc.",
        )),
        fields=(
            FormField("Kort bakgrunn", tuple(p.replace("forprosjekt", f"forpros{SH}jekt") for p in _K6)),
            FormField(HVORFOR, ("Saken fremmes for at styret skal vedta prosedyren for tildeling av søknader.",)),
            FormField("Hovedpunkter", _H6),
            FormField(FORB, ("Saken er forberedt av administrasjonen etter felles prosedyrer i Forskningsrådet.",)),
            FormField("Videre saksgang", ("Utlysningen oppdateres i tråd med porteføljestyrets vedtak om "
                                          "søknadsbehandling. Vedtak for tildeling planlegges som sak i "
                                          "porteføljestyret i desember 2025.",)),
        ),
        references=(f"{CODE} 23/24",),
    )


def _paper_7():
    title = "Kunstig Intelligens for mer nøyaktig og effektiv laboratoriemedisin"
    return CasePaper(
        header=_header("PS-HELSE 07/25", "Innovasjonsprosjekt i offentlig sektor 2023, behandling etter klage "
                       "på avvisning.", officers=("Anila Nauni",)),
        proposal=Text((
            f"Porteføljestyret avslår en bloc søknad 349497 {title} pga. lave karakterer, og iht. til "
            "likebehandling av de øvrige søknadene.",), mentions=(Mention("349497", R, title=title),)),
        fields=(
            FormField("Kort bakgrunn", (
                f"Søknad 349497 {title} ble sendt inn til utlysningen Innovasjonsprosjekt i offentlig sektor "
                "2023. Søknaden ble avvist av administrasjonen i forvurderingsfasen Søker fremmet klage på "
                "avvisningsvedtaket, og fikk medhold av Klageutvalget. Administrasjonen har gjennomført ny "
                "behandling av søknaden iht. prosedyre for den aktuelle utlysningen (Sak PS-HELSE 30-23).",)),
            FormField(HVORFOR, ("Saker der klager har fått medhold skal søknadsbehandles på nytt og legges frem for "
                                "porteføljestyret for vedtak.",)),
            FormField("Hovedpunkter", (
                f"Et ekspertpanel med tre eksperter vurderte søknad 349497 {title}, iht. de tre "
                "standardkriteriene. Panelt gav søknaden flg. karakterer: forsking og innovasjon: 4; virkninger "
                "og effekter: 3; gjennomføring: 3.",
                "Iht. behandlingsprosedyren skal søknader med gjennomsnittskarakter lavere enn 5 plasseres "
                "«avslås en bloc på grunn av lave karakterer fra fagpanelet».",
                "Vi legger saken frem for porteføljestyret og foreslås vedtatt avslått.",
            )),
            FormField(FORB, ("Søknaden er behandlet på nytt etter vedtak i Klageutvalget. Ny søknadsbehandling er "
                             "gjort iht. standardprosedyrer.",)),
            FormField("Videre saksgang", ("Søker vil informeres om utfallet i saken.",)),
        ),
        references=(f"{CODE} 30/23",),
        saksfremlegg_heading=True,
    )


def _paper_horisont():
    return CasePaper(
        header=None,
        proposal=Text((
            "Administrasjonen tar med porteføljestyrets innspill og kommentarer i arbeidet med norske innspill "
            "til Horisont Europas arbeidsprogram for Helseklyngen og samfunnsoppdraget på kreft (Cancer "
            "Mission), samt i videre arbeid med opprettelse av nasjonale mirror groups for partnerskapene "
            "Transforming Health and Care Systems (THCS) og European Rare Diseases Research Alliance (ERDERA).",)),
        fields=(
            FormField("Kort bakgrunn", _KH),
            FormField(HVORFOR, ("Porteføljestyrets vurderinger vil bidra til de norske innspillene til "
                                "EU-kommisjonen og sammensetningen av nasjonale mirror groups for partnerskapene "
                                "THCS og ERDERA.",)),
            FormField("Hovedpunkter", _HH),
            FormField(FORB, ("Administrasjonen har utviklet saken.",)),
            FormField("Videre saksgang", ("Porteføljestyret sine kommentarer tas med inn i Norges arbeid med "
                                          "innspill til arbeidsprogram 2026-27 for helseklyngen og "
                                          "samfunnsoppdraget på kreft og i videre arbeid med å etablere nasjonale "
                                          "mirror groups for THCS og ERDERA.",)),
        ),
        references=(f"{CODE} 33/24",),
    )


def seed_book() -> MeetingBook:
    """The whole meeting book 1/25 of Porteføljestyret for helse (seed 002)."""
    return MeetingBook(
        board=BOARD, board_code=CODE, number="1/25", date_iso="2025-03-05", time="10:00–16:00",
        cover=Cover(board=BOARD, meeting_written=None, date_written="05.03.2025",
                    time_written="Kl. 10:00 – 16:00", place_lines=("Norges forskningsråd", "Møterom Hassel 2")),
        papers=(_paper_1(), _paper_2(), _paper_3(), _paper_4(), _paper_5(), _paper_6(), _paper_7(),
                _paper_horisont()),
        running_header="Porteføljestyret for helse – møte 1/25",
    )

"""Background and assessment prose for dense synthetic papers (`Plan(prose=True)`).

Real case papers carry several paragraphs between the header box and the proposed decision
(`Om utlysningen`, `Saksopplysninger`, `Vurdering`, portfolio figures, budgets), and minutes carry some
discussion. This module writes such prose from many sentence templates in bokmål and nynorsk, with its
own random generator (seeded from the plan), so turning it on leaves every other choice of the
document unchanged, and leaving it off (the default) leaves the committed samples byte-identical.

Like real prose it mentions years, amounts, percentages, meeting numbers, counts of last year's
applications and other case numbers (`jf. sak 12/24`). It never states an application id (six digits
in a row) or the outcome of one application, a conflict of interest of a named person, or a sentence that
starts `Sak ...`: the expected record would not carry them. Case numbers it writes are returned as
canonical ids so the case's `references` stay true.

Template syntax: `[a|b|c]` picks one alternative; `{slot}` is filled from `Slots`.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field

MONTHS_NB = ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober",
             "november", "desember"]

# ---------------------------------------------------------------- bokmål sentence pools

CALL_NB = [
    'Utlysningen ble sendt på høring til [sektordepartementene|brukerne|forskningsinstitusjonene] før publisering, og innspillene er innarbeidet i teksten.',
    'Det var mulig å søke som enkeltinstitusjon eller som konsortium med minst tre partnere.',
    'Ved fristen {date2} hadde søkerne samlet søkt om {amount3} millioner kroner, det vil si om lag {ratio} ganger tilgjengelig budsjett.',
    'Det ble stilt krav om at prosjektene skal ha en plan for åpen tilgang til data og publikasjoner.',
    "Utlysningen {call} {year} ble publisert {date1} med søknadsfrist {date2}, og hadde en ramme på {amount} "
    "[mill. kroner|millioner kroner].",
    "Til den tilsvarende utlysningen i {prev} kom det inn {napps} søknader, og {ngrant} prosjekter fikk "
    "[tilsagn|støtte].",
    "Utlysningen var åpen for [forskerprosjekter|forskerprosjekter for unge talenter], kompetanse- og "
    "samarbeidsprosjekter og innovasjonsprosjekter i offentlig sektor.",
    "Målet med utlysningen er å [styrke|bygge opp] kunnskapsgrunnlaget om {topic} og bidra til at resultatene "
    "tas i bruk i [forvaltningen|tjenestene|næringslivet].",
    "Porteføljestyret ga i møte {mref} føringer for innretningen av utlysningen, jf. sak {ref}.",
    "Utlysningen ble utformet i dialog med {dept} og med representanter for brukerne.",
    "Prosjektene kan ha en varighet på inntil {dur} år, og det kan søkes om mellom {lo} og {hi} millioner kroner.",
    "Alle søknader som kom inn innen fristen {date2} kl. 13:00, er [behandlet|vurdert] etter de ordinære "
    "prosedyrene.",
    "Det ble arrangert et [digitalt |]informasjonsmøte for søkere i {month}, med rundt {attend} deltakere.",
    "Antallet søknader er [om lag|omtrent] {pct} prosent høyere enn ved forrige utlysning, og økningen er "
    "størst blant [søkere fra instituttsektoren|søkere fra universitets- og høyskolesektoren|bedrifter].",
    "Utlysningsteksten la vekt på {topic} og {topic2}, i tråd med porteføljeplanen for {bshort}.",
    "Søkerne skulle beskrive hvordan brukere og [samfunnsaktører|samarbeidspartnere] deltar i prosjektet, "
    "og hvordan resultatene skal formidles.",
    "Utlysningen er en del av oppfølgingen av Langtidsplanen for forskning og høyere utdanning {lp}.",
]
PORTFOLIO_NB = [
    'Forskningen dekker ulike fagområder, med særlig vekt på [samfunnsvitenskap|naturvitenskap|teknologi] og [tverrfaglige tilnærminger|anvendt forskning].',
    '[Sju|Åtte|Ti|Tolv] prosjekter har internasjonale samarbeidspartnere, hovedsakelig fra [Sverige og Storbritannia|Danmark og Tyskland|Finland og Nederland].',
    'Porteføljen har en jevn fordeling mellom regionene, men Nord-Norge er fortsatt underrepresentert.',
    'Det er registrert {npub} vitenskapelige publikasjoner fra prosjektene i porteføljen i løpet av {prev}.',
    "Porteføljen for {bshort} omfattet ved utgangen av {prev} {nproj} aktive prosjekter med en samlet "
    "bevilgning på {amount2} mill. kroner.",
    "Om lag {pct} prosent av midlene går til universitets- og høyskolesektoren, {pct2} prosent til "
    "instituttsektoren og resten til næringsliv og offentlig sektor.",
    "Andelen prosjekter med internasjonale samarbeidspartnere har økt fra {pct} prosent i {y0} til {pctup} "
    "prosent i {prev}.",
    "Porteføljeanalysen viser at {topic} er godt dekket, mens det fortsatt er få prosjekter om {topic2}.",
    "I perioden {y0}–{prev} har Forskningsrådet tildelt {amount3} millioner kroner til {nproj2} prosjekter "
    "innenfor {topic}.",
    "Kvinneandelen blant prosjektlederne var {pct} prosent i {prev}, mot {pct2} prosent året før.",
    "Forsinkelser i prosjektene skyldes i hovedsak rekrutteringsutfordringer og endringer i "
    "partnerkonsortiene.",
    "Rekrutteringen av stipendiater for studieåret {year}/{yy1} har gått som planlagt i de fleste "
    "prosjektene.",
    "[Universitetet i Oslo|NTNU|Universitetet i Bergen] og [SINTEF|NORCE|Folkehelseinstituttet] leder flest "
    "prosjekter, og offentlig sektor deltar aktivt som samarbeidspartner.",
    "Tallene er hentet fra Forskningsrådets prosjektdatabank per {date1} og kan avvike noe fra "
    "årsrapporteringen.",
    "Sluttrapportene fra prosjektene som ble avsluttet i {prev}, viser at {pct} prosent av prosjektene har "
    "levert resultater som allerede er tatt i bruk.",
    "Den samlede porteføljen har en gjennomsnittlig prosjektstørrelse på {avg} millioner kroner.",
]
BUDGET_NB = [
    'Disponibel ramme for nye tildelinger i {year} er beregnet til {amount} mill. kroner etter at forpliktelser i løpende prosjekter er trukket fra.',
    'Budsjettet er fordelt med {pct} prosent til forskerprosjekter og resten til samarbeids- og innovasjonsprosjekter.',
    'Regjeringens forslag til statsbudsjett for {next} gir en økning på {small} mill. kroner til porteføljen.',
    "Budsjettet for {year} er på {budget} mill. kroner, hvorav {amountb} mill. kroner er bundet opp i "
    "løpende prosjekter.",
    "Priskompensasjonen fra departementene utgjør {pctsmall} prosent, og økningen er lagt inn i "
    "investeringsplanen for {year}–{y2}.",
    "Ubrukte midler fra {prev} på om lag {small} mill. kroner overføres til {year}.",
    "Administrasjonen anbefaler at {pct} prosent av rammen settes av til en ny utlysning i {next}.",
    "Investeringsplanen ble sist behandlet i sak {ref} og justeres årlig i tråd med tildelingsbrevene.",
    "Rammen for utlysningen ble økt med {small} mill. kroner etter innspill fra {dept}.",
    "Inntil {small} mill. kroner kan brukes til arrangementsstøtte og formidlingstiltak i {year}.",
    "Tildelingsbrevet for {year} fra {dept} viderefører bevilgningen på samme nivå som i {prev}, justert for "
    "pris- og lønnsvekst.",
    "Det er i tillegg satt av {small} mill. kroner til fellesutlysninger med andre porteføljer.",
    "Forbruket i {prev} ble {pct2} prosent av disponibel ramme, noe som er høyere enn i {y0}.",
]
REVIEW_NB = [
    'Ekspertene ble rekruttert gjennom Forskningsrådets ekspertdatabase og kontrollert for habilitet før vurderingen startet.',
    'Alle søknader fikk en skriftlig tilbakemelding fra panelet, og panelene leverte en samlet rapport om søknadsbunken.',
    'Søknader med samme karakter er rangert etter relevans for utlysningen og bidrag til porteføljens mål.',
    'Behandlingen har fulgt prosedyren porteføljestyret vedtok i sak {ref}.',
    "Søknadene ble vurdert av {npanel} ekspertpaneler med til sammen {nexp} eksperter, de fleste fra "
    "utenlandske institusjoner.",
    "Hver søknad ble vurdert av minst tre eksperter før panelmøtet, og panelet ga en samlet karakter på "
    "skalaen 1–7.",
    "Søknader med karakter 4 eller lavere på ett av kriteriene er ikke relevansvurdert.",
    "Relevansvurderingen ble gjort av administrasjonen med utgangspunkt i utlysningsteksten og "
    "porteføljeplanen.",
    "Gjennomsnittskarakteren for søknadene var {grade}, som er på nivå med tidligere år.",
    "Om lag {pct} prosent av søknadene fikk karakter 6 eller høyere fra ekspertpanelet.",
    "Innvilgelsesgraden for utlysningen blir om lag {pct} prosent, mot {pct2} prosent i {prev}.",
    "Ekspertene har pekt på at flere søknader har svak brukermedvirkning og uklare planer for formidling.",
    "Panelmøtene ble holdt digitalt i [mai|juni|september|oktober], og administrasjonen deltok som "
    "observatør.",
    "Søknadene er vurdert etter kriteriene forskning og innovasjon, virkninger og effekter og gjennomføring.",
    "Administrasjonen har kontrollert at søknadene oppfyller de formelle kravene i utlysningen.",
]
ASSESS_NB = [
    'Administrasjonen mener at de innstilte prosjektene samlet gir et godt grunnlag for ny kunnskap om {topic}.',
    'Det er fortsatt behov for mer forskning om {topic2}, og administrasjonen vil vurdere en egen utlysning om temaet i {next}.',
    'Innstillingen er drøftet med fagmiljøene i administrasjonen, og den er i tråd med føringene i tildelingsbrevet.',
    "Administrasjonen vurderer at innstillingen gir en god tematisk og geografisk spredning i porteføljen.",
    "Etter administrasjonens vurdering er kvaliteten på søknadene høy, og konkurransen om midlene har vært "
    "sterk.",
    "Det er administrasjonens vurdering at porteføljen samlet sett bidrar til målene i porteføljeplanen for "
    "{bshort}.",
    "Administrasjonen anbefaler at porteføljestyret følger opp dette i arbeidet med neste investeringsplan.",
    "Flere gode søknader kan ikke finansieres innenfor rammen, noe som understreker behovet for økte "
    "bevilgninger.",
    "Administrasjonen har lagt vekt på at prosjektene skal involvere brukere og samarbeidspartnere fra "
    "offentlig sektor.",
    "Vurderingen er i tråd med prinsippene porteføljestyret [vedtok|la til grunn] i sak {ref}.",
    "Sammenlignet med {prev} er det flere søknader om {topic}, og færre om {topic2}.",
    "En samlet vurdering tilsier at utlysningen har nådd målgruppene den var rettet mot.",
    "Administrasjonen ser behov for å styrke samarbeidet med {dept} om oppfølgingen av porteføljen.",
]
FOLLOW_NB = [
    "Administrasjonen vil legge fram en oppdatert porteføljeanalyse i møte {mnext}.",
    "Resultatene fra prosjektene vil bli presentert på en konferanse i {month} {next}.",
    "Saken er drøftet med {dept}, som støtter innretningen.",
    "Porteføljestyret vil få en ny orientering om status når tallene for {year} foreligger.",
    "Erfaringene fra behandlingen tas med i arbeidet med utlysningene for {next}.",
]
HEADINGS_NB = {
    "call": ["Om utlysningen", "Bakgrunn", "Utlysningen {year}"],
    "portfolio": ["Saksopplysninger", "Porteføljen i tall", "Porteføljeanalyse: {topic}"],
    "budget": ["Budsjett og økonomi", "Budsjett {year}", "Økonomi"],
    "review": ["Søknadsbehandlingen", "Vurdering av søknadene", "Prosess"],
    "assess": ["Administrasjonens vurdering", "Vurdering"],
}
HAB_NB = [
    "Eventuell inhabilitet og håndteringen av denne skal protokollføres.",
    "Usikkerhet om habilitet skal diskuteres åpent i styremøtet og skal også protokollføres.",
    "Styremedlemmer som blir vurdert inhabile, skal forlate styremøtet under behandlingen av den aktuelle "
    "saken.",
    "Styret er beslutningsdyktig når minst halvparten av styremedlemmene er habile og deltar i beslutningen.",
    "Habilitet vurderes på bakgrunn av opplysninger medlemmene har gitt om roller, verv og samarbeid de siste "
    "tre årene.",
    "Administrasjonen har gått gjennom søknadene til utlysningen {call} {year} og sammenholdt dem med "
    "medlemmenes opplysninger.",
]
DISCUSS_NB = [
    "Porteføljestyret [diskuterte|drøftet] [saken|innretningen|innstillingen] og la vekt på {topic}.",
    "Det ble stilt spørsmål om hvordan porteføljen kan [styrke|bygge opp] forskningen på {topic2}. "
    "Administrasjonen svarte at dette vil bli fulgt opp i arbeidet med porteføljeplanen.",
    "Flere medlemmer pekte på at [rammen|budsjettet] for {next} er stram, og at prioriteringene må være "
    "tydelige.",
    "Porteføljestyret ba administrasjonen om en oversikt over tildelingene i perioden {y0}–{prev} til neste "
    "møte.",
    "Styret understreket betydningen av samarbeid med {dept}.",
    "Det ble orientert om at utlysningen {call} {prev} fikk {napps} søknader.",
    "Porteføljestyret merket seg at andelen søknader fra næringslivet har økt til {pct} prosent.",
    "I diskusjonen ble det vist til sak {ref}, der porteføljestyret drøftet de samme problemstillingene.",
    "Administrasjonen tar med seg porteføljestyrets innspill [om prosess |]i det videre arbeidet.",
]
CLOSING_NB = [
    "Samtlige vedtak om tildeling er betinget. Dette er knyttet til at søknadene skal revideres i samsvar med "
    "betingelser angitt i brev til den enkelte søker.",
    "Innstilt beløp er en øvre ramme. Beløp og støtteandel vil kunne bli justert.",
    "Avslag på søknad gir klageadgang. Nærmere beskrivelse av klageadgang og begrunnelse for avslaget finnes "
    "i avslagsbrevet til hver enkelt søker.",
    "Administrasjonen gis fullmakt til å fatte endelig beslutning om tildeling av midler basert på innhenting "
    "og vurdering av revidert søknad med obligatoriske vedlegg.",
]

# ---------------------------------------------------------------- nynorsk sentence pools

CALL_NN = [
    'Det var mogleg å søkje som einskild institusjon eller som konsortium med minst tre partnarar.',
    'Ved fristen {date2} hadde søkjarane samla søkt om {amount3} millionar kroner.',
    "Utlysinga {call} {year} vart publisert {date1} med søknadsfrist {date2}, og hadde ei ramme på {amount} "
    "mill. kroner.",
    "Til den tilsvarande utlysinga i {prev} kom det inn {napps} søknader, og {ngrant} prosjekt fekk tilsegn.",
    "Målet med utlysinga er å [styrkje|byggje opp] kunnskapsgrunnlaget om {topic} og bidra til at resultata "
    "vert tekne i bruk.",
    "Porteføljestyret gav i møte {mref} føringar for innrettinga av utlysinga, jf. sak {ref}.",
    "Utlysinga vart utforma i dialog med {dept} og med representantar for brukarane.",
    "Prosjekta kan ha ei varigheit på inntil {dur} år, og det kan søkjast om mellom {lo} og {hi} millionar "
    "kroner.",
    "Talet på søknader er om lag {pct} prosent høgare enn ved førre utlysing.",
    "Utlysingsteksten la vekt på {topic} og {topic2}, i tråd med porteføljeplanen for {bshort}.",
]
PORTFOLIO_NN = [
    'Forskinga dekkjer ulike fagområde, med særleg vekt på tverrfaglege tilnærmingar.',
    'Tala er henta frå prosjektdatabanken til Forskingsrådet per {date1}.',
    'Forseinkingar i prosjekta kjem i hovudsak av utfordringar med rekruttering.',
    "Porteføljen for {bshort} omfatta ved utgangen av {prev} {nproj} aktive prosjekt med ei samla løyving på "
    "{amount2} mill. kroner.",
    "Om lag {pct} prosent av midlane går til universitets- og høgskulesektoren, {pct2} prosent til "
    "instituttsektoren og resten til næringsliv og offentleg sektor.",
    "Delen prosjekt med internasjonale samarbeidspartnarar har auka frå {pct} prosent i {y0} til {pctup} "
    "prosent i {prev}.",
    "Porteføljeanalysen viser at {topic} er godt dekt, medan det framleis er få prosjekt om {topic2}.",
    "I perioden {y0}–{prev} har Forskingsrådet tildelt {amount3} millionar kroner til {nproj2} prosjekt innanfor "
    "{topic}.",
    "Rekrutteringa av stipendiatar for studieåret {year}/{yy1} har gått som planlagt.",
]
BUDGET_NN = [
    "Budsjettet for {year} er på {budget} mill. kroner, av dette er {amountb} mill. kroner bundne opp i "
    "løpande prosjekt.",
    "Ubrukte midlar frå {prev} på om lag {small} mill. kroner vert overførte til {year}.",
    "Investeringsplanen vart sist handsama i sak {ref} og vert justert årleg i tråd med tildelingsbreva.",
    "Ramma for utlysinga vart auka med {small} mill. kroner etter innspel frå {dept}.",
    "Administrasjonen tilrår at {pct} prosent av ramma vert sett av til ei ny utlysing i {next}.",
]
REVIEW_NN = [
    'Handsaminga har følgt prosedyren porteføljestyret vedtok i sak {ref}.',
    'Alle søknader fekk ei skriftleg tilbakemelding frå panelet.',
    "Søknadene vart vurderte av {npanel} ekspertpanel med til saman {nexp} ekspertar, dei fleste frå "
    "utanlandske institusjonar.",
    "Kvar søknad vart vurdert av minst tre ekspertar før panelmøtet.",
    "Relevansvurderinga vart gjord av administrasjonen med utgangspunkt i utlysingsteksten og "
    "porteføljeplanen.",
    "Gjennomsnittskarakteren for søknadene var {grade}, som er på nivå med tidlegare år.",
    "Om lag {pct} prosent av søknadene fekk karakter 6 eller høgare frå ekspertpanelet.",
    "Ekspertane har peika på at fleire søknader har svak brukarmedverknad og uklare planar for formidling.",
]
ASSESS_NN = [
    'Det er framleis behov for meir forsking om {topic2}.',
    'Innstillinga er i tråd med føringane i tildelingsbrevet.',
    "Administrasjonen vurderer at innstillinga gjev ei god tematisk og geografisk spreiing i porteføljen.",
    "Etter vurderinga til administrasjonen er kvaliteten på søknadene høg, og konkurransen om midlane har "
    "vore sterk.",
    "Fleire gode søknader kan ikkje finansierast innanfor ramma.",
    "Vurderinga er i tråd med prinsippa porteføljestyret la til grunn i sak {ref}.",
    "Administrasjonen ser behov for å styrkje samarbeidet med {dept} om oppfølginga av porteføljen.",
]
FOLLOW_NN = [
    "Administrasjonen vil leggje fram ein oppdatert porteføljeanalyse i møte {mnext}.",
    "Erfaringane frå handsaminga vert tekne med i arbeidet med utlysingane for {next}.",
]
HEADINGS_NN = {
    "call": ["Om utlysinga", "Bakgrunn"],
    "portfolio": ["Saksopplysningar", "Porteføljen i tal"],
    "budget": ["Budsjett og økonomi", "Budsjett {year}"],
    "review": ["Søknadshandsaminga", "Prosess"],
    "assess": ["Vurderinga til administrasjonen", "Vurdering"],
}
HAB_NN = [
    "Eventuell inhabilitet og korleis den vert handtert, skal protokollførast.",
    "Styremedlemmer som vert vurderte inhabile, skal forlate styremøtet under handsaminga av den aktuelle saka.",
    "Styret er vedtaksført når minst halvparten av styremedlemmene er habile og deltek i avgjerda.",
]
DISCUSS_NN = [
    "Porteføljestyret drøfta saka og la vekt på {topic}.",
    "Det vart stilt spørsmål om korleis porteføljen kan styrkje forskinga på {topic2}. Administrasjonen "
    "svarte at dette vil bli følgt opp i arbeidet med porteføljeplanen.",
    "Fleire medlemmer peika på at ramma for {next} er stram.",
    "Det vart orientert om at utlysinga {call} {prev} fekk {napps} søknader.",
    "I diskusjonen vart det vist til sak {ref}.",
    "Administrasjonen tek med seg innspela frå porteføljestyret i det vidare arbeidet.",
]
CLOSING_NN = [
    "Alle vedtak om tildeling er vilkårsbundne. Søknadene skal reviderast i samsvar med vilkåra i brev til "
    "kvar søkjar.",
    "Innstilt beløp er ei øvre ramme. Beløp og støttedel kan bli justerte.",
    "Avslag på søknad gjev klagerett. Grunngjevinga for avslaget står i avslagsbrevet til kvar søkjar.",
]

# the draft call text attached to a procedure case: (heading, sentences) sections
CALLTEXT_NB = [
    ("Hva kan du søke om?", [
        "Du kan søke om støtte til [forskerprosjekter|samarbeidsprosjekter] som skal gi ny kunnskap om {topic}.",
        "Prosjektet kan ha en varighet på mellom to og {dur} år, og må starte senest 1. {month} {next}.",
        "Det kan søkes om mellom {lo} og {hi} millioner kroner per prosjekt.",
        "Utlysningen skal bidra til målene i porteføljeplanen for {bshort} og i Langtidsplanen for forskning og "
        "høyere utdanning {lp}.",
        "Prosjekter som kombinerer {topic} og {topic2}, er særlig aktuelle."]),
    ("Hvem kan søke?", [
        "Godkjente norske forskningsorganisasjoner kan søke som prosjektansvarlig.",
        "Vi oppfordrer til samarbeid med brukere i offentlig sektor, næringslivet og frivillige organisasjoner.",
        "Prosjektleder må ha doktorgrad eller tilsvarende kompetanse.",
        "Søknader som ikke oppfyller de formelle kravene, vil bli avvist."]),
    ("Vurderingskriterier", [
        "Søknadene vurderes etter kriteriene forskning og innovasjon, virkninger og effekter og gjennomføring.",
        "Relevans for utlysningen vurderes av administrasjonen på grunnlag av utlysningsteksten.",
        "Ekspertene gir karakter på en skala fra 1 til 7 for hvert kriterium.",
        "Porteføljestyret legger i tillegg vekt på tematisk og geografisk spredning."]),
    ("Budsjett og frister", [
        "Utlysningen har en ramme på {amount} mill. kroner.",
        "Forskningsrådet forventer å finansiere mellom {ngrantlo} og {ngrant} prosjekter.",
        "Søknadsfristen er {datenext} kl. 13:00.",
        "Vi tar sikte på å gi svar på søknadene innen utgangen av {next}.",
        "Til den forrige utlysningen i {prev} kom det inn {napps} søknader."]),
]
CALLTEXT_NN = [
    ("Kva kan du søkje om?", [
        "Du kan søkje om støtte til forskarprosjekt som skal gje ny kunnskap om {topic}.",
        "Prosjektet kan ha ei varigheit på mellom to og {dur} år.",
        "Det kan søkjast om mellom {lo} og {hi} millionar kroner per prosjekt.",
        "Prosjekt som kombinerer {topic} og {topic2}, er særleg aktuelle."]),
    ("Kven kan søkje?", [
        "Godkjende norske forskingsorganisasjonar kan søkje som prosjektansvarleg.",
        "Vi oppmodar til samarbeid med brukarar i offentleg sektor og næringslivet.",
        "Søknader som ikkje oppfyller dei formelle krava, vil bli avviste."]),
    ("Vurderingskriterium", [
        "Søknadene vert vurderte etter kriteria forsking og innovasjon, verknader og effektar og gjennomføring.",
        "Relevans for utlysinga vert vurdert av administrasjonen.",
        "Porteføljestyret legg i tillegg vekt på tematisk og geografisk spreiing."]),
    ("Budsjett og fristar", [
        "Utlysinga har ei ramme på {amount} mill. kroner.",
        "Søknadsfristen er {datenext} kl. 13:00.",
        "Til den førre utlysinga i {prev} kom det inn {napps} søknader."]),
]
CALLTEXT = {"nb": CALLTEXT_NB, "nn": CALLTEXT_NN}

POOLS = {
    "nb": {"call": CALL_NB, "portfolio": PORTFOLIO_NB, "budget": BUDGET_NB, "review": REVIEW_NB,
           "assess": ASSESS_NB, "follow": FOLLOW_NB, "hab": HAB_NB, "discuss": DISCUSS_NB, "closing": CLOSING_NB},
    "nn": {"call": CALL_NN, "portfolio": PORTFOLIO_NN, "budget": BUDGET_NN, "review": REVIEW_NN,
           "assess": ASSESS_NN, "follow": FOLLOW_NN, "hab": HAB_NN, "discuss": DISCUSS_NN, "closing": CLOSING_NN},
}
HEADINGS = {"nb": HEADINGS_NB, "nn": HEADINGS_NN}


@dataclass
class Prose:
    """Writes prose for one document; collects the canonical case ids its sentences mention."""

    rng: random.Random
    board_code: str
    board_name: str
    call: str
    topics: tuple[str, ...]
    depts: tuple[str, ...]
    year: int
    first_case: int  # case numbers below it (this year) or of last year are safe to mention
    meeting: int
    lang: str = "nb"
    refs: list[str] = field(default_factory=list)
    allow_refs: bool = True  # False: no case numbers (attachments, whose mentions belong to no case)
    used: set = field(default_factory=set)  # templates used in the current case (no sentence twice)
    _last_pct: int = 20
    _last_topic: str = ""
    frame: int = 0  # the call's frame in mill. kroner, the same wherever the document states it

    def __post_init__(self):
        self.frame = self.rng.choice([40, 50, 60, 75, 80, 100, 120, 150, 200])

    # ------------------------------------------------------------ slots
    def _ref(self) -> str:
        rng, yy = self.rng, self.year % 100
        if self.first_case > 3 and rng.random() < 0.5:
            n, y = rng.randint(1, self.first_case - 1), yy
        else:
            n, y = rng.randint(8, 48), (self.year - 1) % 100
        canon = f"{self.board_code} {n}/{y:02d}"
        self.refs.append(canon)
        form = rng.random()
        if form < 0.6:
            return f"{n}/{y:02d}"
        if form < 0.85:
            return f"{self.board_code} {n}/{y:02d}"
        n2 = n + 1 if (y != yy or n + 1 < self.first_case) else n - 1
        if n2 < 1 or n2 == n:
            return f"{n}/{y:02d}"
        self.refs.append(f"{self.board_code} {n2}/{y:02d}")
        return f"{min(n, n2)}/{y:02d} og {max(n, n2)}/{y:02d}"

    def _topic(self) -> str:
        self._last_topic = self.rng.choice(self.topics)
        return self._last_topic

    def _pct(self) -> str:
        self._last_pct = self.rng.randint(8, 46)
        return str(self._last_pct)

    def _slot(self, name: str) -> str:
        rng, y = self.rng, self.year
        months = MONTHS_NB
        simple = {
            "call": lambda: self.call,
            "year": lambda: str(y),
            "prev": lambda: str(y - 1),
            "next": lambda: str(y + 1),
            "y0": lambda: str(y - rng.randint(4, 8)),
            "y2": lambda: str(y + 2),
            "yy1": lambda: f"{(y + 1) % 100:02d}",
            "lp": lambda: "2023–2032",
            "topic": self._topic,
            "topic2": lambda: rng.choice([t for t in self.topics if t != self._last_topic] or self.topics),
            "dept": lambda: rng.choice(self.depts),
            "bshort": lambda: self.board_name.split(" for ", 1)[-1],
            "amount": lambda: str(self.frame),
            "budget": lambda: str(self.frame * 2 + 10 * rng.randint(2, 9)),
            "amount2": lambda: f"{rng.randint(3, 19) * 100 + rng.randint(0, 9) * 10}",
            "amount3": lambda: str(rng.randint(120, 900)),
            "amountb": lambda: str(rng.randint(15, 35)),
            "small": lambda: f"{rng.randint(1, 12)},{rng.randint(1, 9)}",
            "avg": lambda: f"{rng.randint(4, 14)},{rng.randint(0, 9)}",
            "napps": lambda: str(rng.randint(38, 290)),
            "ngrant": lambda: str(rng.randint(16, 31)),
            "ngrantlo": lambda: str(rng.randint(6, 15)),
            "datenext": lambda: f"{rng.randint(1, 28):02d}.{rng.randint(2, 10):02d}.{y}",
            "nproj": lambda: str(rng.randint(60, 240)),
            "nproj2": lambda: str(rng.randint(12, 80)),
            "npanel": lambda: str(rng.randint(3, 9)),
            "nexp": lambda: str(rng.randint(18, 64)),
            "attend": lambda: str(rng.choice([40, 60, 80, 120, 150, 200])),
            "pct": self._pct,
            "pct2": lambda: str(rng.randint(12, 58)),
            "pctup": lambda: str(self._last_pct + rng.randint(3, 15)),
            "ratio": lambda: rng.choice(["to", "tre", "fire", "fem"]),
            "npub": lambda: str(rng.randint(40, 400)),
            "pctsmall": lambda: f"{rng.randint(2, 4)},{rng.randint(1, 9)}",
            "grade": lambda: f"{rng.randint(4, 5)},{rng.randint(0, 9)}",
            "dur": lambda: str(rng.choice([3, 4, 5])),
            "lo": lambda: str(rng.choice([4, 6, 8])),
            "hi": lambda: str(rng.choice([12, 16, 20, 25])),
            "month": lambda: rng.choice(months),
            "date1": lambda: f"{rng.randint(1, 28):02d}.{rng.randint(1, 6):02d}.{y - 1}",
            "date2": lambda: f"{rng.randint(1, 28):02d}.{rng.randint(7, 12):02d}.{y - 1}",
            "mref": lambda: f"{rng.randint(1, 6)}/{(y - 1) % 100:02d}",
            "mnext": lambda: f"{self.meeting + 1}/{y % 100:02d}",
            "ref": self._ref,
        }
        return simple[name]()

    def fill(self, template: str) -> str:
        """Expand `[a|b]` alternatives, then the `{slot}`s."""
        t = re.sub(r"\[([^\[\]]*)\]", lambda m: self.rng.choice(m.group(1).split("|")), template)
        return re.sub(r"\{(\w+)\}", lambda m: self._slot(m.group(1)), t)

    # ------------------------------------------------------------ paragraphs
    def paragraph(self, kinds: tuple[str, ...], n: tuple[int, int] = (4, 6)) -> str:
        """One paragraph of `n` sentences drawn without repeats from the pools of `kinds`."""
        pools = POOLS[self.lang]
        pool = [t for k in kinds for t in pools[k] if t not in self.used and (self.allow_refs or "{ref}" not in t)]
        k = self.rng.randint(*n)
        if len(pool) < k:  # pools used up in this case: allow repeats rather than a short paragraph
            pool = [t for k_ in kinds for t in pools[k_] if self.allow_refs or "{ref}" not in t]
        picked = sorted(self.rng.sample(range(len(pool)), min(k, len(pool))))  # pool order reads better
        self.used.update(pool[i] for i in picked)
        return " ".join(self.fill(pool[i]) for i in picked)

    def heading(self, kind: str) -> str:
        """A sub-heading line (`Saksopplysninger`, `Porteføljeanalyse: havis og permafrost`)."""
        return self.fill(self.rng.choice(HEADINGS[self.lang][kind]))

    def section(self, kind: str, paras: tuple[int, int] = (1, 2), extra: tuple[str, ...] = ()) -> tuple[str, ...]:
        """A heading and one or more paragraphs on `kind` (mixed with `extra` kinds)."""
        out = [self.heading(kind)]
        for _ in range(self.rng.randint(*paras)):
            out.append(self.paragraph((kind,) + extra))
        return tuple(out)

    def call_text(self) -> list[tuple[str, str]]:
        """A draft call text as FreeDoc items: title, then each section's heading and sentences (some as
        bullets), no case numbers."""
        self.allow_refs = False
        items: list[tuple[str, str]] = [("h1", self.fill(
            "Utkast til utlysningstekst: {call} {next}" if self.lang == "nb" else "Utkast til utlysingstekst: {call} {next}"))]
        for head, sentences in CALLTEXT[self.lang]:
            if head.startswith(("Vurdering", "Budsjett")):  # background paragraphs before these sections
                items.append(("p", self.paragraph(("call", "review"), (4, 6))))
            items.append(("h2", head))
            picked = sentences if self.rng.random() < 0.7 else self.rng.sample(sentences, max(2, len(sentences) - 1))
            if self.rng.random() < 0.3:
                items += [("bullet", "• " + self.fill(t)) for t in picked]
            else:
                items.append(("p", " ".join(self.fill(t) for t in picked)))
        self.allow_refs = True
        return items

    def closing(self, n: int) -> tuple[str, ...]:
        """The standard closing paragraphs of an adopted allocation decision (conditions, appeal)."""
        pool = POOLS[self.lang]["closing"]
        return tuple(pool[:n])

    def take_refs(self) -> tuple[str, ...]:
        """The canonical ids mentioned since the last call (and forget them)."""
        out, self.refs = tuple(self.refs), []
        self.used = set()
        return out

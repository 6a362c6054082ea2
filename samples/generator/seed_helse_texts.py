"""Full seed texts of the longer background fields of seed 002 (paragraphs re-joined, page furniture removed)."""

_H4 = (
    'Orientering fra styreleder/styremedlem:',
    '• Godkjent porteføljeplan for helse, vedtatt i Styret 6. februar 2025, se lenke: '
    'portefoljeplan-for-helse_2025.pdf',
    '• Rapportering fra porteføljestyret til Forskningsrådets styre for 2024, vedlegg 1',
    'Administrasjonen vil i møte muntlig orientere om:',
    '• Føringer i tildelingsbrev for 2025 fra aktuelle departementer, se lenke: Tildelingsbrev Norges '
    'forskningsråd 2025 - regjeringen.no',
    '• Priskompenseringsmidler fra departementer for 2025 og revidert utkast til Investeringsplan for '
    'helse 2025-2027, vedlegg 2',
    'Helse- og omsorg 21-rådet (HO21-rådet) – handlingsplan',
    'HelseOmsorg21-rådet skal gjennom å legge til rette for samarbeid om helse- og omsorgsforskning, '
    'innovasjon og næringsutvikling bidra til god folkehelse, effektive helse- og omsorgstjenester av høy'
    ' kvalitet og verdiskaping. For å konkretisere arbeidet har rådet utarbeidet en handlingsplan.',
    'Handlingsplanen tar utgangspunkt i fire hovedområder: Bærekraftig og inkluderende helsetjeneste, '
    'Konkurransedyktig helseindustri, Grensesprengende forskning og kunnskap som blir tatt i bruk, og '
    'Helsedata for ny kunnskap og kontinuerlig læring.',
    'Oppdatere Norsk veikart for infrastruktur',
    'Forskningsrådet skal oppdatere Norsk veikart for forskningsinfrastruktur. Veikartet beskriver det '
    'strategiske grunnlaget for Forskningsrådets tenkning og prioriteringer omkring '
    'forskningsinfrastruktur og er sentralt i utvelgelsen av prosjekter ved tildelingene. Neste utlysning'
    ' til Nasjonal satsing på forskningsinfrastruktur planlegges med søknadsfrist i november 2025. '
    'Arbeidet med veikartoppdateringen vil foregå vårsemesteret 2025 og vil blant annet omfatte analyse '
    'av det etablerte infrastrukturlandskapet og hvordan dette bygger opp under forskningens behov og '
    'prioriteringer gitt i Forskningsrådets ulike porteføljeplaner. Porteføljestyrene vil i løpet av '
    'våren 2025 få mer informasjon om prosessen og vil få mulighet til å gi innspill på Forskningsrådets '
    'utkast til oppdatert veikart.',
    'Porteføljeanalyse: ensomhet',
    'Forskningsrådet har tildelt 711 millioner kroner til 73 prosjekter som omhandler ensomhet i perioden'
    ' 2018–2024. Forskningen dekker ulike fagområder, med særlig vekt på samfunnsvitenskap, psykologi og '
    'helsefag. Universitetet i Oslo og Folkehelseinstituttet leder flest prosjekter, og offentlig sektor '
    'deltar aktivt som samarbeidspartner. Finansieringen kommer hovedsakelig fra Helse- og '
    'omsorgsdepartementet og Kunnskapsdepartementet. Prosjektene undersøker alt fra sosial teknologi for '
    'eldre til tiltak mot utenforskap blant unge.',
    'Porteføljeanalyse: prioriteringer',
    'Forskningsrådet har på forespørsel fra HOD identifisert prosjekter som omhandler prioritering i '
    'helse- og omsorgstjenestene i perioden 2006–2024. Forskningsrådet har tildelt 179 millioner kroner '
    'til 24 prosjekter i perioden. Helse- og omsorgsdepartementet er hovedfinansiør for de fleste '
    'prosjektene, som hovedsakelig er forskerprosjekter. Universitets- og høyskolesektoren leder '
    'majoriteten av prosjektene, med noen bidrag fra instituttsektoren, næringsliv og offentlig sektor. '
    'Syv prosjekter har internasjonale samarbeidspartnere, hovedsakelig fra Sverige og Storbritannia. '
    'Rapporten gir innsikt i hvordan forskningen er finansiert og tematisk fordelt.',
)

_H5 = (
    'Målet med satsingen er å stimulere til forskning og innovasjon som er forankret i behov for å styrke'
    ' bærekraften i de kommunale helse- og omsorgstjenestene. Forskningsrådet samarbeider tett med '
    'Kommunesektorens organisasjon (KS) og Kommunenes samarbeidsorgan for forskning (KSF) om '
    'identifisering av behov i kommunene. Det var stor interesse for utlysningen i 2024, og vi mottok 113'
    ' søknader. Både søkere fra UH- og kommunal sektor kan være prosjekteier. Satsingen skal styrke KSF, '
    'som er et nasjonalt kunnskapssystem for kommunene og bidra til at ny kunnskap blir spredd og tatt i '
    'bruk. Mange miljøer ble mobilisert til utlysningen i 2024, og det ble innvilget 150 millioner kroner'
    ' til ti prosjekter. Det ble lagt ned et stort arbeid i kommuner og forskningsorganisasjoner for å '
    'etablere samarbeid både mellom kommuner og forskningsinstitusjoner. Det er derfor ansett '
    'ressurseffektivt og hensiktsmessig å ha tilsvarende utlysning i 2025, slik at miljøene kan '
    'videreutvikle samarbeidet og søknadene.',
    'Miljøene er varslet om at årets utlysning vil ha frist 24. september. Det er videre formidlet at det'
    ' er positivt om flere går sammen om solide søknader, snarere enn at det sendes inn mange søknader '
    'fra mindre konsortier. KS sitt innspill til 2025-ulysningen (vedlegg 1) er hovedsakelig ivaretatt '
    'ved at utlysningen i 2025 skal være tilsvarende utlysningen i 2024, økt samarbeid og kobling til '
    'KSF-strukturen, fremme prosjekter som lar seg implementere, krav til økt kommunalt samarbeid m.m.',
    'Utlysningen i 2025',
    'Med utgangspunkt i erfaringen fra 2024 og KS sitt innspill bes porteføljestyret diskutere flg. for '
    '2025-utlysningen:',
    '• Bærekraft: med dette menes at bærekraft på kort og lang sikt er relevant, inkludert forebyggende '
    'tiltak der helsetjenesten er sentral.',
    '• Tverrfaglighet: nye løsninger og arbeidsmetoder, og at det må synligjøres at resultater/tiltak fra'
    ' prosjektet har potensiale til implementering og spredning til andre kommuner.',
    '• Samarbeidspartnere/deltakere: Fem eller flere kommuner må være del av prosjektet og den enkeltes '
    'prosjektbudsjett må være del av søknaden. Hver kommune kan kun være administrativt ansvarlig for én '
    'søknad, og samarbeidspartner i inntil fem søknader. Søknaden må angi sluttbrukere, evt. pårørende og'
    ' det må fremkomme at de må være med i prosjektutvikling og gjennomføring.',
    '• KSF-struktur: Søknadene bør være koplet opp mot KSF-strukturen gjennom deltakelse i kommuneklynger'
    ' og være eller samarbeide med motorkommuner.',
    '• Implementering: Prosjektbeskrivelsen skal redegjøre for plan for implementering, og at det i '
    'intensjonsbrevene skal redegjøres for samarbeidspartnerens oppgaver med implementering. Søknadene må'
    ' beskriver hvordan partnerne skal delta i et delingsnettverk.',
    'Utlysningen i 2026',
    'I tråd med investeringsplanen 2025-2027 (PS sak 44/24), foreslår administrasjonen å lyse ut midler '
    'til større prosjekter i 2026 med vedtak tidlig i 2027. Betinget av Stortingets budsjettvedtak for '
    '2027 og økonomiregelverket, foreslår vi å legge inn antatte midler for 2027 i utlysingen i 2026. For'
    ' å sikre at miljøene får tilstrekkelig tid til å utarbeide og samarbeide om søknader, foreslås det '
    'en to-trinns utlysning med en skisseutlysning som trinn 1 før hovedsøknad i trinn 2.',
    'Porteføljestyret bes diskutere følgende forslag for utlysningen av store prosjekter i 2026:',
    '- Prosjekter i størrelsesorden inntil 50 millioner kroner over 5 år.',
    '- To-trinn med obligatorisk skisse med administrativ tilbakemelding.',
    '- Kommuner/fylkeskommuner og forskningsorganisasjoner kan være søkere.',
    '- Minimum 10 kommuner må delta i hver søknad og gjerne med geografisk spredning.',
    '- Søknaden må være koplet opp mot KSF-strukturen.',
    '- Tematisk innretting: avhengig av utfordringer på feltet samt KS’ innspill, vil det vedtas av '
    'porteføljestyret i et senere møte.',
    'Fordelen med obligatoriske skisser, er at søkere kan få et forholdsvis raskt svar og Forskningsrådet'
    ' kan kople miljøer som jobber med samme tema og/eller i samme område. Dette vil erfaringsmessig '
    'forsterke søknadene at konsortier slår seg sammen, og at man mottar søknader på ulike temaer. '
    'Administrasjonen vil komme tilbake med en ny sak om innretning på utlysningen for 2026/2027.',
    'Prosedyre for vedtakene i 2025',
    'I desember vil styret få seg forelagt innstilling til vedtak basert på:',
    '• Ekspertpanelenes vurdering av søknadens faglige kvalitet i henhold til vurderingskriteriene '
    'forskning og innovasjon, virkninger og effekter, gjennomføring og relevans.',
    '• Administrasjonens vurdering av søknadenes relevans for utlysningen. En referansegruppe av habile '
    'personer med erfaring fra de kommunale helse- og omsorgstjenestene vil konsulteres i arbeidet med '
    'relevansvurderingen.',
    'Administrasjonen foreslår at kun søknader som har gjennomsnittskarakter fra panelet lik eller over '
    '5,0, blir relevansvurdert. Dersom det er mange søknader med høy kvalitet, foreslår administrasjonen '
    'å heve terskelen for hvilke søknader som skal relevansvurderes, dvs. er omsøkt beløp i søknader med '
    'høy kvalitet mer enn tre ganger tilgjengelig budsjett heves terskelverdien for relevansvurdering.',
    'Søknadene blir samlet i innstillingspakker med søknader som innstilles til bevilgning, til '
    'venteliste eller til avslag. Innstillingspakkene lages på grunnlag av karakter fra ekspertene, '
    'relevans for utlysningen, prioriterte tema og porteføljekriterier om tematisk og geografisk '
    'spredning.',
    'Porteføljestyret skal vedta hvilke søknader som skal tildeles midler, avslås eller komme på en '
    'rangert reserveliste.',
)

_K6 = (
    'I desember 2024 vedtok porteføljestyret tildeling til 24 forprosjekter til Pilot Helse. Disse 24 '
    'søkerkonsortiene kan nå søke på hovedutlysningen.',
    'For å støtte de 24 prosjektene har administrasjonen avholdt møter med alle prosjektene for å '
    'informere om formål og forventninger til Pilot Helse-ordningen. Administrasjonen hadde også et '
    'fellesmøte for alle prosjektene med omkring 80 deltakere med felles informasjon om ordningen og det '
    'søknadstekniske. Medlemmer av referansegruppen hadde en presentasjon om hvordan helsetjenestene '
    'forholder seg til innkjøp og Leverandørutviklingsprogrammet deltok også. Som en liten leverandør er '
    'det viktig å skaffe seg kunnskap om rammeavtaler som helsetjenestene allerede har og hva de '
    'planlegger av innkjøp de nærmeste årene.',
    'Porteføljestyret skal i desember behandle søknader til utlysningen med søknadsfrist i september '
    '2025. Porteføljestyret har tidligere diskutert utlysningens innretning (sak PS 23/24), blant annet '
    'at det er obligatorisk å ha et forprosjekt for å kunne få lov til å søke på hovedutlysningen.',
)

_H6 = (
    'Gjennom Pilot Helse lyses det ut midler til ambisiøse innovasjonsløp som skal bidra til bærekraft i '
    'helse- og omsorgstjenestene og samtidig verdiskaping i norsk helsenæring.',
    'Formålet med midlene er at private og offentlige aktører sammen skal utvikle løsninger som raskere '
    'når ut til pasienter og innbyggere. Behov, bidrag og utbytte for helsetjenestene og næringslivet '
    'vurderes likt.',
    'I desember vil porteføljestyremøtet få seg fremlagt en innstilling om tildeling og avslag, basert på'
    ' flg. søknadsbehandlings- og vedtaksprosedyre:',
    '• Forvurdering og avvisning. Administrasjonen vurderer søknadene etter formelle krav gitt i '
    'søknadstypen og i utlysningen. Det er kun de 24 søkerne som har hatt forprosjektmidler som kan søke.'
    ' Søknader som ikke tilfredsstiller kravene eller er åpenbart mangelfulle avvises.',
    '• Ekspertvurdering. Alle søknadene vil bli behandlet av minst tre eksperter som vurderer de fire '
    'kriteriene: forskning og innovasjon, virkninger og effekter, gjennomføring, og relevans for '
    'utlysningen.',
    'Hvert kriterium har en skala fra 1-7 der 7 er høyeste karakter.',
    'Rangering. En rangeringsliste blir laget basert på søknadenes kvalitet (karakterene forskning og '
    'innovasjon, virkninger og effekter, gjennomføring), relevans for utlysningen, fordeling av tema og '
    'tjenestenivå, og porteføljehensyn.',
)

_KH = (
    'Horisont Europa, er Norges viktigste arena for internasjonalt samarbeid. De mest relevante '
    'utlysningene på helseområdet i Horisont Europa er under klynge 1, Helse, samt under '
    'samfunnsoppdraget på kreft (Cancer Mission), inkludert Horisont Europa-partnerskapene.',
    'I tråd med porteføljeplanen skal porteføljestyret styrke samspillet mellom nasjonale og '
    'internasjonale virkemidler, følge med på utviklingen av den EU-finansierte porteføljen og bidra med '
    'råd om innretningen i relevante fora.',
    'EU-kommisjonen skal utvikle utlysningene for 2026-27 i helseklyngen og samfunnsoppdraget på kreft. '
    'Norge påvirker arbeidet gjennom Horisont Europas programkomite hvor HOD og Forskningsrådet '
    'representerer Norge i helseklyngens delegasjon. I arbeidsgruppen for samfunnsoppdraget på kreft '
    'deltar HOD, KD og Forskningsrådet.',
    'Med sin kjennskap til den nasjonale helseporteføljen, kan porteføljestyret bidra med et helhetlig '
    'perspektiv på EUs helseprioriteringer, og inviteres her til å gi sine innspill til disse.',
)

_HH = (
    'Status',
    'Norge har gjennom programkomiteen gitt innspill til kommisjonens første tanker om arbeidsprogram for'
    ' 2026-27. Flere iterasjoner og diskusjoner er planlagt i 2025. Nasjonale innspill samles '
    'hovedsakelig fra den nasjonale referansegruppen for helse i Horisont Europa, departementenes '
    'tverrgående klyngegruppe og fra Forskningsrådet. Disse bearbeides av programkomiteens norske '
    'delegasjon før et samlet nasjonalt innspill sendes til EU-kommisjonen.',
    'Prioriteringer innenfor helse',
    'Prioriteringene for helseklyngen er beskrevet i strategisk plan for Horisont Europa. Disse '
    'sammenfaller i stor grad med norske prioriteringer. For perioden 2025-27 er følgende områder pekt ut'
    ' som prioritert for utlysninger:',
    '• Environment and Health/triple planetary crisis',
    '• Resilient, healthy & independent EU citizens',
    '• NCDs and Mental health',
    '• Health Systems',
    '• Digitalisation / data driven approaches',
    '• Innovative health techs and tools',
    '• Strengthening EU tech sovereignty and global competitiveness',
    '• Infectious diseases, incl. pandemic preparedness',
    'Mål og plan for samfunnsoppdraget på kreft er beskrevet i «EU Mission Cancer Implementation plan». '
    'Finansiering skjer under de fire «mission objectives»:',
    '• Understanding of cancer',
    '• Prevention and early detection',
    '• Diagnosis and treatment',
    '• Quality of life for patients and their families',
    'Partnerskap og nasjonale mirror groups (NMGs)',
    'Inntil halvparten av helseklyngens budsjett kan kanaliseres gjennom partnerskap som er avtalte '
    'samarbeid der midler fra rammeprogrammet brukes sammen med innsats fra medlemslandene og/eller '
    'næringslivet. Partnerskapets viktigste oppgave er ofte å organisere fellesutlysninger i tråd med sin'
    ' strategiske forskning og innovasjonsagenda, hvor hvert land normalt finansierer egne forskeres '
    'deltagelse i samarbeidsprosjekter. Det er totalt ti partnerskap under helseklyngen:',
    '• Innovative Health Initiative (IHI) (oppstart 2021)',
    '• The African and European research partnership on infectious diseases (Global Health EDCTP3) '
    '(oppstart 2021)',
    '• Partnership for the Assessment of Risks from Chemicals (PARC) (oppstart 2021)',
    '• Transforming Health and Care Systems (THCS) (oppstart 2022)',
    '• ERA for Health Research (ERA4Health) (oppstart 2023)',
    '• European Partnership for Personalised Medicine (EP PerMed) (oppstart 2023)',
    '• European Rare Disease Research Alliance (ERDERA) (oppstart 2024)',
    '• European Partnership for One Health/Antimicrobial Resistance (planlagt oppstart 2025)',
    '• European Partnership on Pandemic Preparedness (planlagt oppstart 2025)',
    '• European Partnership on Brain Health (planlagt oppstart 2026)',
    'Porteføljestyret er tidligere orientert om partnerskapene (sak PSHELSE 33/24).',
    'Partnerskapene THCS og ERDERA fremmer etableringen av «National Mirror Groups» for å øke effekten av'
    ' partnerskapet. Disse skal bidra til partnerskapenes program ved å bygge langsiktige nettverk for '
    'utveksling av informasjon (f.eks. nasjonale posisjoner og prioriteringer angående partnerskapenes '
    'mål), ekspertise og beste praksis, samle eksperter, bidra til at aktiviteter er koordinert, spille '
    'Norges behov inn til partnerskapene, bidra til målene og lære av arbeidet utført i partnerskapene '
    'gjennom kollegial læring.',
    'NMG’er i Norge bør reflektere norsk helse- og omsorgspolitikk, forsknings- og innovasjonssektorer '
    'både på nasjonalt og regionalt nivå. NMG’er bør derfor involvere både beslutningstakere, forsknings-'
    ' og innovasjonsfinansieringsorganer og relevante nasjonale interessenter, klinikere og forskere.',
    'Administrasjonen ber porteføljestyret om innspill på:',
    '• Hvordan EUs prioriteringer samsvarer med helseporteføljens prioriteringer?',
    '• Er det spesifikke prioriteringer som Norge bør fokusere på i sitt arbeid med å påvirke EU?',
    '• Aktuelle aktører som bør delta i nasjonale mirrorgrupper for THCS og ERDERA?',
)

"""The spaCy pipeline: tokenizer special cases, EntityRuler labels, sentences, person names."""

import pytest

from vedtak.nlp.ids import find_case_ids
from vedtak.nlp.pipeline import ABBREVIATIONS, get_nlp, nlp_path_description, person_names, sentences


@pytest.fixture(scope="module")
def nlp():
    return get_nlp()


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("Kl. 10:00 – 16:00", ["Kl.", "10:00", "–", "16:00"]),
        ("[U.off. § 14]", ["[", "U.off.", "§", "14", "]"]),
        ("Ole Johan Borge, avd. dir. Helse", ["Ole", "Johan", "Borge", ",", "avd.", "dir.", "Helse"]),
        ("150 mill. kroner", ["150", "mill.", "kroner"]),
        ("jfr. Meld St. 18", ["jfr.", "Meld", "St.", "18"]),
        ("og 355284.", ["og", "355284", "."]),
        ("2. desember 2024.", ["2.", "desember", "2024", "."]),
        ("prof. Oddrun Samdal", ["prof.", "Oddrun", "Samdal"]),
    ],
)
def test_tokenizer_special_cases(nlp, text, tokens):
    assert [t.text for t in nlp.make_doc(text)] == tokens


@pytest.mark.parametrize("abbr", ABBREVIATIONS)
def test_every_abbreviation_is_one_token(nlp, abbr):
    assert [t.text for t in nlp.make_doc(f"se {abbr} her")] == ["se", abbr, "her"]


@pytest.mark.parametrize(
    ("text", "label", "span"),
    [
        ("Sak PS-HELSE 05/25", "CASE_ID", "PS-HELSE 05/25"),
        ("(sak PSHELSE 33/24)", "CASE_ID", "PSHELSE 33/24"),
        ("(Sak PS-HELSE 30-23).", "CASE_ID", "PS-HELSE 30-23"),
        ("fra Sak 54/24: Bevilgning", "CASE_ID", "Sak 54/24"),
        ("diskutert (sak PS \n23/24), blant", "CASE_ID", "PS \n23/24"),
        ("fra møte PS-HELSE \n6/2024", "MEETING", "møte PS-HELSE \n6/2024"),
        ("fra porteføljestyremøte 5/24 til orientering", "MEETING", "porteføljestyremøte 5/24"),
        ("Dette gjelder søknadene 355815, 355929", "APP_ID", "355815"),
        ("med 0,180 millioner kroner for hver", "AMOUNT", "0,180 millioner kroner"),
        ("rammen på 150 mill. kroner for", "AMOUNT", "150 mill. kroner"),
        ("ble sendt ut 26.02.25.", "DATE", "26.02.25"),
        ("porteføljestyremøte 2. desember 2024 (møte", "DATE", "2. desember 2024"),
        ("Porteføljestyret for helse godkjenner", "BOARD", "Porteføljestyret for helse"),
        ("Porteføljestyret for energi, transport og lavutslipp vedtar", "BOARD",
         "Porteføljestyret for energi, transport og lavutslipp"),
        ("Fra Områdedirektør Anne Kjersti Fahlvik", "TITLE", "Områdedirektør"),
        ("oppnevnt som settestyreleder under", "TITLE", "settestyreleder"),
        ("Pilot Helse [U.off. § 14]", "EXEMPT", "U.off. § 14"),
    ],
)
def test_entity_ruler_labels(nlp, text, label, span):
    assert (label, span) in [(e.label_, e.text) for e in nlp(text).ents]


@pytest.mark.parametrize(
    "text",
    ["legges fram for porteføljestyret for vedtak", "i alt 600 000 Euro", "skala fra 1-7", "møte 6/24"],
)
def test_entity_ruler_does_not_label(nlp, text):
    labels = {e.label_ for e in nlp(text).ents}
    assert not labels & {"BOARD", "AMOUNT", "CASE_ID"}


def test_ruler_case_ids_agree_with_the_normaliser(nlp, seed_book):
    """Every CASE_ID the ruler marks in the seed is a case id find_case_ids finds (same start)."""
    regex_starts = {s for _, s, _ in find_case_ids(seed_book, "PS-HELSE")}
    for ent in nlp(seed_book).ents:
        if ent.label_ == "CASE_ID":
            code_start = ent.start_char if ent[0].lower_ not in {"sak", "sakene", "saken"} else ent[1].idx
            assert code_start in regex_starts, ent.text


SENTENCE_CASES = [
    (
        "Følgende medlemmer er inhabile og fratrer møtet når søknadene diskuteres i \nporteføljestyret: Ole A. "
        "Andreassen, Annica Øygard, Frode Strisland og Tove Klæboe \nNilsen. \n\nEirik Abildsnes og Tone Frost "
        "Bathen er inhabile for søknader i gruppe 3, og fratrer \nmøtet fram til behandling av søknader i gruppe 4.",
        ["Følgende medlemmer er inhabile og fratrer møtet når søknadene diskuteres i \nporteføljestyret: Ole A. "
         "Andreassen, Annica Øygard, Frode Strisland og Tove Klæboe \nNilsen.",
         "Eirik Abildsnes og Tone Frost Bathen er inhabile for søknader i gruppe 3, og fratrer \nmøtet fram til "
         "behandling av søknader i gruppe 4."],
    ),
    (
        " Sak 54/24: Bevilgning av forprosjekter Pilot Helse [U.off. § 14] \n\nFølgende medlemmer er inhabile.",
        ["Sak 54/24: Bevilgning av forprosjekter Pilot Helse [U.off. § 14]", "Følgende medlemmer er inhabile."],
    ),
    (
        "For utlysningen av Pilot Helse-forprosjekter vedtar porteføljestyret følgende:    \n28 søknader med "
        "relevanskarakter under 5,0 avslås en bloc. Dette gjelder søknadene \n355815, 355929 og \n356105.",
        ["For utlysningen av Pilot Helse-forprosjekter vedtar porteføljestyret følgende:",
         "28 søknader med relevanskarakter under 5,0 avslås en bloc.",
         "Dette gjelder søknadene \n355815, 355929 og \n356105."],
    ),
    (
        "Dette gjelder søknadene 355151 og 355835.  \n\n \n\n15 søknader med gjennomsnittskarakter tildeles støtte.",
        ["Dette gjelder søknadene 355151 og 355835.", "15 søknader med gjennomsnittskarakter tildeles støtte."],
    ),
    (
        "- Minst ett prosjekt er forbeholdt relevans for kreftområdet. Av søknadene med \nsærlig høy relevans "
        "innvilges 355421 pga. høy karakter fra \nekspertpanelet. Søknad 355170 settes på reserveliste, søknad "
        "355204 avslås \npga. lavere karakter. \n\n- Det er et mål å dekke bredden i utlysningen.",
        ["- Minst ett prosjekt er forbeholdt relevans for kreftområdet.",
         "Av søknadene med \nsærlig høy relevans innvilges 355421 pga. høy karakter fra \nekspertpanelet.",
         "Søknad 355170 settes på reserveliste, søknad 355204 avslås \npga. lavere karakter.",
         "- Det er et mål å dekke bredden i utlysningen."],
    ),
    (
        "Administrasjonen orienterte om følgende:  \n\n• Arbeidet med porteføljeplaner, generelt  \n\n• Regjeringens "
        "forslag til statsbudsjett 2025 for Forskningsrådet, inkl. helse   \n• Bevilgning av prosjekter",
        ["Administrasjonen orienterte om følgende:", "• Arbeidet med porteføljeplaner, generelt",
         "• Regjeringens forslag til statsbudsjett 2025 for Forskningsrådet, inkl. helse",
         "• Bevilgning av prosjekter"],
    ),
    (
        "1. Søknader med gjennomsnittskarakter fra ekspertpanel under 5,0 og \nsøknader med en delkarakter lik 4,0 "
        "eller lavere skal ikke \nrelevansvurderes, og avslås en bloc.  \n2. Dersom omsøkt beløp er mer enn tre "
        "ganger tilgjengelig budsjett \nheves terskelverdien.\n3) Innstillingen vil være basert på karakterene.",
        ["1. Søknader med gjennomsnittskarakter fra ekspertpanel under 5,0 og \nsøknader med en delkarakter lik 4,0 "
         "eller lavere skal ikke \nrelevansvurderes, og avslås en bloc.",
         "2. Dersom omsøkt beløp er mer enn tre ganger tilgjengelig budsjett \nheves terskelverdien.",
         "3) Innstillingen vil være basert på karakterene."],
    ),
    (
        "Møteprotokollen fra porteføljestyremøte 2. desember 2024 (møte 6/24) ble godkjent. Kl. 10:00 – 16:00 i "
        "Møterom Hassel. Det ble jfr. Meld. St. 18 (2018–2019) Helsenæringen. Ca. 80 deltakere, dvs. Alle.",
        ["Møteprotokollen fra porteføljestyremøte 2. desember 2024 (møte 6/24) ble godkjent.",
         "Kl. 10:00 – 16:00 i Møterom Hassel.",
         "Det ble jfr. Meld. St. 18 (2018–2019) Helsenæringen.",
         "Ca. 80 deltakere, dvs. Alle."],
    ),
    (
        "Siden porteføljestyreleder Ole A. Andreassen er inhabil er Sameline Grimsgaard \noppnevnt som "
        "settestyreleder under behandling av saken. Ingen medlemmer er inhabile for øvrige saker.",
        ["Siden porteføljestyreleder Ole A. Andreassen er inhabil er Sameline Grimsgaard \noppnevnt som "
         "settestyreleder under behandling av saken.", "Ingen medlemmer er inhabile for øvrige saker."],
    ),
    ("", []),
]


@pytest.mark.parametrize(("text", "expected"), SENTENCE_CASES)
def test_sentences(text, expected):
    got = sentences(text)
    assert [s for s, _, _ in got] == expected
    assert all(text[start:end] == s for s, start, end in got)


def test_person_names_of_the_seed_book(seed_book):
    names = person_names(seed_book)
    members = ["Ole A. Andreassen", "Annica Øygard", "Dawit Shawel Abebe", "Eirik Abildsnes", "Eric Breit",
               "Frode Strisland", "Joakim Sundnes", "Marte Kvittum Tangen", "Ole Jesper Dahlberg",
               "Sameline Grimsgaard", "Susanna Siri", "Tone Frost Bathen", "Tove Klæboe Nilsen", "Oddrun Samdal"]
    others = ["Marianne van der Wel", "Bettina Husebø", "Sissel Lorck", "Anne Kjersti Fahlvik", "Ole Johan Borge",
              "Alexandra Bjørk-Skaflestad", "Torbjørg Øyslebø", "Tine Thorbjørnsen", "Siv Øverås", "Anila Nauni"]
    assert set(members + others) <= set(names)
    if "ner" not in get_nlp().pipe_names:  # the rule alone finds nothing else in the seed
        assert len(names) == len(members + others)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Følgende medlemmer er inhabile og fratrer møtet når søknadene diskuteres i \nporteføljestyret: Ole A. "
         "Andreassen, Annica Øygard, Frode Strisland og Tove Klæboe \nNilsen.",
         ["Ole A. Andreassen", "Annica Øygard", "Frode Strisland", "Tove Klæboe Nilsen"]),
        ("er professor Oddrun Samdal ved \nUniversitetet i Bergen og porteføljestyreleder", ["Oddrun Samdal"]),
        ("Porteføljestyret avslår en bloc søknad 349497 Kunstig Intelligens for mer nøyaktig", []),
        ("Transforming Health and Care Systems (THCS) og European Rare Diseases Research Alliance", []),
        ("For utlysningen av Pilot Helse-forprosjekter vedtar Porteføljestyret for helse følgende", []),
    ],
)
def test_person_names_rule(text, names):
    assert person_names(text) == names


def test_nlp_path_description_names_the_path():
    before = nlp_path_description()
    assert "entity_ruler" in before
    get_nlp()
    after = nlp_path_description()
    assert after == before or after.startswith(before.split(" + ")[0])
    if "ner" not in get_nlp().pipe_names:
        assert after == "rules (spacy.blank nb + entity_ruler)"


def _tiny_ner_model():
    """A real (untrained, initialised) spaCy NER pipeline: enough to check the wiring, not accuracy."""
    import spacy

    model = spacy.blank("nb")
    ner = model.add_pipe("ner")
    for label in ("PER", "ORG"):
        ner.add_label(label)
    model.initialize()
    model.meta["name"] = "tiny_ner"
    return model


def test_a_statistical_ner_goes_after_the_ruler_and_keeps_its_entities():
    from vedtak.nlp.pipeline import build_nlp

    nlp, description = build_nlp(_tiny_ner_model(), "tiny-ner 0.0.1")
    assert nlp.pipe_names == ["entity_ruler", "ner", "vedtak_person_filter"]
    assert description == "tiny-ner 0.0.1 + entity_ruler"
    doc = nlp("Sak PS-HELSE 05/25 om søknad 355815 på 150 mill. kroner")
    assert {("CASE_ID", "PS-HELSE 05/25"), ("APP_ID", "355815"), ("AMOUNT", "150 mill. kroner")} <= {
        (e.label_, e.text) for e in doc.ents
    }


@pytest.mark.parametrize(
    ("text", "kept"),
    [("Ole A. Andreassen", True), ("VEDTAK", False), ("Sak 12/24", False), ("BESLUTNINGSSAK", False),
     ("Tove Klæboe Nilsen", True)],
)
def test_person_filter_drops_digits_and_all_caps(nlp, text, kept):
    from spacy.tokens import Span

    doc = nlp.make_doc(text)
    doc.ents = [Span(doc, 0, len(doc), label="PER")]
    doc = nlp.get_pipe("vedtak_person_filter")(doc)
    assert bool(doc.ents) is kept


def test_sentences_across_blank_lines_inside_a_sentence():
    text = ("i styremøtene ble mål, prioriteringer og tiltak utviklet og konkretiser. Arbeidet med \n\n"
            "investeringsplan for 2025-2027 inkluderte allerede inngåtte internasjonale forpliktelser, og \n\n"
            "det ble tatt hensyn til behovet for forutsigbarhet.   \n\nOppfølging av Forskningsrådets strategi  \n\n"
            "o Dette kan gjøres ved å oppfordre kommuneklynger")
    assert [s for s, _, _ in sentences(text)] == [
        "i styremøtene ble mål, prioriteringer og tiltak utviklet og konkretiser.",
        "Arbeidet med \n\ninvesteringsplan for 2025-2027 inkluderte allerede inngåtte internasjonale "
        "forpliktelser, og \n\ndet ble tatt hensyn til behovet for forutsigbarhet.",
        "Oppfølging av Forskningsrådets strategi",
        "o Dette kan gjøres ved å oppfordre kommuneklynger",
    ]

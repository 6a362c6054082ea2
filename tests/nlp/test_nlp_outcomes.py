"""Outcome words through lemmas (simplemma), on decision sentences of the seed and nynorsk forms."""

import pytest

from vedtak.nlp.outcomes import lemma, outcome_of, outcome_spans
from vedtak.nlp.vocab import CaseType, DocumentKind, Outcome, Role, Stage

G, R, S = Outcome.GRANTED, Outcome.REJECTED, Outcome.RESERVE


@pytest.mark.parametrize(
    ("text", "outcome"),
    [
        # bokmål, seed sentences
        ("28 søknader med relevanskarakter under 5,0 avslås en bloc.", R),
        ("Søknadene 355702, 355991 og 355710 avslås.", R),
        ("15 søknader med gjennomsnittskarakter fra fagekspertene høyere enn 5,5 og relevanskarakter over 5,0 "
         "tildeles støtte.", G),
        ("Søknadene som tildeles støtte er 355681, 355960, 355655", G),
        ("Søknader med særlig høy gjennomsnittskarakter fra ekspertpanelet (6,0 eller høyere) og høy relevans "
         "innvilges.", G),
        ("Søknad 355170 settes på reserveliste", S),
        ("Søknad 355340 og 355272 settes \npå en rangert reserveliste.", S),
        ("Porteføljestyret avslår en bloc søknad 349497 Kunstig Intelligens", R),
        ("Vi legger saken frem for porteføljestyret og foreslås vedtatt avslått.", R),
        # inflections
        ("søknaden avslå", R), ("søknaden ble avslått", R), ("avslåtte søknader", R), ("styret avslo søknaden", R),
        ("avslag", R), ("innvilget", G), ("søknaden innvilges", G), ("bevilges", G), ("søknaden er bevilget", G),
        ("prosjektet får støtte", G), ("søknaden tildeles midler", G), ("satt på venteliste", S),
        ("plassert på reservelisten", S),
        # nynorsk
        ("søknadene vert innvilga", G), ("søknaden vert avslått", R), ("søknadene vert avslåtte", R),
        ("søknaden vert sett på reserveliste", S), ("prosjekta tildelast støtte", G), ("søknaden tildelast", G),
        ("søknaden vert sett på reservelista", S),
        # no outcome
        ("Bevilgning av forprosjekter Pilot Helse [U.off. § 14]", None),
        ("Samtlige vedtak om tildeling er betinget.", None),
        ("Nærmere beskrivelse finnes i avslagsbrevet til hver enkelt søker.", None),
        ("Søknaden skal ikke innvilges før revisjon.", None),
        ("Porteføljestyret godkjenner sakslisten.", None),
        ("", None),
    ],
)
def test_outcome_of(text, outcome):
    assert outcome_of(text) == outcome


def test_outcome_spans_two_outcomes_in_one_clause():
    text = "Av 12 søknader relevanskarakter over 5,0 tildeles ni støtte og tre avslås."
    assert [(o, text[s:e]) for o, s, e in outcome_spans(text)] == [(G, "tildeles ni støtte"), (R, "avslås")]


def test_outcome_spans_reserve_and_rejected():
    text = "Søknad 355170 settes på reserveliste, søknad 355204 avslås \npga. lavere karakter."
    assert [(o, text[s:e]) for o, s, e in outcome_spans(text)] == [(S, "settes på reserveliste"), (R, "avslås")]


def test_outcome_spans_keep_en_bloc():
    text = "83 søknader med gjennomsnittskarakter lavere enn 5,0, avslås en \nbloc."
    assert [(o, text[s:e]) for o, s, e in outcome_spans(text)] == [(R, "avslås en \nbloc")]


@pytest.mark.parametrize(("word", "lem"), [("avslås", "avslå"), ("avslått", "avslå"), ("innvilga", "innvilge"),
                                           ("reservelisten", "reserveliste")])
def test_lemma(word, lem):
    assert lemma(word) == lem


def test_vocabularies_are_the_record_strings():
    assert [o.value for o in Outcome] == ["granted", "rejected", "reserve"]
    assert [s.value for s in Stage] == ["proposed", "adopted"]
    assert [r.value for r in Role] == ["inhabile", "acting_chair", "substitute"]
    assert [c.value for c in CaseType] == ["decision", "information"]
    assert [k.value for k in DocumentKind] == ["case_papers", "minutes", "other"]
    assert Outcome("granted") is Outcome.GRANTED and f"{Outcome.RESERVE}" == "reserve"


@pytest.mark.parametrize(
    ("text", "outcome"),
    [
        ("Søknaden vil ikke bli innvilget.", R),
        ("søknaden vert ikkje innvilga", R),
        ("Søknad 123456 innvilges ikke.", R),
        ("Søknad 123456 får ikke støtte.", R),
        ("Søknad 123456 avslås ikke.", None),
        ("Vurdering av tverrfagligheten bør inngå i vurderingsgrunnlaget for innvilgelse av prosjektene.", None),
        ("Søknadene blir samlet i innstillingspakker med søknader som innstilles til bevilgning", None),
        ("satt på venteliste", S),
        ("Søknaden er plassert på en rangert reserveliste.", S),
    ],
)
def test_outcome_of_negation_and_nouns(text, outcome):
    assert outcome_of(text) == outcome

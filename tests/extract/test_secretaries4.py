"""Hand batch 4: ways of writing board papers that a colleague brought in this session, each rule tested on the real
strings vedtak misread at first contact.

Headings numbered as a Word document numbers them (`1 Forslag til vedtak`, `2 Bakgrunn`), a recommendation column
saying `Støttes` / `Støttes ikke` under `Tilrådning`, minutes that tell in running text how the administration's
proposal was amended, an appendix list and the approval closing the minutes after their last case, a vice-chair who
`leder møtet` in the present tense, and a meeting book whose agenda names the meeting whose minutes it approves."""

from __future__ import annotations

import pytest
from linemaker import lines_from

from vedtak.document import Document, Page
from vedtak.extract import extract_document
from vedtak.extractors.meetings import book_meeting
from vedtak.extractors.segment import _header_label
from vedtak.lexicon import ACTING_CHAIR, FORM_LABELS, FORM_START, cell_outcome, column_meaning, match_label, normalise_label
from vedtak.nlp.vocab import ColumnMeaning, Outcome
from vedtak.schema import validate_record


def _record(text: str) -> dict:
    page = Page(1, 595.0, 842.0, tuple(lines_from(text)))
    record = extract_document(Document("0" * 64, "test.pdf", (page,)), nlp_path="rules", use_ner=False).to_json()
    validate_record(record)
    return record


@pytest.mark.parametrize(("text", "label"), [
    ("1 Forslag til vedtak", "forslag til vedtak"),
    ("2 Bakgrunn", "bakgrunn"),
    ("3.1 Vurdering", "vurdering"),
    ("2. Bakgrunn:", "bakgrunn"),
    ("1000 kr", "1000 kr"),  # an amount column's header keeps its number
    ("11 900", "11 900"),
])
def test_a_headings_own_number_is_no_part_of_its_label(text: str, label: str):
    assert normalise_label(text) == label


def test_numbered_section_headings_end_the_proposal():
    assert match_label("2 Bakgrunn", FORM_LABELS).key == "background"
    assert FORM_START.match("1 Forslag til vedtak")


@pytest.mark.parametrize(("text", "opens"), [
    ("Forslag til vedtak", True),
    ("Forslag til vedtak: Porteføljestyret godkjenner sakslisten.", True),
    ("Administrasjonens forslag til vedtak", True),
    ("Forslag til vedtak fra administrasjonen", True),
    ("Administrasjonens forslag til vedtak ble vedtatt med følgende endring: søknad 320177 flyttes fra", False),
    ("Forslag til vedtak er lagt fram i saksdokumentene.", False),
])
def test_the_form_label_is_never_running_text(text: str, opens: bool):
    assert bool(FORM_START.match(text)) is opens


@pytest.mark.parametrize(("cell", "outcome"), [
    ("Støttes", Outcome.GRANTED), ("Støttes ikke", Outcome.REJECTED), ("Reserve 1", Outcome.RESERVE),
    ("Tilrådd ikkje", Outcome.REJECTED), ("Innvilges ikke prioritert", Outcome.REJECTED),
    ("Innvilget med redusert beløp", Outcome.GRANTED),
])
def test_a_recommendation_cell_negated_after_its_verb(cell: str, outcome: Outcome):
    assert cell_outcome(cell) == outcome


def test_tilradning_heads_an_outcome_column():
    assert column_meaning("Tilrådning") == ColumnMeaning.OUTCOME
    assert column_meaning("Administrasjonens tilrådning") == ColumnMeaning.OUTCOME


@pytest.mark.parametrize(("text", "label"), [
    ("Vedlegg", True), ("Vedlegg: 1. Panelvurderinger", True), ("Vedlegg 1. Protokoll fra møte 2/20", True),
    ("Vedlegg til protokollen", False),
])
def test_an_appendix_heading_of_minutes_is_no_header_label(text: str, label: bool):
    assert _header_label(text) is label


def test_the_acting_chair_in_the_present_tense():
    assert ACTING_CHAIR.search("Nestleder Randi Grøtterud leder møtet under behandlingen av sak 21/20.")
    assert not ACTING_CHAIR.search("Møteleder ønsket velkommen.")


MINUTES = """PROTOKOLL
fra møte i Porteføljestyret for arbeidsliv (PS-ARBEIDSLIV)
Møte nr.: 2/2021
Dato: 20. april 2021, kl. 09.00–14.30
Til stede: Tor Egil Viken (styreleder), Arild Sæle, Camilla Ottesen

Sak 11/21 Tildeling – Arbeidsliv og inkludering 2021 [U.off. § 14]
Kristoffer Lunde orienterte om søknadsbehandlingen og panelenes vurderinger.
Administrasjonens forslag til vedtak ble vedtatt med følgende endring: søknad 320177 flyttes fra
reservelisten og opp på listen over prosjekter som får midler.
Vedtak:
Søknadene 320105 og 320177 innvilges. Søknad 320181 settes på reserveliste.

Sak 12/21 Godkjenning av protokoll fra møte 1/21
Vedtak:
Protokollen er godkjent.

Sak 13/21 Eventuelt
Camilla Ottesen tok opp spørsmålet om styremøtene fortsatt skal holdes digitalt etter sommeren.

Vedlegg til protokollen
1. Presentasjon fra administrasjonen om søknadsbehandlingen
2. Oversikt over søknader med panelkarakterer

Protokollen er godkjent elektronisk av Tor Egil Viken (styreleder) og Arild Sæle (styremedlem).
"""


def test_minutes_that_tell_how_the_proposal_was_amended_and_close_with_an_appendix_list():
    record = _record(MINUTES)
    assert record["document"]["kind"] == "minutes"
    cases = {c["case_id"]: c for c in record["cases"]}
    assert cases["PS-ARBEIDSLIV 11/21"]["decision"].startswith("Søknadene 320105 og 320177 innvilges.")
    assert cases["PS-ARBEIDSLIV 12/21"]["decision"] == "Protokollen er godkjent."  # a decision, not the closing
    assert cases["PS-ARBEIDSLIV 13/21"]["title"] == "Eventuelt"
    assert cases["PS-ARBEIDSLIV 13/21"]["decision"] is None  # the appendix list is no decision of `Eventuelt`
    assert sorted((a["application_id"], a["outcome"], a["stage"]) for a in record["applications"]) == [
        ("320105", "granted", "adopted"), ("320177", "granted", "adopted"), ("320181", "reserve", "adopted")]


def test_a_book_cover_whose_agenda_names_the_meeting_whose_minutes_it_approves():
    cover = lines_from("""Innkalling til møte i Porteføljestyret for havbruk
Saksliste
PS-HAVBRUK 19/20 Habilitet
PS-HAVBRUK 20/20 Godkjent protokoll fra møte 2/20""")
    meeting = book_meeting(cover, ["Porteføljestyret for havbruk – møte 3/20"], [], "Porteføljestyret for havbruk", "PS-HAVBRUK")
    assert meeting.number == "3/20"

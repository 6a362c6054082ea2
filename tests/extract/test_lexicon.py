"""The lexicon over the real strings board papers print (bokmål and nynorsk)."""

from __future__ import annotations

import pytest

from linemaker import lines_from
from vedtak.extractors.fields import parse_fields
from vedtak.lexicon import (
    ATTENDANCE_LABELS, attendance_role, cell_outcome, column_meaning, decision_label_end, match_label, normalise_label,
)
from vedtak.nlp.vocab import AttendanceRole, ColumnMeaning, Outcome


@pytest.mark.parametrize("text, norm", [
    ("Vedtak (enstemmig):", "vedtak"),
    ("  Til stede  fra:", "til stede fra"),
    ("Forsknings- rådet", "forskningsrådet"),
    ("– Observatører:", "observatører"),
    ("OBSERVATØRAR", "observatørar"),
])
def test_normalise_label(text, norm):
    assert normalise_label(text) == norm


@pytest.mark.parametrize("line, rest", [
    ("Vedtak:", ""),
    ("Vedtak", ""),
    ("Vedtak (enstemmig):", ""),
    ("Vedtak (enstemmig): Søknadene innvilges.", "Søknadene innvilges."),
    ("Porteføljestyrets vedtak:", ""),
    ("Styrets vedtak: Saken tas til orientering.", "Saken tas til orientering."),
    ("Vedtak i saka:", ""),
    ("Beslutning:", ""),
])
def test_decision_labels(line, rest):
    end = decision_label_end(line)
    assert end is not None, line
    assert line[end:].strip(" :") == rest


@pytest.mark.parametrize("line", [
    "Forslag til vedtak", "Vedtaket ble fattet mot én stemme.", "Vedtak om tildeling ble fattet i møtet.",
    "Framlegg til vedtak:",
])
def test_not_decision_labels(line):
    assert decision_label_end(line) is None


@pytest.mark.parametrize("header, meaning", [
    ("Søknadsnr.", ColumnMeaning.APPLICATION_ID), ("Prosjektnummer", ColumnMeaning.APPLICATION_ID),
    ("Søknad", ColumnMeaning.APPLICATION_ID), ("Vedtak", ColumnMeaning.OUTCOME), ("Innstilling", ColumnMeaning.OUTCOME),
    ("Styrets vedtak", ColumnMeaning.OUTCOME), ("Anbefaling (AU)", ColumnMeaning.OUTCOME), ("Rangering", ColumnMeaning.RANK),
    ("Prosjekttittel", ColumnMeaning.TITLE), ("Medlem", ColumnMeaning.PERSON), ("Navn", ColumnMeaning.PERSON),
    ("Sak", ColumnMeaning.CASE), ("Grunnlag", ColumnMeaning.GROUND), ("Rolle", ColumnMeaning.ROLE),
    ("Søkt beløp", ColumnMeaning.AMOUNT), ("Søkerinstitusjon", ColumnMeaning.APPLICANT),
])
def test_column_meanings(header, meaning):
    assert column_meaning(header) == meaning


@pytest.mark.parametrize("header", ["Kommentar til administrasjonen", "Fase", ""])
def test_unknown_columns(header):
    assert column_meaning(header) is None


@pytest.mark.parametrize("cell, outcome", [
    ("Reserve", Outcome.RESERVE), ("Reserveliste", Outcome.RESERVE), ("Innvilget", Outcome.GRANTED),
    ("Innvilges", Outcome.GRANTED), ("Avslag", Outcome.REJECTED), ("Avslås (lav karakter)", Outcome.REJECTED),
    ("Settes på reserveliste", Outcome.RESERVE), ("vert innvilga", Outcome.GRANTED), ("Ja", Outcome.GRANTED),
])
def test_cell_outcomes(cell, outcome):
    assert cell_outcome(cell) == outcome


@pytest.mark.parametrize("cell, role", [
    ("Leder", AttendanceRole.CHAIR), ("Styreleiar", AttendanceRole.CHAIR), ("Medlem", AttendanceRole.PRESENT),
    ("Varamedlem", AttendanceRole.SUBSTITUTE), ("Settemedlem sak 55/24", AttendanceRole.SUBSTITUTE),
    ("Observatør", AttendanceRole.OBSERVER), ("Administrasjonen", AttendanceRole.STAFF),
    ("Områdedirektør", AttendanceRole.STAFF), ("Medlem (forfall)", AttendanceRole.ABSENT), ("Forfall", AttendanceRole.ABSENT),
])
def test_attendance_roles(cell, role):
    assert attendance_role(cell) == role


@pytest.mark.parametrize("label, key", [
    ("Til stede fra Forskningsrådet", "staff"), ("Frå Forskingsrådet", "staff"), ("Til stede", "present"),
    ("Til stades", "present"), ("Forfall", "absent"), ("Observatørar:", "observers"), ("Stad", "place"),
])
def test_attendance_labels(label, key):
    assert match_label(label, ATTENDANCE_LABELS).key == key


def test_staff_label_broken_over_two_lines_is_staff():
    """The seed's minutes of 6/24: `Til stede fra` / `Forskningsrådet` on two lines, staff below it."""
    lines = lines_from(
        "Til stede Ole A. Andreassen (leder)\nAnnica Øygard\n\nForfall Bettina Husebø\n\n"
        "Til stede fra\nForskningsrådet\n\nAnne Kjersti Fahlvik, Områdedirektør - Innovasjon i næringsliv og offentlig sektor\n"
        "Ole Johan Borge, avd. dir. Helse og offentlig sektor\n"
    )
    _, fields = parse_fields(lines, ATTENDANCE_LABELS)
    by_key = {f.key: [l.text for l in f.lines] for f in fields}
    assert by_key["present"] == ["Ole A. Andreassen (leder)", "Annica Øygard"]
    assert by_key["staff"][0].startswith("Anne Kjersti Fahlvik") and len(by_key["staff"]) == 2


@pytest.mark.parametrize(("sentence", "ranked"), [
    ("Settes på reserveliste i prioritert rekkefølge: 358761 og 357836", True),
    ("Vert førte opp på reservelista i prioritert rekkjefølgje: 343660 og 342036", True),
    ("Følgende søknader er rangert på reservelisten: 310788 og 311858", True),
    ("Settes på reserveliste: 357190", False),
    ("Søknadene er vurdert i den rekkefølgen de kom inn.", False),
])
def test_ranked_lists(sentence: str, ranked: bool):
    from vedtak.lexicon import RANKED

    assert (RANKED.search(sentence) is not None) is ranked


@pytest.mark.parametrize(("sentence", "inhabile", "acting", "substitute"), [
    ("Magnus Skjelbred fråtrådte under behandlinga av sak 04/26, då han er medsøkjar.", True, False, False),
    ("Liv Marit Aase erklærte seg inhabil i sak 36/22 og gjekk ut av møtet under behandlinga av saka.", True, False, False),
    ("Ola Brattbakk og Ane Kristine Lie forlot møtet under behandlingen av saken.", True, False, False),
    ("Arvid Sunde vart peika ut som setjeleiar under behandlinga av saka.", False, True, False),
    ("Nestleiar Sigrid Hope leia møtet under behandlinga av saka.", False, True, False),
    ("Siden porteføljestyreleder X er inhabil er Y oppnevnt som settestyreleder under behandling av saken.", True, True, False),
    ("Tormod Lie møtte som setjemedlem i sak 36/22.", False, False, True),
    ("Møteleder ønsket velkommen.", False, False, False),
    ("Kari Nordmann forlot møtet kl. 14.", False, False, False),
])
def test_conflict_vocabulary(sentence: str, inhabile: bool, acting: bool, substitute: bool):
    from vedtak.lexicon import ACTING_CHAIR, INHABILE, SUBSTITUTE

    assert (INHABILE.search(sentence) is not None, ACTING_CHAIR.search(sentence) is not None,
            SUBSTITUTE.search(sentence) is not None) == (inhabile, acting, substitute)


@pytest.mark.parametrize(("label", "key"), [
    ("Kvifor saka blir lagd fram no", "why"),
    ("Hvorfor saken fremmes til dette møtet", "why"),
    ("Møtande", "present"),
    ("Medlemmer til stede", "present"),
    ("Til stades frå Forskings\u2010 rådet", "staff"),
    ("Til stades frå Forskings\u00ad rådet", "staff"),
])
def test_more_label_wordings(label: str, key: str):
    from vedtak.lexicon import ATTENDANCE_LABELS, FORM_LABELS, match_label

    rule = match_label(label, FORM_LABELS + ATTENDANCE_LABELS)
    assert rule is not None and rule.key == key


@pytest.mark.parametrize(("lines", "names"), [
    (["Torunn Vikøren (leiar), Magnus Skjelbred, Kristin Mo Hjelle og", "Eivind Ulvestad."],
     ["Torunn Vikøren", "Magnus Skjelbred", "Kristin Mo Hjelle", "Eivind Ulvestad"]),
    (["Bente", "Sollie"], ["Bente Sollie"]),
    (["Kari Nordmann", "Per Olsen"], ["Kari Nordmann", "Per Olsen"]),
])
def test_attendees_over_wrapped_lines(lines: list[str], names: list[str]):
    from vedtak.extractors.people import attendees

    assert [name for name, _ in attendees(lines)] == names


@pytest.mark.parametrize(("text", "end"), [
    ("Styret fattet følgende vedtak: Søknadene innvilges.", 30),
    ("Styret gjorde følgjande vedtak:", 31),
    ("Porteføljestyret fattet slikt vedtak:", 37),
    ("Styret fattet vedtak om tildeling.", None),  # running text, no label
    ("Forslag til vedtak:", None),
])
def test_decision_label_in_sentence_form(text: str, end: int | None):
    from vedtak.lexicon import decision_label_end

    assert decision_label_end(text) == end

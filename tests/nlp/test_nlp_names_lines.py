"""Person names and line joining, on the roster and titles of the seed meeting book."""

import pytest

from vedtak.nlp.joining import dehyphenate_join
from vedtak.nlp.names import clean_person_name, person_key


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Ole A. Andreassen (leder)", "Ole A. Andreassen"),
        ("Ole A. Andreassen (leiar)", "Ole A. Andreassen"),
        ("Tove Klæboe Nilsen (PS-Forskningssystemet)  ", "Tove Klæboe Nilsen"),
        ("Oddrun Samdal, settemedlem sak 55/24", "Oddrun Samdal"),
        ("professor Oddrun Samdal ved Universitetet i Bergen", "Oddrun Samdal"),
        ("prof. dr. Oddrun Samdal", "Oddrun Samdal"),
        ("styreleder Ole A. Andreassen", "Ole A. Andreassen"),
        ("Marianne van der Wel, Helse- og omsorgsdepartementet (HOD)", "Marianne van der Wel"),
        ("Sissel Lorck, Arbeids- og inkluderingsdepartementet (AID)", "Sissel Lorck"),
        ("Anne Kjersti Fahlvik, Områdedirektør - Innovasjon i næringsliv og offentlig sektor", "Anne Kjersti Fahlvik"),
        ("Ole Johan Borge, avd. dir. Helse og offentlig sektor", "Ole Johan Borge"),
        ("Alexandra Bjørk-Skaflestad, Helse og offentlig sektor", "Alexandra Bjørk-Skaflestad"),
        ("Tine Thorbjørnsen, Helse og offentlig sektor (Sak PS-HELSE 51/24 og 54/24)", "Tine Thorbjørnsen"),
        ("Områdedirektør \nAnne Kjersti Fahlvik", "Anne Kjersti Fahlvik"),
        ("Dawit Shawel Abebe", "Dawit Shawel Abebe"),
        ("Torbjørg Øyslebø", "Torbjørg Øyslebø"),
        ("• Eirik Abildsnes.", "Eirik Abildsnes"),
        ("A. Andreassen", "A. Andreassen"),
        # not a full personal name
        ("Torbjørg", None),
        ("BESLUTNINGSSAK", None),
        ("OLE HANSEN", None),
        ("porteføljestyret for helse", None),
        ("Sak PS-HELSE 54/24", None),
        ("Pilot Helse", None),
        ("Ole A.", None),
        ("12 34", None),
        ("", None),
    ],
)
def test_clean_person_name(text, name):
    assert clean_person_name(text) == name


def test_person_key_links_spellings():
    assert person_key("Ole  A.\nAndreassen") == person_key("ole a. andreassen") == "ole a. andreassen"
    assert person_key("Tove Klæboe Nilsen") == person_key("Tove Klæboe Nilsen")  # NFD vs NFC


@pytest.mark.parametrize(
    ("lines", "joined"),
    [
        (["Bevilgning av forpros-", "jekter Pilot Helse"], "Bevilgning av forprosjekter Pilot Helse"),
        (["Bevilgning av søknader til utlysningen om bærekraft i de kommunale helse- ",
          "og omsorgstjenester [U.off. § 14]"],
         "Bevilgning av søknader til utlysningen om bærekraft i de kommunale helse- og omsorgstjenester [U.off. § 14]"),
        (["Alexandra Bjørk-", "Skaflestad"], "Alexandra Bjørk-Skaflestad"),
        (["Helse-", "og omsorgsdepartementet"], "Helse- og omsorgsdepartementet"),
        (["forsknings- eller", "innovasjonsprosjekter"], "forsknings- eller innovasjonsprosjekter"),
        (["bærekraftige helse-,", "omsorgs- og velferdstjenester"], "bærekraftige helse-, omsorgs- og velferdstjenester"),
        (["Deltakelse i KSF-", "strukturen bør være en fordel"], "Deltakelse i KSF-strukturen bør være en fordel"),
        (["KS sitt innspill til 2025-", "ulysningen"], "KS sitt innspill til 2025-ulysningen"),
        (["investeringsplan for 2025-", "2027"], "investeringsplan for 2025-2027"),
        (["For utlysningen av Pilot Helse-", "forprosjekter vedtar"], "For utlysningen av Pilot Helse-forprosjekter vedtar"),
        (["Porteføljestyre-", "medlemmer som er inhabile"], "Porteføljestyremedlemmer som er inhabile"),
        (["Bærekraftige kommunale helse- og omsorgstjenester, utlysninger for 2025-", "2027 og prosedyre for 2025"],
         "Bærekraftige kommunale helse- og omsorgstjenester, utlysninger for 2025-2027 og prosedyre for 2025"),
        (["Innovasjonsprosjekt i offentlig sektor 2023, ", "", "behandling etter klage på avvisning. "],
         "Innovasjonsprosjekt i offentlig sektor 2023, behandling etter klage på avvisning."),
        (["Anne Kjersti Fahlvik, Områdedirektør -", "Innovasjon"], "Anne Kjersti Fahlvik, Områdedirektør - Innovasjon"),
        ([], ""),
    ],
)
def test_dehyphenate_join(lines, joined):
    assert dehyphenate_join(lines) == joined


@pytest.mark.parametrize(
    ("lines", "joined"),
    [
        (["Bevilgning av forpros\u00ad", "jekter"], "Bevilgning av forprosjekter"),
        (["Alexandra Bjørk\u2010", "Skaflestad"], "Alexandra Bjørk-Skaflestad"),
        (["ord " * 200 + "forpros-", "jekter"], ("ord " * 200).strip() + " forprosjekter"),
    ],
)
def test_dehyphenate_join_soft_hyphens_and_long_paragraphs(lines, joined):
    assert dehyphenate_join(lines) == joined

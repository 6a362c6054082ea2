"""Case ids and meeting numbers, on strings from the seed meeting book (Porteføljestyret for helse 1/25)."""

import pytest

from vedtak.nlp.ids import board_code_for, board_name_pattern, canonical_board_code, canonical_case_id, canonical_meeting_number, find_case_ids, find_meeting_numbers


@pytest.mark.parametrize(
    ("text", "default", "expected"),
    [
        ("PS-HELSE 01/25", None, "PS-HELSE 1/25"),
        ("Sak PS-HELSE 05/25", None, "PS-HELSE 5/25"),
        ("Sak PS-HELSE 2/25", None, "PS-HELSE 2/25"),
        ("PSHELSE 33/24", None, "PS-HELSE 33/24"),
        ("PS-HELSE 30-23", None, "PS-HELSE 30/23"),
        ("(Sak PS-HELSE 30-23).", None, "PS-HELSE 30/23"),
        ("sak 54/24", "PS-HELSE", "PS-HELSE 54/24"),
        ("Sak 54/24:", "PS-HELSE", "PS-HELSE 54/24"),
        ("54/24", "PS-HELSE", "PS-HELSE 54/24"),
        ("PS 44/24", "PS-HELSE", "PS-HELSE 44/24"),
        ("PS sak 44/24", "PS-HELSE", "PS-HELSE 44/24"),
        ("PS 44/24", "PSHELSE", "PS-HELSE 44/24"),
        ("PSKLIMA 3/24", None, "PS-KLIMA 3/24"),
        ("Sak PS-VELFERD 12/24", None, "PS-VELFERD 12/24"),
        ("PS-HAV 7/25", None, "PS-HAV 7/25"),
        ("PS-MULTEK 009/24", None, "PS-MULTEK 9/24"),
        ("PS-HELSE 6/2024", None, "PS-HELSE 6/24"),
        ("STYRE 12/24", None, "STYRE 12/24"),
        ("PS-KLIMA 4/25", "PS-HELSE", "PS-KLIMA 4/25"),
        # nothing to canonicalise
        ("sak 54/24", None, None),
        ("PS 44/24", None, None),
        ("PS-HELSE 0/25", None, None),
        ("PS-HELSE 00/25", None, None),
        ("PS-HELSE 6/3024", None, None),
        ("PS-HELSE 6/2", None, None),
        ("Godkjenning av sakslisten", "PS-HELSE", None),
        ("", "PS-HELSE", None),
    ],
)
def test_canonical_case_id(text, default, expected):
    assert canonical_case_id(text, default) == expected


@pytest.mark.parametrize(
    ("code", "expected"),
    [("PSHELSE", "PS-HELSE"), ("PS-helse", "PS-HELSE"), ("PS", None), ("", None), (None, None), ("STYRE", "STYRE")],
)
def test_canonical_board_code(code, expected):
    assert canonical_board_code(code) == expected


FIND_CASES = [
    # (text from the seed, default board, ids found in order)
    ("Sak PS-HELSE 01/25 \n\nGodkjenning av sakslisten", "PS-HELSE", ["PS-HELSE 1/25"]),
    ("fordelaktig på feltet fremover (sakene PS 44/24 og 45/24).", "PS-HELSE", ["PS-HELSE 44/24", "PS-HELSE 45/24"]),
    ("Tine Thorbjørnsen, Helse og offentlig sektor (Sak PS-HELSE 51/24 og 54/24)", "PS-HELSE",
     ["PS-HELSE 51/24", "PS-HELSE 54/24"]),
    ("porteføljestyre beslutte tildeling og avslag i sak 54/24 og 55/24.", "PS-HELSE",
     ["PS-HELSE 54/24", "PS-HELSE 55/24"]),
    (" Sak 54/24: Bevilgning av forprosjekter Pilot Helse [U.off. § 14]", "PS-HELSE", ["PS-HELSE 54/24"]),
    ("Porteføljestyret er tidligere orientert om partnerskapene (sak PSHELSE 33/24).", "PS-HELSE",
     ["PS-HELSE 33/24"]),
    ("iht. prosedyre for den aktuelle utlysningen (Sak PS-HELSE 30-23).", "PS-HELSE", ["PS-HELSE 30/23"]),
    ("I tråd med investeringsplanen 2025-2027 (PS sak 44/24), foreslår", "PS-HELSE", ["PS-HELSE 44/24"]),
    ("diskutert utlysningens innretning (sak PS \n23/24), blant annet", "PS-HELSE", ["PS-HELSE 23/24"]),
    ("sakene 44/24, 45/24 og 46/24 ble behandlet", "PS-KLIMA", ["PS-KLIMA 44/24", "PS-KLIMA 45/24", "PS-KLIMA 46/24"]),
    ("i sak STYRE 12/24, 13/24 og 14/24", None, ["STYRE 12/24", "STYRE 13/24", "STYRE 14/24"]),
    ("Orienteringssak 3/25 om porteføljeplanen", "PS-HAV", ["PS-HAV 3/25"]),
    # an explicit board is kept; the bare id after it inherits that board
    ("sakene PS-KLIMA 4/25 og 5/25", "PS-HELSE", ["PS-KLIMA 4/25", "PS-KLIMA 5/25"]),
    # not case ids: meeting numbers, dates, fractions, years, amounts
    ("Porteføljestyret tar godkjent møteprotokoll fra porteføljestyremøte 6/24 til orientering.", "PS-HELSE", []),
    ("porteføljestyremøte 2. desember 2024 (møte 6/24) ble godkjent", "PS-HELSE", []),
    ("1. Godkjent møteprotokoll \nfra møte PS-HELSE \n6/2024", "PS-HELSE", []),
    ("sakene som foreligger til behandling i \nmøte 1/2025.", "PS-HELSE", []),
    ("Møte nr. 3/24 i Porteføljestyret for hav", "PS-HAV", []),
    ("Dato 05.03.2025 Kl. 10:00 – 16:00, sendt ut 26.02.25, tildelt 2/12", "PS-HELSE", []),
    ("Hvert kriterium har en skala fra 1-7 der 7 er høyeste karakter; 3/4 av søknadene", "PS-HELSE", []),
    ("investeringsplan for helse 2025-2027 og 2026/27", "PS-HELSE", []),
    ("PS 44/24 uten styre", None, []),
]


@pytest.mark.parametrize(("text", "default", "expected"), FIND_CASES)
def test_find_case_ids(text, default, expected):
    assert [cid for cid, _, _ in find_case_ids(text, default)] == expected


def test_find_case_ids_spans_cover_the_id_not_the_case_word():
    text = "(sakene PS 44/24 og 45/24). Sak PS-HELSE 05/25"
    spans = [(cid, text[s:e]) for cid, s, e in find_case_ids(text, "PS-HELSE")]
    assert spans == [("PS-HELSE 44/24", "PS 44/24"), ("PS-HELSE 45/24", "45/24"), ("PS-HELSE 5/25", "PS-HELSE 05/25")]


def test_find_case_ids_on_the_seed_book(seed_book):
    """All 17 cases with a section, plus the references, and no meeting numbers."""
    found = {cid for cid, _, _ in find_case_ids(seed_book, "PS-HELSE")}
    sections = {f"PS-HELSE {n}/25" for n in range(1, 8)} | {f"PS-HELSE {n}/24" for n in range(49, 59)}
    assert sections <= found
    assert found - sections == {"PS-HELSE 44/24", "PS-HELSE 45/24", "PS-HELSE 33/24", "PS-HELSE 30/23", "PS-HELSE 23/24"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [("6/24", "6/24"), ("møte 6/2024", "6/24"), ("Møte 01/25", "1/25"), ("møte PS-HELSE 6/2024", "6/24"),
     ("Møte nr. 3/24", "3/24"), ("6/3024", None), ("0/24", None), ("møte", None), ("PS-HELSE 54/24 og mer", None)],
)
def test_canonical_meeting_number(text, expected):
    assert canonical_meeting_number(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Porteføljestyret for helse, møte 6/24", ["6/24"]),
        ("møteprotokoll fra porteføljestyremøte 5/24 til orientering", ["5/24"]),
        ("Det er ikke forventet inhabilitet i forbindelse med sakene som foreligger til behandling i \nmøte 1/2025.",
         ["1/25"]),
        ("Møte nr. 3/24", ["3/24"]),
        ("Godkjent møteprotokoll \nfra møte PS-HELSE \n6/2024", ["6/24"]),
        ("porteføljestyremøte 2. desember 2024 (møte 6/24)", ["6/24"]),
        ("sak 54/24 og PS-HELSE 55/24", []),
        ("Møteprotokoll", []),
    ],
)
def test_find_meeting_numbers(text, expected):
    assert [m for m, _, _ in find_meeting_numbers(text)] == expected


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Porteføljestyret for helse", "PS-HELSE"),
        ("Porteføljestyret for klima og polar", "PS-KLIMA"),
        ("Porteføljestyret for velferd og utdanning", "PS-VELFERD"),
        ("Porteføljestyret for hav", "PS-HAV"),
        ("Porteføljestyret for muliggjørende teknologier", "PS-MULTEK"),
        ("Porteføljestyret for naturvitenskap og teknologi", "PS-NATTEK"),
        ("Porteføljestyret for humaniora og samfunnsvitenskap", "PS-HUMSAM"),
        ("Porteføljestyret for livsvitenskap", "PS-LIVSVIT"),
        ("Porteføljestyret for energi, transport og lavutslipp", "PS-ENERGI"),
        ("Porteføljestyret for energi, transport og lågutslepp", "PS-ENERGI"),
        ("Porteføljestyret for humaniora og samfunnsvitskap", "PS-HUMSAM"),
        ("porteføljestyret for  helse.", "PS-HELSE"),
        ("helse", "PS-HELSE"),
        ("Porteføljestyret for bioøkonomi", "PS-BIOØKONOMI"),
        ("Porteføljestyret for samisk samfunn og kultur", "PS-SAMISK"),
        ("", None),
        ("Porteføljestyret for", None),
    ],
)
def test_board_code_for(name, code):
    assert board_code_for(name) == code


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Porteføljestyret for helse godkjenner innkalling og saksliste.", "helse"),
        ("Porteføljestyret for klima og polar, møte 3/24", "klima og polar"),
        ("Porteføljestyret for energi, transport og lavutslipp vedtar", "energi, transport og lavutslipp"),
        ("Rapportering fra porteføljestyret for helse til \nForskningsrådets styre", "helse"),
        ("Porteføljestyret for bioøkonomi vedtar følgende", "bioøkonomi"),
        ("porteføljestyreleder for velferd og utdanning", None),
        ("legges fram for porteføljestyret for vedtak", None),
    ],
)
def test_board_name_pattern(text, name):
    m = board_name_pattern().search(text)
    assert (m["name"] if m else None) == name

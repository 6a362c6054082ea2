"""Amounts, number words, dates and times, on strings from the seed meeting book."""

import datetime as dt

import pytest

from vedtak.nlp.amounts import find_amounts, parse_amount_nok, parse_number_word
from vedtak.nlp.dates import find_dates, parse_date, parse_time_range


@pytest.mark.parametrize(
    ("text", "nok"),
    [
        ("1 million kroner", 1_000_000),
        ("0,180 millioner kroner", 180_000),
        ("150 mill. kroner", 150_000_000),
        ("104 mil kr", 104_000_000),
        ("600 000 kroner", 600_000),
        ("2,5 mrd. kroner", 2_500_000_000),
        ("500 000 kr", 500_000),
        ("1,2 MNOK", 1_200_000),
        ("15 millionar kroner", 15_000_000),
        ("2 milliardar kroner", 2_000_000_000),
        ("kr 500 000", 500_000),
        ("NOK 1,2 mill.", 1_200_000),
        ("én million kroner", 1_000_000),
        ("Helse bidro med 15 millioner NOK til en samarbeidsutlysning", 15_000_000),
        ("*Helse bidro med 1 mill. NOK til en utlysning i Biodiversa.", 1_000_000),
        ("Forskningsrådet har tildelt 711 millioner kroner til 73 prosjekter", 711_000_000),
        ("Porteføljestyret har satt av 104 mill. kroner til utlysningen i 2025.", 104_000_000),
        ("på \n104 mil kr (2025)", 104_000_000),
        ("1.000.000 kr", 1_000_000),
        ("250 tusen kroner", 250_000),
        # not NOK amounts
        ("600 000 \nEuro", None),
        ("993 500 Euro", None),
        ("(beløp i mill.kr)", None),
        ("søknadene 355276, 355194 og 355284", None),
        ("27,9", None),
        ("", None),
    ],
)
def test_parse_amount_nok(text, nok):
    assert parse_amount_nok(text) == nok


def test_find_amounts_budget_cut_sentence():
    text = (
        "For å være innenfor rammen på 150 mill. kroner for utlysningen reduseres budsjettet \n"
        "for søknad 355421 med 1 million kroner, og med 0,180 millioner kroner for hver av \n"
        "søknadene 355276, 355194 og 355284."
    )
    found = [(nok, text[s:e]) for nok, s, e in find_amounts(text)]
    assert found == [
        (150_000_000, "150 mill. kroner"),
        (1_000_000, "1 million kroner"),
        (180_000, "0,180 millioner kroner"),
    ]


@pytest.mark.parametrize(
    ("token", "value"),
    [
        ("28", 28), ("Ni", 9), ("ni", 9), ("tre", 3), ("Fire", 4), ("en", 1), ("én", 1), ("ei", 1),
        ("ett", 1), ("eitt", 1), ("to", 2), ("fem", 5), ("seks", 6), ("sju", 7), ("syv", 7), ("åtte", 8),
        ("ti", 10), ("elleve", 11), ("tolv", 12), ("tretten", 13), ("fjorten", 14), ("femten", 15),
        ("seksten", 16), ("sytten", 17), ("atten", 18), ("nitten", 19), ("tjue", 20), ("tjuefem", 25),
        ("tjueåtte", 28), ("trettito", 32), ("førtien", 41), ("femti", 50), ("nittini", 99),
        ("femogtjue", 25), ("hundre", 100), ("TRE", 3), ("tre,", 3),
        ("søknader", None), ("", None), ("5,0", None),
    ],
)
def test_parse_number_word(token, value):
    assert parse_number_word(token) == value


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("05.03.2025", dt.date(2025, 3, 5)),
        ("Dato \n02.12.2024", dt.date(2024, 12, 2)),
        ("Innkalling til møte, saksliste og saksdokumenter ble sendt ut 26.02.25.", dt.date(2025, 2, 26)),
        ("Møteprotokollen fra porteføljestyremøte 2. desember 2024 (møte 6/24)", dt.date(2024, 12, 2)),
        ("2. des. 2024", dt.date(2024, 12, 2)),
        ("2. des 2024", dt.date(2024, 12, 2)),
        ("Godkjent porteføljeplan for helse, vedtatt i Styret 6. februar 2025", dt.date(2025, 2, 6)),
        ("1. Innspill til utlysning fra \nKS av 20.02.2025", dt.date(2025, 2, 20)),
        ("113 2.12.24 150", dt.date(2024, 12, 2)),
        ("17. mars 2025", dt.date(2025, 3, 17)),
        ("31. mai 2024", dt.date(2024, 5, 31)),
        ("3. okt. 2024", dt.date(2024, 10, 3)),
        ("1. januar 2025", dt.date(2025, 1, 1)),
        ("2025-03-05", dt.date(2025, 3, 5)),
        # not dates
        ("Miljøene er varslet om at årets utlysning vil ha frist 24. september.", None),
        ("møte 6/24", None),
        ("sak 54/24", None),
        ("2. kvartal 2026", None),
        ("31.02.2024", None),
        ("investeringsplan 2025-2027", None),
        ("Kl. 10:00 – 16:00", None),
    ],
)
def test_parse_date(text, date):
    assert parse_date(text) == date


def test_find_dates_in_a_table_row():
    text = "Bærekraftige kommunale helse- \nog omsorgstjenester \n18.09.24 113 2.12.24 150 10"
    assert [(d, text[s:e]) for d, s, e in find_dates(text)] == [
        (dt.date(2024, 9, 18), "18.09.24"),
        (dt.date(2024, 12, 2), "2.12.24"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kl. 10:00 – 16:00", "10:00–16:00"),
        ("kl. 09.00-15.30", "09:00–15:30"),
        ("Kl. 9:00 til 15:00", "09:00–15:00"),
        ("10:00 - 16:00", "10:00–16:00"),
        ("Kl. 10:00", "10:00"),
        ("gjennomsnittskarakter mellom 5,0 og 5,4", None),
        ("27.9 mill", None),
        ("", None),
    ],
)
def test_parse_time_range(text, expected):
    assert parse_time_range(text) == expected

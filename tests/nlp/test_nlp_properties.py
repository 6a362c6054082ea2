"""Hypothesis properties of the normalisers: case ids, amounts, dates, names."""

import datetime as dt
import json
import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from vedtak.nlp.amounts import parse_amount_nok
from vedtak.nlp.dates import parse_date
from vedtak.nlp.ids import canonical_case_id, canonical_meeting_number, find_case_ids
from vedtak.nlp.joining import dehyphenate_join
from vedtak.nlp.names import person_key

_SCHEMA = json.loads((Path(__file__).parents[2] / "vedtak" / "schema" / "record-v1.json").read_text("utf-8"))
CASE_ID_RE = re.compile(_SCHEMA["$defs"]["case_id"]["pattern"])
MEETING_RE = re.compile(_SCHEMA["$defs"]["meeting_number"]["pattern"])

boards = st.from_regex(r"PS-[A-ZÆØÅ]{3,9}", fullmatch=True)
numbers = st.integers(min_value=1, max_value=999)
years = st.integers(min_value=0, max_value=99)
MONTHS = ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober",
          "november", "desember"]


@given(boards, numbers, years, st.integers(min_value=0, max_value=2))
def test_case_id_zero_padding_and_dash_do_not_matter(board, number, year, pad):
    canonical = f"{board} {number}/{year:02d}"
    padded = f"{board} {number:0{len(str(number)) + pad}d}/{year:02d}"
    dashed = f"{board} {number}-{year:02d}"
    four_digit = f"{board} {number}/20{year:02d}"
    assert canonical_case_id(padded) == canonical_case_id(dashed) == canonical_case_id(four_digit) == canonical
    assert CASE_ID_RE.fullmatch(canonical)


@given(boards, numbers, years)
def test_case_id_is_idempotent(board, number, year):
    once = canonical_case_id(f"Sak {board} {number:03d}/{year:02d}")
    assert once is not None and canonical_case_id(once) == once


@given(boards, numbers, years)
def test_board_implied_ids_take_the_default_board(board, number, year):
    compact = board.replace("-", "")
    expected = f"{board} {number}/{year:02d}"
    assert canonical_case_id(f"sak {number}/{year:02d}", board) == expected
    assert canonical_case_id(f"PS {number}/{year:02d}", board) == expected
    assert canonical_case_id(f"{compact} {number}/{year:02d}") == expected


@given(boards, st.lists(st.tuples(numbers, years), min_size=1, max_size=5), st.sampled_from([", ", " og "]))
def test_listed_case_ids_all_found(board, ids, sep):
    written = [f"{n}/{y:02d}" for n, y in ids]
    text = f"(sakene {board} " + sep.join(written) + ")"
    found = [cid for cid, _, _ in find_case_ids(text)]
    assert found == [f"{board} {n}/{y:02d}" for n, y in ids]
    assert all(CASE_ID_RE.fullmatch(cid) for cid in found)


@given(st.integers(min_value=1, max_value=99), years, st.sampled_from(["møte", "porteføljestyremøte", "Møte nr."]))
def test_meeting_numbers_are_canonical_and_never_case_ids(number, year, word):
    text = f"{word} {number}/20{year:02d}"
    assert canonical_meeting_number(text) == f"{number}/{year:02d}"
    assert MEETING_RE.fullmatch(canonical_meeting_number(text))
    assert find_case_ids(text, "PS-HELSE") == []


@given(st.integers(min_value=0, max_value=999), st.integers(min_value=0, max_value=999),
       st.sampled_from(["millioner kroner", "mill. kroner", "millionar kroner", "mill. NOK", "mil kr"]))
def test_decimal_millions(whole, thousandths, unit):
    text = f"med {whole},{thousandths:03d} {unit} for hver av søknadene"
    assert parse_amount_nok(text) == whole * 1_000_000 + thousandths * 1_000


@given(st.integers(min_value=1, max_value=999), st.lists(st.integers(0, 999), min_size=0, max_size=2))
def test_grouped_kroner(head, groups):
    written = " ".join([str(head)] + [f"{g:03d}" for g in groups])
    assert parse_amount_nok(f"{written} kroner") == int(written.replace(" ", ""))


@settings(max_examples=200, deadline=None)  # the first call loads dateparser (~1.5 s): no wall-clock limit in tests
@given(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2068, 12, 31)))
def test_dates_round_trip(d):
    assert parse_date(f"{d.day:02d}.{d.month:02d}.{d.year}") == d
    assert parse_date(f"{d.day}.{d.month}.{d.year}") == d
    assert parse_date(f"{d.day}. {MONTHS[d.month - 1]} {d.year}") == d
    assert parse_date(f"{d.day}. {MONTHS[d.month - 1][:3]}. {d.year}") == d
    if 2000 <= d.year <= 2068:  # two-digit years: dateparser's century window
        assert parse_date(f"{d.day:02d}.{d.month:02d}.{d.year % 100:02d}") == d


@given(st.lists(st.from_regex(r"[a-zæøå]{2,8}", fullmatch=True), min_size=1, max_size=6))
def test_dehyphenate_join_without_hyphens_is_a_plain_join(words):
    assert dehyphenate_join(words) == " ".join(words)


@given(st.from_regex(r"[a-zæøå]{3,8}", fullmatch=True), st.from_regex(r"[a-zæøå]{3,8}", fullmatch=True))
def test_dehyphenate_join_mends_lowercase_breaks(head, tail):
    if tail in {"og", "eller", "samt", "til", "enn", "men"}:
        return
    assert dehyphenate_join([f"Det gjelder {head}-", f"{tail} her"]) == f"Det gjelder {head}{tail} her"


@given(st.text(alphabet="Ole A.Andreasn \n\tÆØÅæøå", max_size=30))
def test_person_key_is_stable(name):
    assert person_key(person_key(name)) == person_key(name)
    assert "  " not in person_key(name)

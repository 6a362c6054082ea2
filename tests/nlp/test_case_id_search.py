"""`find_case_ids` tries its regex only near running numbers: it must find exactly what a scan of every
character (`_CASE_ID_RE.finditer`) finds."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from vedtak.nlp.ids import _CASE_ID_RE, _case_id_matches, find_case_ids

PIECES = ["Sak", "sak", "saken", "sakene", "orienteringssak", "saksnr.", "nr.", "Saksnummer", "PS-HELSE", "PSHELSE",
          "PS", "STYRE", "møte", "54/24", "05/25", "30-23", "6/2024", "0054/24", "1/2", "12/345", "2.12.2024", "og",
          "eller", ",", ".", "(", ")", ":", "-", "–", "Porteføljestyret", "vedtok", "x", "ñsak", " ", "  ", "\n", "\u00a0"]


def spans(matches) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in matches]


@pytest.mark.parametrize("text", [
    "Porteføljestyret viser til sak 54/24 og sakene PS 44/24 og 45/24.",
    "Saken ble behandlet i møte PS-HELSE 6/2024 (Sak PS-HELSE 51/24 og 54/24).",
    "Se saksnr. PS-HELSE sak 05/25, orienteringssak 7/25 og sak STYRE 12/24.",
    "Sak   nr.  PS-HELSE   sak   54/24 står fire mellomrom fra tallet",
    "Lang tekst uten saksnummer, men med 2.12.2024 og 1/2 kake." * 40 + " sak 3/25",
])
def test_same_matches_as_a_full_scan(text: str) -> None:
    assert spans(_case_id_matches(text)) == spans(_CASE_ID_RE.finditer(text))


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30).map(lambda parts: " ".join(parts)),
       st.lists(st.sampled_from(PIECES), max_size=30).map("".join))
def test_same_matches_on_generated_text(spaced: str, glued: str) -> None:
    for text in (spaced, glued):
        assert spans(_case_id_matches(text)) == spans(_CASE_ID_RE.finditer(text))


def test_find_case_ids_examples() -> None:
    assert [cid for cid, _, _ in find_case_ids("sakene PS 44/24 og 45/24", "PS-HELSE")] == ["PS-HELSE 44/24", "PS-HELSE 45/24"]
    assert find_case_ids("møte PS-HELSE 6/2024 og 2.12.2024") == []

"""Whitespace folding: `_fold_ws` is the regex rule `\\s+` -> one space, stripped, written with `str.split`."""

from __future__ import annotations

import re
import sys

import pytest
from hypothesis import given, strategies as st

from vedtak.nlp.chars import _fold_ws

REGEX_RULE = re.compile(r"\s+")


@pytest.mark.parametrize(("text", "folded"), [
    (" Forslag\t til  vedtak ", "Forslag til vedtak"),
    ("Porteføljestyret\u00a0for helse", "Porteføljestyret for helse"),  # no-break space, as PDFs print it
    ("helse-\n og omsorg", "helse- og omsorg"),
    ("\u2003Sak PS-HELSE 54/24\u2009", "Sak PS-HELSE 54/24"),
    ("", ""),
    (" \n\t ", ""),
])
def test_fold_ws_examples(text: str, folded: str) -> None:
    assert _fold_ws(text) == folded


def test_split_and_regex_agree_on_every_code_point() -> None:
    """What makes `str.split()` a faithful stand-in for the regex: the same characters are whitespace."""
    space = re.compile(r"\s")
    differ = [hex(c) for c in range(sys.maxunicode + 1) if bool(space.match(chr(c))) != chr(c).isspace()]
    assert differ == []


@given(st.text(alphabet=st.sampled_from(["a", "Ø", " ", "\t", "\n", "\u00a0", "\u2009", "\u3000", "\x1c", "\x85", "-"])))
def test_fold_ws_is_the_regex_rule(text: str) -> None:
    assert _fold_ws(text) == REGEX_RULE.sub(" ", text).strip()

"""`guarded` patterns find exactly what the patterns they guard find: the lexicon's conflict words, the
language words of vedtak.extract, over real minutes' sentences, case-folded letters and random text."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vedtak.extract import BOKMAL, NYNORSK
from vedtak.lexicon import ACTING_CHAIR, INHABILE, SUBSTITUTE
from vedtak.nlp.prefilter import guarded

PATTERNS = {"INHABILE": INHABILE, "ACTING_CHAIR": ACTING_CHAIR, "SUBSTITUTE": SUBSTITUTE}

SENTENCES = [
    "Kari Nordmann er inhabil i sak 12/25 og fratrådte under behandlingen.",
    "Marte Lund Grini erklærte seg inhabil og forlot møtet under behandlingen av saka.",
    "Magnus Skjelbred fråtrådte under behandlinga av sak 04/26.",
    "Nestleiar Sigrid Hope leia møtet under behandlinga av saka.",
    "Siden porteføljestyreleder Ola Hansen er inhabil, er Eva Berg oppnevnt som settestyreleder.",
    "Arvid Sunde vart peika ut som setjeleiar under behandlinga av saka.",
    "Per Olsen møtte som setjemedlem i sak 36/22.",
    "Ingen av medlemmene var inhabile i noen av sakene.",
    "Porteføljestyret tar informasjonen til orientering.",
    "FUNGERENDE STYRELEDER: KARI NORDMANN. UGILD: OLA HANSEN.",
    "Deltok ikkje i behandlinga: Ivar Aasen.",
    "ſettemedlem, İNHABIL, KARI (K is a Kelvin sign): letters that fold to s, i and k",
    "",
]


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_lexicon_patterns_get_a_guard(name: str) -> None:
    """Each conflict pattern opens with known letters, so it is given its lookahead."""
    pattern = PATTERNS[name]
    assert guarded(pattern).pattern.startswith("(?=[") and guarded(pattern) is not pattern


@pytest.mark.parametrize("text", SENTENCES)
@pytest.mark.parametrize("pattern", [INHABILE, ACTING_CHAIR, SUBSTITUTE], ids=["INHABILE", "ACTING_CHAIR", "SUBSTITUTE"])
def test_guarded_finds_the_same(pattern: re.Pattern[str], text: str) -> None:
    g = guarded(pattern)
    assert [m.span() for m in g.finditer(text)] == [m.span() for m in pattern.finditer(text)]


@pytest.mark.parametrize("text", [
    "Søknadene vert innvilga. Møtet vart leia av Kari.", "SØKNADENE VERT INNVILGA, òg dei andre",
    "Søknaden innvilges. Møtet ble ledet av Kari Nordmann.", "saksbehandler/sakshandsamar: Ola", "KVA MED ſTEDE OG İKKE",
])
@pytest.mark.parametrize("pattern", [NYNORSK, BOKMAL], ids=["NYNORSK", "BOKMAL"])
def test_language_words_are_guarded_and_find_the_same(pattern: re.Pattern[str], text: str) -> None:
    assert pattern.pattern.startswith("(?=[")
    plain = re.compile(pattern.pattern.split(")", 1)[1], pattern.flags)  # the pattern without its lookahead
    assert pattern.findall(text) == plain.findall(text)


@pytest.mark.parametrize("source", [r"\w+", r"(?i:sak)\s+\d+", r"a*", r".+?x", r"(?x) a b", r"[^a]b"])
def test_unknown_first_characters_leave_the_pattern_as_it_is(source: str) -> None:
    """A class like `\\w` or `.` first, a group with its own flags, a match that may be empty: no guard."""
    pattern = re.compile(source)
    assert guarded(pattern) is pattern


PIECES = ["inhabil", "inhabile", "ugild", "fratrådte", "fråtredde", "forlot møtet under", "leia møtet", "ledet møtet",
          "oppnevnt som", "utpekt til", "settestyreleder", "setjeleiar", "fungerende", "styreleder", "settemedlem",
          "som setjemedlem", "vert", "ikkje", "søknadene vert", "møtet vart", "ble", "også", "de", "hva",
          " ", "  ", "\n", ".", ",", "-", "x", "s", "İ", "ſ", "K", "I", "Ø", "å", "ò"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(PIECES), st.text(alphabet="abdefgiklmnoprstuvåæøòéſİKIS \n.-", max_size=6)),
                max_size=40).map("".join))
def test_guarded_finds_the_same_in_any_text(text: str) -> None:
    """Pieces of the words each pattern looks for, folded letters and noise, in any order."""
    for pattern in (INHABILE, ACTING_CHAIR, SUBSTITUTE, NYNORSK, BOKMAL):
        g = guarded(pattern)
        assert [m.span() for m in g.finditer(text)] == [m.span() for m in pattern.finditer(text)]

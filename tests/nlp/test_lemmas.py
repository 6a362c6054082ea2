"""simplemma's dictionaries through vedtak's cache: the same dictionary and the same lemmas as
simplemma's own decoding, whatever state the cache is in."""

from __future__ import annotations

from pathlib import Path

import pytest
import simplemma
from simplemma.strategies.dictionaries import dictionary_factory

from vedtak.nlp import lemmas
from vedtak.nlp.outcomes import lemma


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("VEDTAK_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


@pytest.mark.parametrize("lang", lemmas.LANGS)
def test_cached_dictionary_is_simplemmas(cache, lang):
    reference = dictionary_factory._load_dictionary_from_disk(lang)
    first = lemmas.decoded_dictionary(lang)  # decoded, then written
    files = list(cache.glob(f"simplemma-*-{lang}-*.marshal"))
    assert len(files) == 1
    second = lemmas.decoded_dictionary(lang)  # read from the cache
    assert first == reference
    assert second == reference


def test_a_damaged_cache_is_decoded_again_and_replaced(cache):
    lemmas.decoded_dictionary("nn")
    (path,) = cache.glob("simplemma-*-nn-*.marshal")
    path.write_bytes(path.read_bytes()[: 1000])  # truncated, as by a full disk
    assert lemmas.decoded_dictionary("nn") == dictionary_factory._load_dictionary_from_disk("nn")
    assert lemmas.decoded_dictionary("nn") == dictionary_factory._load_dictionary_from_disk("nn")
    assert path.stat().st_size > 1000


def test_an_unwritable_cache_directory_still_gives_the_dictionary(tmp_path, monkeypatch):
    blocked = tmp_path / "file-not-dir"
    blocked.write_text("x")
    monkeypatch.setenv("VEDTAK_CACHE_DIR", str(blocked / "cache"))
    assert lemmas.decoded_dictionary("nn") == dictionary_factory._load_dictionary_from_disk("nn")
    assert not list(tmp_path.glob("**/*.tmp"))


def test_no_half_written_cache_file_is_left(cache):
    lemmas.decoded_dictionary("nn")
    assert [p.suffix for p in cache.iterdir()] == [".marshal"]


# Words of the seed papers and the outcome vocabulary, bokmål and nynorsk.
WORDS = ("Søknadene avslås innvilges innvilget innvilga bevilges tildeles tildelast reserveliste ventelista "
         "porteføljestyret styret vedtaket vedtaka møtet møteprotokoll saksfremlegg habilitet inhabil "
         "forvaltningsloven søkerne prosjektene prosjekta budsjettet kuttes reduseres avslegen vert "
         "ikkje søknadane tilrådingar forslag Forskningsrådet").split()


def test_lemmas_are_simplemmas():
    for word in WORDS:
        folded = word.casefold()
        assert lemmas.lemmatize(folded) == simplemma.lemmatize(folded, lang=("nb", "nn")), word
        assert lemma(word) == simplemma.lemmatize(folded, lang=("nb", "nn")).casefold(), word
    assert lemma("avslås") == "avslå"
    assert lemma("Søknadene") == "søknad"


def test_cache_dir_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.delenv("VEDTAK_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert lemmas.cache_dir() == tmp_path / "vedtak"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert lemmas.cache_dir() == Path.home() / ".cache" / "vedtak"


@pytest.mark.parametrize(
    "word, known",
    [
        ("internasjonale", True), ("Internasjonale", True), ("Arktis", True), ("søknadene", True),
        ("intemasjonale", False), ("orientéring", False), ("Årktis", False),  # OCR's misreadings
        ("Kunnskapsdepartementet", True),  # nynorsk's dictionary has it
    ],
)
def test_is_word_form(word: str, known: bool):
    assert lemmas.is_word_form(word) is known

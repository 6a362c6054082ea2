"""Lemmas through simplemma, with its dictionaries decoded once per installation, not once per process.

simplemma ships each language's dictionary lzma-compressed and front-coded; decoding bokmål
(640,000 forms) takes ~0.4 s of every process that lemmatises its first word, i.e. of every
`vedtak ingest` worker's start. The decoded dictionary (a plain `dict[bytes, bytes]`) is kept in
vedtak's cache directory in `marshal` form (~14 MB for bokmål), which loads in ~0.1 s. The cache
is only a copy: it is keyed by simplemma's version, the dictionary file's size and mtime and the
Python version; a missing, stale, unreadable or unwritable cache means simplemma's own decoding,
with the same lemmas (tests/nlp check both paths give the same dictionary).

Cache directory: `$VEDTAK_CACHE_DIR`, else `$XDG_CACHE_HOME/vedtak`, else `~/.cache/vedtak`.
"""

from __future__ import annotations

import functools
import marshal
import os
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path

LANGS = ("nb", "nn")  # bokmål first, then nynorsk


def cache_dir() -> Path:
    """Where vedtak keeps derived files it can always rebuild."""
    if os.environ.get("VEDTAK_CACHE_DIR"):
        return Path(os.environ["VEDTAK_CACHE_DIR"]).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base).expanduser() / "vedtak"


def _cache_path(lang: str) -> Path | None:
    """The cache file of `lang`'s dictionary, named after what it was decoded from."""
    import simplemma
    from simplemma.strategies.dictionaries import dictionary_factory

    try:
        stat = (dictionary_factory.DATA_FOLDER / f"{lang}.plzma").stat()
    except OSError:
        return None
    version = getattr(simplemma, "__version__", "0")
    py = f"py{sys.version_info[0]}{sys.version_info[1]}"
    return cache_dir() / f"simplemma-{version}-{lang}-{stat.st_size}-{int(stat.st_mtime)}-{py}.marshal"


def decoded_dictionary(lang: str) -> dict[bytes, bytes]:
    """simplemma's dictionary for `lang` as `dict[bytes, bytes]`: from the cache, else decoded (and cached)."""
    from simplemma.strategies.dictionaries import dictionary_factory

    path = _cache_path(lang)
    if path is not None:
        try:
            data = marshal.loads(path.read_bytes())  # (marshal.load on a file reads it in small pieces: 4x slower)
            if isinstance(data, dict):
                return data
        except (OSError, EOFError, ValueError, TypeError):
            pass
    data = dictionary_factory._load_dictionary_from_disk(lang)
    if path is not None:
        _write_atomically(path, data)
    return data


def _write_atomically(path: Path, data: dict[bytes, bytes]) -> None:
    """Write the cache file whole or not at all (a concurrent writer or reader never sees half of it)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                marshal.dump(data, fh)
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
    except OSError:
        pass  # a read-only home: decode every time, as simplemma does


@functools.cache
def _lemmatizer():
    from simplemma import Lemmatizer
    from simplemma.strategies import DefaultStrategy
    from simplemma.strategies.dictionaries.dictionary_factory import (
        CachingDictionaryFactory,
        MappingStrToByteString,
    )

    class CachedDictionaries(CachingDictionaryFactory):
        def _get_dictionary_uncached(self, lang: str) -> Mapping[str, str]:
            return MappingStrToByteString(decoded_dictionary(lang))

    # the same lemmatizer as simplemma.lemmatize(word, lang) (greedy=False), over the cached dictionaries
    return Lemmatizer(lemmatization_strategy=DefaultStrategy(dictionary_factory=CachedDictionaries()))


def lemmatize(word: str, lang: str | tuple[str, ...] = LANGS) -> str:
    """simplemma's lemma of `word` (bokmål first, then nynorsk)."""
    return _lemmatizer().lemmatize(word, lang=lang)


def is_word_form(word: str, lang: str | tuple[str, ...] = LANGS) -> bool:
    """Whether `word`, as written or in small letters, is a form in the dictionaries `lemmatize` reads
    (`internasjonale`, `Arktis`; not `intemasjonale`). No second copy of them is loaded."""
    strategy = _lemmatizer()._lemmatization_strategy
    langs = (lang,) if isinstance(lang, str) else lang
    return any(strategy.is_dictionary_member(w, code) for w in dict.fromkeys((word, word.lower())) for code in langs)


def load_dictionaries() -> None:
    """Load every language's dictionary now (each is otherwise read on its first use)."""
    for lang in LANGS:
        _lemmatizer().lemmatize("søknad", lang=lang)

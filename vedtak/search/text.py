"""Tokens, lemmas and highlighted snippets for search (pure functions, no database).

Indexing and querying both go through `lemma_of`, so an inflected query word finds the other
inflections of the same lemma: `avslått` -> `avslå` <- `avslås`, `søknadene` -> `søknad`.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

# Letters and digits, as SQLite FTS5's unicode61 tokenizer sees a token (hyphen and `/` split).
TOKEN = re.compile(r"[^\W_]+")
MAX_QUERY_TERMS = 12
MAX_TERM_LENGTH = 60
# Norwegian writes compounds as one word (`forprosjekt` + `midler` -> `forprosjektmidler`). A query word
# of at least MIN_PREFIX letters also finds the words it begins: `forprosjekt` finds `forprosjekter` and
# `forprosjektmidler`. Shorter words match whole words only: `sak` must not find `sakkyndig`.
MIN_PREFIX = 6
NO_WORDS = ("søket har ingen ord å søke etter (bare tegn som «*» eller «^»); skriv minst ett ord eller tall "
            "/ the query has no words (letters or digits) to search for")


@lru_cache(maxsize=200_000)
def lemma_of(word: str) -> str:
    """Lemma of one word, casefolded (bokmål first, then nynorsk): `avslås` -> `avslå`, `355815` -> `355815`."""
    folded = word.casefold()
    if folded.isdigit() or len(folded) < 3:
        return folded
    from vedtak.nlp.outcomes import lemma

    return lemma(folded)


def tokens(text: str | None) -> list[str]:
    """The word tokens of a text, as written: `Søknad 355815 avslås.` -> [`Søknad`, `355815`, `avslås`]."""
    return TOKEN.findall(text or "")


def lemma_text(text: str | None) -> str:
    """The text as a space-separated string of lemmas (plus the surface form where it differs).

    `Søknadene avslås` -> `søknad søknadene avslå avslås`: the lemma makes inflections meet,
    the surface form keeps exact words findable when the lemmatiser is wrong.
    """
    out: list[str] = []
    for token in tokens(text):
        folded = token.casefold()
        base = lemma_of(token)
        out.append(base)
        if base != folded:
            out.append(folded)
    return " ".join(out)


@dataclass(frozen=True)
class Term:
    """One query word: as typed (casefolded) and its lemma."""

    surface: str
    lemma: str

    @property
    def prefix(self) -> bool:
        """Does the word also match as the first part of a compound? (letters only, MIN_PREFIX or more)"""
        return len(self.lemma) >= MIN_PREFIX and self.lemma.isalpha()

    def matches(self, word: str) -> bool:
        """Does a word of a text match this term? `forprosjektmidler` matches `forprosjekt`; `avslås`
        matches `avslått` through the lemma."""
        folded = word.casefold()
        if folded in (self.surface, self.lemma) or lemma_of(word) in (self.surface, self.lemma):
            return True
        return self.prefix and (folded.startswith(self.lemma) or folded.startswith(self.surface))


def has_words(query: str | None) -> bool:
    """Does a query hold anything to search for? `*`, `^`, `"" ` and the empty string do not (NO_WORDS)."""
    return bool(TOKEN.search(query or ""))


def query_terms(query: str | None) -> list[Term]:
    """Terms of a free-text query, deduplicated, at most MAX_QUERY_TERMS, each cut to MAX_TERM_LENGTH.

    Anything that is not a letter or digit is dropped, so `' OR 1=1 --` becomes the terms `or`, `1`, `1`.
    """
    seen: set[str] = set()
    terms: list[Term] = []
    for token in tokens(query):
        token = token[:MAX_TERM_LENGTH]
        folded = token.casefold()
        if folded in seen:
            continue
        seen.add(folded)
        terms.append(Term(folded, lemma_of(token)))
        if len(terms) == MAX_QUERY_TERMS:
            break
    return terms


def fts5_match(terms: Iterable[Term]) -> str:
    """An FTS5 MATCH expression: every term must occur, as its lemma or as typed, or (Term.prefix) as the
    first part of a word.

    [Term(`avslått`, `avslå`)] -> `("avslå" OR "avslått")`;
    [Term(`forprosjekt`, `forprosjekt`)] -> `("forprosjekt" OR "forprosjekt" *)`. Tokens hold letters
    and digits only, so quoting them cannot break out of the string.
    """
    parts = []
    for term in terms:
        options = [f'"{o}"' for o in dict.fromkeys([term.lemma, term.surface])]
        if term.prefix:
            options.append(f'"{term.lemma}" *')
        parts.append("(" + " OR ".join(options) + ")")
    return " AND ".join(parts)


def _sentences(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in re.finditer(r"(?<=[.!?:;])\s+|\n+", text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return [(a, b) for a, b in spans if b > a]


def snippet(text: str | None, terms: Iterable[Term], *, width: int = 240) -> str | None:
    """HTML-escaped excerpt around the first sentence with a matching word, matches in `<mark>`.

    `Søknad 355815 avslås.` with the query `avslått` -> `Søknad 355815 <mark>avslås</mark>.`
    None when no word of the text matches.
    """
    if not text:
        return None
    terms = list(terms)
    hits = [m for m in TOKEN.finditer(text) if any(t.matches(m.group()) for t in terms)]
    if not hits:
        return None
    first = hits[0].start()
    start, end = next(((a, b) for a, b in _sentences(text) if a <= first < b), (first, first + width))
    if end - start > width:  # long sentence: a window around the first hit
        start = max(start, first - width // 3)
        end = min(end, start + width)
    pieces, cursor = [], start
    for match in hits:
        if match.start() < start or match.end() > end:
            continue
        pieces.append(html.escape(text[cursor:match.start()]))
        pieces.append(f"<mark>{html.escape(match.group())}</mark>")
        cursor = match.end()
    pieces.append(html.escape(text[cursor:end]))
    body = re.sub(r"\s+", " ", "".join(pieces)).strip()
    return ("… " if start > 0 else "") + body + (" …" if end < len(text) else "")


_MARK = re.compile(r"</?mark>")


def plain_snippet(snippet_html: str | None, *, left: str = "[", right: str = "]") -> str | None:
    """A snippet for a terminal: `<mark>avslås</mark>` -> `[avslås]`, entities unescaped."""
    if snippet_html is None:
        return None
    return html.unescape(snippet_html.replace("<mark>", left).replace("</mark>", right))

"""Norwegian compounds and queries without words, on SQLite and PostgreSQL (vedtak.search.text)."""

from __future__ import annotations

import re

import pytest

from vedtak.search.query import SearchError, search
from vedtak.search.text import NO_WORDS, Term, fts5_match, has_words, query_terms, snippet


def test_compound_found_by_its_first_part(engine):
    # Seven sample cases say `forprosjekter` or `forprosjektmidler` (PS-KLIMA 19/24 only in its minutes' title,
    # and the merged case takes the meeting book's); before, `forprosjekt` found none.
    hits = search(engine, "forprosjekt", limit=50).hits
    assert len(hits) == 7
    marked = {m.lower() for h in hits for m in re.findall(r"<mark>(\w+)</mark>", h["snippet"] or "")}
    assert {"forprosjekter", "forprosjektmidler"} <= marked


@pytest.mark.parametrize("query", ["*", "^", "", "   ", "*^", "\"\"", "--", "…"])
def test_query_without_words_is_an_error_not_every_case(engine, query):
    with pytest.raises(SearchError, match="ingen ord"):
        search(engine, query)


@pytest.mark.parametrize(("query", "words"), [("*", False), ("^", False), ("", False), ("a*", True), ("355815", True),
                                              ("søknad?", True), ("«»", False)])
def test_has_words(query, words):
    assert has_words(query) is words


@pytest.mark.parametrize(("word", "prefix"), [("forprosjekt", True), ("avslått", False), ("avslå", False),
                                              ("355815", False), ("sak", False), ("helse", False),
                                              ("havforskning", True)])
def test_prefix_only_for_long_words(word, prefix):
    assert query_terms(word)[0].prefix is prefix


def test_fts5_prefix_expression():
    assert fts5_match([Term("forprosjekt", "forprosjekt")]) == '("forprosjekt" OR "forprosjekt" *)'
    assert fts5_match([Term("avslått", "avslå")]) == '("avslå" OR "avslått")'


@pytest.mark.parametrize(("text", "query", "marked"), [
    ("Tildeling av forprosjektmidler til Pilot Helse", "forprosjekt", "forprosjektmidler"),
    ("Bevilgning av forprosjekter til Pilot Helse", "forprosjekt", "forprosjekter"),
    ("Søknad 355815 avslås.", "avslått", "avslås"),
])
def test_snippet_marks_compounds_and_inflections(text, query, marked):
    assert f"<mark>{marked}</mark>" in snippet(text, query_terms(query))


def test_no_words_message_is_norwegian_and_english():
    assert "ingen ord" in NO_WORDS and "no words" in NO_WORDS

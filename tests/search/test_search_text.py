"""Lemmas, query terms, FTS5 expressions and snippets, on real Norwegian strings."""

from __future__ import annotations

import pytest

from vedtak.search.text import Term, fts5_match, lemma_of, lemma_text, plain_snippet, query_terms, snippet


@pytest.mark.parametrize(
    ("word", "lemma"),
    [
        ("avslått", "avslå"),
        ("avslås", "avslå"),
        ("Avslår", "avslå"),
        ("søknadene", "søknad"),
        ("innvilges", "innvilge"),
        ("innvilget", "innvilge"),
        ("355815", "355815"),
    ],
)
def test_inflections_meet_at_the_lemma(word, lemma):
    assert lemma_of(word) == lemma


def test_lemma_text_keeps_surface_forms_where_they_differ():
    assert lemma_text("Søknadene avslås.") == "søknad søknadene avslå avslås"
    assert lemma_text("Søknad 355815") == "søknad 355815"
    assert lemma_text(None) == ""


@pytest.mark.parametrize(
    ("query", "terms"),
    [
        ("avslått", [Term("avslått", "avslå")]),
        ("Søknadene  AVSLÅTT avslått", [Term("søknadene", "søknad"), Term("avslått", "avslå")]),
        ("' OR 1=1 --", [Term("or", "or"), Term("1", "1")]),
        ('"; DROP TABLE cases; --', [Term("drop", "drop"), Term("table", "table"), Term("cases", "cases")]),
        ("%", []),
        ("\x00", []),
        ("", []),
    ],
)
def test_query_terms(query, terms):
    assert query_terms(query) == terms


def test_query_terms_are_bounded():
    terms = query_terms(" ".join(f"ord{i}" for i in range(100)) + " " + "x" * 5000)
    assert len(terms) == 12
    assert all(len(t.surface) <= 60 for t in query_terms("y" * 5000))


def test_fts5_match_quotes_every_option():
    assert fts5_match([Term("avslått", "avslå")]) == '("avslå" OR "avslått")'
    assert fts5_match([Term("355815", "355815"), Term("or", "or")]) == '("355815") AND ("or")'


@pytest.mark.parametrize(
    ("text", "query", "expected"),
    [
        ("Søknad 355815 avslås.", "avslått", "Søknad 355815 <mark>avslås</mark>."),
        ("Innledning.\nSøknadene 355276 og 355194 vert avslått.", "avslås",
         "… Søknadene 355276 og 355194 vert <mark>avslått</mark>."),
        ("Søknad <b>&</b> avslås", "avslå", "Søknad &lt;b&gt;&amp;&lt;/b&gt; <mark>avslås</mark>"),
    ],
)
def test_snippet_marks_inflections_and_escapes(text, query, expected):
    assert snippet(text, query_terms(query)) == expected


def test_snippet_none_without_a_match():
    assert snippet("Porteføljestyret tar saken til orientering.", query_terms("avslått")) is None


def test_plain_snippet():
    assert plain_snippet("Søknad <mark>avslås</mark> &amp; mer") == "Søknad [avslås] & mer"

"""Full-text search over the store: case titles, proposed decisions (`Forslag til vedtak`) and
adopted decisions (`Vedtak:`), plus structured look-ups (an application's mentions, a person's
conflicts and attendance).

- `text`: tokens, lemmas (simplemma, so `avslått` and `avslås` meet at `avslå`) and snippets.
- `index`: the derived search index (SQLite FTS5 over lemmas; PostgreSQL tsvectors of
  `to_tsvector('norwegian', …)` plus lemmas, with GIN indexes), kept up to date incrementally.
- `access`: the exempt-content rule (`U.off. § 14`) shared by search, API, web page and exports.
- `query`: filters and the search itself, returning hits that name case, meeting and date,
  document and page.
"""

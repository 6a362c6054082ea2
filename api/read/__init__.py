"""Read queries behind the API, the web pages and the exports, one module per resource: cases,
applications, decisions, people, meetings, boards, findings, documents, changes; what they share is in
`common`.

Every function takes an engine and an `Access`, reads current documents only (`documents.is_current`)
unless it says otherwise, and returns JSON-ready dicts with English codes and ISO dates (the pages put
Norwegian words on them: `vedtak.api.labels`). What the caller may see is decided by the SQL predicates
of `vedtak.access`, composed into each query (never a Python filter after it): an exempt-only record
answers exactly as a record that does not exist. Withheld fields of a visible case are None and listed
under `redacted`."""

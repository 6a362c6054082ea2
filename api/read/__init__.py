"""Read queries of the auditors' workbench, one module per resource (people, meetings, boards,
applications, decisions, findings). Like `vedtak.api.readmodel`, every function takes an engine and
an `Access`, reads current documents only, and returns JSON-ready dicts with English codes and ISO
dates; the pages put Norwegian words on them (`vedtak.api.labels`)."""

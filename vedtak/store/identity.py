"""Source identity and content identity: what one run must do for each source it finds.

A *source* is a path or URL; a *content* is a sha256. A source has a history of contents
(`document_versions`), a content may be held by several sources. Every run compares each source's
current content with what the file holds now:

- the same sha256: `unchanged`, nothing to do;
- a sha256 the store already holds (a copy, a rename, a revert, an overwrite with another file's
  bytes): *link* it, the source's new version points at the stored document, no extraction;
- an unknown sha256: *extract* it once (the first source that has it), then link the other
  sources of the run that hold the same bytes;
- a local file the store holds as current but which is gone from a folder or glob the run names:
  *gone*. The source and its history are kept; its open version is closed (`end_reason` `gone`),
  so its content is current only while another source still holds it. A URL is never marked gone
  (a listing page dropping a link says nothing about the document).

So an overwrite, a rename, a copy, a rotation or a deletion all end with the same current store as
a clean run over the same files (tests/store/test_store_identity.py checks it with Hypothesis).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

from sqlalchemy import Engine, select

from vedtak.models import DocumentVersion
from vedtak.store.loader import current_contents, end_source, known_hashes
from vedtak.store.sources import covers


class _Item(Protocol):
    source: str
    sha256: str


T = TypeVar("T", bound=_Item)


@dataclass(frozen=True)
class SourcePlan(Generic[T]):
    """What to do with each source found by a run (see the module docstring), in the run's order."""

    unchanged: list[T]
    link: list[T]
    extract: list[T]
    link_after: list[T]


def plan_sources(engine: Engine, items: Iterable[T]) -> SourcePlan[T]:
    """Sort a run's fetched sources into unchanged / link / extract / link after extraction."""
    items = list(items)
    current = current_contents(engine, [i.source for i in items])
    known = known_hashes(engine, [i.sha256 for i in items])
    plan: SourcePlan[T] = SourcePlan([], [], [], [])
    first: set[str] = set()
    for item in items:
        if current.get(item.source) == item.sha256:
            plan.unchanged.append(item)
        elif item.sha256 in known:
            plan.link.append(item)
        elif item.sha256 in first:
            plan.link_after.append(item)
        else:
            first.add(item.sha256)
            plan.extract.append(item)
    return plan


def gone_sources(engine: Engine, specs: Iterable[str]) -> list[str]:
    """Local sources the store holds as current that these specs name but whose file is gone."""
    specs = list(specs)
    with engine.connect() as conn:
        held = conn.scalars(select(DocumentVersion.source).where(DocumentVersion.valid_to.is_(None))).all()
    return sorted({source for source in held
                   if any(covers(spec, source) for spec in specs) and not os.path.exists(source)})


def mark_gone(engine: Engine, sources: Iterable[str]) -> list[str]:
    """Close the open version of each gone source (one transaction each); the ones closed."""
    return [source for source in sources if end_source(engine, source)]

"""Documents (one per file content, by sha256): the list, one document with its source's version chain,
the pages of exempt case papers to blank in the PDF served to the public, and where the file is."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from vedtak import access as acl
from vedtak.access import Access
from vedtak.api.read.common import NotFound, clamp, document_href, iso, paged, pdf_href
from vedtak.models import Document, DocumentVersion
from vedtak.store.queries import first_version


def document_summary(d: Document, version: int | None) -> dict[str, Any]:
    """What every list shows of a document: sha256, source, kind, pages, board, language, version, whether
    current, when fetched and superseded, links to it and to its PDF."""
    return {"sha256": d.sha256, "source": d.source, "kind": d.kind, "pages": d.pages, "board_code": d.board_code,
            "language": d.language, "version": version, "current": d.is_current, "fetched_at": iso(d.fetched_at),
            "superseded_at": iso(d.superseded_at), "href": document_href(d.sha256), "pdf": pdf_href(d.sha256, None)}


def list_documents(engine: Engine, *, current: bool | None = True, limit: int | None = None,
                   offset: int | None = 0) -> dict[str, Any]:
    """Documents, oldest first; `current=None` includes superseded versions."""
    limit, offset = clamp(limit, offset)
    query = select(Document, DocumentVersion.version).outerjoin(DocumentVersion, first_version())
    if current is not None:
        query = query.where(Document.is_current.is_(current))
    with Session(engine) as conn:
        total = conn.scalar(select(func.count()).select_from(query.subquery()))
        rows = conn.execute(query.order_by(Document.id).limit(limit + 1).offset(offset)).all()
    return paged([document_summary(r[0], r.version) for r in rows], limit, offset, total)


def get_document(engine: Engine, sha256: str) -> dict[str, Any]:
    """One document with its place in its source's version chain."""
    with Session(engine) as conn:
        row = conn.execute(
            select(Document, DocumentVersion.version)
            .outerjoin(DocumentVersion, first_version())
            .where(Document.sha256 == sha256.lower())
        ).first()
        if row is None:
            raise NotFound(f"no document {sha256!r}")
        chain = conn.execute(
            select(DocumentVersion.version, Document.sha256, DocumentVersion.valid_from, DocumentVersion.valid_to)
            .join(Document, Document.id == DocumentVersion.document_id)
            .where(DocumentVersion.source == row[0].source)
            .order_by(DocumentVersion.version)
        ).all()
    result = document_summary(row[0], row.version)
    result["versions"] = [{"version": v.version, "sha256": v.sha256, "valid_from": iso(v.valid_from),
                           "valid_to": iso(v.valid_to)} for v in chain]
    return result


def redacted_pages(engine: Engine, sha256: str, access: Access) -> frozenset[int]:
    """Pages of this document the caller may not see (exempt case papers, `vedtak.access.exempt_pages`):
    blanked in the copy of the PDF served to them. Empty for a token holder."""
    if access is Access.FULL:
        return frozenset()
    with Session(engine) as conn:
        doc_id = conn.scalar(select(Document.id).where(Document.sha256 == sha256.lower()))
        return acl.exempt_pages(conn, doc_id) if doc_id is not None else frozenset()


def document_source(engine: Engine, sha256: str) -> tuple[str, int] | None:
    """(source, pages) of a document, or None."""
    with Session(engine) as conn:
        row = conn.execute(select(Document.source, Document.pages).where(Document.sha256 == sha256.lower())).first()
    return (row.source, row.pages) if row else None

"""What a public caller must never see, worked out from the loaded RECORDS (the extractor's JSON), not from
the store or from `vedtak.access`: the independent oracle of the access crawl and of the leak measurement.

Record semantics (docs/record-semantics.md): a case in a record is a *case paper* when it carries no
adopted decision and its meeting is not given as minutes in that record (`source_kind == "minutes"`);
an exempt case paper has `exempt` set (`U.off. § 14`). Its facts are the applications and budget cuts of
that case in that record, the conflicts recorded in it, its findings, its references and its own fields.
A fact's strings are secret when no public fact of any record carries them too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

_SENTENCE = re.compile(r"(?<=[.:;])\s+|\n+")
_SPACE = re.compile(r"\s+")
MIN_SENTENCE = 25  # shorter pieces (`Porteføljestyret vedtar:`) are too common to be a leak


def squash(text: str) -> str:
    """Whitespace collapsed, for comparing texts across JSON, HTML and PDF text layers."""
    return _SPACE.sub(" ", text).strip()


def sentences(text: str | None) -> list[str]:
    """The pieces of a text long enough to identify it."""
    return [squash(s) for s in _SENTENCE.split(text or "") if len(squash(s)) >= MIN_SENTENCE]


@dataclass
class Secrets:
    """Exempt-only strings by kind (each absent from every public fact of every record)."""

    application_ids: set[str] = field(default_factory=set)
    people: set[str] = field(default_factory=set)  # named in habilitet records (people of the store)
    names: set[str] = field(default_factory=set)  # case-paper header names (`Saksbehandler`, `Fra`)
    references: set[str] = field(default_factory=set)
    texts: set[str] = field(default_factory=set)
    # published-minutes findings of meeting books: (document sha256, case id, code), public
    public_book_findings: set[tuple[str, str, str]] = field(default_factory=set)
    exempt_paper_cases: set[str] = field(default_factory=set)

    def all_strings(self) -> set[str]:
        """Every secret string."""
        return self.application_ids | self.people | self.names | self.references | self.texts


def paper_cases(record: dict[str, Any]) -> set[str]:
    """Case ids whose exempt case paper this record holds."""
    minutes = {m.get("number") for m in record.get("meetings") or [] if m.get("source_kind") == "minutes"}
    return {c["case_id"] for c in record.get("cases") or []
            if c.get("case_id") and c.get("exempt") and not c.get("decision") and c.get("meeting") not in minutes}


def secrets_of(records: Iterable[dict[str, Any]]) -> Secrets:
    """The exempt-only application ids, people, references and texts of these records."""
    out = Secrets()
    public_ids: set[str] = set()
    public_text: list[str] = []
    candidates: dict[str, set[str]] = {"application_ids": set(), "people": set(), "names": set(), "references": set(),
                                       "texts": set()}
    for record in records:
        papers = paper_cases(record)
        out.exempt_paper_cases |= papers
        sha = record["document"]["sha256"]
        for c in record.get("cases") or []:
            if c.get("case_id") in papers:
                candidates["texts"].update(sentences(c.get("proposed_decision")))
                candidates["texts"].update(a for a in c.get("attachments") or [] if len(a) >= MIN_SENTENCE)
                candidates["names"].update(c.get("case_officers") or [])
                candidates["names"].update(x for x in (c.get("responsible_director"), c.get("from")) if x)
                candidates["references"].update(c.get("references") or [])
            else:
                public_text += [c.get("case_id") or "", c.get("proposed_decision") or "", *(c.get("references") or []),
                                *(c.get("attachments") or []), *(c.get("case_officers") or []),
                                c.get("responsible_director") or "", c.get("from") or ""]
            public_text += [c.get("title") or "", c.get("decision") or "", c.get("case_id") or ""]
        for m in record.get("meetings") or []:
            names = [*m.get("present", []), *m.get("absent", []), *m.get("observers", []), *m.get("staff", []),
                     m.get("chair") or "", *(s["person"] for s in m.get("substitutes") or [])]
            public_text += names
            # a meeting's key (`PS-MULTEK 2/24`, the change feed's meeting id) reads like a case id
            public_text.append(f"{m.get('board_code') or record['document'].get('board_code')} {m.get('number')}")
        for kind in ("applications", "budget_cuts"):
            for a in record.get(kind) or []:
                if a.get("case_id") in papers:
                    candidates["application_ids"].add(a["application_id"])
                    if a.get("title"):
                        candidates["texts"].add(squash(a["title"]))
                else:
                    public_ids.add(a["application_id"])
                    public_text.append(a.get("title") or "")
        for k in record.get("conflicts") or []:
            if (k.get("recorded_in") or k["case_id"]) in papers:
                candidates["people"].add(k["person"])
            else:
                public_text += [k["person"], k.get("scope") or "", k.get("affiliation") or ""]
        for f in record.get("findings") or []:
            if f.get("case_id") in papers:
                candidates["texts"].add(squash(f["message"]))
            else:
                public_text.append(f["message"])
                if record["document"]["kind"] == "case_papers" and f.get("case_id"):
                    out.public_book_findings.add((sha, f["case_id"], f["code"]))
    corpus = squash("\n".join(public_text))
    out.application_ids = {a for a in candidates["application_ids"] if a not in public_ids and not found_in(corpus, a)}
    out.people = {p for p in candidates["people"] if p not in corpus}
    out.names = {p for p in candidates["names"] if p not in corpus}
    out.references = {r for r in candidates["references"] if r not in corpus}
    out.texts = {t for t in candidates["texts"] if t not in corpus}
    return out


def found_in(body: str, secret: str, asked: str = "") -> bool:
    """Does `body` (JSON, HTML or PDF text, whitespace collapsed) carry `secret`, other than as an echo of
    the request itself (`asked`: the URL, unquoted: `no application '371001'` answers `/applications/371001`)?
    Six-digit ids match as whole numbers only (not inside a sha256 or a cursor)."""
    if secret in asked:
        return False
    if re.fullmatch(r"\d{6}", secret):
        return re.search(rf"(?<![0-9A-Za-z]){secret}(?![0-9A-Za-z])", body) is not None
    return secret in body

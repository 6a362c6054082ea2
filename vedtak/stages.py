"""Extraction as a declared list of named stages; a record's provenance names the stage that made it.

Every `provenance.extractor` in a record starts with one of these names (`cases.header`,
`conflicts.table.inhabile`, `applications.listed_ids`, `findings.unassigned_application_ids`), so the
rule behind any field is one hop away: `stage_of("conflicts.table.inhabile").module` is the module
that holds it. `vedtak.extract.extract_document` runs them in this order.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class PipelineStage:
    """One stage: its name (the provenance prefix), the module holding its rules, and what it does."""

    name: str
    module: str
    does: str


STAGES: tuple[PipelineStage, ...] = (
    PipelineStage("document", "vedtak.pdf.reader", "PDF -> pages of lines in reading order; text-layer checks"),
    PipelineStage("blocks", "vedtak.blocks", "lines -> tables (columns with a meaning), list items, paragraphs"),
    PipelineStage("segment", "vedtak.extractors.segment", "lines -> cover, case papers (header box + form), minutes"),
    PipelineStage("fields", "vedtak.extractors.fields", "label -> value fields of forms, header boxes, attendance"),
    PipelineStage("cases", "vedtak.extractors.cases", "case ids, titles, types, proposed and adopted decisions"),
    PipelineStage("meetings", "vedtak.extractors.meetings", "meetings: board, number, date, place, attendance"),
    PipelineStage("conflicts", "vedtak.extractors.conflicts", "habilitet from prose, lists and tables (vedtak.extractors.tables)"),
    PipelineStage("applications", "vedtak.extractors.applications", "application outcomes, ranks, budget cuts, stated counts"),
    PipelineStage("findings", "vedtak.extractors.findings", "self-checks: what could not be read, and contradictions"),
)
"""The stages, in the order they run."""

_BY_NAME = {s.name: s for s in STAGES}


def stage_of(extractor: str) -> PipelineStage:
    """The stage a provenance name belongs to: `conflicts.table.inhabile` -> the `conflicts` stage.

    Raises KeyError naming the known stages for a name no stage declares."""
    head = extractor.split(".", 1)[0]
    if head not in _BY_NAME:
        raise KeyError(f"provenance {extractor!r} names no declared stage; stages are {', '.join(_BY_NAME)}")
    return _BY_NAME[head]


__all__ = ["PipelineStage", "STAGES", "stage_of"]

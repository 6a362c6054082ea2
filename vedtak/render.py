"""The record for a person to read: rich tables (`vedtak extract --format text`)."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table


def _short(text: str | None, width: int = 90) -> str:
    if not text:
        return "—"
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _page(p: dict[str, Any] | None) -> str:
    return str(p.get("page")) if p and p.get("page") else "—"


def render_text(record: dict[str, Any], console: Console | None = None) -> None:
    """Print one record as tables."""
    console = console or Console()
    doc = record["document"]
    console.rule(f"[bold]{doc['source']}[/bold]")
    console.print(
        f"kind [bold]{doc['kind']}[/bold] · {doc['pages']} pages · board {doc.get('board') or '—'} "
        f"({doc.get('board_code') or '—'}) · language {doc.get('language') or '—'} · sha256 {doc['sha256'][:12]}… · "
        f"nlp {record.get('extractor', {}).get('nlp', '—')}"
    )
    if record["meetings"]:
        t = Table(title="Meetings", show_lines=False)
        for col in ("number", "date", "time", "place", "chair", "present", "absent", "observers", "staff", "page"):
            t.add_column(col)
        for m in record["meetings"]:
            t.add_row(m.get("number") or "—", m.get("date") or "—", m.get("time") or "—", _short(m.get("place"), 40),
                      m.get("chair") or "—", _short(", ".join(m["present"]), 60) if m["present"] else "—",
                      ", ".join(m["absent"]) or "—", ", ".join(m["observers"]) or "—",
                      _short(", ".join(m.get("staff", [])), 50) or "—", _page(m["provenance"]))
        console.print(t)
    if record["cases"]:
        t = Table(title="Cases")
        for col in ("case", "meeting", "type", "title", "proposed", "adopted", "exempt", "refs", "page"):
            t.add_column(col)
        for c in record["cases"]:
            t.add_row(c["case_id"] or "[red]no id[/red]", c.get("meeting") or "—", c.get("case_type") or "—",
                      _short(c.get("title"), 50), _short(c.get("proposed_decision"), 50), _short(c.get("decision"), 50),
                      c.get("exempt") or "", ", ".join(c["references"]), _page(c["provenance"]))
        console.print(t)
    if record["conflicts"] or record.get("conflict_declarations"):
        t = Table(title="Conflicts of interest (habilitet)")
        for col in ("case", "person", "role", "scope", "recorded in", "stage", "page"):
            t.add_column(col)
        for c in record["conflicts"]:
            t.add_row(c["case_id"], c["person"], c["role"], c.get("scope") or "", c.get("recorded_in") or "—",
                      c.get("stage", ""), _page(c["provenance"]))
        for d in record.get("conflict_declarations", []):
            t.add_row("—", "[italic]none declared[/italic]", d["scope"], _short(d["text"], 40), d.get("recorded_in") or "—",
                      d.get("stage", ""), _page(d["provenance"]))
        console.print(t)
    if record["applications"]:
        t = Table(title=f"Applications ({len(record['applications'])} mentions)")
        for col in ("application", "case", "outcome", "stage", "rank", "page"):
            t.add_column(col)
        for a in record["applications"]:
            t.add_row(a["application_id"], a.get("case_id") or "—", a["outcome"], a["stage"],
                      str(a["rank"]) if a.get("rank") else "", _page(a["provenance"]))
        console.print(t)
    if record.get("budget_cuts"):
        t = Table(title="Budget cuts")
        for col in ("application", "case", "NOK", "stage", "page"):
            t.add_column(col)
        for b in record["budget_cuts"]:
            t.add_row(b["application_id"], b.get("case_id") or "—", f"{b['amount_nok']:,}".replace(",", " "), b["stage"], _page(b["provenance"]))
        console.print(t)
    if record["findings"]:
        t = Table(title="Findings")
        for col in ("code", "message", "page"):
            t.add_column(col)
        for f in record["findings"]:
            t.add_row(f"[yellow]{f['code']}[/yellow]", f["message"], _page(f["provenance"]))
        console.print(t)

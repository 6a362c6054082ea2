"""The record for a person to read: rich tables (`vedtak extract --format text`)."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.panel import Panel
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
    # Findings first: a miss or a contradiction is what an auditor must see before the records.
    _findings(record, console)
    for m in record["meetings"]:
        grid = Table.grid(padding=(0, 2))
        grid.add_column(style="bold")
        grid.add_column()
        rows = [
            ("board", f"{m.get('board') or '—'} ({m.get('board_code') or '—'})"),
            ("date", f"{m.get('date') or '—'} {m.get('time') or ''}".strip()),
            ("place", m.get("place") or "—"),
            ("chair", m.get("chair") or "—"),
            ("present", ", ".join(m["present"]) or "—"),
            ("absent", ", ".join(m["absent"]) or "—"),
            ("observers", ", ".join(m["observers"]) or "—"),
            ("staff", ", ".join(m.get("staff", [])) or "—"),
            ("substitutes", ", ".join(f"{s['person']} ({', '.join(s['case_ids'])})" for s in m.get("substitutes", [])) or "—"),
            ("source", f"{m.get('source_kind', '')}, page {_page(m['provenance'])}"),
        ]
        for key, value in rows:
            grid.add_row(key, value)
        console.print(Panel(grid, title=f"Meeting {m.get('number') or '?'}", expand=False))
    if record["cases"]:
        t = Table(title="Cases", show_lines=True)
        t.add_column("case", no_wrap=True)
        t.add_column("meeting · type · page", no_wrap=True)
        t.add_column("title, proposed (forslag) and adopted (vedtak) decision")
        for c in record["cases"]:
            text = f"[bold]{c.get('title') or '—'}[/bold]"
            if c.get("exempt"):
                text += f"  [red][{c['exempt']}][/red]"
            if c.get("proposed_decision"):
                text += f"\n[cyan]forslag[/cyan] {_short(c['proposed_decision'], 200)}"
            if c.get("decision"):
                text += f"\n[green]vedtak[/green] {_short(c['decision'], 200)}"
            if c["references"]:
                text += f"\n[dim]refers to {', '.join(c['references'])}[/dim]"
            meta = f"{c.get('meeting') or '—'} · {c.get('case_type') or '—'} · p. {_page(c['provenance'])}"
            t.add_row(c["case_id"] or "[red]no id[/red]", meta, text)
        console.print(t)
    if record["conflicts"] or record.get("conflict_declarations"):
        t = Table(title="Conflicts of interest (habilitet)")
        for col in ("case", "person", "role", "scope", "ground", "recorded in", "stage", "page"):
            t.add_column(col)
        for c in record["conflicts"]:
            t.add_row(c["case_id"], c["person"], c["role"], c.get("scope") or "", c.get("ground") or "", c.get("recorded_in") or "—",
                      c.get("stage", ""), _page(c["provenance"]))
        for d in record.get("conflict_declarations", []):
            t.add_row("—", "[italic]none declared[/italic]", d["scope"], _short(d["text"], 40), "", d.get("recorded_in") or "—",
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


def _findings(record: dict[str, Any], console: Console) -> None:
    """The findings table (or one line saying there are none)."""
    if not record["findings"]:
        console.print("[green]findings: none[/green]")
        return
    t = Table(title=f"Findings ({len(record['findings'])}): what vedtak could not read, or what the papers contradict")
    for col in ("code", "case", "message", "page", "rule"):
        t.add_column(col)
    for f in record["findings"]:
        prov = f.get("provenance") or {}
        t.add_row(f"[yellow]{f['code']}[/yellow]", f.get("case_id") or "—", f["message"], _page(prov), prov.get("extractor") or "—")
    console.print(t)

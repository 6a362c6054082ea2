"""How a document is printed, apart from what it says: labels, header box, page form, font, running
header and footer, attendance as lines or as a table. The content model (`model.py`) holds the facts;
a `Form` only changes their presentation, so the expected record never depends on it."""

from __future__ import annotations

from dataclasses import dataclass

from .model import Attendance, Minutes, Table


@dataclass(frozen=True)
class Form:
    """Presentation of one rendered document.

    `header_box`: `beside` (right-hand column), `above` (bordered box above the form), `after` (the box
    below the form), `table` (a ruled grid, label | value). `page`: `portrait`, `landscape`, `two_column`
    (reportlab: two text columns per page). `running_header`: None for the document's own (meeting book)
    or `board – møte N/yy` (minutes). `running`: the running header and the footer `Side 3 av 12`.
    """

    proposal_label: str = "Forslag til vedtak"
    header_box: str = "beside"
    page: str = "portrait"
    font: str = ""  # renderer default when empty
    running_header: str | None = None
    running: bool = True
    attendance: str = "lines"  # lines | table


DEFAULT = Form()

#: Role words of the attendance table (name | role), bokmål and nynorsk.
ROLE_WORDS = {
    "nb": {"head": ("Navn", "Rolle"), "chair": "Leder", "member": "Medlem", "absent": "Forfall",
           "observer": "Observatør", "staff": "Forskningsrådet"},
    "nn": {"head": ("Namn", "Rolle"), "chair": "Leiar", "member": "Medlem", "absent": "Forfall",
           "observer": "Observatør", "staff": "Forskingsrådet"},
}


def attendance_table(a: Attendance, lang: str = "nb") -> Table:
    """Attendance as one table `Navn | Rolle`: `Kari Haugen | Leder`, `Ola Berg | Medlem`,
    `Åse Dahl | Settemedlem sak 55/24`, `Liv Vik | Forfall`, `Jan de Vries | Observatør, NFD`,
    `Geir Holm | Seniorrådgiver, Forskningsrådet`."""
    w = ROLE_WORDS["nn" if lang == "nn" else "nb"]
    rows: list[tuple[str, str]] = []
    for name, suffix in a.present:
        s = suffix.strip().lstrip(",").strip()
        if name == a.chair:
            rows.append((name, w["chair"]))
        elif s.startswith("settemedlem"):
            rows.append((name, s[:1].upper() + s[1:]))
        else:
            rows.append((name, w["member"]))
    rows += [(name, w["absent"]) for name in a.absent]
    for block in a.observer_blocks:
        for name, suffix in block:
            aff = suffix.strip().lstrip(",").strip()
            rows.append((name, f"{w['observer']}, {aff}" if aff else w["observer"]))
    for name, suffix in a.staff:
        role = suffix.strip().lstrip(",").strip()
        rows.append((name, f"{role}, {w['staff']}" if role else w["staff"]))
    return Table(w["head"], tuple(rows), widths=(1.2, 1.8))


def running_header(doc, form: Form = DEFAULT) -> str | None:
    """The running header printed on every page: the form's, the book's own, or `board – møte N/yy`."""
    if not form.running:
        return None
    if form.running_header:
        return form.running_header
    if isinstance(doc, Minutes):
        return f"{doc.board} – {doc.attendance.labels.get('meeting', 'møte')} {doc.number_written}"
    return getattr(doc, "running_header", None)

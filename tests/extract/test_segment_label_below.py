"""`join_case_labels`: a label cell's wrapped lines are joined with the line right below, never one further down.

Geometry from a scanned case paper (LibreOffice, 10 pt, read by OCR: lines 12.6 pt high, 13.5 pt apart),
where `Saksbehandlers` + `vedtak` two lines down made a decision label and the proposal was lost.
"""

from __future__ import annotations

import pytest

from vedtak.document import Line
from vedtak.extractors.segment import join_case_labels


def _line(text: str, x0: float, top: float, label: bool = False, height: float = 12.6) -> Line:
    return Line(text, 2, x0, top, x0 + 6.0 * len(text), top + height, label=label)


LABEL_AND_VALUE = [  # reading order: the label cell, then the value cell beside it
    ("Saksbehandlers", 77.0, 87.1, True), ("forslag til", 76.6, 100.8, True), ("vedtak", 76.6, 114.2, True),
    ("Porteføljestyret for naturvitenskap og", 179.3, 87.1, False),
    ("teknologi godkjenner innkalling og", 178.6, 102.4, False), ("saksliste.", 178.8, 117.3, False),
]


@pytest.mark.parametrize("height", [9.4, 12.6])  # the text layer's line height and the OCR's
def test_a_label_over_three_lines_is_read_whole(height: float):
    lines = [_line(t, x, top, label, height) for t, x, top, label in LABEL_AND_VALUE]
    texts = [l.text for l in join_case_labels(lines)]
    assert texts[0] == "Saksbehandlers forslag til vedtak"
    assert "Saksbehandlers vedtak" not in texts
    assert texts[-3:] == ["Porteføljestyret for naturvitenskap og", "teknologi godkjenner innkalling og", "saksliste."]


def test_a_decision_label_wrapped_right_below_is_still_joined():
    """`Vedtak i` / `saken:` in a narrow label column, the title beside it read in between."""
    lines = [_line("Vedtak i", 56.7, 100.0, True), _line("Godkjenning av sakslisten", 150.0, 100.0),
             _line("saken:", 56.7, 113.5, True)]
    assert [l.text for l in join_case_labels(lines)] == ["Vedtak i saken:", "Godkjenning av sakslisten"]

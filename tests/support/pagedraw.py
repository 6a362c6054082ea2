"""Text drawn on an A4 reportlab canvas at a position measured from the top of the page, as the layout reads it.

`draw(c, x, y, text)` puts a line of Helvetica (bold, larger, or Times where asked) with its baseline `y`
points below the page's top edge, so a test can lay out a form, a header box or two columns by their `top`s.
"""

from __future__ import annotations

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

W, H = A4


def draw(c: canvas.Canvas, x: float, y: float, text: str, bold: bool = False, size: float = 10, serif: bool = False) -> None:
    """One line of text at (x, y from the top)."""
    family = ("Times-Bold" if bold else "Times-Roman") if serif else ("Helvetica-Bold" if bold else "Helvetica")
    c.setFont(family, size)
    c.drawString(x, H - y, text)

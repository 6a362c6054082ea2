"""Small bar charts as server-rendered SVG (no JavaScript, no build step): pure functions from figures
to an escaped `<svg>` string with a `<title>` per bar, so a screen reader and a test can read the values."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape

BAR, GAP, HEIGHT, LABEL = 36, 18, 140, 34


def stacked_bars(groups: Sequence[tuple[str, Mapping[str, int]]], series: Sequence[tuple[str, str, str]],
                 *, chart_id: str, title: str) -> str:
    """One stacked bar per group: `groups` = [(label, {series key: value})], `series` = [(key, legend
    label, colour)]. `[("2024", {"granted": 18, "rejected": 20})]` -> a bar of 38 split 18 / 20."""
    top = max([sum(values.get(k, 0) for k, _, _ in series) for _, values in groups] or [0]) or 1
    width = max(len(groups), 1) * (BAR + GAP) + GAP
    legend_width = sum(16 + 7 * len(name) + 14 for _, name, _ in series)
    width = max(width, legend_width + GAP)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" id="{escape(chart_id)}" class="chart" role="img" '
             f'width="{width}" height="{HEIGHT + LABEL + 24}" viewBox="0 0 {width} {HEIGHT + LABEL + 24}">',
             f"<title>{escape(title)}</title>"]
    for i, (label, values) in enumerate(groups):
        x, y = GAP + i * (BAR + GAP), HEIGHT
        for key, name, colour in series:
            value = values.get(key, 0)
            if not value:
                continue
            h = max(1, round(value / top * (HEIGHT - 14)))
            y -= h
            parts.append(f'<rect class="bar" data-group="{escape(label)}" data-series="{escape(key)}" data-value="{value}" '
                         f'x="{x}" y="{y}" width="{BAR}" height="{h}" fill="{colour}"><title>{escape(label)}: '
                         f"{escape(name)} {value}</title></rect>")
        total = sum(values.get(k, 0) for k, _, _ in series)
        parts.append(f'<text x="{x + BAR / 2}" y="{y - 3}" text-anchor="middle" font-size="11">{total}</text>')
        parts.append(f'<text x="{x + BAR / 2}" y="{HEIGHT + 14}" text-anchor="middle" font-size="11">{escape(label)}</text>')
    x = GAP
    for _, name, colour in series:
        parts.append(f'<rect x="{x}" y="{HEIGHT + LABEL}" width="10" height="10" fill="{colour}"/>'
                     f'<text x="{x + 14}" y="{HEIGHT + LABEL + 9}" font-size="11">{escape(name)}</text>')
        x += 16 + 7 * len(name) + 14
    parts.append("</svg>")
    return "".join(parts)

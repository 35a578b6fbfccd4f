"""Server-rendered SVG bar charts: horizontal bars with the label and number written beside each
bar, `role="img"` with a `<title>` and a `<desc>` that reads the figures out. The same figures are
always in a table next to the chart (the template's job). No JavaScript, no inline styles (the
staff pages' Content-Security-Policy forbids them): presentation attributes only."""

from __future__ import annotations

import re
from collections.abc import Sequence

from markupsafe import Markup, escape

ROW_HEIGHT = 30
BAR_HEIGHT = 22
LABEL_WIDTH = 290
BAR_WIDTH = 330
VALUE_WIDTH = 60
WIDTH = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH
BAR_COLOUR = "#1d70b8"  # contrast 5.2:1 on white
TEXT_COLOUR = "#0b0c0c"


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "chart"


def bar_chart(title: str, rows: Sequence, unit: str = "") -> Markup:
    """`rows` have `.label` and `.count`. Returns the <svg> markup."""
    chart_id = "chart-" + _slug(title)
    top = max([r.count for r in rows] + [1])
    height = ROW_HEIGHT * max(len(rows), 1) + 4
    summary = "; ".join(f"{r.label}: {r.count}{unit}" for r in rows) or "No data"
    parts = [
        f'<svg class="chart" role="img" aria-labelledby="{chart_id}-t {chart_id}-d" '
        f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        f'font-size="16" font-family="Arial, sans-serif">',
        f'<title id="{chart_id}-t">{escape(title)}</title>',
        f'<desc id="{chart_id}-d">{escape(summary)}</desc>',
    ]
    for i, row in enumerate(rows):
        y = i * ROW_HEIGHT + 2
        width = round(BAR_WIDTH * row.count / top) if row.count else 0
        label = row.label if len(row.label) <= 30 else row.label[:29] + "…"
        parts.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{y + 16}" text-anchor="end" fill="{TEXT_COLOUR}">'
            f"{escape(label)}</text>"
        )
        if width:
            parts.append(
                f'<rect x="{LABEL_WIDTH}" y="{y}" width="{width}" height="{BAR_HEIGHT}" '
                f'fill="{BAR_COLOUR}"></rect>'
            )
        parts.append(
            f'<text x="{LABEL_WIDTH + width + 6}" y="{y + 16}" fill="{TEXT_COLOUR}">'
            f"{row.count}{escape(unit)}</text>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))

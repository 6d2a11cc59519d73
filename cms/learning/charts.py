"""A bar chart drawn by the server as inline SVG: no JavaScript, nothing fetched from elsewhere.

    svg = bar_chart([Bar("2026-W01", 3), Bar("2026-W02", 0)], title="Completions per week",
                    description="...", chart_id="completions-chart")

The SVG is an image to screen readers (``role="img"``) named by its ``<title>`` and described by
its ``<desc>``; each bar carries its own ``<title>`` (label and value). Pages showing a chart
must also show its numbers as a table: the chart is never the only way to read them.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

BAR_WIDTH = 24
BAR_GAP = 8
PLOT_HEIGHT = 160  # the tallest bar
LEFT_MARGIN = 40  # room for the scale's numbers
TOP_MARGIN = 12
BOTTOM_MARGIN = 72  # room for the slanted labels


@dataclass(frozen=True)
class Bar:
    label: str
    value: int


def bar_height(value: int, largest: int) -> float:
    """The bar's height in SVG units, to one decimal: the largest value fills the plot."""
    return round(value / largest * PLOT_HEIGHT, 1) if largest else 0.0


def bar_chart(bars: Sequence[Bar], *, title: str, description: str, chart_id: str) -> SafeString:
    largest = max((bar.value for bar in bars), default=0)
    width = LEFT_MARGIN + len(bars) * (BAR_WIDTH + BAR_GAP) + BAR_GAP
    height = TOP_MARGIN + PLOT_HEIGHT + BOTTOM_MARGIN
    baseline = TOP_MARGIN + PLOT_HEIGHT
    shapes = format_html_join("\n", "{}", ((_bar(index, bar, largest, baseline),) for index, bar in enumerate(bars)))
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="bar-chart" width="{width}" height="{height}" '
        'viewBox="0 0 {width} {height}" role="img" aria-labelledby="{id}-title {id}-desc">\n'
        '<title id="{id}-title">{title}</title>\n<desc id="{id}-desc">{description}</desc>\n'
        '<line class="axis" x1="{left}" y1="{baseline}" x2="{width}" y2="{baseline}" stroke="currentColor"/>\n'
        '<text class="scale" x="{scale_x}" y="{top_text}" text-anchor="end" font-size="11">{largest}</text>\n'
        '<text class="scale" x="{scale_x}" y="{baseline}" text-anchor="end" font-size="11">0</text>\n'
        "{shapes}\n</svg>",
        width=width,
        height=height,
        id=chart_id,
        title=title,
        description=description,
        left=LEFT_MARGIN,
        baseline=baseline,
        scale_x=LEFT_MARGIN - 6,
        top_text=TOP_MARGIN + 4,
        largest=largest,
        shapes=shapes,
    )


def _bar(index: int, bar: Bar, largest: int, baseline: int) -> SafeString:
    x = LEFT_MARGIN + BAR_GAP + index * (BAR_WIDTH + BAR_GAP)
    bar_size = bar_height(bar.value, largest)
    label_x, label_y = x + BAR_WIDTH / 2, baseline + 14
    return format_html(
        '<g class="bar"><rect x="{x}" y="{top}" width="{width}" height="{height}" fill="currentColor">'
        "<title>{label}: {value}</title></rect>"
        '<text x="{label_x}" y="{label_y}" font-size="10" text-anchor="end" '
        'transform="rotate(-45 {label_x} {label_y})">{label}</text></g>',
        x=x,
        top=f"{baseline - bar_size:g}",
        width=BAR_WIDTH,
        height=f"{bar_size:g}",
        label=bar.label,
        value=bar.value,
        label_x=f"{label_x:g}",
        label_y=label_y,
    )

"""A log-log line chart of request latency against the number of routes, as hand-written SVG."""

from __future__ import annotations

import math
from xml.sax.saxutils import escape

WIDTH, HEIGHT = 760, 440
LEFT, RIGHT, TOP, BOTTOM = 78, 200, 48, 58

#: (colour, dash pattern) per series name.
STYLES = {
    "apiway static": ("#1f6fb4", ""),
    "apiway dynamic": ("#1f6fb4", "7 4"),
    "Powertools static": ("#d1495b", ""),
    "Powertools dynamic": ("#d1495b", "7 4"),
}


def _decades(low: float, high: float) -> list[float]:
    first, last = math.floor(math.log10(low)), math.ceil(math.log10(high))
    return [10.0**power for power in range(first, last + 1)]


def _label(value: float) -> str:
    if value >= 1000:
        return f"{value / 1000:g} ms"
    return f"{value:g} µs"


def routes_chart(series: dict[str, list[tuple[int, float]]], title: str) -> str:
    """SVG text; ``series`` maps a name to (number of routes, µs per request) points."""
    xs = [x for points in series.values() for x, _ in points]
    ys = [y for points in series.values() for _, y in points]
    x_low, x_high = min(xs), max(xs)
    y_ticks = _decades(min(ys), max(ys))
    y_low, y_high = y_ticks[0], y_ticks[-1]
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def px(x: float) -> float:
        span = math.log10(x_high) - math.log10(x_low) or 1.0
        return LEFT + (math.log10(x) - math.log10(x_low)) / span * plot_w

    def py(y: float) -> float:
        span = math.log10(y_high) - math.log10(y_low) or 1.0
        return TOP + plot_h - (math.log10(y) - math.log10(y_low)) / span * plot_h

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" font-family="Helvetica, Arial, sans-serif" font-size="12">',
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>',
        f'<text x="{LEFT}" y="26" font-size="15" font-weight="bold">{escape(title)}</text>',
    ]
    for tick in y_ticks:
        y = py(tick)
        out.append(f'<line x1="{LEFT}" y1="{y:.1f}" x2="{LEFT + plot_w}" y2="{y:.1f}" stroke="#e3e3e3"/>')
        out.append(f'<text x="{LEFT - 8}" y="{y + 4:.1f}" text-anchor="end">{escape(_label(tick))}</text>')
    for tick in sorted(set(xs)):
        x = px(tick)
        out.append(f'<line x1="{x:.1f}" y1="{TOP}" x2="{x:.1f}" y2="{TOP + plot_h}" stroke="#e3e3e3"/>')
        out.append(f'<text x="{x:.1f}" y="{TOP + plot_h + 18}" text-anchor="middle">{tick:,}</text>')
    out.append(
        f'<rect x="{LEFT}" y="{TOP}" width="{plot_w}" height="{plot_h}" fill="none" stroke="#555555"/>'
    )
    out.append(
        f'<text x="{LEFT + plot_w / 2:.1f}" y="{HEIGHT - 14}" text-anchor="middle">'
        "number of routes (log scale)</text>"
    )
    out.append(
        f'<text transform="translate(18 {TOP + plot_h / 2:.1f}) rotate(-90)" text-anchor="middle">'
        "median time per request (log scale)</text>"
    )
    for index, (name, points) in enumerate(series.items()):
        colour, dash = STYLES.get(name, ("#333333", ""))
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        path = " ".join(f"{px(x):.1f},{py(y):.1f}" for x, y in points)
        out.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2.2"{dash_attr}/>')
        for x, y in points:
            out.append(
                f'<circle cx="{px(x):.1f}" cy="{py(y):.1f}" r="3.5" fill="{colour}">'
                f"<title>{escape(name)}: {x:,} routes, {y:.2f} µs</title></circle>"
            )
        legend_y = TOP + 14 + index * 22
        legend_x = LEFT + plot_w + 18
        out.append(
            f'<line x1="{legend_x}" y1="{legend_y - 4}" x2="{legend_x + 28}" y2="{legend_y - 4}" '
            f'stroke="{colour}" stroke-width="2.2"{dash_attr}/>'
        )
        out.append(f'<text x="{legend_x + 36}" y="{legend_y}">{escape(name)}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"

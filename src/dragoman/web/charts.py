"""Cooperation–conflict charts as inline SVG, drawn on the server (no script, no inline style).

Each series is a set of buckets (week, month or year) with the sum of positive Goldstein scores
(cooperation, drawn up from zero) and of negative ones (conflict, drawn down). Every text is escaped;
colours are presentation attributes, so the chart looks the same inline and as a standalone file.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from markupsafe import Markup, escape

WIDTH, HEIGHT = 880, 360
LEFT, RIGHT, TOP, BOTTOM = 68, 18, 46, 92
PALETTE = [("#2b6cb0", "#c53030"), ("#63b3ed", "#ed8936"), ("#38a169", "#805ad5")]
MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


@dataclass
class Series:
    """One direction or actor: a label, a short key for class names, and its buckets."""

    label: str
    key: str
    points: list[dict[str, Any]]


def _next(d: date, bin: str) -> date:
    if bin == "week":
        return d + timedelta(days=7)
    if bin == "month":
        return date(d.year + (d.month == 12), d.month % 12 + 1, 1)
    return date(d.year + 1, 1, 1)


def _nice_step(span: float) -> float:
    raw = span / 5 or 1.0
    power = 10 ** math.floor(math.log10(raw))
    for m in (1, 2, 2.5, 5, 10):
        if raw <= m * power:
            return m * power
    return 10 * power


def _fmt(v: float) -> str:
    return f"{v:+.1f}" if v else "0"


def _tick(v: float) -> str:
    return f"{v:+g}" if abs(v) > 1e-9 else "0"


def _x_ticks(d0: date, d1: date) -> list[tuple[date, str]]:
    days = (d1 - d0).days
    if days > 3 * 366:
        step = max(1, math.ceil((d1.year - d0.year + 1) / 10))
        years = range(d0.year + (d0 != date(d0.year, 1, 1)), d1.year + 1, 1)
        return [(date(y, 1, 1), str(y)) for y in years if y % step == 0 and date(y, 1, 1) <= d1]
    if days > 70:
        months = (d1.year - d0.year) * 12 + d1.month - d0.month + 1
        step = max(1, math.ceil(months / 10))
        out, d = [], date(d0.year, d0.month, 1)
        i = 0
        while d <= d1:
            if d >= d0 and i % step == 0:
                out.append((d, f"{MONTHS[d.month - 1]} {d.year}"))
            d = _next(d, "month")
            i += 1
        return out
    out, d = [], d0
    while d <= d1:
        out.append((d, f"{d.day} {MONTHS[d.month - 1]}"))
        d += timedelta(days=7 * max(1, math.ceil(days / 70)))
    return out


@dataclass
class _Frame:
    """Where the plot sits and how values map onto it."""

    top_v: float
    bottom_v: float
    step: float
    d0: date | None = None
    d1: date | None = None
    plot_w: float = WIDTH - LEFT - RIGHT
    plot_h: float = HEIGHT - TOP - BOTTOM

    @property
    def scale(self) -> float:
        return self.plot_h / (self.top_v + self.bottom_v)

    @property
    def zero(self) -> float:
        return TOP + self.top_v * self.scale

    def y(self, v: float) -> float:
        return self.zero - v * self.scale

    def x(self, d: date) -> float:
        span = max(1, (self.d1 - self.d0).days)
        return LEFT + (d - self.d0).days * self.plot_w / span


def _frame(series: list[Series], bin: str) -> _Frame:
    top_v = max([p["cooperation"] for s in series for p in s.points] + [0.0])
    bottom_v = -min([p["conflict"] for s in series for p in s.points] + [0.0])
    if top_v == 0 and bottom_v == 0:
        top_v = bottom_v = 1.0
    step = _nice_step(top_v + bottom_v)
    frame = _Frame(math.ceil(top_v / step) * step, math.ceil(bottom_v / step) * step, step)
    buckets = sorted({date.fromisoformat(p["bucket"]) for s in series for p in s.points})
    if buckets:
        frame.d0, frame.d1 = buckets[0], _next(buckets[-1], bin)
    return frame


def _y_axis(f: _Frame, bin: str) -> list[str]:
    out = []
    v = -f.bottom_v
    while v <= f.top_v + 1e-9:
        yy = f.y(v)
        out.append(f'<line x1="{LEFT}" x2="{LEFT + f.plot_w}" y1="{yy:.1f}" y2="{yy:.1f}" stroke="#e2e8f0"/>')
        out.append(f'<text x="{LEFT - 6}" y="{yy + 4:.1f}" text-anchor="end" class="tick">{_tick(v)}</text>')
        v += f.step
    out.append(f'<line x1="{LEFT}" x2="{LEFT}" y1="{TOP}" y2="{TOP + f.plot_h}" stroke="#4a5568"/>')
    out.append(f'<text transform="translate(16 {TOP + f.plot_h / 2:.1f}) rotate(-90)" text-anchor="middle" '
               f'class="axis-title">Goldstein sum per {escape(bin)}</text>')
    return out


def _x_axis(f: _Frame, bin: str) -> list[str]:
    base = TOP + f.plot_h
    out = []
    if f.d0 is not None:
        for d, label in _x_ticks(f.d0, f.d1):
            xx = f.x(d)
            out.append(f'<line x1="{xx:.1f}" x2="{xx:.1f}" y1="{base}" y2="{base + 5}" stroke="#4a5568"/>')
            out.append(f'<text x="{xx:.1f}" y="{base + 18}" text-anchor="middle" class="tick">'
                       f"{escape(label)}</text>")
    out.append(f'<line x1="{LEFT}" x2="{LEFT + f.plot_w}" y1="{base}" y2="{base}" stroke="#4a5568"/>')
    out.append(f'<text x="{LEFT + f.plot_w / 2}" y="{base + 36}" text-anchor="middle" class="axis-title">'
               f"date (start of each {escape(bin)})</text>")
    return out


def _marks(f: _Frame, series: list[Series], bin: str) -> list[str]:
    """A bar up for cooperation and down for conflict per bucket and series; a dot for neutral buckets."""
    out = []
    n = max(1, len(series))
    for i, s in enumerate(series):
        coop_c, conf_c = PALETTE[i % len(PALETTE)]
        key = escape(s.key)
        for p in s.points:
            start = date.fromisoformat(p["bucket"])
            x0, x1 = f.x(start), f.x(_next(start, bin))
            width = max(2.0, (x1 - x0) * 0.8 / n)
            bx = x0 + (x1 - x0) * 0.1 + i * width if (x1 - x0) * 0.8 / n >= 2 else x0 + i * width
            n_ev = p["events"]
            tip = escape(f"{s.label}, {bin} of {start.isoformat()}: cooperation {_fmt(p['cooperation'])}, "
                         f"conflict {_fmt(p['conflict'])} ({n_ev} event{'s' if n_ev != 1 else ''})")
            if p["cooperation"] > 0:
                h = p["cooperation"] * f.scale
                out.append(f'<rect class="mark coop {key}" x="{bx:.1f}" y="{f.zero - h:.1f}" '
                           f'width="{width:.1f}" height="{h:.1f}" fill="{coop_c}">'
                           f"<title>{tip}</title></rect>")
            if p["conflict"] < 0:
                h = -p["conflict"] * f.scale
                out.append(f'<rect class="mark conflict {key}" x="{bx:.1f}" y="{f.zero:.1f}" '
                           f'width="{width:.1f}" height="{h:.1f}" fill="{conf_c}">'
                           f"<title>{tip}</title></rect>")
            if p["cooperation"] <= 0 <= p["conflict"]:
                out.append(f'<circle class="mark neutral {key}" cx="{bx + width / 2:.1f}" cy="{f.zero:.1f}" '
                           f'r="3" fill="#718096"><title>{tip}</title></circle>')
    return out


def _legend(series: list[Series]) -> list[str]:
    out = []
    lx, ly = LEFT, HEIGHT - 34
    for i, s in enumerate(series):
        for color, what in zip(PALETTE[i % len(PALETTE)], ("cooperation", "conflict"), strict=True):
            label = f"{s.label} {what}"
            if lx + 26 + 7 * len(label) > WIDTH - RIGHT and lx > LEFT:
                lx, ly = LEFT, ly + 18
            out.append(f'<rect class="legend-swatch" x="{lx}" y="{ly - 10}" width="12" height="12" '
                       f'fill="{color}"/>')
            out.append(f'<text x="{lx + 16}" y="{ly}" class="legend">{escape(label)}</text>')
            lx += 26 + 7 * len(label)
    return out


def goldstein_chart(series: list[Series], *, title: str, bin: str = "week", chart_id: str = "chart",
                    undrawn: int = 0) -> Markup:
    """An SVG chart: bars of cooperation (up) and conflict (down) per bucket, one colour pair per series,
    with axes, tick labels, axis titles, a title and a legend. Marks carry class="mark"."""
    f = _frame(series, bin)
    total = sum(p["events"] for s in series for p in s.points)
    empty = [] if f.d0 is not None else [
        f'<text x="{LEFT + f.plot_w / 2}" y="{TOP + f.plot_h / 2}" text-anchor="middle" class="empty">'
        "no dated events to draw</text>"]
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" '
        'font-family="system-ui, sans-serif" font-size="12">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">Sums of Goldstein scores per {bin}: cooperation above zero, conflict '
        f"below; {total} events drawn, {undrawn} with a date too coarse for the {bin}.</desc>",
        f'<rect x="0" y="0" width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>',
        f'<text x="{WIDTH / 2}" y="22" text-anchor="middle" font-size="15" font-weight="bold" '
        f'class="chart-title">{escape(title)}</text>',
        *_y_axis(f, bin),
        *_marks(f, series, bin),
        f'<line x1="{LEFT}" x2="{LEFT + f.plot_w}" y1="{f.zero:.1f}" y2="{f.zero:.1f}" stroke="#4a5568"/>',
        *_x_axis(f, bin),
        *empty,
        *_legend(series),
        "</svg>",
    ]
    return Markup("".join(parts))

"""A small progress chart as plain coordinates for an inline SVG. No Django here: it is plain arithmetic."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

WIDTH, HEIGHT, PAD_X, PAD_Y = 600, 180, 48, 20


@dataclass(frozen=True)
class Dot:
    x: float
    y: float
    on: date
    value: Decimal


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    baseline_y: float
    target_y: float
    left: int
    right: int
    top: int
    bottom: int
    dots: list[Dot] = field(default_factory=list)

    @property
    def points(self) -> str:
        return " ".join(f"{d.x:.1f},{d.y:.1f}" for d in self.dots)


def progress_chart(
    *, baseline: Decimal, target: Decimal, start: date, end: date, points: list[tuple[date, Decimal]]
) -> Chart:
    """Check-ins over time between the start and the target date, with the baseline and the target as lines."""
    values = [baseline, target, *(value for _, value in points)]
    low, high = min(values), max(values)
    span_value = (high - low) or Decimal(1)
    first = min([start, *(on for on, _ in points)])
    last = max([end, *(on for on, _ in points)])
    span_days = max((last - first).days, 1)
    right, bottom = WIDTH - PAD_X // 2, HEIGHT - PAD_Y

    def x(on: date) -> float:
        return PAD_X + (on - first).days / span_days * (right - PAD_X)

    def y(value: Decimal) -> float:
        return float(bottom - (Decimal(value) - low) / span_value * (bottom - PAD_Y))

    return Chart(
        width=WIDTH,
        height=HEIGHT,
        baseline_y=y(baseline),
        target_y=y(target),
        left=PAD_X,
        right=right,
        top=PAD_Y,
        bottom=bottom,
        dots=[Dot(x=x(on), y=y(value), on=on, value=value) for on, value in points],
    )


# Cohort charts for the coordinators' dashboard: grouped bars, lines and horizontal bars over counts.

PALETTE = ("#0b3d91", "#b35806", "#1b7837", "#762a83")
CHART_W, CHART_H, LEFT, RIGHT, TOP, BOTTOM = 520, 240, 40, 10, 12, 36


@dataclass(frozen=True)
class Tick:
    y: float
    value: int


@dataclass(frozen=True)
class Label:
    x: float
    y: float
    text: str


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    value: int
    color: str
    label: str
    series: str


@dataclass(frozen=True)
class Line:
    name: str
    color: str
    points: str
    dots: list[tuple[float, float, int]]


@dataclass(frozen=True)
class SeriesChart:
    """Counts per category (usually per week), as grouped bars or as lines, with the y axis ticks and legend."""

    width: int
    height: int
    left: int
    right: int
    top: int
    bottom: int
    ticks: list[Tick]
    labels: list[Label]
    legend: list[tuple[str, str]]
    bars: list[Bar] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)


def nice_ceiling(value: int) -> tuple[int, int]:
    """An axis top at or above `value` and a round step that divides it into at most five parts."""
    if value <= 5:
        return max(value, 1), 1
    magnitude = 10 ** (len(str(value)) - 1)
    for step in (magnitude // 10 or 1, magnitude // 5 or 1, magnitude // 2 or 1, magnitude, 2 * magnitude):
        if value / step <= 5:
            return -(-value // step) * step, step
    return -(-value // (5 * magnitude)) * 5 * magnitude, 5 * magnitude


def _frame(labels: list[str], series: list[tuple[str, list[int]]], label_every: int | None):
    top_value, step = nice_ceiling(max([0, *(v for _, values in series for v in values)]))
    right, bottom = CHART_W - RIGHT, CHART_H - BOTTOM
    slot = (right - LEFT) / max(len(labels), 1)
    every = label_every or max(1, -(-len(labels) // 8))

    def y(value: int) -> float:
        return bottom - value / top_value * (bottom - TOP)

    ticks = [Tick(y(v), v) for v in range(0, top_value + 1, step)]
    text = [Label(LEFT + slot * (i + 0.5), bottom + 16, label) for i, label in enumerate(labels) if i % every == 0]
    legend = [(name, PALETTE[i % len(PALETTE)]) for i, (name, _) in enumerate(series)]
    return right, bottom, slot, y, ticks, text, legend


def bar_chart(*, labels: list[str], series: list[tuple[str, list[int]]], label_every: int | None = None) -> SeriesChart:
    """Grouped bars: for each label, one bar per series, side by side."""
    right, bottom, slot, y, ticks, text, legend = _frame(labels, series, label_every)
    width = slot * 0.8 / max(len(series), 1)
    bars = [
        Bar(
            x=LEFT + slot * i + slot * 0.1 + width * s,
            y=y(value),
            width=max(width - 1, 1),
            height=bottom - y(value),
            value=value,
            color=PALETTE[s % len(PALETTE)],
            label=labels[i],
            series=name,
        )
        for s, (name, values) in enumerate(series)
        for i, value in enumerate(values)
    ]
    return SeriesChart(CHART_W, CHART_H, LEFT, right, TOP, bottom, ticks, text, legend, bars=bars)


def line_chart(
    *, labels: list[str], series: list[tuple[str, list[int]]], label_every: int | None = None
) -> SeriesChart:
    """One line per series across the labels."""
    right, bottom, slot, y, ticks, text, legend = _frame(labels, series, label_every)
    lines = []
    for s, (name, values) in enumerate(series):
        dots = [(LEFT + slot * (i + 0.5), y(value), value) for i, value in enumerate(values)]
        points = " ".join(f"{dx:.1f},{dy:.1f}" for dx, dy, _ in dots)
        lines.append(Line(name, PALETTE[s % len(PALETTE)], points, dots))
    return SeriesChart(CHART_W, CHART_H, LEFT, right, TOP, bottom, ticks, text, legend, lines=lines)


@dataclass(frozen=True)
class HBar:
    x: float
    y: float
    width: float
    value: int | None
    color: str

    @property
    def text_x(self) -> float:
        return self.x + self.width + 4


@dataclass(frozen=True)
class HRow:
    label: str
    y: float
    bars: list[HBar]


@dataclass(frozen=True)
class HBarChart:
    """Horizontal bars, one row per stage (a funnel), one bar per series in each row."""

    width: int
    height: int
    left: int
    right: int
    rows: list[HRow]
    legend: list[tuple[str, str]]


def hbar_chart(
    *, rows: list[tuple[str, list[int | None]]], series: list[str], label_width: int = 150, width: int = CHART_W
) -> HBarChart:
    """`rows` as (label, [value per series]); a None value draws no bar (the stage does not apply)."""
    bar_height, gap = 12, 10
    row_height = bar_height * len(series) + gap
    right = width - 60
    top_value = max([1, *(v for _, values in rows for v in values if v is not None)])
    drawn = []
    for r, (label, values) in enumerate(rows):
        y0 = TOP + r * row_height
        bars = [
            HBar(
                x=label_width,
                y=y0 + s * bar_height,
                width=(right - label_width) * value / top_value if value is not None else 0,
                value=value,
                color=PALETTE[s % len(PALETTE)],
            )
            for s, value in enumerate(values)
        ]
        drawn.append(HRow(label, y0 + row_height / 2 - gap / 2, bars))
    height = TOP * 2 + len(rows) * row_height
    legend = [(name, PALETTE[i % len(PALETTE)]) for i, name in enumerate(series)]
    return HBarChart(width, height, label_width, right, drawn, legend)

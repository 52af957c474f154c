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

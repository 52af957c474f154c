from datetime import date
from decimal import Decimal

from sessions.charts import progress_chart


def test_the_chart_spans_start_to_target_date_and_baseline_to_target():
    chart = progress_chart(
        baseline=Decimal(0),
        target=Decimal(10),
        start=date(2026, 1, 1),
        end=date(2026, 1, 11),
        points=[(date(2026, 1, 1), Decimal(0)), (date(2026, 1, 6), Decimal(5)), (date(2026, 1, 11), Decimal(10))],
    )
    first, middle, last = chart.dots
    assert (first.x, first.y) == (chart.left, chart.baseline_y) == (chart.left, chart.bottom)
    assert (last.x, last.y) == (chart.right, chart.target_y) == (chart.right, chart.top)
    assert middle.x == (chart.left + chart.right) / 2 and middle.y == (chart.top + chart.bottom) / 2
    assert chart.points.count(",") == 3


def test_a_chart_without_check_ins_or_with_a_falling_target_still_draws():
    chart = progress_chart(
        baseline=Decimal(40), target=Decimal(20), start=date(2026, 1, 1), end=date(2026, 1, 1), points=[]
    )
    assert chart.dots == [] and chart.points == ""
    assert chart.target_y > chart.baseline_y

"""Chart geometry for the goal page and the dashboard: pure arithmetic."""

from datetime import date
from decimal import Decimal
from pathlib import Path

from sessions import charts
from sessions.charts import bar_chart, hbar_chart, line_chart, nice_ceiling, progress_chart


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


def test_axis_tops_are_round_and_cover_the_largest_value():
    assert nice_ceiling(0) == (1, 1)
    assert nice_ceiling(4) == (4, 1)
    assert nice_ceiling(7) == (8, 2)
    assert nice_ceiling(23) == (25, 5)
    assert nice_ceiling(100) == (100, 20)
    assert nice_ceiling(1234) == (1500, 500)


def test_grouped_bars_stand_on_the_axis_and_scale_to_the_top():
    chart = bar_chart(labels=["w1", "w2"], series=[("held", [2, 4]), ("set", [0, 1])])
    held = [b for b in chart.bars if b.series == "held"]
    assert [b.value for b in chart.bars] == [2, 4, 0, 1]
    assert all(abs(b.y + b.height - chart.bottom) < 0.01 for b in chart.bars)
    assert held[1].y == chart.top and held[0].height == held[1].height / 2
    assert chart.bars[2].x > held[0].x and chart.bars[2].x < held[1].x  # side by side within the week
    assert [t.value for t in chart.ticks] == [0, 1, 2, 3, 4] and len(chart.legend) == 2


def test_lines_have_a_point_per_label_and_labels_thin_out():
    labels = [f"w{i}" for i in range(26)]
    chart = line_chart(labels=labels, series=[("a", list(range(26))), ("b", [1] * 26)])
    assert len(chart.lines) == 2 and all(len(line.dots) == 26 for line in chart.lines)
    assert chart.lines[0].points.count(",") == 26
    assert 4 <= len(chart.labels) <= 9


def test_horizontal_bars_are_proportional_and_skip_stages_that_do_not_apply():
    chart = hbar_chart(rows=[("Invited", [10, 4]), ("Goal set", [5, None])], series=["Mentees", "Mentors"])
    invited, goal = chart.rows
    assert invited.bars[0].width == chart.right - chart.left
    assert goal.bars[0].width == invited.bars[0].width / 2
    assert goal.bars[1].value is None and goal.bars[1].width == 0
    assert invited.bars[0].text_x == chart.left + invited.bars[0].width + 4


def test_the_chart_geometry_needs_no_django():
    imports = [line for line in Path(charts.__file__).read_text().splitlines() if line.startswith(("import", "from"))]
    assert imports and not any("django" in line for line in imports)

"""A list's first rows and how many rows it has in all, in one query (the pages say "the 20 most recent of 63")."""

from django.db.models import Count, QuerySet, Window


def first_rows(rows: QuerySet, limit: int | None) -> tuple[list, int]:
    """The first `limit` rows of `rows` (all of them when None), and the count of all: each row carries it, counted
    by a window over the rows before the limit, so that no second COUNT query is needed."""
    shown = list(rows.annotate(rows_in_all=Window(Count("pk")))[:limit])
    return shown, shown[0].rows_in_all if shown else 0

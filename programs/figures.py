"""The version of a program's cohort figures (the dashboard's funnel, weekly series, matching and history), so that
a page can keep those figures computed once and know when they no longer hold.

The version is a token in the shared cache (Redis in production): every write that changes a figure replaces it
after its transaction commits (`figures_changed`), and a figure kept under an older token is never read again. A
reader takes the token before it computes, so figures computed from rows read before a commit are filed under
the token that commit replaced. Without a shared cache (local memory, or Redis down) each process has its own
tokens: a change made in another process reaches a page only when its figures expire, which is why the page
says when its figures were computed.

One version per program, not per cohort: each cohort's dashboard shows the program's earlier cohorts beside it.
"""

from collections.abc import Iterable

from django.db import transaction
from django.db.models import QuerySet

from mentoring import kept
from programs.models import Cohort


def _scope(program_id: int) -> str:
    return f"program-figures:{program_id}"


def figures_version(program_id: int) -> str:
    """The program's current token: a fresh one when the cache has none (first use, evicted, or restarted)."""
    return kept.versions([_scope(program_id)])[0]


def figures_changed(*, program_ids: Iterable[int] | QuerySet) -> None:
    """After the current transaction commits (at once outside one): these programs' figures, and the pages kept
    of them (mentoring.kept), no longer hold. A QuerySet of program ids is read only then, so that a writer's
    transaction costs no query for it."""

    def replace():
        ids = set(program_ids)
        kept.replace([_scope(pk) for pk in ids] + [kept.program(pk) for pk in ids])

    transaction.on_commit(replace)


def cohorts_changed(*, cohort_ids: Iterable[int]) -> None:
    """figures_changed for the programs of these cohorts (their ids read after commit)."""
    figures_changed(program_ids=Cohort.objects.filter(pk__in=set(cohort_ids)).values_list("program_id", flat=True))

"""A program's audit log as its coordinators read it: newest first, filtered, one page at a time."""

from dataclasses import dataclass

from django.core.paginator import Page, Paginator

from mentoring.audit.models import AuditEntry
from programs.forms.audit import AuditFilterForm
from programs.models import Program

ENTRIES_PER_PAGE = 50


@dataclass(frozen=True)
class AuditPage:
    program: Program
    form: AuditFilterForm
    page: Page
    query: str


def audit_page(program: Program, *, data, number) -> AuditPage:
    """Four queries whatever the log's size: the coordinators, the count, the page, and nothing per row."""
    coordinators = list(program.coordinators.order_by("first_name", "last_name", "email"))
    form = AuditFilterForm(data or None, people=coordinators)
    entries = form.filter(AuditEntry.objects.of_program(program.pk, [person.pk for person in coordinators]))
    page = Paginator(entries.only(*DISPLAYED), ENTRIES_PER_PAGE).get_page(number)
    query = data.copy()
    query.pop("page", None)
    return AuditPage(program=program, form=form, page=page, query=query.urlencode())


DISPLAYED = ("at", "actor_name", "action", "target_label", "changes", "reason")

"""A program's resources page: its guides, files and agenda templates with their items, in three queries
whatever their number."""

from django.db.models import Prefetch

from programs.models import AgendaTemplate, AgendaTemplateItem, Program, Resource


def resources_page(program: Program) -> dict:
    resources = list(Resource.objects.filter(program=program).defer("body").order_by("title", "pk"))
    templates = list(
        AgendaTemplate.objects.filter(program=program)
        .prefetch_related(Prefetch("items", queryset=AgendaTemplateItem.objects.order_by("order", "pk")))
        .order_by("name", "pk")
    )
    return {
        "program": program,
        "guides": [r for r in resources if r.is_guide],
        "files": [r for r in resources if r.is_file],
        "templates": templates,
    }


def agenda_templates_for(program_id: int) -> list[AgendaTemplate]:
    """The templates a pair of this program may start an agenda from (names only: one query)."""
    return list(AgendaTemplate.objects.filter(program_id=program_id).only("pk", "name").order_by("name", "pk"))

from django import template
from django.template.backends.utils import csrf_input

from sessions.agenda_html import agenda_rows as build_rows

register = template.Library()


@register.simple_tag(takes_context=True)
def agenda_rows(context, items, meeting):
    """{% agenda_rows items meeting %}: the agenda's rows for the viewer (see sessions/agenda_html.py)."""
    request = context["request"]
    return build_rows(
        items,
        viewer_id=request.user.pk,
        is_mentor=meeting.mentorship.is_mentor(request.user),
        scheduled=meeting.is_scheduled,
        csrf_input=csrf_input(request),
    )

"""`{% pk_url "app:name" pk ... %}`: the link `{% url "app:name" pk ... %}` gives, for URL names whose arguments are
pks (or that take none), with one reverse() per URL name and process instead of one per row or page
(mentoring.web.pk_url): rows of a long list (an agenda, action items) each carry several links, and base.html's
navigation some eighteen on every page."""

from django import template

from mentoring.web import pk_url as _pk_url

register = template.Library()


@register.simple_tag
def pk_url(name: str, *pks) -> str:
    return _pk_url(name, *pks)

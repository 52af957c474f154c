from django import template

from sessions.selectors.closing import closing_banner as closing_banner_context

register = template.Library()


@register.inclusion_tag("sessions/_closing_banner.html")
def closing_banner(mentorship, user):
    """The end-of-program question on the pair's home page while it is open, and what came of it after."""
    return {"banner": closing_banner_context(mentorship=mentorship, user=user)}

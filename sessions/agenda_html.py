"""The agenda's rows as HTML, built in Python.

The meeting page must stay under 100 ms with a 300-item agenda; the template engine spends about 0.25 ms on a
row of this size (some forty variable lookups), string building about a tenth of that. Everything from the
database or a person passes through `escape`. The markup matches the rest of the agenda in templates/sessions/.
"""

from collections.abc import Iterable

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from sessions.models import AgendaItem

CATEGORIES = dict(AgendaItem.Category.choices)

BUTTON = (
    '<button type="submit" form="agenda-actions" formaction="{url}" class="btn btn-sm {style}"{extra}>{label}</button>'
)


def agenda_rows(
    items: Iterable[AgendaItem], *, viewer_id: int, is_mentor: bool, scheduled: bool, csrf_input: str
) -> SafeString:
    items = list(items)
    last = len(items)
    rows = "".join(_row(item, n, last, viewer_id, is_mentor, scheduled, csrf_input) for n, item in enumerate(items, 1))
    return mark_safe(rows)  # noqa: S308 (every value from the database is escaped in _row)


def _row(item: AgendaItem, n: int, last: int, viewer_id: int, is_mentor: bool, scheduled: bool, csrf: str) -> str:
    text = escape(item.text)
    done = ' class="text-decoration-line-through text-body-secondary"' if item.done else ""
    badge = ' <span class="badge text-bg-success">Done</span>' if item.done else ""
    parts = [
        f'<li class="list-group-item d-flex gap-2 align-items-start" id="item-{item.pk}"><div class="flex-grow-1">',
        f"<span{done}>{text}</span>{badge}",
        f'<div class="small text-body-secondary">{_byline(item)}</div>',
    ]
    if item.mentor_comment:
        parts.append(
            '<div class="small border-start border-3 ps-2 mt-1"><span class="fw-semibold">Mentor\'s comment:</span> '
            f"{escape(item.mentor_comment)}</div>"
        )
    if is_mentor and scheduled:
        parts.append(
            f'<details class="mt-1"><summary class="small">Comment<span class="visually-hidden"> on item {n}</span>'
            f'</summary><form method="post" action="{item.url}comment/" hx-post="{item.url}comment/" '
            f'class="d-flex gap-2 mt-1">{csrf}<label class="visually-hidden" for="comment-{item.pk}">Comment on item '
            f'{n}</label><input class="form-control form-control-sm" id="comment-{item.pk}" name="comment" '
            f'value="{escape(item.mentor_comment)}"><button class="btn btn-sm btn-outline-primary">Save</button>'
            "</form></details>"
        )
    parts.append('</div><div class="d-flex flex-column flex-sm-row gap-1 flex-shrink-0">')
    tick = "Untick" if item.done else "Tick off"
    parts.append(
        BUTTON.format(
            url=f"{item.url}toggle/",
            style="btn-outline-secondary" if item.done else "btn-outline-success",
            extra="",
            label=f'{tick}<span class="visually-hidden"> item {n}</span>',
        )
    )
    if scheduled:
        for direction, arrow, disabled in (("up", "↑", n == 1), ("down", "↓", n == last)):
            parts.append(
                BUTTON.format(
                    url=f"{item.url}move/",
                    style="btn-outline-secondary",
                    extra=f' name="direction" value="{direction}"' + (" disabled" if disabled else ""),
                    label=f'<span aria-hidden="true">{arrow}</span>'
                    f'<span class="visually-hidden">Move item {n} {direction}</span>',
                )
            )
        if item.author_id in (None, viewer_id):
            parts.append(
                BUTTON.format(
                    url=f"{item.url}remove/",
                    style="btn-outline-danger",
                    extra="",
                    label=f'<span aria-hidden="true">×</span><span class="visually-hidden">Remove item {n}</span>',
                )
            )
    parts.append("</div></li>")
    return "".join(parts)


def _byline(item: AgendaItem) -> str:
    """Category, goal and who added it. Expects `goal_url` and the author and goal attached by pages.agenda_items."""
    goal = f' · goal: <a href="{item.goal_url}">{escape(item.goal.title)}</a>' if item.goal else ""
    added = f"added by {escape(item.author.display_name)}" if item.author else "added automatically"
    return f"{escape(CATEGORIES.get(item.category, item.category))}{goal} · {added}"

"""What higher apps show on a person's home page. Each registers a function of the user that returns template
context, in its AppConfig.ready(), so this lowest layer never imports them (as with notifications.scanning)."""

from collections.abc import Callable

Panel = Callable[[object], dict]
_panels: dict[str, Panel] = {}


def register(name: str, panel: Panel) -> None:
    _panels[name] = panel


def context_for(user) -> dict:
    context: dict = {}
    for panel in _panels.values():
        context.update(panel(user))
    return context

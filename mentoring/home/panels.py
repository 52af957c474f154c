"""What higher apps show on a person's home page. Each registers a panel in its AppConfig.ready(), so this lowest
layer never imports them (as with notifications.scanning). Panels run in registration order (the apps' order in
INSTALLED_APPS, which follows the layers), each receiving the context so far: programs puts the person's cohorts
and coordinated cohorts in, matching and sessions add their figures to those rows and their own next steps."""

from collections.abc import Callable
from dataclasses import dataclass
from enum import IntEnum


class Urgency(IntEnum):
    """The order of a person's next steps: what someone else waits for first, then what only the person needs."""

    ANSWER_REQUEST = 10
    CONFIRM_MATCH = 15
    REVIEW_AGENDA = 20
    PREPARE_AGENDA = 30
    WRAP_UP = 40
    CONFIRM_AGREEMENT = 50
    ANSWER_CLOSING = 60
    RESUME_SETUP = 65
    FINISH_PROFILE = 70
    FIRST_GOAL = 80
    FIND_MENTOR = 90


@dataclass(frozen=True)
class Step:
    urgency: Urgency
    title: str
    detail: str
    url: str
    action: str
    when: object = None  # a datetime that orders steps of the same urgency (soonest first)


Panel = Callable[[object, dict], dict]
_panels: dict[str, Panel] = {}


def register(name: str, panel: Panel) -> None:
    _panels[name] = panel


def context_for(user, **known) -> dict:
    """Every panel's context, with the next steps of all of them in one list, most urgent first. `known` starts
    the context with what the caller has read already (the view's `profile`), for the panels to reuse."""
    context: dict = {**known, "steps": []}
    for panel in _panels.values():
        found = panel(user, context)
        context["steps"].extend(found.pop("steps", []))
        context.update(found)
    context["steps"].sort(key=lambda step: (step.urgency, step.when is None, step.when or 0))
    return context

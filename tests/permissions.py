"""The permission harness, after pretix's control-panel suite.

Every URL pattern of our apps needs a Case saying who may use it. Each test package adds its
own in `tests/<app>/permissions.py` as a CASES dict {url name: Case}; tests/test_permissions.py
collects them and fails for any URL pattern without one.

A Case's `setup(owner, outsider)` creates what the URL is about, owned by (or visible to)
`owner`, and returns the URL. `outsider` is another signed-in person: for OWNER cases they
must get a 404, never a 403 that would confirm the object exists.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum


class Access(Enum):
    PUBLIC = "anyone, signed in or not"
    LOGIN = "any signed-in person"
    OWNER = "only the person the object belongs to (others: 404)"
    STAFF = "site staff only (Django admin)"


@dataclass(frozen=True)
class Case:
    access: Access
    setup: Callable
    method: str = "get"
    ok: int = 200
    data: dict = field(default_factory=dict)
    htmx: bool = False

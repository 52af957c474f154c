"""Writing the audit log. Called by each action inside its own transaction, so the row and the change commit
together or not at all."""

from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction

from mentoring.accounts.models import person_name
from mentoring.audit.models import CONFIDENTIAL_FIELDS, Action, AuditEntry

LABEL_LENGTH = 200


def _plain(value):
    """A value as JSON keeps it: model instances by their id, dates as ISO text, sets and tuples as lists."""
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, list | tuple | set | frozenset):
        return [_plain(item) for item in value]
    if isinstance(value, models.QuerySet):
        return sorted(item.pk for item in value)
    return value


def changed_fields(before: dict, after: dict, fields: Iterable[str]) -> dict:
    """{field: [old, new]} for the named fields whose values differ, confidential ones left out."""
    changes = {}
    for name in fields:
        if name in CONFIDENTIAL_FIELDS:
            continue
        old, new = _plain(before.get(name)), _plain(after.get(name))
        if old != new:
            changes[name] = [old, new]
    return changes


@transaction.atomic
def record(
    *,
    actor: AbstractBaseUser | None,
    action: Action,
    target: models.Model | None = None,
    program_id: int | None = None,
    changes: dict | None = None,
    reason: str = "",
) -> AuditEntry:
    """Write one row. `changes` holds field values ({field: [old, new]} or {field: value}); confidential fields
    are refused, so a caller cannot slip a participant's words in by mistake."""
    changes = changes or {}
    refused = CONFIDENTIAL_FIELDS.intersection(changes)
    if refused:
        raise ValueError(f"The audit log never stores {', '.join(sorted(refused))}.")
    name = person_name(actor.first_name, actor.last_name, actor.email) if actor else "the system"
    return AuditEntry.objects.create(
        actor=actor,
        actor_name=name[:LABEL_LENGTH],
        action=action,
        program_id=program_id,
        target_type=ContentType.objects.get_for_model(target) if target is not None else None,
        target_id=target.pk if target is not None else None,
        target_label=str(target)[:LABEL_LENGTH] if target is not None else "",
        changes={key: _plain(value) for key, value in changes.items()},
        reason=reason.strip()[:300],
    )

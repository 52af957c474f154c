"""What the sessions finders share: people's names and local times from plain columns, links built without a
reverse() per row, and the "already notified" probe."""

import zoneinfo
from datetime import datetime
from functools import cache
from typing import NamedTuple

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Exists, OuterRef, Value
from django.db.models.functions import Cast, Coalesce, Concat

from mentoring.notifications.models import Notification
from mentoring.web import person_name, pk_url


class Person(NamedTuple):
    """One side of a pair, as the finders read it: the columns of `person_columns`, in that order."""

    id: int
    first_name: str
    last_name: str
    email: str
    time_zone: str | None

    @property
    def name(self) -> str:
        return person_name(self.first_name, self.last_name, self.email)

    def local(self, moment: datetime) -> datetime:
        return local_time(moment, self.time_zone)


def person_columns(prefix: str) -> tuple[str, ...]:
    """The columns a Person is read from."""
    return (
        f"{prefix}_id",
        f"{prefix}__first_name",
        f"{prefix}__last_name",
        f"{prefix}__email",
        f"{prefix}__profile__time_zone",
    )


def people(columns, count: int = 2) -> list[Person]:
    """`count` Persons from a row's consecutive person columns."""
    width = len(Person._fields)
    return [Person(*columns[i * width : (i + 1) * width]) for i in range(count)]


def cohort_rule(name: str, prefix: str = "mentorship__cohort__"):
    return Coalesce(f"{prefix}{name}", f"{prefix}program__{name}")


def notified(prefix: str, event: str) -> Exists:
    """Whether the outer row's `<prefix>:<pk>:<event>` notification exists: one unique-index probe per row."""
    key = Concat(Value(f"{prefix}:"), Cast(OuterRef("pk"), CharField()), Value(f":{event}"), output_field=CharField())
    return Exists(Notification.objects.filter(dedupe_key=key))


def local_time(moment: datetime, time_zone: str | None) -> datetime:
    return moment.astimezone(_zone(time_zone or "UTC"))


@cache
def _zone(name: str):
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo("UTC")


url = pk_url  # the finders' links (mentoring.web.pk_url: no reverse() per row)


def content_type_id(model) -> int:
    return ContentType.objects.get_for_model(model).pk

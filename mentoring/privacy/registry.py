"""The sections of a person's data. An exporter returns {title: rows}; an eraser forgets what must go."""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import models

Exporter = Callable[[object], dict[str, list[dict]]]
Eraser = Callable[[object], None]


@dataclass(frozen=True)
class Section:
    name: str
    export: Exporter
    erase: Eraser | None = None


_sections: dict[str, Section] = {}


def register(name: str, *, export: Exporter, erase: Eraser | None = None) -> None:
    _sections[name] = Section(name=name, export=export, erase=erase)


def sections() -> list[Section]:
    return list(_sections.values())


def rows(queryset: models.QuerySet, *, exclude: tuple[str, ...] = ()) -> list[dict]:
    """Every stored column of these rows (ids of related rows as they are), in a stable order."""
    names = [field.attname for field in queryset.model._meta.concrete_fields if field.name not in exclude]
    return list(queryset.order_by("pk").values(*names))

"""A program's resources: a coordinator publishes, edits and removes guides, files and agenda templates; a cohort
started in another program takes copies of them (programs.services.cohorts)."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction

from mentoring.audit.models import Action
from mentoring.audit.services import record
from programs.files import Refused, check_upload
from programs.models import (
    AGENDA_CATEGORIES,
    MAX_TEMPLATE_ITEMS,
    AgendaTemplate,
    AgendaTemplateItem,
    OrientationItem,
    Program,
    Resource,
)

CATEGORIES = {value for value, _ in AGENDA_CATEGORIES}


@dataclass(frozen=True)
class TemplateItemFields:
    category: str
    text: str


def _require_coordinator(program: Program, by: AbstractBaseUser) -> None:
    if not program.is_coordinated_by(by):
        raise ValidationError("You can only publish resources in your own programs.")


def _audit(by: AbstractBaseUser, action: Action, content: Resource | AgendaTemplate) -> None:
    """A row naming the resource by its title (a coordinator's label, as a cohort's name is), and for a resource
    its kind; never its text."""
    kind = content.kind if isinstance(content, Resource) else "agenda_template"
    record(actor=by, action=action, target=content, program_id=content.program_id, changes={"kind": kind})


@transaction.atomic
def publish_guide(*, program: Program, by: AbstractBaseUser, title: str, body: str) -> Resource:
    _require_coordinator(program, by)
    guide = Resource(program=program, kind=Resource.Kind.GUIDE, title=title.strip(), body=body.strip())
    if not guide.body:
        raise ValidationError({"body": "Write the guide's text."})
    guide.full_clean()
    guide.save()
    _audit(by, Action.RESOURCE_PUBLISHED, guide)
    return guide


@transaction.atomic
def edit_guide(*, guide: Resource, by: AbstractBaseUser, title: str, body: str) -> Resource:
    _require_coordinator(guide.program, by)
    guide.title, guide.body = title.strip(), body.strip()
    if not guide.body:
        raise ValidationError({"body": "Write the guide's text."})
    guide.full_clean()
    guide.save(update_fields=["title", "body", "updated_at"])
    return guide


def _checked(upload) -> str:
    """The content type of an acceptable upload, or a refusal on the file field."""
    try:
        return check_upload(name=upload.name, size=upload.size, stream=upload).content_type
    except Refused as exc:
        raise ValidationError({"file": str(exc)}) from exc


@transaction.atomic
def publish_file(*, program: Program, by: AbstractBaseUser, title: str, upload) -> Resource:
    """Refused, with nothing saved (and nothing written to storage), for a type outside the allow-list, content
    that is not what its name says, or a file over the size limit."""
    _require_coordinator(program, by)
    content_type = _checked(upload)
    resource = Resource(program=program, kind=Resource.Kind.FILE, title=title.strip() or upload.name[:160],
                        file_name=upload.name[-200:], content_type=content_type, size=upload.size)  # fmt: skip
    resource.full_clean(exclude=["file"])
    _save_with_file(resource, upload)
    _audit(by, Action.RESOURCE_PUBLISHED, resource)
    return resource


@transaction.atomic
def edit_file(*, resource: Resource, by: AbstractBaseUser, title: str, upload=None) -> Resource:
    """A new title, and (when given) a new file in place of the old one, checked as a new upload is."""
    _require_coordinator(resource.program, by)
    resource.title = title.strip() or resource.title
    if upload is None:
        resource.full_clean(exclude=["file"])
        resource.save(update_fields=["title", "updated_at"])
        return resource
    content_type = _checked(upload)
    old_name, storage = resource.file.name, resource.file.storage
    resource.file_name, resource.content_type, resource.size = upload.name[-200:], content_type, upload.size
    resource.full_clean(exclude=["file"])
    _save_with_file(resource, upload, ["title", "updated_at", "file", "file_name", "content_type", "size"])
    transaction.on_commit(lambda: storage.delete(old_name))
    return resource


def _save_with_file(resource: Resource, upload, fields: list[str] | None = None) -> None:
    """Write the file, then the row; a row that fails to save leaves no file behind."""
    resource.file.save(upload.name, upload, save=False)
    try:
        resource.save(update_fields=fields)
    except Exception:
        resource.file.storage.delete(resource.file.name)
        raise


@transaction.atomic
def remove_resource(*, resource: Resource, by: AbstractBaseUser) -> None:
    _require_coordinator(resource.program, by)
    name, storage = resource.file.name, resource.file.storage
    _audit(by, Action.RESOURCE_REMOVED, resource)
    resource.delete()
    if name:
        transaction.on_commit(lambda: storage.delete(name))


def _template_rows(template: AgendaTemplate, items: Iterable[TemplateItemFields]) -> list[AgendaTemplateItem]:
    items = [item for item in items if item.text.strip()]
    if not items:
        raise ValidationError("A template needs at least one agenda item.")
    if len(items) > MAX_TEMPLATE_ITEMS:
        raise ValidationError(f"A template holds at most {MAX_TEMPLATE_ITEMS} items.")
    rows = []
    for order, item in enumerate(items, start=1):
        if item.category not in CATEGORIES:
            raise ValidationError("Choose a category for every item.")
        rows.append(AgendaTemplateItem(template=template, category=item.category, text=item.text.strip()[:500],
                                       order=order))  # fmt: skip
    return rows


@transaction.atomic
def create_agenda_template(
    *, program: Program, by: AbstractBaseUser, name: str, description: str = "", items: Iterable[TemplateItemFields]
) -> AgendaTemplate:
    """Refused, with nothing saved, without an item, with too many, or with an item of no known category."""
    _require_coordinator(program, by)
    template = AgendaTemplate(program=program, name=name.strip(), description=description.strip())
    template.full_clean()
    rows = _template_rows(template, items)
    template.save()
    AgendaTemplateItem.objects.bulk_create(rows)
    _audit(by, Action.RESOURCE_PUBLISHED, template)
    return template


@transaction.atomic
def edit_agenda_template(
    *, template: AgendaTemplate, by: AbstractBaseUser, name: str, description: str = "",
    items: Iterable[TemplateItemFields],
) -> AgendaTemplate:  # fmt: skip
    """The name, description and the whole list of items replaced at once."""
    _require_coordinator(template.program, by)
    template.name, template.description = name.strip(), description.strip()
    template.full_clean()
    rows = _template_rows(template, items)
    template.save(update_fields=["name", "description"])
    template.items.all().delete()
    AgendaTemplateItem.objects.bulk_create(rows)
    return template


@transaction.atomic
def remove_agenda_template(*, template: AgendaTemplate, by: AbstractBaseUser) -> None:
    _require_coordinator(template.program, by)
    _audit(by, Action.RESOURCE_REMOVED, template)
    template.delete()


def check_orientation_resource(*, item: OrientationItem) -> None:
    """An orientation step may only point to a guide or file of its own cohort's program."""
    if item.resource_id and item.resource.program_id != item.cohort.program_id:
        raise ValidationError({"resource": "Choose a resource of this program."})


def copy_resources(*, source: Program, target: Program) -> tuple[dict[int, Resource], int]:
    """Copy a program's guides, files (a new copy of each file's content, under the target's folder) and agenda
    templates into another program. Returns ({source resource pk: its copy}, for the orientation steps that point
    to one; the number of templates copied)."""
    copies = {}
    for resource in Resource.objects.filter(program=source).order_by("pk"):
        copy = Resource(
            program=target,
            kind=resource.kind,
            title=resource.title,
            body=resource.body,
            file_name=resource.file_name,
            content_type=resource.content_type,
            size=resource.size,
        )
        if resource.is_file:
            with resource.file.open("rb") as original:
                copy.file.save(resource.file_name or "file", ContentFile(original.read()), save=False)
        copy.save()
        copies[resource.pk] = copy
    templates = list(AgendaTemplate.objects.filter(program=source).prefetch_related("items").order_by("pk"))
    for template in templates:
        copy = AgendaTemplate.objects.create(program=target, name=template.name, description=template.description)
        AgendaTemplateItem.objects.bulk_create(
            AgendaTemplateItem(template=copy, category=i.category, text=i.text, order=i.order)
            for i in template.items.all()
        )
    return copies, len(templates)

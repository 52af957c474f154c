"""Publishing a program's resources: a file of the wrong type, content or size is refused and nothing is saved
(neither a row nor a stored file); agenda templates need items of known categories; copies into another program."""

import io
import zipfile
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from programs.files import MAX_BYTES, check_upload
from programs.models import AGENDA_CATEGORIES, AgendaTemplate, AgendaTemplateItem, OrientationItem, Resource
from programs.services import clone_cohort
from programs.services.resources import (
    TemplateItemFields,
    create_agenda_template,
    edit_file,
    publish_file,
    publish_guide,
    remove_resource,
)
from sessions.models import AgendaItem
from tests.factories import UserFactory
from tests.programs.factories import AgendaTemplateFactory, FileResourceFactory, GuideFactory, ProgramFactory

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n"


def office(part: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr(f"{part}document.xml", "<x/>")
    return buffer.getvalue()


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def stored_files(settings) -> list:
    root = settings.MEDIA_ROOT / "resources"
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("guide.pdf", PDF),
        ("notes.txt", "Prépare tes questions\n".encode()),
        ("plan.docx", office("word/")),
        ("sheet.xlsx", office("xl/")),
        ("deck.pptx", office("ppt/")),
        ("logo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 20),
        ("photo.JPG", b"\xff\xd8\xff\xe0" + b"\x00" * 20),
    ],
)
def test_each_allowed_kind_is_published_under_a_random_name_in_the_programs_folder(program, coordinator, name, content):
    resource = publish_file(program=program, by=coordinator, title="", upload=upload(name, content))
    assert resource.file_name == name and resource.title == name and resource.size == len(content)
    assert resource.file.name.startswith(f"resources/program-{program.pk}/")
    assert name.rsplit(".", 1)[0] not in resource.file.name
    assert resource.file.read() == content


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("tool.exe", b"MZ\x90\x00", "cannot be published"),
        ("page.html", b"<script>alert(1)</script>", "cannot be published"),
        ("noextension", PDF, "cannot be published"),
        ("fake.pdf", b"MZ\x90\x00 not a pdf", "not a PDF"),
        ("fake.docx", office("xl/"), "not a Word"),
        ("fake.xlsx", b"PK\x03\x04broken zip", "not a Excel"),
        ("binary.txt", b"abc\x00def", "not a text"),
        ("latin.txt", "caf\xe9".encode("latin-1"), "not a text"),
        ("image.png", PDF, "not a PNG"),
        ("empty.pdf", b"", "empty"),
    ],
)
def test_a_wrong_type_or_content_is_refused_and_nothing_is_saved(program, coordinator, settings, name, content, says):
    before = stored_files(settings)
    with pytest.raises(ValidationError) as refused:
        publish_file(program=program, by=coordinator, title="X", upload=upload(name, content))
    assert says in " ".join(refused.value.message_dict["file"])
    assert not Resource.objects.exists()
    assert stored_files(settings) == before


def test_a_file_over_the_size_limit_is_refused_and_nothing_is_saved(program, coordinator, settings):
    before = stored_files(settings)
    big = upload("big.pdf", PDF + b"0" * MAX_BYTES)
    with pytest.raises(ValidationError, match="at most 10 MB"):
        publish_file(program=program, by=coordinator, title="Big", upload=big)
    assert not Resource.objects.exists() and stored_files(settings) == before


def test_the_size_check_comes_before_reading_the_content():
    class Unreadable:
        def seek(self, *_):
            raise AssertionError("read")

    with pytest.raises(ValueError, match="at most"):
        check_upload(name="x.pdf", size=MAX_BYTES + 1, stream=Unreadable())


def test_only_a_coordinator_of_the_program_publishes(program):
    stranger = UserFactory(is_coordinator=True)
    with pytest.raises(ValidationError):
        publish_guide(program=program, by=stranger, title="Guide", body="Text")
    with pytest.raises(ValidationError):
        publish_file(program=program, by=stranger, title="F", upload=upload("a.pdf", PDF))
    assert not Resource.objects.exists()


def test_a_guide_needs_text(program, coordinator):
    with pytest.raises(ValidationError):
        publish_guide(program=program, by=coordinator, title="Empty", body="   ")
    assert not Resource.objects.exists()


def test_replacing_a_file_with_a_wrong_one_keeps_the_old_one(program, coordinator):
    resource = FileResourceFactory(program=program)
    name = resource.file.name
    with pytest.raises(ValidationError):
        edit_file(resource=resource, by=coordinator, title="New", upload=upload("x.pdf", b"nope"))
    resource.refresh_from_db()
    assert resource.file.name == name and resource.title != "New"


def test_removing_a_file_removes_it_from_storage(program, coordinator, django_capture_on_commit_callbacks):
    resource = FileResourceFactory(program=program)
    path = resource.file.path
    with django_capture_on_commit_callbacks(execute=True):
        remove_resource(resource=resource, by=coordinator)
    assert not Resource.objects.exists()
    import os

    assert not os.path.exists(path)


def test_a_template_keeps_its_items_in_order(program, coordinator):
    template = create_agenda_template(
        program=program,
        by=coordinator,
        name="First meeting",
        items=[TemplateItemFields("question", "What do you hope for?"), TemplateItemFields("discussion", " "),
               TemplateItemFields("goal_check_in", "Your first goal")],
    )  # fmt: skip
    assert [(i.order, i.category, i.text) for i in template.items.all()] == [
        (1, "question", "What do you hope for?"),
        (2, "goal_check_in", "Your first goal"),
    ]


@pytest.mark.parametrize(
    "items",
    [[], [TemplateItemFields("discussion", "  ")], [TemplateItemFields("gossip", "x")],
     [TemplateItemFields("discussion", "x")] * 21],
)  # fmt: skip
def test_a_template_without_items_or_with_an_unknown_category_is_refused(program, coordinator, items):
    with pytest.raises(ValidationError):
        create_agenda_template(program=program, by=coordinator, name="T", items=items)
    assert not AgendaTemplate.objects.exists() and not AgendaTemplateItem.objects.exists()


def test_template_categories_are_the_agenda_item_categories():
    assert list(AgendaItem.Category.choices) == AGENDA_CATEGORIES


def test_a_cohort_started_in_another_program_copies_the_resources(cohort, coordinator):
    guide = GuideFactory(program=cohort.program)
    file = FileResourceFactory(program=cohort.program)
    AgendaTemplateFactory(program=cohort.program)
    OrientationItem.objects.create(cohort=cohort, role="mentee", title="Read the guide", resource=guide)
    other = ProgramFactory(coordinators=[coordinator])
    cloned = clone_cohort(source=cohort, program=other, name="Next", starts_on=cohort.starts_on + timedelta(days=365),
                          ends_on=cohort.ends_on + timedelta(days=365), by=coordinator)  # fmt: skip
    assert cloned.resources == 3
    copies = {r.kind: r for r in other.resources.all()}
    assert copies["guide"].body == guide.body and copies["file"].file.read() == file.file.read()
    assert copies["file"].file.name != file.file.name and f"program-{other.pk}" in copies["file"].file.name
    assert [i.text for i in other.agenda_templates.get().items.all()] == ["What went well?", "Next"]
    assert cloned.cohort.orientation_items.get().resource == copies["guide"]


def test_a_cohort_started_in_the_same_program_shares_its_resources(cohort, coordinator):
    guide = GuideFactory(program=cohort.program)
    OrientationItem.objects.create(cohort=cohort, role="mentee", title="Read the guide", resource=guide)
    cloned = clone_cohort(source=cohort, program=cohort.program, name="Next",
                          starts_on=cohort.starts_on + timedelta(days=365),
                          ends_on=cohort.ends_on + timedelta(days=365), by=coordinator)  # fmt: skip
    assert cloned.resources == 0 and Resource.objects.count() == 1
    assert cloned.cohort.orientation_items.get().resource == guide


def test_publishing_and_removing_resources_is_audited_by_title_and_kind_never_text(program, coordinator):
    from mentoring.audit.models import Action, AuditEntry
    from programs.services.resources import remove_agenda_template

    guide = publish_guide(program=program, by=coordinator, title="Your first meeting", body="Secret guide text")
    file = publish_file(program=program, by=coordinator, title="Handbook", upload=upload("handbook.pdf", PDF))
    template = create_agenda_template(program=program, by=coordinator, name="First meeting",
                                      items=[TemplateItemFields(category="question", text="Secret item")])  # fmt: skip
    remove_resource(resource=guide, by=coordinator)
    remove_agenda_template(template=template, by=coordinator)
    rows = list(AuditEntry.objects.order_by("pk").values_list("action", "program_id", "target_label", "changes"))
    assert rows == [
        (Action.RESOURCE_PUBLISHED, program.pk, "Your first meeting", {"kind": "guide"}),
        (Action.RESOURCE_PUBLISHED, program.pk, "Handbook", {"kind": "file"}),
        (Action.RESOURCE_PUBLISHED, program.pk, "First meeting", {"kind": "agenda_template"}),
        (Action.RESOURCE_REMOVED, program.pk, "Your first meeting", {"kind": "guide"}),
        (Action.RESOURCE_REMOVED, program.pk, "First meeting", {"kind": "agenda_template"}),
    ]
    assert all(entry.actor == coordinator for entry in AuditEntry.objects.all())
    assert "Secret" not in str(list(AuditEntry.objects.values()))
    assert file.pk


def test_a_refused_publication_writes_no_audit_row(program, coordinator):
    from mentoring.audit.models import AuditEntry

    with pytest.raises(ValidationError):
        publish_guide(program=program, by=coordinator, title="Empty", body="  ")
    with pytest.raises(ValidationError):
        publish_file(program=program, by=coordinator, title="Bad", upload=upload("x.exe", b"MZ"))
    assert not AuditEntry.objects.exists()

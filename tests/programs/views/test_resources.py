"""A program's resources through the test client: who reads them, who manages them (another program's coordinator
gets a 404), the file download's headers, the upload's refusals on the form, and the page's query count."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from programs.models import AgendaTemplate, Enrollment, Resource, Role
from tests.factories import UserFactory
from tests.programs.factories import (
    AgendaTemplateFactory,
    EnrollmentFactory,
    FileResourceFactory,
    GuideFactory,
    ProgramFactory,
)


@pytest.fixture
def other_coordinator(db):
    user = UserFactory(is_coordinator=True)
    ProgramFactory(coordinators=[user])
    return user


def test_a_member_downloads_a_file_as_an_attachment_of_its_checked_type(client, program, mentee):
    resource = FileResourceFactory(program=program, file_name="Read me first.txt")
    client.force_login(mentee)
    response = client.get(reverse("programs:file_download", args=[resource.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "Read me first.txt" in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == b"Bring your goals.\n"


@pytest.mark.parametrize("who", ["stranger", "other_coordinator", "withdrawn", "other_program_mentee"])
def test_anyone_outside_the_program_gets_a_404_for_its_file_guide_and_page(client, program, cohort, who):
    users = {
        "stranger": UserFactory,
        "other_coordinator": lambda: ProgramFactory(coordinators=[UserFactory(is_coordinator=True)]).coordinators.get(),
        "withdrawn": lambda: EnrollmentFactory(cohort=cohort, status=Enrollment.Status.WITHDRAWN).user,
        "other_program_mentee": lambda: EnrollmentFactory().user,
    }
    client.force_login(users[who]())
    file, guide = FileResourceFactory(program=program), GuideFactory(program=program)
    assert client.get(reverse("programs:file_download", args=[file.pk])).status_code == 404
    assert client.get(reverse("programs:guide_detail", args=[guide.pk])).status_code == 404
    assert client.get(reverse("programs:resource_list", args=[program.slug])).status_code == 404


def test_another_programs_coordinator_gets_a_404_on_every_management_page(client, program, other_coordinator):
    guide, template = GuideFactory(program=program), AgendaTemplateFactory(program=program)
    client.force_login(other_coordinator)
    for name in ("guide_create", "file_create", "template_create"):
        assert client.get(reverse(f"programs:{name}", args=[program.slug])).status_code == 404
    assert client.get(reverse("programs:resource_edit", args=[guide.pk])).status_code == 404
    assert client.post(reverse("programs:resource_delete", args=[guide.pk])).status_code == 404
    assert client.get(reverse("programs:template_edit", args=[template.pk])).status_code == 404
    assert client.post(reverse("programs:template_delete", args=[template.pk])).status_code == 404
    assert Resource.objects.count() == 1 and AgendaTemplate.objects.count() == 1


def test_a_participant_reads_but_does_not_manage(client, program, mentor):
    guide = GuideFactory(program=program)
    client.force_login(mentor)
    page = client.get(reverse("programs:resource_list", args=[program.slug])).content.decode()
    assert guide.title in page and reverse("programs:guide_create", args=[program.slug]) not in page
    assert client.get(reverse("programs:resource_edit", args=[guide.pk])).status_code == 404
    assert client.get(reverse("programs:guide_create", args=[program.slug])).status_code == 404


def test_a_guide_is_shown_escaped_with_its_links_made_links(client, program, mentee):
    guide = GuideFactory(program=program, body="<script>alert(1)</script>\n\nSee https://example.org/plan now.")
    client.force_login(mentee)
    page = client.get(reverse("programs:guide_detail", args=[guide.pk])).content.decode()
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert '<a href="https://example.org/plan" rel="nofollow">https://example.org/plan</a>' in page


def test_a_coordinator_uploads_a_file(client, program, coordinator):
    client.force_login(coordinator)
    upload = SimpleUploadedFile("plan.pdf", b"%PDF-1.4 tiny")
    response = client.post(reverse("programs:file_create", args=[program.slug]), {"title": "Plan", "file": upload})
    assert response.status_code == 302
    assert Resource.objects.get().file_name == "plan.pdf"


def test_a_wrong_file_gets_a_message_on_the_form_and_nothing_saved(client, program, coordinator):
    client.force_login(coordinator)
    upload = SimpleUploadedFile("plan.pdf", b"MZ this is a program")
    response = client.post(reverse("programs:file_create", args=[program.slug]), {"title": "Plan", "file": upload})
    assert response.status_code == 200
    assert "not a PDF file" in response.content.decode()
    assert not Resource.objects.exists()


def test_a_coordinator_builds_and_edits_an_agenda_template(client, program, coordinator):
    client.force_login(coordinator)
    data = {"name": "First meeting", "description": "", "items-TOTAL_FORMS": "2", "items-INITIAL_FORMS": "0",
            "items-0-category": "question", "items-0-text": "What do you hope for?",
            "items-1-category": "discussion", "items-1-text": ""}  # fmt: skip
    assert client.post(reverse("programs:template_create", args=[program.slug]), data).status_code == 302
    template = AgendaTemplate.objects.get()
    assert list(template.items.values_list("text", flat=True)) == ["What do you hope for?"]
    edited = {**data, "items-1-text": "Ways of working"}
    assert client.post(reverse("programs:template_edit", args=[template.pk]), edited).status_code == 302
    assert list(template.items.values_list("text", flat=True)) == ["What do you hope for?", "Ways of working"]
    empty = {**data, "items-0-text": ""}
    response = client.post(reverse("programs:template_edit", args=[template.pk]), empty)
    assert "at least one agenda item" in response.content.decode()
    assert template.items.count() == 2


def _resources_page_queries(client, program, size: int) -> int:
    for n in range(size):
        GuideFactory(program=program)
        FileResourceFactory(program=program)
        AgendaTemplateFactory(program=program, items=[("question", f"Q{n}"), ("follow_up", f"F{n}")])
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("programs:resource_list", args=[program.slug])).status_code == 200
    return len(queries)


def test_the_resources_page_costs_the_same_queries_at_any_size(client, cohort):
    small, large = ProgramFactory(), ProgramFactory()
    person = UserFactory()
    for program in (small, large):
        EnrollmentFactory(cohort__program=program, user=person, role=Role.MENTEE)
    client.force_login(person)
    assert _resources_page_queries(client, small, 2) == _resources_page_queries(client, large, 25) <= 12


def test_an_orientation_step_points_to_a_guide_its_people_can_open(client, cohort, coordinator, mentee):
    guide = GuideFactory(program=cohort.program, title="How we mentor")
    client.force_login(coordinator)
    url = reverse("programs:orientation_item_add", args=[cohort.pk])
    client.post(url, {"role": "mentee", "title": "Read the guide", "resource": guide.pk})
    step = cohort.orientation_items.get()
    assert step.resource == guide
    client.force_login(mentee)
    enrollment = Enrollment.objects.get(user=mentee, cohort=cohort)
    page = client.get(reverse("programs:orientation", args=[enrollment.pk])).content.decode()
    assert reverse("programs:guide_detail", args=[guide.pk]) in page


def test_an_orientation_step_cannot_point_to_another_programs_resource(client, cohort, coordinator):
    client.force_login(coordinator)
    url = reverse("programs:orientation_item_add", args=[cohort.pk])
    response = client.post(url, {"role": "mentee", "title": "Read", "resource": GuideFactory().pk}, follow=True)
    assert "Choose a guide or file of this program." in response.content.decode()
    assert not cohort.orientation_items.exists()

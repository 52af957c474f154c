import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from programs.models import ReportingLine
from tests.programs.conftest import csv_bytes

pytestmark = pytest.mark.django_db


def upload(*lines):
    return SimpleUploadedFile("lines.csv", csv_bytes(*lines), content_type="text/csv")


def test_a_coordinator_imports_reporting_lines_and_a_wrong_file_imports_nothing(client, coordinator, program):
    client.force_login(coordinator)
    url = reverse("programs:reporting_lines", args=[program.slug])
    response = client.post(url, {"file": upload("email,manager", "a@x.org,b@x.org", "b@x.org,a@x.org")})
    body = response.content.decode()
    assert "1 line to fix" in body and "nothing was imported" in body and "go round in a loop" in body
    assert not ReportingLine.objects.exists()
    response = client.post(url, {"file": upload("email,manager", "a@x.org,b@x.org")}, follow=True)
    assert "1 reporting line imported." in response.content.decode()
    assert "<strong>1</strong> imported reporting line" in response.content.decode()
    client.post(reverse("programs:reporting_lines_clear", args=[program.slug]))
    assert not ReportingLine.objects.exists()

import re
from pathlib import Path

import pytest
from django.conf import settings

from matching.models import MatchRun, Mentorship, MentorshipRequest, ProposedPair, UnmatchedMentee

Request, Run = MentorshipRequest.Status, MatchRun.Status
STATES = [
    (Mentorship, "status", {status: f"is_{status}" for status in Mentorship.Status}),
    (MatchRun, "status", {Run.DRAFT: "is_draft", Run.PUBLISHED: "is_published"}),
    (MentorshipRequest, "status", {Request.PENDING: "is_pending", Request.ACCEPTED: "is_accepted",
                                   Request.DECLINED: "is_declined"}),
    (ProposedPair, "source", {ProposedPair.Source.SWAP: "is_swapped"}),
    (UnmatchedMentee, "reason", {UnmatchedMentee.Reason.DROPPED: "is_dropped"}),
]  # fmt: skip


@pytest.mark.parametrize(("model", "field", "properties"), STATES)
def test_a_property_says_whether_a_row_is_in_each_state_templates_ask_about(model, field, properties):
    for value, _label in model._meta.get_field(field).choices:
        row = model(**{field: value})
        expected = [properties[value]] if value in properties else []
        assert [name for name in properties.values() if getattr(row, name)] == expected


def test_matching_templates_compare_no_state_to_a_string():
    compared = re.compile(r"\.(status|reason|source)\s*(==|!=)|(==|!=)\s*['\"]")
    templates = Path(settings.BASE_DIR, "templates", "matching").glob("*.html")
    offenders = [
        f"{path.name}: {line.strip()}"
        for path in templates
        for line in path.read_text().splitlines()
        if compared.search(line)
    ]
    assert offenders == []

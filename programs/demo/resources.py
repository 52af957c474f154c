"""Leadership Circle's resources: a guide for mentees, a one-page PDF of meeting tips, and an agenda template for a
pair's first meeting; the mentee guide's orientation step points to the guide. Built once, found again by title."""

from django.core.files.base import ContentFile

from programs.models import AgendaTemplate, AgendaTemplateItem, OrientationItem, Program, Resource

GUIDE = """Mentoring works best when you, the mentee, lead it.

Before each meeting, set an objective and put two or three items on the agenda: your mentor reviews them beforehand.
After it, note what you agreed and turn advice into action items.

The program's full handbook is at https://example.org/leadership-circle/handbook"""

FIRST_MEETING = [
    ("question", "What made you want to mentor (or be mentored) this time?"),
    ("discussion", "How we will work together: cadence, channel, confidentiality"),
    ("goal_check_in", "The first goal I would like help with"),
    ("follow_up", "What each of us does before the next meeting"),
]


def one_page_pdf(lines: list[str]) -> bytes:
    """A minimal, valid one-page PDF with a few lines of text (Helvetica), with its cross-reference table."""
    text = "BT /F1 14 Tf 72 760 Td 18 TL " + " ".join(f"({line}) '" for line in lines) + " ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(text)} >>\nstream\n{text}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{offset:010d} 00000 n \n" for offset in offsets).encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def seed(program: Program) -> None:
    guide, _ = Resource.objects.get_or_create(
        program=program, kind=Resource.Kind.GUIDE, title="The mentee guide", defaults={"body": GUIDE}
    )
    if not Resource.objects.filter(program=program, kind=Resource.Kind.FILE).exists():
        content = one_page_pdf(["Meeting tips", "1. Set an objective.", "2. Prepare the agenda.", "3. Follow up."])
        tips = Resource(program=program, kind=Resource.Kind.FILE, title="Meeting tips (one page)",
                        file_name="meeting-tips.pdf", content_type="application/pdf", size=len(content))  # fmt: skip
        tips.file.save("meeting-tips.pdf", ContentFile(content), save=False)
        tips.save()
    template, created = AgendaTemplate.objects.get_or_create(
        program=program, name="First meeting", defaults={"description": "Getting to know each other and agreeing"}
    )
    if created:
        AgendaTemplateItem.objects.bulk_create(
            AgendaTemplateItem(template=template, category=category, text=text, order=order)
            for order, (category, text) in enumerate(FIRST_MEETING, start=1)
        )
    OrientationItem.objects.filter(cohort__program=program, title="Read the mentee guide", resource=None).update(
        resource=guide
    )

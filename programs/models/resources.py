"""A program's resources: guides (text with links), files and agenda templates, for the program's people.

Files live under MEDIA_ROOT in a folder per program with a random name (never the uploaded one): what they are
called and what kind they are is kept on the row, and they are only ever served by a view that checks who asks
(programs.views.resources), never from a public URL."""

import secrets

from django.db import models
from django.db.models import Exists, OuterRef, Q

from .enrollments import Enrollment
from .programs import Program

# The agenda item categories of sessions' AgendaItem.Category (programs sits below sessions and cannot import it;
# tests/programs/test_resources_models.py checks both stay the same).
AGENDA_CATEGORIES = [
    ("question", "Question for the mentor"),
    ("discussion", "Item for discussion"),
    ("action_plan", "Action-plan review"),
    ("follow_up", "Follow-up on earlier advice"),
    ("goal_check_in", "Goal check-in"),
]
MAX_TEMPLATE_ITEMS = 20


def members_of(user):
    """Programs whose resources this person may read: those they coordinate, or take part in (active, or done)."""
    taking_part = Enrollment.objects.filter(
        cohort__program=OuterRef("pk"),
        user=user,
        status__in=[Enrollment.Status.ACTIVE, Enrollment.Status.COMPLETED],
    )
    return Program.objects.filter(Q(coordinators=user) | Exists(taking_part)).distinct()


def resource_path(resource: "Resource", filename: str) -> str:
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"resources/program-{resource.program_id}/{secrets.token_hex(16)}.{extension}"


class ProgramContentQuerySet(models.QuerySet):
    """What a program publishes to its people: its coordinators manage it, its members read it."""

    def for_coordinator(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(program__coordinators=user)

    def for_user(self, user):
        """What this person may read: the content of the programs they coordinate or take part in."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(program__in=members_of(user).values("pk"))


class ResourceQuerySet(ProgramContentQuerySet):
    def guides(self):
        return self.filter(kind=Resource.Kind.GUIDE)

    def files(self):
        return self.filter(kind=Resource.Kind.FILE)


class Resource(models.Model):
    """A guide (title and text, whose links become links when shown) or a file (title and an uploaded file)."""

    class Kind(models.TextChoices):
        GUIDE = "guide", "Guide"
        FILE = "file", "File"

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="resources")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    title = models.CharField(max_length=160)
    body = models.TextField("Text", blank=True, max_length=20000, help_text="Web addresses become links.")
    file = models.FileField(upload_to=resource_path, blank=True, max_length=200)
    file_name = models.CharField(max_length=200, blank=True, help_text="The name it was uploaded with.")
    content_type = models.CharField(max_length=120, blank=True)
    size = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ResourceQuerySet.as_manager()

    class Meta:
        ordering = ["program", "kind", "title", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="guide", file="") | (Q(kind="file") & ~Q(file="")),
                name="resource_file_only_for_files",
            )
        ]

    def __str__(self):
        return self.title

    @property
    def is_file(self) -> bool:
        return self.kind == self.Kind.FILE

    @property
    def is_guide(self) -> bool:
        return self.kind == self.Kind.GUIDE


class AgendaTemplate(models.Model):
    """A named list of agenda items a pair can start a meeting's agenda from."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="agenda_templates")
    name = models.CharField(max_length=120)
    description = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ProgramContentQuerySet.as_manager()

    class Meta:
        ordering = ["program", "name", "pk"]

    def __str__(self):
        return self.name


class AgendaTemplateItem(models.Model):
    template = models.ForeignKey(AgendaTemplate, on_delete=models.CASCADE, related_name="items")
    category = models.CharField(max_length=20, choices=AGENDA_CATEGORIES, default="discussion")
    text = models.CharField(max_length=500)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["template", "order", "pk"]

    def __str__(self):
        return self.text

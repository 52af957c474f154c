"""Programs and their coordinators."""

from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify

from mentoring.notifications.models import Kind
from mentoring.notifications.services import notify
from programs.models import Program


@transaction.atomic
def create_program(*, program: Program, created_by: AbstractBaseUser) -> Program:
    """Save a new program (from its form) with a unique slug and its creator as coordinator."""
    if not created_by.is_coordinator:
        raise ValidationError("Only coordinators may create programs.")
    base = slugify(program.name)[:120] or "program"
    slug, n = base, 1
    while Program.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    program.slug = slug
    program.save()
    program.coordinators.add(created_by)
    return program


@transaction.atomic
def add_coordinator(*, program: Program, email: str, added_by: AbstractBaseUser) -> AbstractBaseUser:
    person = get_user_model().objects.filter(email__iexact=email.strip()).first()
    if person is None:
        raise ValidationError(f"Nobody has an account with {email}; ask them to sign up first.")
    if program.coordinators.filter(pk=person.pk).exists():
        raise ValidationError(f"{person} already coordinates this program.")
    program.coordinators.add(person)
    notify(
        recipient=person,
        kind=Kind.PROGRAM,
        title=f"You now coordinate {program.name}",
        body=f"{added_by} added you as a coordinator of {program.name}.",
        about=program,
        dedupe_key=f"program:{program.pk}:coordinator:{person.pk}",
    )
    return person

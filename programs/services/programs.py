"""Programs and their coordinators."""

from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.forms import ModelForm
from django.utils.text import slugify

from mentoring.audit.models import Action
from mentoring.audit.services import changed_fields, record
from mentoring.notifications.models import Kind
from mentoring.notifications.services import notify
from programs.models import Cohort, Program
from programs.services.surveys import add_closing_survey


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
    record(actor=created_by, action=Action.PROGRAM_CREATED, target=program, program_id=program.pk)
    return program


@transaction.atomic
def add_coordinator(*, program: Program, email: str, added_by: AbstractBaseUser) -> AbstractBaseUser:
    person = get_user_model().objects.filter(email__iexact=email.strip()).first()
    if person is None:
        raise ValidationError(f"Nobody has an account with {email}; ask them to sign up first.")
    if program.coordinators.filter(pk=person.pk).exists():
        raise ValidationError(f"{person} already coordinates this program.")
    program.coordinators.add(person)
    record(
        actor=added_by,
        action=Action.COORDINATOR_ADDED,
        target=program,
        program_id=program.pk,
        changes={"coordinator": person.pk},
    )
    notify(
        recipient=person,
        kind=Kind.PROGRAM,
        title=f"You now coordinate {program.name}",
        body=f"{added_by} added you as a coordinator of {program.name}.",
        about=program,
        dedupe_key=f"program:{program.pk}:coordinator:{person.pk}",
    )
    return person


@transaction.atomic
def save_settings(*, form: ModelForm, by: AbstractBaseUser):
    """Save a program's or a cohort's settings form, with an audit row of the fields that changed."""
    created = form.instance.pk is None
    fields = list(form.changed_data)
    before = {name: form.initial.get(name) for name in fields}
    saved = form.save()
    if created and isinstance(saved, Cohort):
        add_closing_survey(cohort=saved)
    program_id = saved.pk if isinstance(saved, Program) else saved.program_id
    if created:
        action = Action.COHORT_CREATED
    else:
        action = Action.PROGRAM_CHANGED if isinstance(saved, Program) else Action.COHORT_CHANGED
    after = {name: form.cleaned_data.get(name) for name in fields}
    record(actor=by, action=action, target=saved, program_id=program_id, changes=changed_fields(before, after, fields))
    return saved

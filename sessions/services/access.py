"""Audited access: where a program allows it, a coordinator opens a pair's shared notes and agendas after giving a
reason. Each opening writes an audit row, which the pair reads on their own page (who, when, why)."""

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction

from matching.models import Mentorship
from mentoring.audit.models import Action, AuditEntry
from mentoring.audit.services import record

MIN_REASON = 10


@transaction.atomic
def open_pair_content(*, mentorship: Mentorship, by: AbstractBaseUser, reason: str) -> AuditEntry:
    program = mentorship.cohort.program
    if not program.audited_access:
        raise ValidationError("This program keeps its pairs' notes and agendas to the pairs.")
    if not program.coordinators.filter(pk=by.pk).exists():
        raise ValidationError("Only the program's coordinators may open a pair's notes and agendas.")
    if len(reason.strip()) < MIN_REASON:
        raise ValidationError({"reason": "Say why you need to look, in a sentence: the pair will read it."})
    return record(actor=by, action=Action.PAIR_CONTENT_OPENED, target=mentorship, program_id=program.pk, reason=reason)

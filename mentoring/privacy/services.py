"""A person's data as a ZIP (JSON and a readable HTML page), and the erasure of their account.

Erasure keeps the User row, emptied: what the person shared with a partner stays on the partner's pages, attributed to
"a former participant", and every count in the cohort reports stays right. Private notes and everything that is theirs
alone (profile, answers, notifications, addresses, sign-in methods) are deleted or emptied by each app's eraser.
"""

import io
import json
import zipfile

from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from mentoring.accounts.models import FORMER_PARTICIPANT
from mentoring.audit.models import Action, AuditEntry
from mentoring.audit.services import record
from mentoring.privacy import registry

ACCOUNT_FIELDS = ("email", "first_name", "last_name", "date_joined", "last_login", "is_coordinator", "is_active")


def personal_data(user: AbstractBaseUser) -> dict[str, dict[str, list[dict]]]:
    account = {name: getattr(user, name) for name in ACCOUNT_FIELDS}
    data = {"account": {"Account": [account]}}
    for section in registry.sections():
        data[section.name] = section.export(user)
    return data


def personal_data_zip(
    *, user: AbstractBaseUser, by: AbstractBaseUser, program_id: int | None = None, reason: str = ""
) -> bytes:
    """The download. When someone else asks for it (a coordinator, on the person's request) it is audited."""
    data = personal_data(user)
    as_json = json.dumps(data, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False)
    page = render_to_string(
        "privacy/personal_data.html", {"person": user, "data": json.loads(as_json), "made_at": timezone.now()}
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("personal-data.json", as_json)
        archive.writestr("personal-data.html", page)
    if by.pk != user.pk:
        record(actor=by, action=Action.PERSONAL_DATA_EXPORTED, target=user, program_id=program_id, reason=reason)
    return buffer.getvalue()


@transaction.atomic
def erase_account(
    *, user: AbstractBaseUser, by: AbstractBaseUser, program_id: int | None = None, reason: str = ""
) -> AbstractBaseUser:
    """Forget the person: each app's eraser, then the account itself, emptied and closed. Cannot be undone."""
    user = get_user_model().objects.select_for_update().get(pk=user.pk)
    if user.erased_at:
        raise ValidationError("This account has already been deleted.")
    if by.pk != user.pk and (user.is_staff or user.is_superuser):
        raise ValidationError("A member of staff's account is deleted by a site admin.")
    if by.pk != user.pk:
        # Written first, while the person's name is still there to be replaced below.
        record(actor=by, action=Action.ACCOUNT_ERASED, target=user, program_id=program_id, reason=reason)
    for section in registry.sections():
        if section.erase:
            section.erase(user)
    AuditEntry.objects.filter(actor=user).update(actor_name=FORMER_PARTICIPANT)
    AuditEntry.objects.filter(target_type__model="user", target_type__app_label="accounts", target_id=user.pk).update(
        target_label=FORMER_PARTICIPANT
    )
    user.email = f"former-participant-{user.pk}@erased.invalid"
    user.first_name, user.last_name = FORMER_PARTICIPANT, ""
    user.is_active = user.is_staff = user.is_superuser = user.is_coordinator = False
    user.erased_at = timezone.now()
    user.set_unusable_password()
    user.save()
    user.user_permissions.clear()
    user.groups.clear()
    # Every session of theirs ends with the unusable password: Django checks the password's hash on each request.
    return user

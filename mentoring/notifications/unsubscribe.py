"""The signed token in an e-mail's unsubscribe link (RFC 8058 one-click): who, and which kind of e-mail.

Signed with the site's secret (django.core.signing), so it works without signing in and cannot be made up for
someone else. It does not expire: an unsubscribe link must keep working as long as the e-mail is kept, and a
new SECRET_KEY (with the old one in DJANGO_SECRET_KEY_FALLBACKS) keeps old links valid.
"""

from django.core import signing

SALT = "mentoring.notifications.unsubscribe"


def token_for(*, user_id: int, kind: str) -> str:
    return signing.dumps([user_id, kind], salt=SALT)


def read(token: str) -> tuple[int, str] | None:
    """(user id, kind) from a genuine token; None for anything else."""
    try:
        user_id, kind = signing.loads(token, salt=SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if not isinstance(user_id, int) or not isinstance(kind, str):
        return None
    return user_id, kind

from django.urls import reverse

from tests.factories import NotificationFactory
from tests.permissions import Access, Case


def _notification_url(name, **extra):
    def setup(owner, outsider):
        notification = NotificationFactory(recipient=owner, url="/profile/")
        return reverse(name, args=[notification.pk])

    return setup


CASES = {
    "notifications:list": Case(Access.LOGIN, lambda owner, outsider: reverse("notifications:list")),
    "notifications:preferences": Case(Access.LOGIN, lambda owner, outsider: reverse("notifications:preferences")),
    "notifications:read_all": Case(
        Access.LOGIN, lambda owner, outsider: reverse("notifications:read_all"), method="post", ok=302
    ),
    "notifications:calendar_feed_reset": Case(
        Access.LOGIN, lambda owner, outsider: reverse("notifications:calendar_feed_reset"), method="post", ok=302
    ),
    "notifications:calendar_feed_revoke": Case(
        Access.LOGIN, lambda owner, outsider: reverse("notifications:calendar_feed_revoke"), method="post", ok=302
    ),
    "notifications:open": Case(Access.OWNER, _notification_url("notifications:open"), ok=302),
    "notifications:read": Case(Access.OWNER, _notification_url("notifications:read"), method="post", ok=302),
}


def _unsubscribe_url(owner, outsider):
    from mentoring.notifications import unsubscribe

    return reverse("notifications:unsubscribe", args=[unsubscribe.token_for(user_id=owner.pk, kind="meeting")])


# The link in an e-mail works signed in or not, for whoever holds it (the signed token is the permission).
CASES["notifications:unsubscribe"] = Case(Access.PUBLIC, _unsubscribe_url)

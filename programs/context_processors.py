"""What the navigation offers a person: the pages of the roles they hold (one query per page)."""

from programs.models import Enrollment, Role


def navigation(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    roles = set(Enrollment.objects.for_user(user).current().values_list("role", flat=True).distinct().order_by())
    return {"nav": {"mentee": Role.MENTEE in roles, "mentor": Role.MENTOR in roles, "coordinator": user.is_coordinator}}

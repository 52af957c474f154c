"""What audited access shows: to the coordinator, a pair's shared notes and agendas; to the pair, who looked."""

from django.db.models import Prefetch

from matching.models import Mentorship
from mentoring.audit.models import Action, AuditEntry
from sessions.models import AgendaItem, Meeting, Note

ACCESSES_SHOWN = 20


def pair_content(mentorship: Mentorship) -> dict:
    """Meetings with their agenda items, and the notes shared with the pair (never private ones): three queries."""
    items = AgendaItem.objects.select_related("author").order_by("order", "pk")
    meetings = list(
        Meeting.objects.filter(mentorship=mentorship)
        .order_by("-starts_at")
        .prefetch_related(Prefetch("agenda_items", queryset=items))
    )
    notes = list(
        Note.objects.filter(mentorship=mentorship, visibility=Note.Visibility.PAIR)
        .select_related("author", "meeting")
        .order_by("-created_at", "-pk")
    )
    return {"mentorship": mentorship, "meetings": meetings, "notes": notes}


def accesses_of(mentorship: Mentorship) -> list[AuditEntry]:
    """The coordinators' openings of this pair's notes and agendas, newest first: one query."""
    entries = AuditEntry.objects.about(mentorship).filter(action=Action.PAIR_CONTENT_OPENED)
    return list(entries.only("at", "actor_name", "reason")[:ACCESSES_SHOWN])

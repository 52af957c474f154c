"""The pair's mentoring agreement."""

from django.conf import settings
from django.db import models

from matching.models import Mentorship
from mentoring.profiles.models import MeetingChannel
from mentoring.web import pk_url

DEFAULT_CONFIDENTIALITY = (
    "What we say stays between us. Coordinators see only that we meet, never what we discuss, "
    "unless one of us chooses to raise something with them."
)


class Agreement(models.Model):
    """The pair's mentoring agreement; both confirm it, and a change one proposes the other confirms."""

    TERMS = (
        "cadence_days",
        "length_minutes",
        "channel",
        "meeting_place",
        "mentee_expects",
        "mentor_expects",
        "confidentiality",
    )

    mentorship = models.OneToOneField(Mentorship, on_delete=models.CASCADE, related_name="agreement")
    cadence_days = models.PositiveSmallIntegerField("Meet every (days)", default=14)
    length_minutes = models.PositiveSmallIntegerField("Meeting length (minutes)", default=45)
    channel = models.CharField(max_length=20, choices=MeetingChannel.choices, default=MeetingChannel.VIDEO)
    meeting_place = models.CharField(
        "Where we meet",
        max_length=300,
        blank=True,
        help_text="Your standing video link, phone number or place; a meeting can name another.",
    )
    mentee_expects = models.TextField("What the mentee expects", blank=True)
    mentor_expects = models.TextField("What the mentor expects", blank=True)
    confidentiality = models.TextField(default=DEFAULT_CONFIDENTIALITY)
    mentee_confirmed_at = models.DateTimeField(null=True, blank=True)
    mentor_confirmed_at = models.DateTimeField(null=True, blank=True)
    # A change proposed once both have confirmed: {term: new value}; the other side confirms or declines it.
    proposal = models.JSONField(default=dict, blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    proposed_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"Agreement of {self.mentorship}"

    def get_absolute_url(self):
        return pk_url("sessions:mentorship_detail", self.mentorship_id)

    @classmethod
    def draft_for(cls, mentorship: Mentorship) -> "Agreement":
        """The agreement a pair starts from, unsaved: the mentee's request's terms, else the cohort's rules."""
        cohort, request = mentorship.cohort, mentorship.request
        return cls(
            mentorship=mentorship,
            cadence_days=request.proposed_cadence_days if request else cohort.rule("meeting_cadence_days"),
            length_minutes=request.proposed_length_minutes if request else cohort.rule("meeting_length_minutes"),
            mentee_expects=request.help_wanted if request else "",
        )

    @property
    def is_confirmed(self) -> bool:
        return bool(self.mentee_confirmed_at and self.mentor_confirmed_at)

    def confirmed_by(self, user) -> bool:
        if user.pk == self.mentorship.mentee_id:
            return self.mentee_confirmed_at is not None
        return self.mentor_confirmed_at is not None

    @property
    def proposal_lines(self) -> list[tuple[str, object, object]]:
        """(label, current value, proposed value) for each term the proposal changes."""
        lines = []
        # In the agreement's own order: PostgreSQL's jsonb does not keep the keys' order.
        for term, value in sorted(self.proposal.items(), key=lambda pair: self.TERMS.index(pair[0])):
            field = self._meta.get_field(term)
            current = getattr(self, term)
            if field.choices:
                value = dict(field.choices).get(value, value)
                current = dict(field.choices).get(current, current)
            lines.append((field.verbose_name.capitalize(), current, value))
        return lines

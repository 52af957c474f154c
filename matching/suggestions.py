"""Load a cohort's mentors for one mentee in a constant number of queries and rank them.

The ranking here is an interim: sought skills the mentor offers, weighted by the mentee's rank, plus the
hard exclusions (self, own manager, avoided organisation, at capacity, already paired or asked). The full
explainable score comes from matching.scoring when it lands.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import Count

from matching.models import Mentorship, MentorshipRequest
from mentoring.profiles.models import Profile, Skill, SoughtSkill
from programs.models import Cohort, Enrollment, Role


@dataclass
class Suggestion:
    user_id: int
    name: str
    headline: str
    department: str
    organisation: str
    languages: list
    capacity: int
    seats_taken: int
    score: float = 0.0
    reasons: list[str] = field(default_factory=list)
    asked: bool = False
    paired: bool = False
    paused: bool = False
    skill_ids: frozenset = frozenset()

    @property
    def has_capacity(self) -> bool:
        return self.seats_taken < self.capacity and not self.paused

    @property
    def percent(self) -> int:
        return round(self.score * 100)


def suggestions_for(*, cohort: Cohort, mentee) -> list[Suggestion]:
    User = get_user_model()
    default_capacity = cohort.rule("mentor_capacity")
    mentors = list(
        Enrollment.objects.filter(cohort=cohort, role=Role.MENTOR, status=Enrollment.Status.ACTIVE).values_list(
            "user_id", "capacity_override", "paused_at"
        )
    )
    ids = [m[0] for m in mentors]
    users = {
        row[0]: row for row in User.objects.filter(pk__in=ids).values_list("pk", "first_name", "last_name", "email")
    }
    profiles = {
        row["user_id"]: row
        for row in Profile.objects.filter(user_id__in=ids).values(
            "id", "user_id", "headline", "department", "organisation", "languages"
        )
    }
    offered = defaultdict(set)
    for profile_id, skill_id in Profile.skills_offered.through.objects.filter(
        profile_id__in=[p["id"] for p in profiles.values()]
    ).values_list("profile_id", "skill_id"):
        offered[profile_id].add(skill_id)
    seats = dict(
        Mentorship.objects.current()
        .filter(cohort=cohort, mentor_id__in=ids)
        .values("mentor_id")
        .annotate(n=Count("pk"))
        .values_list("mentor_id", "n")
    )
    mine = set(Mentorship.objects.current().filter(cohort=cohort, mentee=mentee).values_list("mentor_id", flat=True))
    asked = set(
        MentorshipRequest.objects.pending().filter(cohort=cohort, mentee=mentee).values_list("mentor_id", flat=True)
    )
    me = (
        Profile.objects.filter(user=mentee).values("id", "manager_email", "organisation", "avoid_organisations").first()
    )
    sought = list(
        SoughtSkill.objects.filter(profile_id=me["id"] if me else None).order_by("rank").values_list("skill_id", "rank")
    )
    names = dict(Skill.objects.filter(pk__in=[s for s, _ in sought]).values_list("pk", "name"))
    weights = {skill_id: 1.0 / rank for skill_id, rank in sought}
    total_weight = sum(weights.values()) or 1.0
    avoid = {o.lower() for o in (me or {}).get("avoid_organisations") or []}
    manager_email = ((me or {}).get("manager_email") or "").lower()

    result = []
    for user_id, capacity_override, paused_at in mentors:
        if user_id == mentee.pk:
            continue
        pk, first, last, email = users[user_id]
        if manager_email and email.lower() == manager_email:
            continue
        profile = profiles.get(user_id) or {}
        if (profile.get("organisation") or "").lower() in avoid:
            continue
        hits = [s for s, _ in sought if s in offered.get(profile.get("id"), ())]
        suggestion = Suggestion(
            user_id=user_id,
            name=f"{first} {last}".strip() or email,
            headline=profile.get("headline", ""),
            department=profile.get("department", ""),
            organisation=profile.get("organisation", ""),
            languages=profile.get("languages") or [],
            capacity=default_capacity if capacity_override is None else capacity_override,
            seats_taken=seats.get(user_id, 0),
            score=sum(weights[s] for s in hits) / total_weight,
            asked=user_id in asked,
            paired=user_id in mine,
            paused=paused_at is not None,
            skill_ids=frozenset(offered.get(profile.get("id"), ())),
        )
        if hits:
            suggestion.reasons.append(
                f"offers {', '.join(names[s] for s in hits)}, {len(hits)} of your {len(sought)} sought skills"
            )
        result.append(suggestion)
    result.sort(key=lambda s: (-s.score, s.name))
    return result

"""A mentee's personal board of directors: which seats and which sought skills are covered, how many mentors each
cohort still allows, and who could fill the gaps."""

from dataclasses import dataclass

from matching.models import BoardRole, Mentorship
from matching.selectors.suggestions import fill_display, suggestions_for
from mentoring.profiles.models import Profile, SoughtSkill
from programs.models import Cohort, Enrollment, Role

BOARD_SUGGESTIONS = 3


@dataclass
class Board:
    mentorships: list
    roles_covered: list[tuple[str, str, list]]
    roles_missing: list[tuple[str, str]]
    skills_covered: list[tuple[str, list[str]]]
    skills_missing: list[str]
    covered_skill_ids: frozenset = frozenset()


@dataclass(frozen=True)
class BoardSeats:
    """How many mentors a mentee has in a cohort, against how many the cohort allows."""

    taken: int
    allowed: int

    @property
    def full(self) -> bool:
        return self.taken >= self.allowed


def board_seats(*, cohort: Cohort, mentee_id: int) -> BoardSeats:
    return BoardSeats(
        taken=Mentorship.objects.current().filter(cohort=cohort, mentee_id=mentee_id).count(),
        allowed=cohort.rule("max_mentors_per_mentee"),
    )


def board_for(*, mentee, cohort=None) -> Board:
    mentorships = list(
        Mentorship.objects.current()
        .filter(mentee=mentee, **({"cohort": cohort} if cohort else {}))
        .select_related("mentor", "cohort__program")
        .order_by("cohort", "created_at")
    )
    by_role: dict[str, list] = {}
    for m in mentorships:
        if m.board_role:
            by_role.setdefault(m.board_role, []).append(m)
    mentor_ids = [m.mentor_id for m in mentorships]
    offered: dict[int, set[int]] = {}
    for user_id, skill_id in Profile.skills_offered.through.objects.filter(profile__user_id__in=mentor_ids).values_list(
        "profile__user_id", "skill_id"
    ):
        offered.setdefault(user_id, set()).add(skill_id)
    names = {m.mentor_id: m.mentor.display_name for m in mentorships}
    skills_covered, skills_missing, covered_ids = [], [], set()
    for skill_id, skill_name in (
        SoughtSkill.objects.filter(profile__user=mentee).order_by("rank").values_list("skill_id", "skill__name")
    ):
        who = [names[uid] for uid in mentor_ids if skill_id in offered.get(uid, ())]
        if who:
            skills_covered.append((skill_name, who))
            covered_ids.add(skill_id)
        else:
            skills_missing.append(skill_name)
    return Board(
        mentorships=mentorships,
        roles_covered=[(v, label, by_role[v]) for v, label in BoardRole.choices if v in by_role],
        roles_missing=[(v, label) for v, label in BoardRole.choices if v not in by_role],
        skills_covered=skills_covered,
        skills_missing=skills_missing,
        covered_skill_ids=frozenset(covered_ids),
    )


def board_page(*, mentee) -> dict:
    """What "My board" shows: the board, and per cohort the mentee is in, its seats and (while a seat is free) the
    mentors who would best fill the gaps. A cohort whose seats are all taken gets no suggestions, since a request
    there would be refused."""
    board = board_for(mentee=mentee)
    cohorts = list(
        Cohort.objects.filter(
            enrollments__user=mentee, enrollments__role=Role.MENTEE, enrollments__status=Enrollment.Status.ACTIVE
        ).select_related("program")
    )
    next_mentors = []
    for cohort in cohorts:
        seats = BoardSeats(
            taken=sum(1 for m in board.mentorships if m.cohort_id == cohort.pk),
            allowed=cohort.rule("max_mentors_per_mentee"),
        )
        suggestions = []
        if not seats.full:
            suggestions = suggestions_for(
                cohort=cohort, mentee=mentee, covered_skills=board.covered_skill_ids, requestable=True
            )[:BOARD_SUGGESTIONS]
        next_mentors.append((cohort, seats, suggestions))
    fill_display(s for _, _, suggestions in next_mentors for s in suggestions)
    return {
        "board": board,
        "cohorts": cohorts,
        "next_mentors": next_mentors,
        "open_cohorts": [cohort for cohort, seats, _ in next_mentors if not seats.full],
    }

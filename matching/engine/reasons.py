"""Plain-words reasons for a match score ("offers budgeting and contract management, two of your three sought
skills"; "12 years more experience"; "shares your values: integrity, curiosity"). No Django imports."""

from collections.abc import Mapping, Sequence

from matching.engine.features import CRITERIA, WORKING_HOURS, Labels, Names, Person, Weights

NUMBERS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
REASON_FLOOR = 0.5  # a part below this never becomes a reason


def _number(n: int) -> str:
    return NUMBERS[n] if n < len(NUMBERS) else str(n)


def _listing(words: Sequence[str]) -> str:
    words = list(words)
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


def _skills_text(mentee: Person, mentor: Person, skill_names: Mapping[int, str]) -> str | None:
    hits = [s for s in mentee.skills_sought if s in mentor.skills_offered]
    if not hits:
        return None
    names = _listing([skill_names.get(s, f"skill {s}") for s in hits])
    n, of = len(hits), len(mentee.skills_sought)
    if n == of:
        tail = "your sought skill" if n == 1 else ("both your sought skills" if n == 2 else "all your sought skills")
        return f"offers {names}, {tail}"
    return f"offers {names}, {_number(n)} of your {_number(of)} sought skills"


def _seniority_text(mentee: Person, mentor: Person) -> str | None:
    if mentee.years_experience is not None and mentor.years_experience is not None:
        gap = round(mentor.years_experience - mentee.years_experience)
        return f"{gap} years more experience" if gap > 1 else None
    if mentee.job_level and mentor.job_level and mentor.job_level > mentee.job_level:
        gap = mentor.job_level - mentee.job_level
        return f"{_number(gap)} job level{'s' if gap > 1 else ''} more senior"
    gap = (mentor.experience or 0) - (mentee.experience or 0)
    return f"about {round(gap)} years more experience" if mentor.experience and gap > 1 else None


def _time_zone_text(mentee: Person, mentor: Person) -> str:
    apart = abs(mentee.utc_offset - mentor.utc_offset) % 24
    apart = min(apart, 24 - apart)
    if apart == 0:
        return "same time zone"
    hours = WORKING_HOURS - apart
    return f"time zones overlap for {hours:g} working hours"


def reasons_for(
    mentee,
    mentor,
    parts,
    weights: Weights,
    skill_names: Names = None,
    labels: Labels = None,
    limit=3,
) -> list[str]:
    """Plain-words reasons for a pair from its parts, strongest weighted part first; at most `limit`."""
    w = weights.vector()
    skill_names, labels = skill_names or {}, labels or {}
    label = lambda code: labels.get(code, code.replace("_", " "))  # noqa: E731
    texts: dict[str, str | None] = {
        "skills": _skills_text(mentee, mentor, skill_names),
        "values": (
            f"shares your values: {', '.join(label(v) for v in sorted(mentee.values & mentor.values))}"
            if mentee.values & mentor.values
            else None
        ),
        "work_style": (
            f"same work style: {label(mentor.work_style)}"
            if mentor.work_style and mentor.work_style == mentee.work_style
            else "a compatible work style"
        ),
        "seniority": _seniority_text(mentee, mentor),
        "career_track": (
            (f"a different angle: {label(mentor.career_track)}" if mentor.career_track != mentee.career_track else None)
            if weights.cross_functional
            else (
                f"same career track: {label(mentor.career_track)}"
                if mentor.career_track == mentee.career_track
                else f"a related career track: {label(mentor.career_track)}"
            )
        ),
        "language": (
            f"speaks {_listing([label(x) for x in sorted(mentee.languages & mentor.languages)])} with you"
            if mentee.languages & mentor.languages
            else None
        ),
        "time_zone": (_time_zone_text(mentee, mentor) if None not in (mentee.utc_offset, mentor.utc_offset) else None),
        "channel": (
            f"also meets by {_listing([label(x) for x in sorted(mentee.meeting_channels & mentor.meeting_channels)])}"
            if mentee.meeting_channels & mentor.meeting_channels
            else None
        ),
    }
    known = {
        "skills": bool(mentee.skills_sought),
        "values": bool(mentee.values and mentor.values),
        "work_style": bool(mentee.work_style and mentor.work_style),
        "seniority": None not in (mentee.experience, mentor.experience),
        "career_track": bool(mentee.career_track and mentor.career_track),
        "language": bool(mentee.languages and mentor.languages),
        "time_zone": None not in (mentee.utc_offset, mentor.utc_offset),
        "channel": bool(mentee.meeting_channels and mentor.meeting_channels),
    }
    # A sought skill on offer is what mentees come for: it leads whenever there is one.
    ranked = sorted(range(len(CRITERIA)), key=lambda k: (CRITERIA[k] != "skills" or parts[k] == 0, -w[k] * parts[k]))
    out = []
    for k in ranked:
        name = CRITERIA[k]
        strong = parts[k] >= REASON_FLOOR or (name == "skills" and parts[k] > 0)
        if known[name] and strong and w[k] > 0 and texts[name]:
            out.append(texts[name])
    return out[:limit]

"""Plain-words reasons for a match score ("offers budgeting and contract management, two of your three sought
skills"; "12 years more experience"; "shares your values: integrity, curiosity"; from a program's rules: "you both
answered “Remote” to “Where do you work?”"). No Django imports."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from matching.engine.features import CRITERIA, WORKING_HOURS, Labels, Names, Person, Weights, weight_vector
from matching.engine.rules import NO_POLICY, Effect, Operator, Policy, Rule, compare

NUMBERS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
REASON_FLOOR = 0.5  # a part below this never becomes a reason


@dataclass(frozen=True)
class Voice:
    """Who a reason speaks to: the mentee on their own suggestions ("your sought skills"), or a coordinator reading
    a proposal about someone else ("the mentee's sought skills")."""

    your: str
    you: str
    both: str
    words: bool  # counts in words ("two of your three") or, for a coordinator scanning a table, in figures


MENTEE = Voice(your="your", you="you", both="you both", words=True)
COORDINATOR = Voice(your="the mentee's", you="the mentee", both="both", words=False)


def _number(n: int) -> str:
    return NUMBERS[n] if n < len(NUMBERS) else str(n)


def _listing(words: Sequence[str]) -> str:
    words = list(words)
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


def _skills_text(mentee: Person, mentor: Person, skill_names: Mapping[int, str], voice: Voice = MENTEE) -> str | None:
    hits = [s for s in mentee.skills_sought if s in mentor.skills_offered]
    if not hits:
        return None
    names = _listing([skill_names.get(s, f"skill {s}") for s in hits])
    n, of = len(hits), len(mentee.skills_sought)
    count = _number if voice.words else str
    if n == of:
        every = "both" if n == 2 else ("all" if voice.words else f"all {n} of")
        tail = f"{voice.your} sought skill" if n == 1 else f"{every} {voice.your} sought skills"
        return f"offers {names}, {tail}"
    return f"offers {names}, {count(n)} of {voice.your} {count(of)} sought skills"


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


def _answer(rule: Rule, value, *, mentee: bool) -> str:
    """An answer in quotes: “Remote”, “Python” and “SQL”, or the number."""
    if rule.numeric:
        return f"{value:g}"
    words = rule.mentee_labels if mentee else rule.mentor_labels
    return _listing([f"“{label}”" for i, label in enumerate(words) if int(value) >> i & 1])


def _shared(rule: Rule, mentee_value, mentor_value) -> str:
    shared = rule.translate(int(mentee_value)) & int(mentor_value)
    return _listing([f"“{label}”" for i, label in enumerate(rule.mentor_labels) if shared >> i & 1])


def rule_reason(rule: Rule, mentee: Person, mentor: Person, voice: Voice = MENTEE) -> str | None:
    """Why a rule's condition holding speaks for the pair, built from the questions' words; None when it does not
    hold (or either side has not answered)."""
    mine, theirs = mentee.answers.get(rule.mentee_question), mentor.answers.get(rule.mentor_question)
    outcome = compare(rule, mine, theirs)
    if outcome is None or not outcome[1]:
        return None
    asked, answered = f"“{rule.mentee_text}”", f"“{rule.mentor_text}”"
    they = _answer(rule, theirs, mentee=False)
    if rule.operator == Operator.SAME:
        if rule.same_question:
            return f"{voice.both} answered {they} to {asked}"
        return f"answered {they} to {answered}, as {voice.you} did to {asked}"
    if rule.operator == Operator.OVERLAP:
        shared = _shared(rule, mine, theirs)
        return f"{voice.both} chose {shared} for {asked}" if rule.same_question else (
            f"chose {shared} for {answered}, as {voice.you} did for {asked}"
        )  # fmt: skip
    if rule.operator == Operator.DIFFERENT:
        return f"answered {they} to {answered}, where {voice.you} answered {_answer(rule, mine, mentee=True)}"
    more = "more" if rule.operator == Operator.ABOVE else "less"
    return f"answered {they} to {answered}, {more} than {voice.your} {_answer(rule, mine, mentee=True)}"


# What a hard rule found about the two answers, by (operator, whether the condition holds).
OUTCOMES = {
    (Operator.SAME, True): "you gave the same answer to {q}",
    (Operator.SAME, False): "your answers to {q} differ",
    (Operator.DIFFERENT, True): "your answers to {q} differ",
    (Operator.DIFFERENT, False): "you gave the same answer to {q}",
    (Operator.OVERLAP, True): "your answers to {q} have a choice in common",
    (Operator.OVERLAP, False): "your answers to {q} have no choice in common",
    (Operator.ABOVE, True): "their answer to {q} is above yours",
    (Operator.ABOVE, False): "their answer to {q} is not above yours",
    (Operator.BELOW, True): "their answer to {q} is below yours",
    (Operator.BELOW, False): "their answer to {q} is not below yours",
}


def rule_exclusion_text(rule: Rule) -> str:
    """Why a hard rule keeps a mentor from a mentee, in the mentee's words (a clause, like EXCLUSION_TEXT's)."""
    question = (
        f"“{rule.mentee_text}”" if rule.same_question else f"“{rule.mentee_text}” (theirs to “{rule.mentor_text}”)"
    )
    found = OUTCOMES[(rule.operator, rule.effect == Effect.MUST_NOT)].format(q=question)
    return f"{found}, and this program's rule keeps such pairs apart"


def reasons_for(
    mentee,
    mentor,
    parts,
    weights: Weights,
    skill_names: Names = None,
    labels: Labels = None,
    limit=3,
    policy: Policy = NO_POLICY,
    voice: Voice = MENTEE,
) -> list[str]:
    """Plain-words reasons for a pair from its parts (the criteria's, then the policy's weighted rules'): a sought
    skill on offer first, then the program's must-rules that hold, then the strongest weighted parts; at most
    `limit`."""
    w = weight_vector(weights, policy)
    skill_names, labels = skill_names or {}, labels or {}
    label = lambda code: labels.get(code, code.replace("_", " "))  # noqa: E731
    texts: dict[str, str | None] = {
        "skills": _skills_text(mentee, mentor, skill_names, voice),
        "values": (
            f"shares {voice.your} values: {', '.join(label(v) for v in sorted(mentee.values & mentor.values))}"
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
            f"speaks {_listing([label(x) for x in sorted(mentee.languages & mentor.languages)])} with {voice.you}"
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
    # (lead, -weighted part, position, words): a sought skill on offer is what mentees come for, so it leads
    # whenever there is one; a must-rule that holds is the program's own reason for the pair, so it comes next.
    entries = []
    for k, name in enumerate(CRITERIA):
        strong = parts[k] >= REASON_FLOOR or (name == "skills" and parts[k] > 0)
        if known[name] and strong and w[k] > 0 and texts[name]:
            entries.append((0 if name == "skills" and parts[k] > 0 else 2, -w[k] * parts[k], k, texts[name]))
    for k, rule in enumerate(policy.weighted, start=len(CRITERIA)):
        if w[k] > 0 and parts[k] >= REASON_FLOOR and (text := rule_reason(rule, mentee, mentor, voice)):
            entries.append((2, -w[k] * parts[k], k, text))
    for k, rule in enumerate(policy.hard, start=len(w)):
        if rule.effect == Effect.MUST and (text := rule_reason(rule, mentee, mentor, voice)):
            entries.append((1, 0.0, k, text))
    return [text for *_, text in sorted(entries)][:limit]

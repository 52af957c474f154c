"""Find a mentor page for one mentee among 5,000 mentors: server time and query count, first without and then with
the program's ten question rules (six weighted, four hard; tests/bench/questions.py) and everyone's answers.
suggestions_page_ms is the page with the rules.

Run: DJANGO_DEBUG=1 .venv/bin/python tests/bench/bench_matching_django.py
"""

import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.bench.harness import page_queries, report, scratch_database, setup_django, timed  # noqa: E402
from tests.bench.questions import QUESTIONS, RULES, answer  # noqa: E402

setup_django()

MENTORS = 5000


def main() -> None:
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import reverse

    from mentoring.profiles.models import Profile, Skill, SoughtSkill
    from programs.models import Cohort, Enrollment, Program, Role

    with scratch_database():
        rng = random.Random(4)
        User = get_user_model()
        skills = [Skill.objects.get_or_create(slug=f"bench-{i}", defaults={"name": f"Skill {i}"})[0] for i in range(40)]
        program = Program.objects.create(name="Bench", slug="bench")
        from datetime import date

        cohort = Cohort.objects.create(program=program, name="B", starts_on=date(2026, 1, 1), ends_on=date(2026, 7, 1))
        users = User.objects.bulk_create([User(email=f"m{i}@example.org", first_name=f"M{i}") for i in range(MENTORS)])
        mentee = User.objects.create(email="mentee@example.org", first_name="Me")
        profiles = Profile.objects.bulk_create(
            [
                Profile(user=u, headline="Mentor", department=rng.choice(["Finance", "IT"]), languages=["en"])
                for u in users
            ]
        )
        Through = Profile.skills_offered.through
        Through.objects.bulk_create(
            [Through(profile_id=p.pk, skill_id=s.pk) for p in profiles for s in rng.sample(skills, 4)]
        )
        me = Profile.objects.create(user=mentee)
        SoughtSkill.objects.bulk_create(
            [SoughtSkill(profile=me, skill=s, rank=i + 1) for i, s in enumerate(skills[:3])]
        )
        Enrollment.objects.bulk_create(
            [Enrollment(user=u, cohort=cohort, role=Role.MENTOR) for u in users]
            + [Enrollment(user=mentee, cohort=cohort, role=Role.MENTEE)]
        )
        client = Client()
        client.force_login(mentee)
        url = reverse("matching:find_mentor", args=[cohort.pk])
        queries = page_queries(client, url)
        report("suggestions_page_no_rules_ms", round(timed(lambda: client.get(url)) * 1000, 1))
        report("suggestions_page_no_rules_queries", queries)
        add_rules(program, mentors=users, mentees=[mentee], rng=rng)
        queries = page_queries(client, url)
        body = client.get(url).content.decode()
        assert any(f"“{text}”" in body for _, _, text in QUESTIONS.values()), "the rules give reasons on the page"
        report("suggestions_page_ms", round(timed(lambda: client.get(url)) * 1000, 1))
        report("suggestions_page_queries", queries)


def add_rules(program, *, mentors, mentees, rng) -> None:
    """The benchmark's questions and rules in the program, answered by everyone (stored as the answer pages store
    them: choice ids, numbers)."""
    from programs.models import Answer, MatchRule, Question

    questions = {}
    for order, (key, (kind, choices, text)) in enumerate(QUESTIONS.items(), start=1):
        questions[key] = Question.objects.create(
            program=program, kind=kind, text=text, order=order, audience="both",
            choices=[{"id": i, "label": label} for i, label in enumerate(choices or (), start=1)],
        )  # fmt: skip
    for mentee_key, mentor_key, operator, effect, weight in RULES:
        MatchRule.objects.create(program=program, mentee_question=questions[mentee_key],
                                 mentor_question=questions[mentor_key], operator=operator, effect=effect,
                                 weight=weight)  # fmt: skip
    rows = []
    for users, is_mentor in ((mentors, True), (mentees, False)):
        for user in users:
            for key, question in questions.items():
                value = answer(rng, key, mentor=is_mentor)
                if value is not None:
                    rows.append(Answer(question=question, user=user, value=stored(question.kind, value)))
    Answer.objects.bulk_create(rows, batch_size=5000)
    program.matching_changed()


def stored(kind: str, value):
    """An engine-encoded synthetic answer as an Answer stores it."""
    if kind in ("single", "multiple"):
        ids = [i + 1 for i in range(int(value).bit_length()) if int(value) >> i & 1]
        return ids[0] if kind == "single" else ids
    return value


if __name__ == "__main__":
    main()

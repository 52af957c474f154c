"""Find a mentor page for one mentee among 5,000 mentors: server time and query count.

Run: DJANGO_DEBUG=1 .venv/bin/python tests/bench/bench_matching_django.py
"""

import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.bench.harness import report, scratch_database, setup_django, timed  # noqa: E402

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
        from django.db import connection

        # Counted with an execute wrapper: a request resets connection.queries, so capturing them reads 0.
        queries = []
        with connection.execute_wrapper(lambda execute, sql, *args: queries.append(sql) or execute(sql, *args)):
            assert client.get(url).status_code == 200
        report("suggestions_page_ms", round(timed(lambda: client.get(url)) * 1000, 1))
        report("suggestions_page_queries", len(queries))


if __name__ == "__main__":
    main()

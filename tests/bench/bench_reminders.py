"""The minute scan at scale: 100,000 future meetings of 5,000 pairs, 5,000 of them due (inside the next
day), so the scan creates 10,000 meeting reminders (one per side). Every registered finder runs, as beat
runs them. Also the scan's query count with 500 and with 5,000 meetings due: they must be equal.

Run: DATABASE_URL=postgres://postgres@127.0.0.1:5432/mentoring_bench DJANGO_DEBUG=1 \
     .venv/bin/python tests/bench/bench_reminders.py
(the harness makes and drops a scratch test_<name> database). BENCH_ONLY=surveys prints only the survey
finders' query counts (`survey_asks_queries_500` and `_5000`: 500 and 5,000 people due a survey, equal).
E-mail tasks go to an in-memory broker,
so a running worker never receives the benchmark's 10,000 e-mails.
"""

import os
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.bench.harness import report, scratch_database, setup_django  # noqa: E402

setup_django()

PAIRS = 5_000
MEETINGS_PER_PAIR = 20  # 100,000 meetings
TIME_ZONES = ["Europe/London", "America/New_York", "Asia/Tokyo", "Europe/Berlin", "Australia/Sydney"]


def build(now, pair_count: int = PAIRS, meetings_per_pair: int = MEETINGS_PER_PAIR) -> None:
    """`pair_count` pairs, each with one meeting due inside the next day (agenda ready) and more later."""
    from matching.models import Mentorship
    from mentoring.accounts.models import User
    from mentoring.profiles.models import Profile
    from programs.models import Cohort, Enrollment, Program, Role
    from sessions.models import Meeting

    program = Program.objects.create(name="Bench", slug="bench")
    cohort = Cohort.objects.create(
        program=program,
        name="Bench",
        starts_on=now.date() - timedelta(days=30),
        ends_on=now.date() + timedelta(days=200),
    )
    users = User.objects.bulk_create(
        User(email=f"bench{i}@example.org", first_name=f"First{i}", last_name=f"Last{i}", password="!")
        for i in range(2 * pair_count)
    )
    Profile.objects.bulk_create(
        Profile(user=user, time_zone=TIME_ZONES[i % len(TIME_ZONES)]) for i, user in enumerate(users)
    )
    mentees, mentors = users[:pair_count], users[pair_count:]
    Enrollment.objects.bulk_create(
        [Enrollment(user=u, cohort=cohort, role=Role.MENTEE) for u in mentees]
        + [Enrollment(user=u, cohort=cohort, role=Role.MENTOR) for u in mentors]
    )
    pairs = Mentorship.objects.bulk_create(
        Mentorship(cohort=cohort, mentee=mentee, mentor=mentor, started_at=now - timedelta(days=10))
        for mentee, mentor in zip(mentees, mentors, strict=True)
    )
    meetings = []
    for i, pair in enumerate(pairs):
        # The due one: inside the next day, agenda prepared and reviewed, so only meeting reminders are due.
        starts_at = now + timedelta(minutes=5 + (i * 1435) // pair_count)
        meetings.append(
            Meeting(
                mentorship=pair, starts_at=starts_at, agenda_prepared_at=now, agenda_reviewed_at=now, created_at=now
            )
        )
        meetings.extend(
            Meeting(mentorship=pair, starts_at=now + timedelta(days=10 + 9 * n, hours=i % 24), created_at=now)
            for n in range(meetings_per_pair - 1)
        )
    Meeting.objects.bulk_create(meetings, batch_size=5_000)
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


MILLION_PAIRS = int(os.environ.get("BENCH_PAIRS", 10_000))  # fewer while developing
MILLION_PER_PAIR = 100  # 1,000,000 meetings: a year of meetings every three and a half days, past and coming


def build_million(now, pair_count: int = MILLION_PAIRS, per_pair: int = MILLION_PER_PAIR) -> None:
    """`pair_count` pairs with `per_pair` meetings each, from 300 days ago to 50 days ahead, written by one
    INSERT ... SELECT FROM generate_series (the ORM one by one would take an hour). Past meetings are held;
    coming ones are scheduled with their agenda prepared and reviewed. Every pair's health is stored, as the
    scan keeps it."""
    from django.db import connection

    from matching.models import Mentorship
    from mentoring.accounts.models import User
    from mentoring.profiles.models import Profile
    from programs.models import Cohort, Enrollment, Program, Role
    from sessions.models import Meeting

    program = Program.objects.create(name="Million", slug="million")
    cohort = Cohort.objects.create(
        program=program,
        name="Million",
        starts_on=now.date() - timedelta(days=320),
        ends_on=now.date() + timedelta(days=200),
    )
    users = User.objects.bulk_create(
        (User(email=f"million{i}@example.org", first_name=f"M{i}", last_name="Bench", password="!")
         for i in range(2 * pair_count)),
        batch_size=5_000,
    )  # fmt: skip
    Profile.objects.bulk_create(
        (Profile(user=user, time_zone=TIME_ZONES[i % len(TIME_ZONES)]) for i, user in enumerate(users)),
        batch_size=5_000,
    )
    mentees, mentors = users[:pair_count], users[pair_count:]
    Enrollment.objects.bulk_create(
        [Enrollment(user=u, cohort=cohort, role=Role.MENTEE) for u in mentees]
        + [Enrollment(user=u, cohort=cohort, role=Role.MENTOR) for u in mentors],
        batch_size=5_000,
    )
    Mentorship.objects.bulk_create(
        (Mentorship(cohort=cohort, mentee=mentee, mentor=mentor, started_at=now - timedelta(days=310))
         for mentee, mentor in zip(mentees, mentors, strict=True)),
        batch_size=5_000,
    )  # fmt: skip
    meta = Meeting._meta
    columns = {
        "mentorship": "m.id",
        "starts_at": "t.at",
        "duration_minutes": "45",
        "location": "''",
        "objective": "'Bench'",
        "status": "CASE WHEN t.at <= %(now)s THEN 'held' ELSE 'scheduled' END",
        "agenda_prepared_at": "%(built)s",
        "agenda_reviewed_at": "%(built)s",
        "held_at": "CASE WHEN t.at <= %(now)s THEN t.at END",
        "cancel_reason": "''",
        "sequence": "0",
        "created_at": "%(built)s",
        "timed_at": "%(built)s",
    }
    names = ", ".join(meta.get_field(name).column for name in columns)
    pair_table = Mentorship._meta.db_table
    # Only identifiers from the models' own _meta are formatted in; the times are parameters.
    sql = (
        f"INSERT INTO {meta.db_table} ({names}) SELECT {', '.join(columns.values())} "  # noqa: S608
        f"FROM {pair_table} m CROSS JOIN generate_series(0, %(last)s) AS n, "
        "LATERAL (SELECT %(first)s + n * interval '84 hours' + (m.id %% 5040) * interval '1 minute' AS at) t "
        "WHERE m.cohort_id = %(cohort)s"
    )
    params = {"now": now, "built": now - timedelta(days=330), "first": now - timedelta(days=300),
              "last": per_pair - 1, "cohort": cohort.pk}  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        cursor.execute("ANALYZE")
    from sessions.services.health import refresh_pair_health

    refresh_pair_health(mentorship_ids=Mentorship.objects.filter(cohort=cohort).values_list("pk", flat=True), now=now)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def finder_times(now) -> dict[str, float]:
    """Each registered finder's wall time, in its own transaction as the scan runs it (marks included)."""
    from django.db import transaction

    from mentoring.notifications import scanning
    from mentoring.notifications.services import notify_many

    times = {}
    for name, finder in scanning.registered().items():
        started = time.perf_counter()
        with transaction.atomic():
            notify_many(scanning.run_finder(name, finder, now))
        times[name] = time.perf_counter() - started
    return times


def million(now) -> None:
    """`scan_nothing_due_1m_s`: the minute scan at 1,000,000 meetings, a minute after the last one, when nothing
    new has come due; beside it the same scan looking at everything (no marks, as before the watermark)."""
    from mentoring.notifications import scanning
    from mentoring.notifications.models import ScanMark
    from sessions.models import Meeting

    started = time.perf_counter()
    build_million(now)
    report("million_fixtures_s", round(time.perf_counter() - started, 1))
    report("million_meetings", Meeting.objects.count())
    scanning.run_scan(now - timedelta(minutes=1))  # what was due is sent; the marks are a minute old
    marks = list(ScanMark.objects.values_list("finder", "scanned_until"))
    best, runs = float("inf"), []
    for _ in range(3):
        ScanMark.objects.all().delete()
        ScanMark.objects.bulk_create(ScanMark(finder=f, scanned_until=at) for f, at in marks)
        started = time.perf_counter()
        created = scanning.run_scan(now)
        best = min(best, time.perf_counter() - started)
        runs.append(created)
    report("scan_nothing_due_1m_s", round(best, 3))
    report("scan_nothing_due_1m_created", max(runs))
    best = float("inf")
    for _ in range(3):
        ScanMark.objects.all().delete()
        started = time.perf_counter()
        scanning.run_scan(now)
        best = min(best, time.perf_counter() - started)
    report("scan_nothing_due_1m_unmarked_s", round(best, 3))
    ScanMark.objects.all().delete()
    ScanMark.objects.bulk_create(ScanMark(finder=f, scanned_until=at) for f, at in marks)
    for name, seconds in finder_times(now).items():
        report(f"finder_1m_{name}_ms", round(1000 * seconds, 1))


def survey_asks_queries(now, size: int) -> int:
    """The queries of the survey and relationship-check finders with `size` people due a survey (on its date) and
    `size` pairs due their relationship check: each finder a fixed number, whatever the size."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection

    from mentoring.accounts.models import User
    from programs.models import Cohort, Enrollment, Program, Role, Survey, SurveyQuestion
    from programs.scans import due_survey_asks, due_survey_reminders
    from sessions.scans.checks import due_relationship_checks
    from sessions.scans.surveys import due_meeting_survey_asks

    program = Program.objects.create(name=f"Survey bench {size}", slug=f"survey-bench-{size}")
    cohort = Cohort.objects.create(program=program, name="Surveys", starts_on=now.date() - timedelta(days=30),
                                   ends_on=now.date() + timedelta(days=200))  # fmt: skip
    users = User.objects.bulk_create(
        User(email=f"survey{size}-{i}@example.org", password="!") for i in range(size + size % 2)
    )
    roles = [Role.MENTEE, Role.MENTOR]
    Enrollment.objects.bulk_create(Enrollment(user=u, cohort=cohort, role=roles[i % 2]) for i, u in enumerate(users))
    from matching.models import Mentorship

    Mentorship.objects.bulk_create(
        Mentorship(cohort=cohort, mentee=users[i], mentor=users[i + 1], started_at=now - timedelta(days=25))
        for i in range(0, len(users) - 1, 2)
    )
    survey = Survey.objects.create(cohort=cohort, title="Pulse", send_on=now.date())
    SurveyQuestion.objects.create(survey=survey, kind="scale", text="How is it going?")
    ContentType.objects.get_for_model(Mentorship)  # cached per process: not a query of the finders
    queries = []

    def record(execute, sql, *args):
        queries.append(sql)
        return execute(sql, *args)

    with connection.execute_wrapper(record):
        asked = due_survey_asks(now)
        due_survey_reminders(now)
        due_meeting_survey_asks(now)
        checks = due_relationship_checks(now)
    assert len(asked) == len(users) and len(checks) == len(users), (len(asked), len(checks))
    program.delete()
    User.objects.filter(pk__in=[u.pk for u in users]).delete()
    return len(queries)


def main() -> None:
    from django.utils import timezone

    from mentoring.celery import app

    app.conf.broker_url = "memory://"
    with scratch_database():
        now = timezone.now().replace(second=0, microsecond=0)
        for size in (500, 5_000):
            report(f"survey_asks_queries_{size}", survey_asks_queries(now, size))
        if os.environ.get("BENCH_ONLY") == "surveys":
            return
        if os.environ.get("BENCH_ONLY") == "million":
            million(now)
            return
        hundred_thousand(now)
    with scratch_database():
        million(timezone.now().replace(second=0, microsecond=0))


def hundred_thousand(now) -> None:
    """The 100,000-meeting figures: a first scan (no marks: everything due is looked at), and one a little later."""
    from django.db import connection

    from mentoring.notifications import scanning
    from mentoring.notifications.models import Kind, Notification, ScanMark
    from sessions.models import Meeting

    started = time.perf_counter()
    build(now)
    report("fixtures_s", round(time.perf_counter() - started, 1))
    report("meetings", Meeting.objects.count())

    if os.environ.get("BENCH_PROFILE"):
        import cProfile

        cProfile.runctx("scanning.run_scan(now)", globals(), locals(), sort="cumulative")
        return
    best = float("inf")
    for _ in range(3):
        Notification.objects.all().delete()
        ScanMark.objects.all().delete()
        started = time.perf_counter()
        scanning.run_scan(now)
        best = min(best, time.perf_counter() - started)
    report("scan_100k_s", round(best, 3))
    report("scan_100k_created", Notification.objects.filter(kind=Kind.MEETING_REMINDER).count())

    started = time.perf_counter()
    scanning.run_scan(now + timedelta(seconds=30))
    report("scan_again_nothing_new_s", round(time.perf_counter() - started, 3))

    due = list(Meeting.objects.filter(starts_at__lte=now + timedelta(days=1)).values_list("pk", flat=True))
    for size in (500, 5_000):
        Notification.objects.all().delete()
        ScanMark.objects.all().delete()
        Meeting.objects.filter(pk__in=due[size:]).update(starts_at=now + timedelta(days=5))
        queries = []

        def record(execute, sql, *args, queries=queries):
            queries.append(sql)
            return execute(sql, *args)

        with connection.execute_wrapper(record):
            scanning.run_scan(now)
        report(f"scan_queries_{size}_due", len(queries))
        report(f"scan_created_{size}_due", Notification.objects.filter(kind=Kind.MEETING_REMINDER).count())
        # The same, windowed: the marks a minute old and the due meetings booked since.
        Notification.objects.all().delete()
        ScanMark.objects.update(scanned_until=now - timedelta(minutes=1))
        Meeting.objects.filter(pk__in=due[:size]).update(timed_at=now - timedelta(seconds=30))
        queries.clear()
        with connection.execute_wrapper(record):
            scanning.run_scan(now)
        report(f"scan_queries_{size}_due_marked", len(queries))
        report(f"scan_created_{size}_due_marked", Notification.objects.filter(kind=Kind.MEETING_REMINDER).count())
        # Back inside the day, for the next size.
        Meeting.objects.filter(pk__in=due[size:]).update(starts_at=now + timedelta(hours=12))


if __name__ == "__main__":
    main()

"""Pages under gunicorn: throughput of each page against a bare Django view, measured side by side.

A large organisation on PostgreSQL (one cohort of 2,000 mentees and 5,000 mentors, 1,000 pairs with a year of
meetings, from tests/sessions/dashboard_scene.py plus 4,000 more mentors with skills), served by gunicorn with the
production settings (DJANGO_DEBUG=0, a throw-away secret key, plain HTTP: no SSL redirect, no secure cookies; two
sync workers, gunicorn.conf.py). Each page is asked by a few concurrent clients (threads, one connection per
request: sync workers close it), in interleaved rounds, each slot bounded in count and time, only to 127.0.0.1. The
bare view is ops:bare (a short HttpResponse behind every middleware), on only for this gunicorn; `signed_in` is
ops:bare_page, the site's frame (base.html) with nothing in it, shown to a signed-in mentee: the share of every
signed-in page that is not its own.

It prints per page `<page>_rps`, `<page>_p50_ms`, `<page>_p95_ms`, and `ratio_<page>`: the page's requests per
second over the bare view's, the median over rounds of the same round's figures. Targets (issue 16): every ratio
≥ 0.10 but `ratio_dashboard_1000` ≥ 0.03. People are signed in through sessions made here (same secret key),
and send back the CSRF cookie their first answer sets, as a browser does: a page kept drawn for a person
(mentoring.kept) is filed under it.

Run: DATABASE_URL=postgres://... .venv/bin/python tests/bench/bench_throughput.py
Sizes and load: BENCH_MENTORS (5000), BENCH_MENTEES (2000), BENCH_PAIRS (1000), BENCH_AGENDA (60 items on the
meeting page, 60 past meetings on the pair page), BENCH_ROUNDS (3), BENCH_SLOT_S (2.0 s per page per round),
BENCH_SLOT_MAX (400 requests), BENCH_CLIENTS (4 threads), BENCH_KEPT_SECONDS (60: pages kept drawn a minute, as
in production; 0 draws every request), BENCH_PAGES (a comma-separated few, beside the bare
view). BENCH_PROFILE=<page> prints a cProfile of five requests for that page, in process (development settings),
after the run.
"""

import http.client
import os
import random
import secrets
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

# The same key in this process (which makes the sessions) and in gunicorn (which reads them): a session's auth hash
# is signed with it. Set before Django reads its settings.
SECRET_KEY = secrets.token_urlsafe(50)
os.environ["DJANGO_SECRET_KEY"] = SECRET_KEY

from tests.bench.harness import report, scratch_database, setup_django  # noqa: E402

setup_django()

MENTORS = int(os.environ.get("BENCH_MENTORS", "5000"))
MENTEES = int(os.environ.get("BENCH_MENTEES", "2000"))
PAIRS = int(os.environ.get("BENCH_PAIRS", "1000"))
AGENDA = int(os.environ.get("BENCH_AGENDA", "60"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
SLOT_S = float(os.environ.get("BENCH_SLOT_S", "2.0"))
SLOT_MAX = int(os.environ.get("BENCH_SLOT_MAX", "400"))
CLIENTS = int(os.environ.get("BENCH_CLIENTS", "4"))
HOST = "127.0.0.1"


def build() -> dict:
    """The organisation; returns each page's URL and the session cookie to ask it with."""
    from datetime import timedelta

    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.urls import reverse
    from django.utils import timezone

    from matching.models import Mentorship
    from mentoring.profiles.models import Profile, Skill, SoughtSkill
    from programs.models import Enrollment, Role
    from sessions.models import Meeting
    from tests.bench.bench_dashboard import _settle
    from tests.factories import ProfileFactory, UserFactory
    from tests.programs.factories import CohortFactory, ProgramFactory
    from tests.sessions import dashboard_scene
    from tests.sessions.factories import busy_pair

    today, now = timezone.localdate(), timezone.now()
    coordinator = ProfileFactory(user=UserFactory(is_coordinator=True)).user
    program = ProgramFactory(coordinators=[coordinator])
    cohort = CohortFactory(program=program, starts_on=today - timedelta(days=380), ends_on=today + timedelta(days=60))
    # 1,000 pairs: 999 from the dashboard's scene, and one busy pair whose pages are measured.
    scene = dashboard_scene.build(cohort, pairs=PAIRS - 1, unmatched=MENTEES - PAIRS)
    pair = busy_pair(AGENDA, cohort=cohort)
    # A year of meetings for every pair that started: one held every two weeks before the scene's recent ones.
    Meeting.objects.bulk_create(
        Meeting(
            mentorship=m,
            starts_at=now - timedelta(days=days),
            status=Meeting.Status.HELD,
            objective="Earlier meeting",
            agenda_prepared_at=now - timedelta(days=days + 3),
            agenda_reviewed_at=now - timedelta(days=days + 1),
            held_at=now - timedelta(days=days),
        )
        for m in scene.pairs
        if m.status != Mentorship.Status.PROPOSED
        for days in range(70, 365, 14)
    )
    # The rest of the 5,000 mentors, each with a profile offering skills, and skills sought by the mentee who
    # looks for a mentor.
    skills = Skill.objects.bulk_create(Skill(name=f"Skill {n}", slug=f"skill-{n}", category="Bench") for n in range(40))
    User = get_user_model()
    extra = MENTORS - Enrollment.objects.filter(cohort=cohort, role=Role.MENTOR).count()
    mentors = User.objects.bulk_create(
        User(email=f"extra-mentor{n}@bench.example.org", first_name="Mentor", last_name=f"Extra{n}", password="!")
        for n in range(extra)
    )
    profiles = Profile.objects.bulk_create(
        Profile(
            user=u,
            headline="Finance lead",
            bio="Happy to help.",
            organisation="Acme",
            job_level=5 + n % 3,
            career_track="finance",
            work_style="structured",
            languages=["en"],
            meeting_channels=["video"],
        )
        for n, u in enumerate(mentors)
    )
    Offered = Profile.skills_offered.through
    Offered.objects.bulk_create(
        Offered(profile_id=p.pk, skill_id=skills[(n + k) % len(skills)].pk)
        for n, p in enumerate(profiles)
        for k in range(4)
    )
    Enrollment.objects.bulk_create(
        Enrollment(user=u, cohort=cohort, role=Role.MENTOR, enrolled_at=now - timedelta(days=370)) for u in mentors
    )
    seeker = _unmatched_mentee(cohort)
    profile, _ = Profile.objects.get_or_create(user=seeker)
    SoughtSkill.objects.bulk_create(SoughtSkill(profile=profile, skill=skills[k], rank=k + 1) for k in range(3))
    _settle(cohort)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    counts = {
        "mentees": Enrollment.objects.filter(cohort=cohort, role=Role.MENTEE).count(),
        "mentors": Enrollment.objects.filter(cohort=cohort, role=Role.MENTOR).count(),
        "pairs": Mentorship.objects.filter(cohort=cohort).count(),
        "meetings": Meeting.objects.filter(mentorship__cohort=cohort).count(),
    }
    for name, value in counts.items():
        report(f"cohort_{name}", value)
    mentee, mentor = pair["mentee"], pair["mentor"]
    return {
        "bare": (None, reverse("ops:bare")),
        "login": (None, reverse("account_login")),
        # What every signed-in page costs before its own content (session, user, profile, navigation, base.html).
        "signed_in": (mentee, reverse("ops:bare_page")),
        "mentee_home": (mentee, "/"),
        "mentor_home": (mentor, "/"),
        "coordinator_home": (coordinator, "/"),
        "find_mentor": (seeker, reverse("matching:find_mentor", args=[cohort.pk])),
        "pair_page": (mentee, pair["mentorship"].get_absolute_url()),
        "meeting_page": (mentee, pair["meeting"].get_absolute_url()),
        "dashboard_1000": (coordinator, reverse("sessions:dashboard", args=[cohort.pk])),
        "pairs_csv": (coordinator, reverse("sessions:dashboard_pairs_csv", args=[cohort.pk])),
    }


def _unmatched_mentee(cohort):
    from matching.models import Mentorship
    from programs.models import Enrollment, Role

    paired = Mentorship.objects.filter(cohort=cohort).values("mentee_id")
    enrollment = (
        Enrollment.objects.filter(cohort=cohort, role=Role.MENTEE)
        .exclude(user__in=paired)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return enrollment.user


def session_cookie(user) -> str:
    """A signed-in session for `user`, as logging in would store it."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    store = SessionStore()
    store[SESSION_KEY] = user._meta.pk.value_to_string(user)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return store.session_key


def _free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def start_gunicorn(database_name: str) -> tuple[subprocess.Popen, int]:
    from django.conf import settings

    port = _free_port()
    url = settings.DATABASES["default"]
    env = {
        **os.environ,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": SECRET_KEY,
        "DJANGO_ALLOWED_HOSTS": HOST,
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_SECURE_COOKIES": "0",
        "DJANGO_HSTS_SECONDS": "0",
        "DJANGO_BENCH_BARE_VIEW": "1",
        # Pages kept drawn for their person a minute, as in production (mentoring.kept); 0 draws every request.
        "DJANGO_KEPT_PAGES_SECONDS": os.environ.get("BENCH_KEPT_SECONDS", "60"),
        "DJANGO_LOG_LEVEL": "WARNING",
        "DATABASE_URL": f"postgres://{url['USER']}:{url['PASSWORD'] or ''}@{url['HOST']}:{url['PORT']}/{database_name}",
        "WEB_CONCURRENCY": "2",
        "GUNICORN_HOST": HOST,
        "PORT": str(port),
        # No worker replaced mid-run: a restart would land on whichever page is measured then.
        "GUNICORN_MAX_REQUESTS": "0",
        "GUNICORN_LOG_LEVEL": "warning",
    }
    env.pop("CI", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    if not (ROOT / "staticfiles" / "staticfiles.json").exists():
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
        )
    gunicorn = Path(sys.executable).with_name("gunicorn")
    process = subprocess.Popen(  # noqa: S603
        [str(gunicorn), "--config", "gunicorn.conf.py", "mentoring.wsgi"], cwd=ROOT, env=env
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if get(port, "/bench/bare", None)[0] == 200:
                return process, port
        except OSError:
            pass
        if process.poll() is not None:
            raise RuntimeError("gunicorn exited")
        time.sleep(0.2)
    process.terminate()
    raise RuntimeError("gunicorn did not answer within 60 s")


def get(port: int, path: str, cookies: str | None) -> tuple[int, int, str]:
    """(status, body length, the CSRF cookie the answer set, if it set one)."""
    connection = http.client.HTTPConnection(HOST, port, timeout=60)
    headers = {"Host": HOST}
    if cookies:
        headers["Cookie"] = cookies
    try:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        body = response.read()
        set_cookies = response.headers.get_all("Set-Cookie") or []
        csrf = next((c.split(";")[0] for c in set_cookies if c.startswith("csrftoken=")), "")
        return response.status, len(body), csrf
    finally:
        connection.close()


def slot(port: int, path: str, session: str | None) -> tuple[int, float, list[float]]:
    """CLIENTS threads ask for `path` until SLOT_MAX answers or SLOT_S seconds: (answers, seconds, latencies)."""
    latencies: list[float] = []
    lock = threading.Lock()
    started = time.perf_counter()
    deadline = started + SLOT_S
    failures: list[int] = []

    def client():
        while time.perf_counter() < deadline:
            with lock:
                if len(latencies) >= SLOT_MAX:
                    return
            before = time.perf_counter()
            status, _, _ = get(port, path, session)
            elapsed = time.perf_counter() - before
            with lock:
                latencies.append(elapsed)
                if status != 200:
                    failures.append(status)

    threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - started
    if failures:
        raise RuntimeError(f"{path}: {len(failures)} answers were not 200 (e.g. {failures[0]})")
    return len(latencies), seconds, latencies


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def measure(port: int, pages: dict) -> None:
    sessions = {name: f"sessionid={session_cookie(user)}" if user else None for name, (user, _) in pages.items()}
    for name, (_, path) in pages.items():  # warm up every worker: templates, content types, plans
        for _ in range(4):
            status, size, csrf = get(port, path, sessions[name])
            assert status == 200, f"{name}: {path} answered {status}"
            if csrf and sessions[name]:  # sent back from then on, as a browser does
                sessions[name] += f"; {csrf}"
    rates: dict[str, list[float]] = {name: [] for name in pages}
    latencies: dict[str, list[float]] = {name: [] for name in pages}
    totals = {name: [0, 0.0] for name in pages}
    order = list(pages)
    shuffle = random.Random(16)
    for _ in range(ROUNDS):
        shuffle.shuffle(order)
        for name in order:
            answers, seconds, times = slot(port, pages[name][1], sessions[name])
            rates[name].append(answers / seconds)
            latencies[name] += times
            totals[name][0] += answers
            totals[name][1] += seconds
    for name in pages:
        report(f"{name}_rps", round(totals[name][0] / totals[name][1], 1))
        report(f"{name}_p50_ms", round(_percentile(latencies[name], 0.5) * 1000, 1))
        report(f"{name}_p95_ms", round(_percentile(latencies[name], 0.95) * 1000, 1))
    for name in pages:
        if name != "bare":
            ratios = [rate / bare for rate, bare in zip(rates[name], rates["bare"], strict=True)]
            report(f"ratio_{name}", round(statistics.median(ratios), 4))


def profile(name: str, pages: dict) -> None:
    import cProfile
    import pstats

    from django.test import Client

    user, path = pages[name]
    client = Client()
    if user:
        client.force_login(user)
    client.get(path)
    profiler = cProfile.Profile()
    profiler.runcall(lambda: [client.get(path) for _ in range(5)])
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)


def main() -> None:
    from django.conf import settings

    with scratch_database():
        started = time.perf_counter()
        pages = build()
        if only := os.environ.get("BENCH_PAGES"):  # the bare view and these pages alone
            pages = {name: page for name, page in pages.items() if name == "bare" or name in only.split(",")}
        report("build_s", round(time.perf_counter() - started, 1))
        process, port = start_gunicorn(settings.DATABASES["default"]["NAME"])
        try:
            measure(port, pages)
        finally:
            process.terminate()
            process.wait(timeout=30)
        if os.environ.get("BENCH_PROFILE"):
            profile(os.environ["BENCH_PROFILE"], pages)


if __name__ == "__main__":
    main()

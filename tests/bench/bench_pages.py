"""The pages mentees and mentors live in, with a small pair (3 meetings, items, notes...) and a large one (300):
server time and query count for the mentee's home, the mentor's home, the pair's page and the meeting page.
Also the meeting page's budget case, a realistic agenda of 30 items (≤ 100 ms server time), as the mentor, who
sees every row's buttons and comment form; and a huge agenda of 300 items, 250 of them done, which folds its done
items away (past 50 items) until asked.

The home page (/) per role (mentee, mentor, coordinator, someone holding both) with one cohort's worth of
everything and with twenty: server time (≤ 100 ms) and queries (equal at both sizes).

Run: DJANGO_DEBUG=1 .venv/bin/python tests/bench/bench_pages.py
"""

import sys
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.bench.harness import page_queries, report, scratch_database, setup_django, timed  # noqa: E402

setup_django()


def main() -> None:
    from django.test import Client
    from django.urls import reverse

    from sessions.models import AgendaItem
    from tests.home.scene import home_scene
    from tests.sessions.factories import busy_pair

    pages = {
        "mentee_home": ("mentee", lambda pair: reverse("sessions:mentorship_list")),
        "mentor_home": ("mentor", lambda pair: reverse("sessions:mentorship_list")),
        "pair_page": ("mentee", lambda pair: pair["mentorship"].get_absolute_url()),
        "meeting_page": ("mentee", lambda pair: pair["meeting"].get_absolute_url()),
    }
    with scratch_database():
        pairs = {"small": busy_pair(3), "large": busy_pair(300)}
        client = Client()
        realistic = busy_pair(30)
        client.force_login(realistic["mentor"])
        url = realistic["meeting"].get_absolute_url()
        queries = page_queries(client, url)
        report("meeting_page_30_items_ms", round(timed(partial(client.get, url), repeat=7) * 1000, 1))
        report("meeting_page_30_items_queries", queries)
        huge = busy_pair(300)
        AgendaItem.objects.filter(meeting=huge["meeting"], order__lt=250).update(done=True)
        client.force_login(huge["mentor"])
        url = huge["meeting"].get_absolute_url()
        report("meeting_page_300_items_250_done_ms", round(timed(partial(client.get, url), repeat=7) * 1000, 1))
        report("meeting_page_300_items_250_done_queries", page_queries(client, url))
        scenes = {"small": home_scene(1), "large": home_scene(20)}
        for role in ("mentee", "mentor", "coordinator", "both"):
            for size, scene in scenes.items():
                client.force_login(scene[role])
                queries = page_queries(client, "/")
                milliseconds = round(timed(partial(client.get, "/"), repeat=7) * 1000, 1)
                report(f"home_{role}_ms_{size}", milliseconds)
                report(f"home_{role}_queries_{size}", queries)
        for name, (side, url_of) in pages.items():
            for size, pair in pairs.items():
                client.force_login(pair[side])
                url = url_of(pair)
                client.get(url)  # warms the process-wide caches (content types), so both counts are of the page
                queries = page_queries(client, url)
                milliseconds = round(timed(partial(client.get, url), repeat=7) * 1000, 1)
                report(f"{name}_ms" if size == "large" else f"{name}_ms_small", milliseconds)
                report(f"{name}_queries_{size}", queries)


if __name__ == "__main__":
    main()

"""Signs in as each person of the demo's home states and opens their home page and every page it links to, on
whatever database the environment names; prints one `<status> <email> <path>` line per page. Run by
tests/integration/test_demo_walk.py on the embedded SQLite default, which the rest of the suite (on PostgreSQL)
does not exercise."""

import os
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mentoring.settings")

import django  # noqa: E402

django.setup()

from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from mentoring.accounts.models import User  # noqa: E402

DEPTH = int(os.environ.get("DEMO_WALK_DEPTH", "2"))  # home, the pages it links, the pages they link
PEOPLE = ["newcomer", "mentee001", "mentor01", "both-roles", "coordinator"]
SKIP = re.compile(r"^/(accounts/logout|static/|media/|admin/)|\.(ics|csv|zip)$|/download/|/export")


def links(html: str) -> list[str]:
    found = dict.fromkeys(re.findall(r'href="(/[^"#?]*)', html))
    return [path for path in found if not SKIP.search(path)]


def main() -> None:
    setup_test_environment()  # the test client's host, and mail kept in memory
    for name in PEOPLE:
        email = f"{name}@demo.mentoring.test"
        client = Client()
        client.force_login(User.objects.get(email=email))
        seen, pages = {"/"}, [("/", 0)]
        while pages:
            path, depth = pages.pop(0)
            response = client.get(path)
            print(response.status_code, email, path)
            if depth < DEPTH and response.status_code == 200 and "html" in response.get("Content-Type", ""):
                for link in links(response.content.decode()):
                    if link not in seen:
                        seen.add(link)
                        pages.append((link, depth + 1))


if __name__ == "__main__":
    main()

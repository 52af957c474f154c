"""Browser tests: Debian's Chromium driven by Playwright, with axe-core on every page visited.

Every page a test loads is checked by axe-core, injected from the axe-playwright-python
package (no network), against WCAG 2.2 A and AA and axe's best practices, in the light and the dark
theme: a finding of any impact fails the test. So does any breach of the Content-Security-Policy the
browser reports on any page: an inline style or script, a foreign source.
"""

import json
import os
import re
import shutil
import time
from pathlib import Path

import axe_playwright_python
import pytest
from playwright.sync_api import expect

from conftest import missing_service
from tests.accounts.idp.oidc import oidc_provider  # noqa: F401  (the test OpenID Connect provider, a fixture)

# Playwright's sync API runs an event loop in this thread; the ORM calls in tests are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
# expect() has its own 5 s default, apart from the page's: a loaded CI machine running axe on every
# page load needs more room than that for an htmx round trip.
expect.set_options(timeout=15_000)
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
AXE_SOURCE = Path(axe_playwright_python.__file__).with_name("axe.min.js").read_text()
# Each page is checked in the theme it opened in, then in the other one (static/js/theme.js sets data-bs-theme on
# <html>; switching it back and forth is all a theme is), and left as it was.
AXE_ON_LOAD = (
    AXE_SOURCE
    + """
;(() => {
  if (window.top !== window) return;
  const options = {runOnly: {type: "tag", values: AXE_TAGS}, resultTypes: ["violations"]};
  const check = (theme) => axe.run(document, options).then((results) => results.violations.map((v) => ({
    id: v.id, impact: v.impact, help: `${v.help} [${theme} theme]`,
    nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")),
  })));
  // Past Bootstrap's colour transitions (0.15 s; none at all with reduced motion, which the context asks for).
  const settle = () => new Promise((resolve) => setTimeout(resolve, 250));
  window.addEventListener("load", async () => {
    const root = document.documentElement;
    const first = root.dataset.bsTheme || "light";
    const other = first === "dark" ? "light" : "dark";
    const found = await check(first);
    root.dataset.bsTheme = other;
    await settle();
    found.push(...(await check(other)));
    root.dataset.bsTheme = first;
    const here = location.href.split("#")[0];
    await window.__axeReport(here, found);
    window.__axeReported = here;
  });
})();
""".replace("AXE_TAGS", json.dumps(AXE_TAGS))
)

# Registered before any page script runs; the browser fires the event for each blocked inline style, script, source.
CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", (e) => {
  const where = `${e.sourceFile}:${e.lineNumber} ${e.sample}`;
  window.__cspViolation(location.href, `${e.effectiveDirective} blocked ${e.blockedURI || "inline"} at ${where}`);
});
"""


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not shutil.which(CHROMIUM):
        missing_service(f"browser tests need Debian's Chromium at {CHROMIUM} (apt-get install -y chromium)")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # Reduced motion: no colour transitions under way while axe measures contrast.
    return {**browser_context_args, "reduced_motion": "reduce"}


@pytest.fixture
def page(page):
    """Playwright's page, with axe-core run on every page load and its findings checked at the end, and every
    Content-Security-Policy violation (the event, or the console's error) failing the test."""
    loaded: list[str] = []
    reports: dict[str, list[dict]] = {}
    violations: list[str] = []
    page.context.expose_binding("__axeReport", lambda source, url, found: reports.__setitem__(url, found))
    page.context.expose_binding("__cspViolation", lambda source, url, what: violations.append(f"{url}: {what}"))
    page.context.add_init_script(CSP_LISTENER)
    page.context.add_init_script(AXE_ON_LOAD)
    page.on(
        "console", lambda m: m.type == "error" and "Content Security Policy" in m.text and violations.append(m.text)
    )
    page.on("load", lambda p: loaded.append(p.url))
    # Printed, and so shown by pytest when a test fails: the server's refusals and the page's own errors.
    page.on("response", lambda r: r.status >= 400 and print(f"HTTP {r.status} {r.request.method} {r.url}"))
    page.on("pageerror", lambda error: print(f"page error: {error}"))
    page.set_default_timeout(15_000)
    # A page load waits for a loaded machine (the first one also for whitenoise to index the static files).
    page.set_default_navigation_timeout(45_000)
    yield page
    if page.is_closed():
        return
    if page.url.split("#")[0] not in {url.split("#")[0] for url in loaded}:
        page.goto(page.url)  # an address htmx pushed (hx-push-url) without a load: load it, so axe checks it too
    _wait_for_axe(page)
    for url in dict.fromkeys(url.split("#")[0] for url in loaded):
        if url not in reports and url.startswith("http"):
            # The test moved on before axe finished there: load the page again to check it.
            page.goto(url)
            _wait_for_axe(page)
    assert not violations, "Content-Security-Policy violations:\n" + "\n".join(dict.fromkeys(violations))
    findings = [
        f"{url}: {v['impact']} {v['id']} ({v['help']}) at {', '.join(v['nodes'])}"
        for url, found in reports.items()
        for v in found
    ]
    assert not findings, "Accessibility findings:\n" + "\n".join(findings)


VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.fixture(params=list(VIEWPORTS))
def screen(request, page):
    """Run the journey on a desktop and on a phone viewport (where the navigation collapses behind its toggler)."""
    page.set_viewport_size(VIEWPORTS[request.param])
    return request.param


def _wait_for_axe(page, timeout: float = 30.0) -> None:
    # Polled from here: wait_for_function builds its predicate with `new Function` in the page, which the
    # Content-Security-Policy (no unsafe-eval) refuses.
    deadline = time.monotonic() + timeout
    while not page.evaluate("window.__axeReported === location.href.split('#')[0]"):
        assert time.monotonic() < deadline, f"axe did not finish on {page.url}"
        page.wait_for_timeout(100)


def mail_link(message, path_pattern: str) -> str:
    """The first link in an e-mail whose path matches the pattern."""
    match = re.search(rf"https?://[^\s\"<>]*{path_pattern}[^\s\"<>]*", message.body)
    assert match, f"no link matching {path_pattern!r} in:\n{message.body}"
    return match.group(0)


def path_of(url: str) -> str:
    return re.sub(r"^https?://[^/]+", "", url)


def field(page, label: str):
    """A form field by its label; crispy marks required ones with an asterisk."""
    return page.get_by_label(re.compile(rf"^\s*{re.escape(label)}\W*$"))


def nav(page, name: str) -> None:
    page.get_by_role("navigation", name="Main navigation").get_by_role("link", name=name).click()
    page.wait_for_load_state()


def log_in(page, live_server, email: str, password: str) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label(re.compile(r"^\s*Password\W*$")).fill(password)
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_load_state()


def request_mentor(page, name: str) -> None:
    """From Find a mentor, the journeys' mentee asks `name` for help with her first budget, and the request goes."""
    page.get_by_role("link", name=re.compile(rf"Request\b.*{re.escape(name)}")).first.click()
    page.wait_for_load_state()
    field(page, "What help I want").fill("Learn to build and defend my first departmental budget.")
    field(page, "Why this mentor").fill("You have run the finance team's budget cycle for years.")
    field(page, "Seat on my board").select_option(label="Skill coach")
    page.get_by_role("button", name="Send request").click()
    page.wait_for_load_state()
    expect(page.get_by_text(f"Your request is on its way to {name}.")).to_be_visible()


def fill_smart_goal(page) -> None:
    """The SMART goal form as the journeys' mentee fills it: a goal to lead four budget reviews within 60 days."""
    from datetime import timedelta

    from django.utils import timezone

    field(page, "Title").fill("Lead budget reviews")
    field(page, "Specific: what exactly will you achieve?").fill("Lead the quarterly budget review on my own.")
    field(page, "Measurable: how will you measure it?").fill("Reviews led")
    field(page, "Where you are today").fill("0")
    field(page, "Target").fill("4")
    field(page, "Unit").fill("reviews")
    page.get_by_label(re.compile("Attainable: realistic")).check()
    field(page, "Relevant: why does it matter for your career?").fill("Finance leads run these reviews.")
    field(page, "Time-bound: achieved by").fill(f"{timezone.localdate() + timedelta(days=60):%Y-%m-%d}")

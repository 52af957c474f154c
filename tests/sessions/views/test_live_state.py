"""In-place (htmx) edits keep the whole page consistent: every badge they can change comes back in the same
response as an out-of-band swap, and what was done is announced by a live region that was there before."""

from datetime import timedelta

import lxml.html
from django.urls import reverse
from django.utils import timezone

from tests.sessions.factories import AgendaItemFactory, MeetingFactory

HTMX = {"HTTP_HX_REQUEST": "true"}


def _oob(html: str) -> dict[str, lxml.html.HtmlElement]:
    tree = lxml.html.fragment_fromstring(html, create_parent="div")
    return {el.get("id"): el for el in tree.xpath("//*[@hx-swap-oob]")}


def _badges(element) -> list[str]:
    return [" ".join(b.text_content().split()) for b in element.xpath(".//span[contains(@class, 'badge')]")]


def test_the_meeting_page_has_its_badges_and_live_region_before_any_edit(client, mentorship, mentee):
    meeting = MeetingFactory(mentorship=mentorship, starts_at=timezone.now() + timedelta(days=5))
    client.force_login(mentee)
    tree = lxml.html.fromstring(client.get(meeting.get_absolute_url()).content)
    live = tree.get_element_by_id("agenda-live")
    assert live.get("role") == "status" and live.text_content().strip() == ""
    assert tree.get_element_by_id("agenda-live").getparent() is not tree.get_element_by_id("agenda")
    assert _badges(tree.get_element_by_id("meeting-badges")) == ["Agenda not prepared yet", "Not reviewed yet"]


def test_preparing_the_agenda_updates_the_badges_above_it_in_the_same_response(client, mentorship, mentee):
    meeting = MeetingFactory(mentorship=mentorship, objective="Budget", starts_at=timezone.now() + timedelta(days=5))
    client.force_login(mentee)
    url = reverse("sessions:agenda_item_add", args=[meeting.pk])
    html = client.post(url, {"category": "question", "text": "Reserves?"}, **HTMX).content.decode()
    oob = _oob(html)
    assert set(oob) == {"meeting-badges", "agenda-live"}
    assert oob["meeting-badges"].get("hx-swap-oob") == "innerHTML"
    assert _badges(oob["meeting-badges"]) == ["Agenda prepared", "Not reviewed yet"]
    assert oob["agenda-live"].text_content().strip() == "Item added."


def test_a_review_updates_the_badges_and_is_announced(client, mentorship, mentee, mentor):
    meeting = MeetingFactory(mentorship=mentorship, objective="Budget", starts_at=timezone.now() + timedelta(days=5))
    AgendaItemFactory(meeting=meeting, author=mentee)
    client.force_login(mentor)
    html = client.post(reverse("sessions:agenda_review", args=[meeting.pk]), **HTMX).content.decode()
    oob = _oob(html)
    assert "Reviewed by the mentor" in _badges(oob["meeting-badges"])
    assert "Not reviewed yet" not in html
    assert oob["agenda-live"].text_content().strip() == "Agenda marked as reviewed."


def test_a_refused_edit_is_announced_by_the_live_region(client, mentorship, mentor):
    meeting = MeetingFactory(mentorship=mentorship)
    client.force_login(mentor)
    html = client.post(reverse("sessions:agenda_review", args=[meeting.pk]), **HTMX).content.decode()
    assert "nothing on the agenda" in _oob(html)["agenda-live"].text_content()


def test_every_agenda_control_has_a_stable_id_and_a_successor(client, mentorship, mentee):
    meeting = MeetingFactory(mentorship=mentorship, starts_at=timezone.now() + timedelta(days=5))
    first, second = AgendaItemFactory(meeting=meeting, author=mentee), AgendaItemFactory(meeting=meeting, author=mentee)
    client.force_login(mentee)
    url = reverse("sessions:agenda_item_toggle", args=[first.pk])
    html = client.post(url, **HTMX).content.decode()
    tree = lxml.html.fragment_fromstring(html, create_parent="div")
    for item in (first, second):
        for control in ("toggle", "up", "down", "remove"):
            assert tree.xpath(f"//*[@id='item-{item.pk}-{control}']"), (item, control)
    up = tree.xpath(f"//*[@id='item-{first.pk}-up']")[0]
    assert up.get("disabled") is not None and up.get("data-focus-next") == f"item-{first.pk}-down"
    assert tree.xpath("//*[@id='agenda-add']") and tree.xpath("//*[@data-focus-fallback='id_agenda_text']")


def test_a_dashboard_filter_fills_the_pages_live_region_out_of_band(client, coordinator, cohort):
    client.force_login(coordinator)
    url = reverse("sessions:dashboard", args=[cohort.pk])
    page = lxml.html.fromstring(client.get(url).content)
    live = page.get_element_by_id("pairs-live")
    assert live.get("role") == "status" and live.text_content().strip() == ""
    assert page.get_element_by_id("pairs-live").getparent() is not page.get_element_by_id("pairs")
    html = client.get(url, {"health": "at_risk"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="pairs").content.decode()
    assert _oob(html)["pairs-live"].text_content().strip() == "0 pairs shown."
    assert 'id="pairs-filter"' in html and 'id="sort-mentee"' in html

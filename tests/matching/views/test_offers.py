"""Offers through the client: a mentor offers from the cohort's mentees, the mentee accepts; refusals are clear."""

from django.urls import reverse

from matching.models import MentorOffer, Mentorship
from programs.models import Role
from tests.factories import UserFactory


def test_a_mentor_offers_and_the_mentee_accepts(client, cohort, mentor, mentee):
    client.force_login(mentor)
    page = client.get(reverse("matching:offer_mentees", args=[cohort.pk])).content.decode()
    assert reverse("matching:offer_create", args=[cohort.pk, mentee.pk]) in page
    response = client.post(reverse("matching:offer_create", args=[cohort.pk, mentee.pk]), {"message": "Happy to help."})
    offer = MentorOffer.objects.get()
    assert response.status_code == 302 and response["Location"] == offer.get_absolute_url()
    client.force_login(mentee)
    assert "Accept the offer" in client.get(offer.get_absolute_url()).content.decode()
    response = client.post(reverse("matching:offer_accept", args=[offer.pk]))
    assert response.status_code == 302
    assert Mentorship.objects.filter(mentor=mentor, mentee=mentee, status="active").exists()


def test_an_offer_to_someone_outside_the_cohort_is_refused_clearly(client, cohort, mentor):
    stranger = UserFactory(first_name="Stranger")
    client.force_login(mentor)
    url = reverse("matching:offer_create", args=[cohort.pk, stranger.pk])
    page = client.get(url).content.decode()
    assert "Stranger" not in page and "not a mentee of" in page
    response = client.post(url, {"message": "Happy to help."})
    assert response.status_code == 200 and "mentee of this cohort" in response.content.decode()
    assert not MentorOffer.objects.exists()


def test_a_mentee_cannot_offer(client, cohort, mentee, enrol):
    other = enrol(Role.MENTEE).user
    client.force_login(mentee)
    assert client.get(reverse("matching:offer_create", args=[cohort.pk, other.pk])).status_code == 404

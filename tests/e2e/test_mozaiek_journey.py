"""Journey: a coordinator opens a Netwerkmozaïek round, invites three partners, they
answer through their personal links on a phone, the coordinator sees mosaic and agenda."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from tests.e2e.conftest import log_in
from tests.mozaiek.factories import NetworkFactory, coordinator_of

pytestmark = pytest.mark.django_db(transaction=True)

PARTNERS = ["wijkteam@example.nl", "bieb@example.nl", "corporatie@example.nl"]


def _link_for(email):
    for message in reversed(mail.outbox):
        if email in message.to:
            return re.search(r"https?://\S+/mozaiek/scan/\S+/", message.body).group(0)
    raise AssertionError(f"no invitation for {email}")


def _answer_everything(page, link, score):
    page.goto(link)
    page.get_by_role("link", name="Beginnen").click()
    for _ in range(7):
        for fieldset in page.locator("fieldset.mz-statement").all():
            fieldset.locator(f"input[value='{score}']").check()
        page.get_by_role("button", name=re.compile("Opslaan en (verder|controleren)")).click()
        if "toelichting=1" in page.url:
            page.get_by_role("button", name=re.compile("Opslaan en (verder|controleren)")).click()
    page.get_by_label("kernpartner").check()
    page.get_by_role("button", name="Verstuur mijn antwoorden").click()
    expect(page.get_by_text("Dank je wel! Je antwoorden zijn verstuurd.")).to_be_visible()


def test_it_takes_a_network_from_opening_a_round_to_the_mosaic(page, live_server, settings):
    settings.SITE_URL = live_server.url
    network = NetworkFactory(name="GoudaBruist")
    coordinator = coordinator_of(network, email="ravi@example.nl")

    log_in(page, coordinator.email)
    page.goto("/mozaiek/")
    page.get_by_role("link", name="Open een nieuwe ronde").click()
    page.get_by_label("Naam van de ronde").fill("Voorjaar 2026")
    page.get_by_role("button", name="Open de ronde").click()
    expect(page.get_by_text("De ronde is geopend.")).to_be_visible()
    page.get_by_label("E-mailadressen van de partners").fill("\n".join(PARTNERS))
    page.get_by_role("button", name="Uitnodigingen versturen").click()
    expect(page.get_by_text("Uitnodiging verstuurd naar")).to_be_visible()
    page.get_by_role("button", name="Uitloggen").first.click()

    for partner, score in zip(PARTNERS, (2, 3, 4), strict=True):
        _answer_everything(page, _link_for(partner), score)

    log_in(page, coordinator.email)
    page.goto("/mozaiek/")
    page.get_by_role("link", name="Voorjaar 2026").click()
    page.get_by_role("link", name="Bekijk het mozaïek").click()
    expect(page.get_by_role("heading", name="Het mozaïek van GoudaBruist")).to_be_visible()
    expect(page.get_by_role("group", name=re.compile("Het mozaïek"))).to_be_visible()
    expect(page.get_by_role("heading", name="Gespreksagenda")).to_be_visible()
    expect(page.get_by_text("3 partners hebben geantwoord")).to_be_visible()

"""Journeys: an initiatiefnemer registers an initiative with needs and an offer, publishes it
and finds it through search; a fund member filters the directory and shortlists it."""

import importlib

import pytest

from initiatieven import services
from initiatieven.models import Initiative, ShortlistEntry
from tests.core.factories import UserFactory
from tests.e2e.conftest import log_in
from tests.initiatieven.factories import InitiativeFactory, NeedFactory, OrganisationFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _places():
    """Municipalities come from a data migration; an earlier transactional test's flush
    removes them, so load them again (idempotent) whatever ran before."""
    from django.apps import apps

    migration = importlib.import_module("netwerkplatform.core.migrations.0002_load_municipalities")
    migration.load(apps, None)


def test_it_takes_an_initiatiefnemer_from_registering_to_finding_the_initiative(page):
    log_in(page, UserFactory(verified=True))
    page.get_by_role("link", name="Initiatief aanmelden").first.click()

    page.get_by_label("Naam", exact=True).fill("Moestuin De Kas")
    page.get_by_label("Pitch").fill("Bewoners kweken samen groente in een oude kas.")
    page.get_by_label("Beschrijving").fill("Elke zaterdag werken we samen.\nIedereen is welkom.")
    page.get_by_label("Gemeente", exact=True).fill("Gouda")
    page.get_by_label("groen", exact=True).check()
    page.get_by_label("Contact-e-mailadres").fill("kas@example.nl")

    needs = page.locator("#needs")
    needs.get_by_label("Soort").nth(0).select_option("money")
    needs.get_by_label("Wat hebben jullie nodig?").nth(0).fill("Gereedschap en zaden")
    needs.get_by_label("Bedrag in euro").nth(0).fill("2500")
    page.get_by_role("button", name="Nog een behoefte toevoegen").click()
    needs.get_by_label("Soort").nth(1).select_option("people")
    needs.get_by_label("Wat hebben jullie nodig?").nth(1).fill("Vrijwilligers op zaterdag")

    offers = page.locator("#offers")
    offers.get_by_label("Soort").nth(0).select_option("space")
    offers.get_by_label("Wat kunnen jullie bieden?").nth(0).fill("De kas voor bijeenkomsten")
    page.get_by_role("button", name="Initiatief aanmelden").click()

    assert page.get_by_text("Je initiatief is aangemeld.").is_visible()
    assert page.get_by_text("Dit is een concept").is_visible()
    page.get_by_role("button", name="Publiceren").click()
    assert page.get_by_text("Je initiatief is nu openbaar.").is_visible()
    initiative = Initiative.objects.get(name="Moestuin De Kas")
    assert initiative.needs.count() == 2 and initiative.offers.count() == 1

    page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Initiatieven"
    ).click()
    page.get_by_label("Zoeken").fill("moestuin")
    page.get_by_role("button", name="Toon resultaten").click()
    assert page.get_by_text("1 initiatief gevonden").is_visible()
    page.get_by_role("link", name="Moestuin De Kas").click()
    assert page.get_by_role("heading", name="Moestuin De Kas").is_visible()
    assert page.get_by_text("Gereedschap en zaden").is_visible()


def test_it_lets_a_fund_member_filter_the_directory_and_shortlist_an_initiative(page):
    member = UserFactory(verified=True)
    fund = OrganisationFactory(name="Oranje Fonds", slug="oranje-fonds", member=member)
    wanted = InitiativeFactory(name="Taalmaatjes Gouda", stage="start", themes=["inclusie"])
    NeedFactory(initiative=wanted, kind="people", amount=None, description="Taalmaatjes")
    InitiativeFactory(name="Speeltuin Gouda", stage="growth", themes=["jeugd"])
    services.initiative_search_refresh(ids=list(Initiative.objects.values_list("pk", flat=True)))
    log_in(page, member)

    page.goto("/initiatieven/")
    page.get_by_text("Filters en sorteren").click()
    page.get_by_label("Thema", exact=True).select_option("inclusie")
    page.get_by_label("Fase", exact=True).select_option("start")
    page.wait_for_url("**stage=start**")
    page.get_by_text("1 initiatief gevonden").wait_for()
    assert "theme=inclusie" in page.url
    assert page.get_by_role("link", name="Speeltuin Gouda").count() == 0

    page.get_by_role("button", name="Op de shortlist").click()
    page.locator(".badge", has_text="Op de shortlist").wait_for()
    assert ShortlistEntry.objects.filter(organisation=fund, initiative=wanted).exists()

    page.goto(f"/partners/{fund.slug}/shortlist/")
    page.get_by_label("Eigen notitie").fill("Past bij onze taalregeling")
    page.get_by_role("button", name="Notitie opslaan").click()
    assert page.get_by_text("De notitie is opgeslagen.").is_visible()
    assert ShortlistEntry.objects.get().note == "Past bij onze taalregeling"

"""The search pages people see: header search grouped by kind, "Bedoelde je …?",
an unknown municipality named with the nearest places, highlighting, and every
directory (/initiatieven/, /fondsen/, /partners/, /bijeenkomsten/) using the analysis."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from initiatieven import services
from initiatieven.models import Organisation
from netwerkplatform.core.search.suggest import clear_vocabulary
from tests.bijeenkomsten.factories import EventFactory
from tests.initiatieven.factories import (
    FundingSchemeFactory,
    InitiativeFactory,
    OfferFactory,
    OrganisationFactory,
)

pytestmark = pytest.mark.django_db
DIRECTORY = reverse("initiatieven:index")
SEARCH = reverse("core:search")


@pytest.fixture(autouse=True)
def _fresh_vocabulary():
    clear_vocabulary()
    yield
    clear_vocabulary()


def _indexed(**kwargs):
    initiative = InitiativeFactory(**kwargs)
    services.initiative_search_refresh(ids=[initiative.pk])
    return initiative


def _names(response) -> list[str]:
    return [i.name for i in response.context["page"].object_list]


def test_the_header_search_groups_hits_by_kind_with_a_link_to_each_list(client):
    _indexed(name="Energiecoöperatie Zon", pitch="Zonnepanelen op daken.", description="")
    fund = OrganisationFactory(name="Groenfonds", description="Steunt energieprojecten.")
    FundingSchemeFactory(organisation=fund, name="Regeling Schone Energie")
    OrganisationFactory(
        name="Energieloket", kind=Organisation.Kind.MUNICIPALITY, description="Advies."
    )
    EventFactory(title="Energiecafé", description="Praten over energie in de wijk.")
    response = client.get(SEARCH, {"q": "energie"})
    assert response.status_code == 200
    groups = {group["key"]: group for group in response.context["groups"]}
    assert [hit.title for hit in groups["initiatives"]["hits"]] == ["Energiecoöperatie Zon"]
    assert [hit.title for hit in groups["funds"]["hits"]] == ["Groenfonds"]
    assert [hit.title for hit in groups["partners"]["hits"]] == ["Energieloket"]
    assert [hit.title for hit in groups["events"]["hits"]] == ["Energiecafé"]
    assert groups["funds"]["more_url"] == reverse("initiatieven:funds") + "?q=energie"
    html = response.content.decode()
    assert "<mark>Energiecoöperatie</mark> Zon" in html
    assert 'href="/bijeenkomsten/?q=energie"' in html


def test_the_header_search_box_is_on_every_page(client):
    html = client.get(reverse("core:home")).content.decode()
    assert 'action="/zoeken/"' in html
    assert 'role="search"' in html


def test_a_query_without_hits_offers_the_closest_spelling_with_its_results(client):
    _indexed(name="Buurtmoestuin De Kas", description="Groente kweken.")
    _indexed(name="Repair Café", pitch="Repareren.", description="Kapotte spullen.")
    response = client.get(DIRECTORY, {"q": "moestuinn"})
    assert response.context["suggestion"] == "moestuin"
    assert _names(response) == ["Buurtmoestuin De Kas"]
    html = response.content.decode()
    assert "Bedoelde je" in html
    assert "?q=moestuin" in html
    header = client.get(SEARCH, {"q": "moestuinn"})
    assert header.context["suggestion"] == "moestuin"


def test_a_query_that_is_close_to_nothing_says_nothing_was_found(client):
    _indexed(name="Buurtmoestuin De Kas")
    response = client.get(DIRECTORY, {"q": "ruimtevaart"})
    assert response.context["suggestion"] is None
    assert _names(response) == []


def test_an_unknown_municipality_says_so_and_suggests_the_nearest_names(client):
    _indexed(name="In Gouda")
    response = client.get(DIRECTORY, {"municipality": "Goud"})
    assert response.status_code == 200
    assert _names(response) == []
    assert response.context["unknown_municipality"]["nearest"][0] == "Gouda"
    html = response.content.decode()
    assert "Goud" in html and "Bedoelde je" in html
    assert "?municipality=Gouda" in html
    assert 'value="Goud"' in html  # what the person typed stays in the field


def test_a_misspelt_municipality_gets_the_close_name(client):
    response = client.get(DIRECTORY, {"municipality": "Gauda"})
    assert "Gouda" in response.context["unknown_municipality"]["nearest"]


def test_a_known_municipality_still_filters(client):
    _indexed(name="In Gouda")
    assert _names(client.get(DIRECTORY, {"municipality": "gouda"})) == ["In Gouda"]


def test_the_directory_highlights_the_matched_words(client):
    _indexed(name="Buurtmoestuin", pitch="Samen tuinieren <script>", description="")
    html = client.get(DIRECTORY, {"q": "tuin"}).content.decode()
    assert "<mark>Buurtmoestuin</mark>" in html
    assert "&lt;script&gt;" in html


def test_funds_are_found_through_their_schemes_and_partners_through_their_offers(client):
    fund = OrganisationFactory(name="Oranje Fonds", description="Sociale initiatieven.")
    FundingSchemeFactory(organisation=fund, name="Buurtmoestuinen", description="Voor groen.")
    OrganisationFactory(name="Ander Fonds", description="Cultuur.")
    funds = client.get(reverse("initiatieven:funds"), {"q": "moestuin"})
    assert [o.name for o in funds.context["page"].object_list] == ["Oranje Fonds"]
    partner = OrganisationFactory(name="Welzijn Noord", kind=Organisation.Kind.WELFARE)
    OfferFactory(organisation=partner, description="Een zaal voor bijeenkomsten")
    OrganisationFactory(name="Woonstichting", kind=Organisation.Kind.HOUSING)
    partners = client.get(reverse("initiatieven:partners"), {"q": "zalen"})
    assert [o.name for o in partners.context["page"].object_list] == ["Welzijn Noord"]


def test_the_event_list_searches_with_the_same_analysis(client):
    EventFactory(title="Samen Doen! Gouda", description="Workshops over buurtmoestuinen.")
    EventFactory(title="Leerkring", description="Over fondsen werven.")
    response = client.get(reverse("bijeenkomsten:index"), {"q": "moestuin"})
    assert [e.title for e in response.context["page"].object_list] == ["Samen Doen! Gouda"]
    response = client.get(reverse("bijeenkomsten:index"), {"q": "gouda"})
    assert "<mark>Gouda</mark>" in response.content.decode()


def _header_queries(client, size: int) -> int:
    for n in range(size):
        initiative = InitiativeFactory(name=f"Moestuin {size}-{n}", themes=["groen"])
        services.initiative_search_refresh(ids=[initiative.pk])
        fund = OrganisationFactory(name=f"Moestuinfonds {size}-{n}", themes=["groen"])
        FundingSchemeFactory(organisation=fund, name=f"Moestuinregeling {n}")
        OrganisationFactory(name=f"Moestuinpartner {size}-{n}", kind=Organisation.Kind.WELFARE)
        EventFactory(title=f"Moestuinfeest {size}-{n}")
    client.get(SEARCH, {"q": "moestuin"})  # warm per-process caches (content types)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(SEARCH, {"q": "moestuin"})
    assert all(group["count"] >= size for group in response.context["groups"])
    return len(queries)


def test_the_header_search_uses_a_constant_number_of_queries(client):
    few = _header_queries(client, 2)
    assert few == _header_queries(client, 7)
    assert few <= 30

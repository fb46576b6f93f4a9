"""The /initiatieven/ directory: full-text search in Dutch, filters, sort, pagination, htmx."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from initiatieven import services
from initiatieven.models import Initiative
from tests.core.factories import UserFactory, municipality
from tests.initiatieven.factories import InitiativeFactory, NeedFactory, OrganisationFactory

pytestmark = pytest.mark.django_db
URL = reverse("initiatieven:index")


def _indexed(**kwargs) -> Initiative:
    initiative = InitiativeFactory(**kwargs)
    services.initiative_search_refresh(ids=[initiative.pk])
    return initiative


def _names(response) -> list[str]:
    return [i.name for i in response.context["page"].object_list]


def test_it_finds_words_in_dutch_by_their_stem(client, postgres_only):
    _indexed(name="Buurtmoestuin", description="Wij beheren samen moestuinen in de wijk.")
    _indexed(name="Repair Café", description="Kapotte spullen repareren.")
    assert _names(client.get(URL, {"q": "moestuin"})) == ["Buurtmoestuin"]


def test_it_ranks_a_name_match_above_a_description_match(client, postgres_only):
    _indexed(name="Energiecoöperatie Zon", pitch="Zonnepanelen op daken.", description="")
    _indexed(
        name="Buurthuis", pitch="Ontmoeting.", description="Soms praten we over zon en energie."
    )
    assert _names(client.get(URL, {"q": "zon"}))[0] == "Energiecoöperatie Zon"


def test_it_finds_themes_and_needs_through_the_search_vector(client, postgres_only):
    initiative = InitiativeFactory(name="Samen Sterk", description="")
    initiative.themes.set(["armoede"])
    NeedFactory(
        initiative=initiative,
        kind="people",
        description="Vrijwilligers voor de voedselbank",
        amount=None,
    )
    services.initiative_search_refresh(ids=[initiative.pk])
    assert _names(client.get(URL, {"q": "voedselbank"})) == ["Samen Sterk"]
    assert _names(client.get(URL, {"q": "armoede"})) == ["Samen Sterk"]


def test_it_finds_parts_of_compounds_and_plurals_without_postgresql(client, monkeypatch):
    """On SQLite (make run's default) the same stored terms are matched with LIKE; the
    vendor is faked so this runs on PostgreSQL in CI as well."""
    from netwerkplatform.core.search import orm

    _indexed(name="Buurtmoestuin", description="Samen tuinieren.")
    _indexed(name="Energiecoöperatie Zon", description="Zonnepanelen op daken.")
    _indexed(name="Anders", pitch="Iets anders.", description="Niets hiervan.")
    monkeypatch.setattr(orm.connection, "vendor", "sqlite")
    assert _names(client.get(URL, {"q": "moestuinen"})) == ["Buurtmoestuin"]
    assert _names(client.get(URL, {"q": "cooperatie"})) == ["Energiecoöperatie Zon"]


def test_it_never_lists_drafts(client):
    InitiativeFactory(name="Openbaar")
    InitiativeFactory(name="Concept", visibility="draft")
    assert _names(client.get(URL)) == ["Openbaar"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"theme": "groen"}, ["Groen Gouda"]),
        ({"province": "zuid-holland"}, ["Groen Gouda", "Netwerk Leiden"]),
        ({"municipality": "Leiden"}, ["Netwerk Leiden"]),
        ({"stage": "growth"}, ["Zwolle Groeit"]),
        ({"needs": "money"}, ["Groen Gouda"]),
        ({"legal_form": "foundation"}, ["Netwerk Leiden"]),
        ({"kind": "network"}, ["Netwerk Leiden"]),
        ({"province": "zuid-holland", "needs": "space"}, []),
    ],
)
def test_it_filters(client, params, expected):
    gouda = InitiativeFactory(name="Groen Gouda", themes=["groen"])
    NeedFactory(initiative=gouda)
    InitiativeFactory(
        name="Netwerk Leiden",
        kind="network",
        legal_form="foundation",
        municipality=municipality("Leiden"),
    )
    InitiativeFactory(name="Zwolle Groeit", stage="growth", municipality=municipality("Zwolle"))
    assert sorted(_names(client.get(URL, params))) == expected


def test_it_ignores_a_bad_filter_value_instead_of_failing(client):
    InitiativeFactory(name="Iets")
    response = client.get(URL, {"stage": "onzin", "pagina": "x"})
    assert response.status_code == 200
    assert _names(response) == ["Iets"]
    # An unknown municipality is not ignored silently (issue 13): it is named instead.
    response = client.get(URL, {"stage": "onzin", "municipality": "Atlantis", "pagina": "x"})
    assert response.status_code == 200
    assert _names(response) == []
    assert response.context["unknown_municipality"]["typed"] == "Atlantis"


def test_it_sorts_by_newest_and_counts_and_paginates(client):
    for n in range(25):
        InitiativeFactory(name=f"Initiatief {n:02d}")
    first = client.get(URL, {"sort": "newest"})
    assert first.context["page"].paginator.count == 25
    assert "25 initiatieven gevonden" in first.content.decode()
    assert len(_names(first)) == 20
    second = client.get(URL, {"sort": "newest", "pagina": 2})
    assert len(_names(second)) == 5
    assert 'href="?sort=newest&amp;pagina=1"' in second.content.decode()


def test_it_returns_only_the_results_for_htmx(client):
    InitiativeFactory(name="Gedeeld")
    response = client.get(URL, {"theme": "groen"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert "<html" not in html
    assert "0 initiatieven gevonden" in html
    full = client.get(
        URL,
        {"theme": "groen"},
        headers={"HX-Request": "true", "HX-History-Restore-Request": "true"},
    )
    assert "<html" in full.content.decode()


def test_it_puts_only_the_filled_in_filters_in_the_address_bar(client):
    form = {"q": "moestuin", "theme": "", "province": "", "stage": ["", "start"], "sort": ""}
    response = client.get(URL, form, headers={"HX-Request": "true"})
    assert response["HX-Push-Url"] == f"{URL}?q=moestuin&stage=start"
    empty = client.get(URL, {"q": " ", "theme": ""}, headers={"HX-Request": "true"})
    assert empty["HX-Push-Url"] == URL


def test_it_pushes_clean_addresses_for_funds_too(client):
    url = reverse("initiatieven:funds")
    response = client.get(url, {"province": "", "theme": "groen"}, headers={"HX-Request": "true"})
    assert response["HX-Push-Url"] == f"{url}?theme=groen"


def _directory_queries(client, size: int) -> int:
    for n in range(size):
        initiative = InitiativeFactory(name=f"Moestuin {size}-{n}", themes=["groen", "voedsel"])
        NeedFactory(initiative=initiative)
        services.initiative_search_refresh(ids=[initiative.pk])
    params = {"q": "moestuinen", "theme": "groen", "needs": "money", "municipality": "Gouda"}
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL, params)
    assert len(response.context["page"].object_list) == min(size, 20)
    assert response.status_code == 200
    return len(queries)


def test_it_uses_a_constant_number_of_queries_whatever_the_page_size(client):
    member = UserFactory(verified=True)
    OrganisationFactory(member=member)
    client.force_login(member)
    few = _directory_queries(client, 2)
    many = _directory_queries(client, 25)
    assert few == many
    assert many <= 12

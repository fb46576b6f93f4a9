"""Registering and editing an initiative with its needs and offers."""

import pytest
from django.urls import reverse

from initiatieven.models import Initiative, Membership, Need
from tests.core.factories import UserFactory
from tests.initiatieven.factories import InitiativeFactory, NeedFactory
from tests.initiatieven.helpers import existing_rows, initiative_post

pytestmark = pytest.mark.django_db
CREATE = reverse("initiatieven:create")


def test_it_registers_an_initiative_with_needs_offers_and_its_creator_as_initiator(
    client, verified_user
):
    client.force_login(verified_user)
    response = client.post(CREATE, initiative_post())
    initiative = Initiative.objects.get(name="Moestuin De Kas")
    assert response.status_code == 302
    assert response["Location"] == reverse("initiatieven:detail", args=[initiative.slug])
    assert [(n.kind, n.amount) for n in initiative.needs.all()] == [
        ("money", 2500),
        ("people", None),
    ]
    assert [o.kind for o in initiative.offers.all()] == ["space"]
    assert sorted(t.name for t in initiative.themes.all()) == ["groen", "moestuin", "voedsel"]
    assert initiative.municipality.name == "Gouda"
    assert Membership.objects.get(initiative=initiative).role == Membership.Role.INITIATOR


def test_it_sends_anonymous_visitors_to_the_login(client):
    response = client.get(CREATE)
    assert response.status_code == 302
    assert "/account/login/" in response["Location"]


def test_it_refuses_registration_to_an_unverified_user(client, user):
    client.force_login(user)
    response = client.post(CREATE, initiative_post())
    assert response.status_code == 403
    assert not Initiative.objects.exists()
    assert "Bevestig eerst je e-mailadres" in response.content.decode()


def test_it_keeps_everything_typed_when_the_form_has_errors(client, verified_user):
    client.force_login(verified_user)
    response = client.post(
        CREATE, initiative_post(municipality_name="Atlantis", **{"needs-0-amount": "-5"})
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert not Initiative.objects.exists()
    assert "We kennen de gemeente “Atlantis” niet" in html
    assert (
        "Het bedrag moet meer dan € 0 zijn." in html or "Het bedrag moet meer dan €0 zijn." in html
    )
    assert 'value="Moestuin De Kas"' in html
    assert "Vrijwilligers op zaterdag" in html
    assert "De kas voor bijeenkomsten" in html


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"needs-0-amount": "99999999"}, "onrealistisch hoog"),
        ({"needs-0-amount": ""}, "Vul in hoeveel geld je nodig hebt."),
        ({"needs-1-amount": "100"}, "Een bedrag hoort alleen bij geld"),
        ({"pitch": "x" * 400}, "niet meer dan 280 tekens"),
        ({"description": "x" * 6000}, "Houd dit onder 5000 tekens"),
        ({"contact_email": "geen-adres"}, "Voer een geldig e-mailadres in."),
    ],
)
def test_it_explains_bad_input_in_dutch(client, verified_user, overrides, message):
    client.force_login(verified_user)
    response = client.post(CREATE, initiative_post(**overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Initiative.objects.exists()


def test_it_refuses_a_duplicate_name_in_the_same_place_and_keeps_slugs_unique(
    client, verified_user
):
    InitiativeFactory(name="Moestuin De Kas", slug="moestuin-de-kas")
    client.force_login(verified_user)
    response = client.post(CREATE, initiative_post())
    assert "Er is al een initiatief met deze naam in Gouda" in response.content.decode()
    client.post(CREATE, initiative_post(municipality_name="Leiden"))
    assert Initiative.objects.filter(municipality__name="Leiden").get().slug == "moestuin-de-kas-2"


def test_it_accepts_everyday_municipality_names(client, verified_user):
    client.force_login(verified_user)
    client.post(CREATE, initiative_post(municipality_name="Den Haag"))
    assert Initiative.objects.get().municipality.name == "'s-Gravenhage"


def test_it_adds_a_row_without_javascript_and_without_saving(client, verified_user):
    client.force_login(verified_user)
    response = client.post(CREATE, initiative_post(add_needs="1", name=""))
    html = response.content.decode()
    assert not Initiative.objects.exists()
    assert 'name="needs-2-kind"' in html
    assert 'name="needs-TOTAL_FORMS" value="3"' in html
    assert "Controleer het volgende" not in html
    assert "Gereedschap en zaden" in html


def test_it_updates_and_removes_rows_when_editing(client, verified_user):
    initiative = InitiativeFactory(initiator=verified_user)
    first, second = (
        NeedFactory(initiative=initiative),
        NeedFactory(initiative=initiative, kind="people", amount=None),
    )
    client.force_login(verified_user)
    data = initiative_post(name=initiative.name, **existing_rows(initiative))
    data["needs-0-amount"] = "3000"
    data["needs-1-DELETE"] = "on"
    response = client.post(reverse("initiatieven:edit", args=[initiative.slug]), data)
    assert response.status_code == 302
    assert list(initiative.needs.values_list("pk", "amount")) == [(first.pk, 3000)]
    assert not Need.objects.filter(pk=second.pk).exists()


def test_it_lets_the_core_team_edit_but_not_plain_members(client):
    initiative = InitiativeFactory()
    core, member = UserFactory(verified=True), UserFactory(verified=True)
    Membership.objects.create(initiative=initiative, user=core, role="core")
    Membership.objects.create(initiative=initiative, user=member, role="member")
    url = reverse("initiatieven:edit", args=[initiative.slug])
    client.force_login(member)
    assert client.get(url).status_code == 403
    client.force_login(core)
    assert client.get(url).status_code == 200


def test_it_hides_the_edit_page_of_a_draft_from_strangers_and_forbids_public_ones(
    client, verified_user
):
    draft = InitiativeFactory(visibility="draft")
    public = InitiativeFactory()
    client.force_login(verified_user)
    assert client.get(reverse("initiatieven:edit", args=[draft.slug])).status_code == 404
    assert client.get(reverse("initiatieven:edit", args=[public.slug])).status_code == 403


def test_it_publishes_a_draft_for_an_initiator(client, verified_user):
    initiative = InitiativeFactory(visibility="draft", initiator=verified_user)
    client.force_login(verified_user)
    client.post(
        reverse("initiatieven:visibility", args=[initiative.slug]), {"visibility": "public"}
    )
    initiative.refresh_from_db()
    assert initiative.is_public

"""Contributions to core's pages (home, Mijn overzicht, privacy) and the admin."""

import pytest
from django.urls import reverse

from initiatieven.models import Invitation, Membership, OrganisationMember
from netwerkplatform.core.services import user_delete, user_export_data
from tests.core.factories import UserFactory
from tests.initiatieven.factories import (
    FundingSchemeFactory,
    InitiativeFactory,
    OfferFactory,
    OrganisationFactory,
)

pytestmark = pytest.mark.django_db


def test_it_shows_my_initiatives_and_organisations_on_my_overview(client, verified_user):
    InitiativeFactory(name="Mijn Moestuin", initiator=verified_user, visibility="draft")
    OrganisationFactory(name="Mijn Fonds", member=verified_user)
    client.force_login(verified_user)
    html = client.get(reverse("core:mijn")).content.decode()
    assert "Mijn Moestuin" in html and "concept" in html
    assert "Mijn Fonds" in html


def test_it_counts_public_initiatives_and_shows_the_newest_on_the_home_page(client):
    InitiativeFactory(name="Nieuwste Initiatief")
    InitiativeFactory(name="Geheim Concept", visibility="draft")
    OrganisationFactory()
    OfferFactory()
    html = client.get(reverse("core:home")).content.decode()
    assert "Nieuwste Initiatief" in html and "Geheim Concept" not in html
    assert "1 fonds" in html and "1 partner" in html


def test_it_exports_and_erases_a_persons_memberships(verified_user):
    other = UserFactory()
    shared = InitiativeFactory(name="Gedeeld")
    Membership.objects.create(initiative=shared, user=verified_user, role="initiator")
    Membership.objects.create(initiative=shared, user=other, role="member")
    alone = InitiativeFactory(name="Alleen", initiator=verified_user)
    OrganisationFactory(member=verified_user)
    data = user_export_data(user=verified_user)["initiatieven"]
    assert sorted(row["initiative"] for row in data["initiatives"]) == ["Alleen", "Gedeeld"]
    assert len(data["organisations"]) == 1

    user_delete(user=verified_user)
    assert not Membership.objects.filter(user=verified_user).exists()
    assert not OrganisationMember.objects.filter(user=verified_user).exists()
    assert Membership.objects.get(user=other).role == "initiator"
    alone.refresh_from_db()
    assert alone.visibility == "draft"


def test_it_invites_a_colleague_into_an_organisation(client, django_capture_on_commit_callbacks):
    admin, colleague = (
        UserFactory(verified=True),
        UserFactory(verified=True, email="collega@fonds.nl"),
    )
    fund = OrganisationFactory(member=admin)
    client.force_login(admin)
    client.post(
        reverse("initiatieven:organisation_members", args=[fund.slug]),
        {"email": "collega@fonds.nl", "role": "member"},
    )
    invitation = Invitation.objects.get(organisation=fund)
    client.force_login(colleague)
    client.post(reverse("initiatieven:invitation", args=[invitation.token]))
    assert OrganisationMember.objects.get(user=colleague).role == "member"


@pytest.mark.parametrize(
    "model",
    [
        "initiative",
        "need",
        "offer",
        "membership",
        "organisation",
        "organisationmember",
        "fundingscheme",
        "shortlistentry",
        "invitation",
    ],
)
def test_it_offers_every_model_in_the_admin_with_search_and_filters(admin_client, model):
    FundingSchemeFactory()
    InitiativeFactory()
    response = admin_client.get(reverse(f"admin:initiatieven_{model}_changelist"), {"q": "fonds"})
    assert response.status_code == 200

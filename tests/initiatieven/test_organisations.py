"""Organisations: requesting, approval, members; funds and partners directories."""

import pytest
from django.contrib.admin.sites import site
from django.core import mail
from django.urls import reverse

from initiatieven.admin import OrganisationAdmin
from initiatieven.models import Organisation, OrganisationMember
from tests.core.factories import UserFactory
from tests.initiatieven.factories import FundingSchemeFactory, OfferFactory, OrganisationFactory

pytestmark = pytest.mark.django_db
REQUEST = reverse("initiatieven:organisation_request")


def _request_data(**overrides):
    data = {
        "kind": "fund",
        "name": "Buurtfonds Gouda",
        "description": "Wij steunen bewoners.",
        "website": "",
        "email": "info@buurtfonds.nl",
        "scope": "municipalities",
        "municipalities": "Gouda, Waddinxveen",
        "themes": ["groen"],
        "own_themes": "",
    }
    data.update(overrides)
    return data


def test_it_registers_a_requested_organisation_as_pending_with_the_requester_as_admin(
    client, verified_user, django_capture_on_commit_callbacks
):
    UserFactory(is_staff=True, email="staf@netwerkplatform.nl")
    client.force_login(verified_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(REQUEST, _request_data())
    organisation = Organisation.objects.get(name="Buurtfonds Gouda")
    assert response.status_code == 302
    assert organisation.status == "pending"
    assert sorted(m.name for m in organisation.municipalities.all()) == ["Gouda", "Waddinxveen"]
    assert OrganisationMember.objects.get(organisation=organisation).user == verified_user
    assert mail.outbox[-1].to == ["staf@netwerkplatform.nl"]


def test_it_refuses_an_unverified_requester(client, user):
    client.force_login(user)
    assert client.post(REQUEST, _request_data()).status_code == 403
    assert not Organisation.objects.exists()


def test_it_explains_a_region_without_places(client, verified_user):
    client.force_login(verified_user)
    response = client.post(REQUEST, _request_data(municipalities="", scope="municipalities"))
    assert "Noem minstens één gemeente." in response.content.decode()


def test_it_hides_a_pending_organisation_from_others_and_lets_its_members_not_act(client):
    requester = UserFactory(verified=True)
    pending = OrganisationFactory(status="pending", member=requester)
    url = reverse("initiatieven:organisation", args=[pending.slug])
    assert client.get(url).status_code == 404
    client.force_login(UserFactory(verified=True))
    assert client.get(url).status_code == 404
    client.force_login(requester)
    assert client.get(url).status_code == 200
    assert client.get(reverse("initiatieven:shortlist", args=[pending.slug])).status_code == 403
    assert client.get(reverse("initiatieven:scheme_create", args=[pending.slug])).status_code == 403
    assert "Buurtfonds" not in client.get(reverse("initiatieven:funds")).content.decode()


def test_it_approves_from_the_admin_and_tells_the_requester(rf, django_capture_on_commit_callbacks):
    requester = UserFactory(verified=True, email="aanvrager@example.nl")
    organisation = OrganisationFactory(status="pending", requested_by=requester)
    admin = OrganisationAdmin(Organisation, site)
    request = rf.post("/")
    request.user = UserFactory(is_staff=True)
    request._messages = type("M", (), {"add": lambda *a, **k: None})()
    with django_capture_on_commit_callbacks(execute=True):
        admin.approve(request, Organisation.objects.filter(pk=organisation.pk))
    organisation.refresh_from_db()
    assert organisation.status == "approved"
    assert mail.outbox[-1].to == ["aanvrager@example.nl"]


def test_it_lets_only_admins_edit_an_organisation(client):
    admin, member = UserFactory(verified=True), UserFactory(verified=True)
    organisation = OrganisationFactory(member=admin)
    OrganisationMember.objects.create(organisation=organisation, user=member, role="member")
    url = reverse("initiatieven:organisation_edit", args=[organisation.slug])
    client.force_login(member)
    assert client.get(url).status_code == 403
    client.force_login(admin)
    assert client.get(url).status_code == 200


def test_it_keeps_the_last_administrator(client):
    admin = UserFactory(verified=True)
    organisation = OrganisationFactory(member=admin)
    own = OrganisationMember.objects.get(user=admin)
    client.force_login(admin)
    client.post(
        reverse("initiatieven:organisation_members", args=[organisation.slug]),
        {"action": "remove", "member": own.pk},
    )
    assert OrganisationMember.objects.filter(pk=own.pk).exists()


def test_it_lists_funds_with_open_schemes_filtered_by_amount_and_informal(client):
    small = FundingSchemeFactory(
        name="Kleine Klus", min_amount=250, max_amount=2500, requires_legal_entity=False
    )
    big = FundingSchemeFactory(
        name="Grote Stap", min_amount=10000, max_amount=50000, requires_legal_entity=True
    )
    url = reverse("initiatieven:funds")
    html = client.get(url, {"amount": "1000"}).content.decode()
    assert small.organisation.name in html and big.organisation.name not in html
    html = client.get(url, {"informal": "on"}).content.decode()
    assert small.organisation.name in html and big.organisation.name not in html


def test_it_filters_funds_by_the_region_of_their_schemes(client):
    from netwerkplatform.core.models import Province

    national = FundingSchemeFactory(name="Heel Nederland")
    regional = FundingSchemeFactory(name="Alleen Zeeland", scope="provinces")
    regional.provinces.set([Province.objects.get(name="Zeeland")])
    html = client.get(reverse("initiatieven:funds"), {"province": "utrecht"}).content.decode()
    assert national.name in html and regional.name not in html


def test_it_lists_partners_by_what_they_offer(client, django_assert_max_num_queries):
    space = OfferFactory(kind="space").organisation
    knowledge = OfferFactory(kind="knowledge").organisation
    with django_assert_max_num_queries(6):
        html = client.get(reverse("initiatieven:partners"), {"offers": "space"}).content.decode()
    assert space.name in html and knowledge.name not in html

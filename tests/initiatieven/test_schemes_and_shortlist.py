"""Funding schemes (hard criteria and the live count) and the organisation's shortlist."""

import datetime

import pytest
from django.urls import reverse

from initiatieven import selectors
from initiatieven.models import FundingScheme, ShortlistEntry
from netwerkplatform.core.models import Province
from tests.core.factories import UserFactory, municipality
from tests.initiatieven.factories import (
    FundingSchemeFactory,
    InitiativeFactory,
    NeedFactory,
    OrganisationFactory,
)

pytestmark = pytest.mark.django_db


def _asking(amount, **kwargs):
    initiative = InitiativeFactory(**kwargs)
    NeedFactory(initiative=initiative, amount=amount)
    return initiative


def test_it_counts_initiatives_within_the_amount_range():
    fits = _asking(2500)
    _asking(50000)
    InitiativeFactory()  # asks no money
    scheme = FundingSchemeFactory(min_amount=1000, max_amount=5000)
    assert list(selectors.initiatives_fitting_scheme(scheme)) == [fits]


def test_it_uses_the_funds_region_when_the_scheme_has_none():
    in_gouda = _asking(2000)
    _asking(2000, municipality=municipality("Zwolle"))
    fund = OrganisationFactory(scope="provinces")
    fund.provinces.set([Province.objects.get(name="Zuid-Holland")])
    scheme = FundingSchemeFactory(organisation=fund)
    assert list(selectors.initiatives_fitting_scheme(scheme)) == [in_gouda]


def test_it_respects_the_schemes_own_municipalities_and_stages():
    target = _asking(2000, municipality=municipality("Leiden"), stage="start")
    _asking(2000, municipality=municipality("Leiden"), stage="idea")
    _asking(2000, stage="start")
    scheme = FundingSchemeFactory(scope="municipalities", eligible_stages=["start"])
    scheme.municipalities.set([municipality("Leiden")])
    assert list(selectors.initiatives_fitting_scheme(scheme)) == [target]
    criteria = selectors.scheme_hard_criteria(scheme)
    assert selectors.initiative_meets_hard_criteria(target, criteria)


def test_it_counts_none_for_a_closed_or_inactive_scheme():
    _asking(2000)
    closed = FundingSchemeFactory(closes_on=datetime.date(2020, 1, 1))
    inactive = FundingSchemeFactory(is_active=False)
    assert selectors.initiatives_fitting_scheme(closed).count() == 0
    assert selectors.initiatives_fitting_scheme(inactive).count() == 0


def test_it_ignores_met_needs_and_drafts():
    initiative = InitiativeFactory()
    NeedFactory(initiative=initiative, amount=2000, status="met")
    _asking(2000, visibility="draft")
    assert selectors.initiatives_fitting_scheme(FundingSchemeFactory()).count() == 0


def _scheme_post(**overrides):
    data = {
        "name": "Buurtbudget",
        "description": "Voor groene plannen.",
        "min_amount": "1000",
        "max_amount": "5000",
        "eligible_stages": ["start", "idea"],
        "scope": "",
        "is_active": "on",
        "themes": ["groen"],
        "own_themes": "",
        "municipalities": "",
        "opens_on": "",
        "closes_on": "",
        "url": "",
    }
    data.update(overrides)
    return data


@pytest.fixture
def fund_member():
    member = UserFactory(verified=True)
    return OrganisationFactory(member=member), member


def test_it_shows_the_live_count_while_editing(client, fund_member):
    fund, member = fund_member
    _asking(2500)
    _asking(2500, stage="growth")
    client.force_login(member)
    response = client.post(
        reverse("initiatieven:scheme_count", args=[fund.slug]),
        _scheme_post(),
        headers={"HX-Request": "true"},
    )
    assert "Nu past 1 initiatief binnen deze regeling" in response.content.decode()


def test_it_saves_a_scheme_for_a_fund_member(client, fund_member):
    fund, member = fund_member
    client.force_login(member)
    response = client.post(reverse("initiatieven:scheme_create", args=[fund.slug]), _scheme_post())
    assert response.status_code == 302
    scheme = FundingScheme.objects.get(name="Buurtbudget")
    assert scheme.eligible_stages == ["start", "idea"]


def test_it_saves_the_main_subject_as_themes_of_the_scheme_and_shows_it(client, fund_member):
    fund, member = fund_member
    client.force_login(member)
    post = _scheme_post(themes=["groen", "buurt en ontmoeting"], main_themes=["groen", "wonen"])
    response = client.post(reverse("initiatieven:scheme_create", args=[fund.slug]), post)
    assert response.status_code == 302
    scheme = FundingScheme.objects.get(name="Buurtbudget")
    assert scheme.main_themes == ["groen", "wonen"]
    assert set(scheme.themes.names()) == {"groen", "wonen", "buurt en ontmoeting"}
    page = client.get(reverse("initiatieven:organisation", args=[fund.slug])).content.decode()
    assert "Gaat vooral over: groen, wonen; ook: buurt en ontmoeting" in page
    edit = client.get(reverse("initiatieven:scheme_edit", args=[fund.slug, scheme.pk]))
    assert 'name="main_themes" value="wonen" id="id_main_themes_' in edit.content.decode()


def test_it_refuses_more_than_three_main_themes_and_keeps_the_rest(client, fund_member):
    fund, member = fund_member
    client.force_login(member)
    post = _scheme_post(main_themes=["groen", "wonen", "energie", "cultuur"])
    response = client.post(reverse("initiatieven:scheme_create", args=[fund.slug]), post)
    html = response.content.decode()
    assert "Kies hoogstens 3 hoofdthema&#x27;s." in html
    assert 'value="Buurtbudget"' in html
    assert not FundingScheme.objects.exists()


def test_it_shows_stored_amounts_in_whole_euros_when_editing(client, fund_member):
    fund, member = fund_member
    scheme = FundingSchemeFactory(organisation=fund, min_amount=500, max_amount=25_000)
    client.force_login(member)
    page = client.get(reverse("initiatieven:scheme_edit", args=[fund.slug, scheme.pk]))
    html = page.content.decode()
    assert 'value="500"' in html and 'value="25000"' in html
    assert "500.00" not in html


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"min_amount": "6000"}, "Het maximum moet minstens het minimum zijn"),
        ({"min_amount": "-5"}, "Een bedrag kan niet negatief zijn."),
        ({"max_amount": "9000000"}, "onrealistisch hoog"),
        (
            {"opens_on": "2026-05-01", "closes_on": "2026-01-01"},
            "De deadline moet na de openingsdatum liggen.",
        ),
    ],
)
def test_it_rejects_bad_schemes_in_dutch(client, fund_member, overrides, message):
    fund, member = fund_member
    client.force_login(member)
    response = client.post(
        reverse("initiatieven:scheme_create", args=[fund.slug]), _scheme_post(**overrides)
    )
    assert message in response.content.decode()
    assert not FundingScheme.objects.exists()


@pytest.mark.parametrize("who", ["anonymous", "stranger", "partner"])
def test_it_keeps_others_from_managing_a_funds_schemes(client, fund_member, who):
    fund = fund_member[0]
    if who == "stranger":
        client.force_login(UserFactory(verified=True))
    elif who == "partner":
        partner_member = UserFactory(verified=True)
        partner = OrganisationFactory(kind="welfare", member=partner_member)
        client.force_login(partner_member)
        assert (
            client.get(reverse("initiatieven:scheme_create", args=[partner.slug])).status_code
            == 403
        )
    response = client.post(reverse("initiatieven:scheme_create", args=[fund.slug]), _scheme_post())
    assert response.status_code in {302, 403}
    assert not FundingScheme.objects.exists()


def test_it_shares_the_shortlist_within_the_organisation_and_keeps_notes_private(
    client, fund_member
):
    fund, member = fund_member
    colleague = UserFactory(verified=True)
    fund.members.create(user=colleague, role="member")
    initiative = InitiativeFactory(name="Stadslab")
    client.force_login(member)
    client.post(
        reverse("initiatieven:shortlist_add", args=[initiative.slug]), {"organisation": fund.pk}
    )
    entry = ShortlistEntry.objects.get()
    client.post(
        reverse("initiatieven:shortlist_entry", args=[fund.slug, entry.pk]),
        {"note": "Bellen in mei"},
    )
    client.force_login(colleague)
    assert (
        "Bellen in mei"
        in client.get(reverse("initiatieven:shortlist", args=[fund.slug])).content.decode()
    )
    client.force_login(UserFactory(verified=True))
    assert client.get(reverse("initiatieven:shortlist", args=[fund.slug])).status_code == 403
    assert (
        "Bellen in mei"
        not in client.get(reverse("initiatieven:detail", args=[initiative.slug])).content.decode()
    )


def test_it_refuses_shortlisting_for_someone_outside_the_organisation(client, fund_member):
    fund = fund_member[0]
    initiative = InitiativeFactory()
    client.force_login(UserFactory(verified=True))
    response = client.post(
        reverse("initiatieven:shortlist_add", args=[initiative.slug]), {"organisation": fund.pk}
    )
    assert response.status_code == 403
    assert "Alleen leden van een goedgekeurde organisatie" in response.content.decode()
    assert not ShortlistEntry.objects.exists()


def test_it_exports_the_shortlist_as_csv_without_contact_email(client, fund_member):
    fund, member = fund_member
    initiative = InitiativeFactory(name="GoudaBruist", contact_email="geheim@goudabruist.nl")
    NeedFactory(initiative=initiative, amount=1500)
    ShortlistEntry.objects.create(
        organisation=fund, initiative=initiative, note="Mooi plan", added_by=member
    )
    client.force_login(member)
    response = client.get(reverse("initiatieven:shortlist_export", args=[fund.slug]))
    body = response.content.decode("utf-8-sig")
    assert response["Content-Type"].startswith("text/csv")
    assert "GoudaBruist;Gouda" in body
    assert "Mooi plan" in body and "1500" in body
    assert "geheim@goudabruist.nl" not in body

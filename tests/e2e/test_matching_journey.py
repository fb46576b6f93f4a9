"""An initiative and a fund both mark a suggested match interesting; both see contacts."""

import pytest

from matching import engine
from tests.core.factories import UserFactory
from tests.e2e.conftest import log_in
from tests.initiatieven.factories import (
    FundingSchemeFactory,
    InitiativeFactory,
    NeedFactory,
    OrganisationFactory,
)
from tests.matching.places import ensure_places

pytestmark = pytest.mark.django_db(transaction=True)


def _logout(page):
    page.context.clear_cookies()


def test_it_confirms_a_match_both_sides_find_interesting(page):
    ensure_places()
    team = UserFactory(verified=True)
    fund_person = UserFactory(verified=True)
    initiative = InitiativeFactory(
        name="Gouda Bruist",
        themes=["wonen", "energie"],
        initiator=team,
        contact_email="hallo@goudabruist.nl",
    )
    NeedFactory(initiative=initiative, kind="money", amount=2500)
    fund = OrganisationFactory(name="Fonds 1818", member=fund_person, email="info@fonds1818.nl")
    FundingSchemeFactory(organisation=fund, name="Buurtbudget", themes=["wonen", "energie"])
    engine.full_run()

    log_in(page, team.email)
    page.goto("/matches/")
    card = page.locator("article.match-card", has_text="Buurtbudget")
    card.get_by_text("Dit fonds geeft €1.000–€5.000; jullie vragen €2.500").wait_for()
    assert "info@fonds1818.nl" not in page.content()
    card.get_by_role("button", name="Interessant", exact=True).click()
    page.get_by_text("Zodra zij dat ook vinden").wait_for()
    _logout(page)

    log_in(page, fund_person.email)
    page.goto("/matches/")
    page.get_by_role("heading", name="Initiatieven die bij jullie passen").wait_for()
    card = page.locator("article.match-card", has_text="Gouda Bruist")
    card.get_by_text("Zij zijn in jullie geïnteresseerd!").wait_for()
    card.get_by_role("button", name="Interessant", exact=True).click()
    page.get_by_role("link", name="hallo@goudabruist.nl").wait_for()
    _logout(page)

    log_in(page, team.email)
    page.goto("/matches/")
    page.get_by_role("link", name="info@fonds1818.nl").wait_for()

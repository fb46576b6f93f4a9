"""Issue 11: the Content-Security-Policy allows only our own scripts and styles, and no
page breaks under it: the browser visits the main kinds of page and fails on any
violation it logs; htmx still swaps results in."""


import pytest

from bijeenkomsten.models import Registration
from initiatieven import services
from initiatieven.models import Initiative
from tests.bijeenkomsten.factories import EventFactory
from tests.core.factories import UserFactory
from tests.e2e.conftest import log_in
from tests.initiatieven.factories import InitiativeFactory, OrganisationFactory
from tests.mozaiek.factories import AssessmentFactory, NetworkFactory, submitted_response

pytestmark = pytest.mark.django_db(transaction=True)


def _watch(page) -> list[str]:
    violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => "
        "console.error('Content Security Policy violation: ' + e.violatedDirective + ' ' "
        "+ e.blockedURI + ' ' + (e.sourceFile || '') + ':' + e.lineNumber));"
    )
    return violations


def test_it_logs_no_csp_violation_on_the_main_pages_and_htmx_works(page):
    person = UserFactory(verified=True, name="Orla Organisator")
    initiative = InitiativeFactory(name="Taalmaatjes Gouda", initiator=person)
    InitiativeFactory(name="Speeltuin Gouda")
    fund = OrganisationFactory(name="Oranje Fonds", slug="oranje-fonds", member=person)
    network = NetworkFactory(initiator=person)
    assessment = AssessmentFactory(initiative=network)
    for value in (2, 3, 4):
        submitted_response(assessment, value)
    event = EventFactory(municipality=initiative.municipality, organiser=person)
    Registration.objects.create(event=event, user=person, status="confirmed")
    services.initiative_search_refresh(ids=list(Initiative.objects.values_list("pk", flat=True)))

    violations = _watch(page)
    response = page.goto("/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    for url in [
        "/initiatieven/",
        f"/initiatieven/{initiative.slug}/",
        "/bijeenkomsten/",
        f"/bijeenkomsten/{event.slug}/",
        "/fondsen/",
        "/partners/",
        "/mozaiek/",
        "/account/signup/",
    ]:
        page.goto(url)
    log_in(page, person)
    for url in [
        "/mijn/",
        f"/bijeenkomsten/{event.slug}/dashboard/",
        f"/bijeenkomsten/{event.slug}/badges/",
        f"/partners/{fund.slug}/shortlist/",
        "/matches/",
        f"/mozaiek/ronde/{assessment.pk}/",
        f"/mozaiek/ronde/{assessment.pk}/resultaten/",
        "/mijn/account/",
        f"/initiatieven/{initiative.slug}/bewerken/",
    ]:
        page.goto(url)
    # htmx under the policy: typing in the search swaps in the results without a reload.
    page.goto("/initiatieven/")
    page.get_by_label("Zoeken").fill("Taalmaatjes")
    page.wait_for_url("**q=Taalmaatjes**")
    page.get_by_text("1 initiatief gevonden").wait_for()
    assert violations == []

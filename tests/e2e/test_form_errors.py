"""A wrongly submitted form, for each kind of form (issue 14): focus lands on the error
summary, each of its links jumps to its field, the field shows its own message (named by
the field's aria-describedby) and everything typed is still there.

The forms are submitted with the browser's own checks off (``noValidate``) where they
would stop the request first: what is tested is the server's answer, which is all a
browser without those checks, or with them bypassed, gets.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.bijeenkomsten.factories import EventFactory
from tests.core.factories import UserFactory
from tests.e2e.conftest import log_in
from tests.initiatieven.factories import OrganisationFactory
from tests.mozaiek.factories import InvitationFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _submit_without_browser_checks(page, button_name: str) -> None:
    button = page.locator("main").get_by_role("button", name=button_name)
    button.evaluate("(b) => { if (b.form) b.form.noValidate = true; }")
    button.click()
    page.wait_for_load_state("load")


def assert_errors_at_their_fields(page, messages: dict[str, str]) -> None:
    """``messages``: field name → (part of) its error message."""
    summary = page.locator(".error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    links = summary.locator("a")
    assert links.count() >= len(messages)
    for index in range(links.count()):
        link = links.nth(index)
        target = link.get_attribute("href")
        assert target.startswith("#")
        link.click()
        assert page.evaluate("location.hash") == target
        field = page.locator(target)
        expect(field).to_be_in_viewport()
    for name, message in messages.items():
        control = page.locator(f"main [name='{name}']").first
        holder = control.locator(
            "xpath=ancestor::*[self::fieldset or contains(@class, 'form-field')][1]"
        )
        error = holder.locator(".form-field__error")
        expect(error).to_contain_text(message)
        described = control.get_attribute("aria-describedby") or holder.get_attribute(
            "aria-describedby"
        )
        assert described, f"{name}: no aria-describedby"
        for element_id in described.split():
            assert page.locator(f"#{element_id}").count() == 1, f"{name}: no #{element_id}"
        assert error.get_attribute("id") in described.split()
        if control.get_attribute("type") not in ("radio", "checkbox"):
            assert control.get_attribute("aria-invalid") == "true"


def test_it_shows_sign_up_errors_at_their_fields(page):
    page.goto("/account/signup/")
    page.get_by_label("E-mailadres").fill("anouk@voorbeeld")
    page.get_by_label("Je naam").fill("Anouk Verbeek")
    page.get_by_label("Wachtwoord", exact=True).fill("kort")
    page.get_by_label("Wachtwoord (bevestigen)").fill("kort")
    _submit_without_browser_checks(page, "Account aanmaken")

    assert_errors_at_their_fields(
        page, {"email": "geldig e-mailadres", "password1": "te kort"}
    )
    expect(page.get_by_label("E-mailadres")).to_have_value("anouk@voorbeeld")
    expect(page.get_by_label("Je naam")).to_have_value("Anouk Verbeek")


def test_it_shows_initiative_errors_at_their_fields(page):
    log_in(page, UserFactory(verified=True))
    page.goto("/initiatieven/nieuw/")
    page.locator("main [name='name']").fill("Moestuin de Bongerd")
    page.locator("main [name='pitch']").fill("Samen groente kweken in de wijk.")
    _submit_without_browser_checks(page, "Initiatief aanmelden")

    assert_errors_at_their_fields(page, {"municipality_name": "verplicht"})
    expect(page.locator("main [name='name']")).to_have_value("Moestuin de Bongerd")
    expect(page.locator("main [name='pitch']")).to_have_value("Samen groente kweken in de wijk.")


def test_it_shows_scheme_errors_at_their_fields(page):
    member = UserFactory(verified=True)
    fund = OrganisationFactory(member=member)
    log_in(page, member)
    page.goto(f"/fondsen/{fund.slug}/regelingen/nieuw/")
    page.locator("main [name='name']").fill("Buurtbudget")
    page.locator("main [name='description']").fill("Geld voor plannen van bewoners.")
    page.locator("main [name='min_amount']").fill("5000")
    page.locator("main [name='max_amount']").fill("1000")
    _submit_without_browser_checks(page, "Opslaan")

    assert_errors_at_their_fields(page, {"max_amount": "minstens het minimum"})
    expect(page.locator("main [name='name']")).to_have_value("Buurtbudget")
    expect(page.locator("main [name='min_amount']")).to_have_value("5000")
    expect(page.locator("main [name='max_amount']")).to_have_value("1000")


def test_it_shows_event_errors_at_their_fields(page):
    log_in(page, UserFactory(verified=True))
    page.goto("/bijeenkomsten/nieuw/")
    page.get_by_label("Titel").fill("Beursvloer Gouda")
    page.get_by_label("Gemeente").select_option(label="Gouda")
    page.get_by_label("Begin", exact=True).fill("2030-03-10T17:00")
    page.get_by_label("Einde", exact=True).fill("2030-03-10T15:00")
    page.get_by_label("Plekken").fill("40")
    _submit_without_browser_checks(page, "Opslaan")

    assert_errors_at_their_fields(page, {"ends_at": "na het begin"})
    expect(page.get_by_label("Titel")).to_have_value("Beursvloer Gouda")
    expect(page.get_by_label("Begin", exact=True)).to_have_value("2030-03-10T17:00")
    expect(page.get_by_label("Plekken")).to_have_value("40")


def test_it_shows_registration_errors_at_their_fields(page):
    event = EventFactory(duos_welcome=True)
    log_in(page, UserFactory(verified=True))
    page.goto(f"/bijeenkomsten/{event.slug}/aanmelden/")
    page.locator("main [name='needs']").fill("Ik kom met een rolstoel.")
    page.locator("main [name='duo_email']").fill("geen-adres")
    _submit_without_browser_checks(page, re.compile("Aanmelden|Op de wachtlijst"))

    assert_errors_at_their_fields(page, {"duo_email": "geldig e-mailadres"})
    expect(page.locator("main [name='needs']")).to_have_value("Ik kom met een rolstoel.")
    expect(page.locator("main [name='duo_email']")).to_have_value("geen-adres")


def test_it_shows_mozaiek_answer_errors_at_their_fields(page):
    invitation = InvitationFactory()
    page.goto(f"/mozaiek/scan/{invitation.token}/versturen/")
    page.locator("main [name='display_name']").fill("Joost van de bieb")
    _submit_without_browser_checks(page, "Verstuur mijn antwoorden")

    assert_errors_at_their_fields(page, {"partner_kind": "wat voor partner"})
    expect(page.locator("main [name='display_name']")).to_have_value("Joost van de bieb")

"""Journey: sign up, confirm the e-mail (which logs in), log in with a code, set hats, log out."""

import pytest
from django.contrib.auth import get_user_model

from tests.e2e.conftest import code_in_mail, link_in_mail

pytestmark = pytest.mark.django_db(transaction=True)


def test_it_takes_a_newcomer_from_sign_up_to_hats(page):
    page.goto("/")
    page.get_by_role("link", name="Gratis account aanmaken").click()

    page.get_by_label("E-mailadres").fill("lotte@example.nl")
    page.get_by_label("Je naam").fill("Lotte Visser")
    page.get_by_label("Wachtwoord", exact=True).fill("Buurt-tuin-2026!")
    page.get_by_label("Wachtwoord (bevestigen)").fill("Buurt-tuin-2026!")
    page.get_by_role("button", name="Account aanmaken").click()
    # Not logged in yet: the same "check your mailbox" page a known address gets.
    page.wait_for_url("**/account/confirm-email/")
    assert page.get_by_role("heading", name="Kijk in je mailbox").is_visible()

    page.goto(link_in_mail(r"/account/confirm-email/\S+"))
    page.get_by_role("button", name="Bevestigen").click()
    page.wait_for_url("**/mijn/")
    assert page.get_by_role("heading", name="Hallo Lotte").is_visible()
    assert get_user_model().objects.get(email="lotte@example.nl").has_verified_email

    page.get_by_role("button", name="Uitloggen").first.click()
    page.goto("/account/login/")
    page.get_by_role("link", name="Stuur mij een inlogcode").click()
    page.get_by_label("E-mailadres").fill("lotte@example.nl")
    page.get_by_role("button", name="Code aanvragen").click()
    page.get_by_label("Code", exact=True).fill(code_in_mail())
    page.get_by_role("button", name="Bevestigen").click()
    page.wait_for_url("**/mijn/")
    assert page.get_by_role("heading", name="Hallo Lotte").is_visible()

    page.get_by_role("link", name="Vertel welke petjes je draagt").click()
    page.get_by_label("verbinder").check()
    page.get_by_label("bewoner").check()
    page.get_by_label("Andere petjes, in je eigen woorden").fill("moeder")
    page.get_by_role("button", name="Opslaan").click()
    assert page.get_by_text("Je gegevens zijn opgeslagen.").is_visible()
    assert get_user_model().objects.get(email="lotte@example.nl").hats == [
        "verbinder",
        "bewoner",
        "moeder",
    ]

    page.get_by_role("button", name="Uitloggen").first.click()
    assert page.get_by_role("link", name="Inloggen").first.is_visible()

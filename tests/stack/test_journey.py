"""The production shape end to end in Chromium: sign up, confirm the e-mail from the SMTP
sink, register an initiative, sign up for an event and get the confirmation mail that
went web → outbox → Redis → worker → SMTP."""

import datetime
import re
from urllib.parse import urlsplit

from django.utils import timezone

from bijeenkomsten.models import Event, Registration
from initiatieven.models import Initiative
from netwerkplatform.core.models import Municipality
from tests.stack.harness import SmtpSink, wait_until


def _path_of_link(sink: SmtpSink, address: str, pattern: str) -> str:
    for message in reversed(sink.to(address)):
        for url in re.findall(r"https?://\S+", SmtpSink.body(message)):
            if re.search(pattern, url):
                parts = urlsplit(url)
                return parts.path + (f"?{parts.query}" if parts.query else "")
    return ""


def test_it_takes_a_newcomer_from_sign_up_to_an_event_mail_on_the_real_stack(
    stack,
    browser,
):
    """Long because it follows one newcomer step by step through the real stack."""
    Event.objects.create(
        kind=Event.Kind.MANIFESTATION,
        title="Beursvloer Gouda",
        slug="beursvloer-gouda",
        municipality=Municipality.objects.get(name="Gouda"),
        starts_at=timezone.now() + datetime.timedelta(days=14),
        ends_at=timezone.now() + datetime.timedelta(days=14, hours=3),
        capacity=40,
        status=Event.Status.PUBLISHED,
    )
    stack.start("worker")  # starts while gunicorn does
    stack.start("beat")
    stack.start_web()

    context = browser.new_context(
        base_url=stack.url, viewport={"width": 390, "height": 844}, locale="nl-NL"
    )
    context.set_default_timeout(30_000)
    page = context.new_page()
    try:
        page.goto("/")
        # Production static files: the hashed names from whitenoise's manifest.
        assert re.search(r"/static/css/site\.[0-9a-f]{12}\.css", page.content())
        page.get_by_role("link", name="Gratis account aanmaken").click()
        page.get_by_label("E-mailadres").fill("sanne@example.nl")
        page.get_by_label("Je naam").fill("Sanne de Boer")
        page.get_by_label("Wachtwoord", exact=True).fill("Buurt-kas-2026!")
        page.get_by_label("Wachtwoord (bevestigen)").fill("Buurt-kas-2026!")
        page.get_by_role("button", name="Account aanmaken").click()
        page.wait_for_url("**/account/confirm-email/")

        confirm = wait_until(
            lambda: _path_of_link(stack.smtp, "sanne@example.nl", r"/account/confirm-email/"),
            seconds=60,
            what="the confirmation mail in the SMTP sink",
        )
        page.goto(confirm)
        page.get_by_role("button", name="Bevestigen").click()
        page.wait_for_url("**/mijn/")  # confirming the address logs the newcomer in

        page.goto("/mijn/")
        page.get_by_role("link", name="Initiatief aanmelden").first.click()
        page.get_by_label("Naam", exact=True).fill("Moestuin De Kas")
        page.get_by_label("Pitch").fill("Bewoners kweken samen groente in een oude kas.")
        page.get_by_label("Beschrijving").fill("Elke zaterdag werken we samen.")
        page.get_by_label("Gemeente", exact=True).fill("Gouda")
        page.get_by_label("groen", exact=True).check()
        page.get_by_label("Contact-e-mailadres").fill("kas@example.nl")
        page.get_by_role("button", name="Initiatief aanmelden").click()
        assert page.get_by_text("Je initiatief is aangemeld.").is_visible()

        page.goto("/bijeenkomsten/")
        page.get_by_role("link", name="Beursvloer Gouda").click()
        page.get_by_role("link", name="Aanmelden").first.click()
        page.get_by_role("button").filter(has_text="Aanmelden").first.click()
        page.wait_for_url("**/aanmelding/**")
        assert page.get_by_text("Je bent aangemeld").first.is_visible()
    finally:
        context.close()

    assert Initiative.objects.filter(name="Moestuin De Kas").exists()
    assert Registration.objects.get(user__email="sanne@example.nl").status == "confirmed"
    mails = wait_until(
        lambda: [
            m for m in stack.smtp.to("sanne@example.nl") if "Beursvloer Gouda" in str(m["Subject"])
        ],
        seconds=60,
        what=f"the event confirmation through the worker\n{stack.log('worker')}",
    )
    assert len(mails) == 1
    assert "Beursvloer Gouda" in SmtpSink.body(mails[0])

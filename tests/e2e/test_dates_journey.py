"""The dates journey of issue 16, from the event page, never typing a page's address:
the organiser enables dates; two attendees without an initiative fill in the
matchmaking profile at sign-up and see each other suggested with a reason; one proposes
a time, the other accepts it from the e-mail's link; the organiser makes and publishes
the schedule; both see it in their agenda; after the slot both say the date led to
something → a confirmed match with the event on both sides and on the event's page."""

import datetime
import os
import re

import pytest
from django.db.models import F
from django.utils import timezone
from playwright.sync_api import expect

from bijeenkomsten.models import Event
from matching.dates.models import DateMatch, DateSettings, DateSlot
from tests.core.factories import DEFAULT_PASSWORD
from tests.e2e.conftest import link_in_mail, log_in, log_out
from tests.matching.dates.factories import event_with_dates

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
SHOTS = os.environ.get("DATES_SCREENSHOTS")


def shot(page, name):
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


def test_it_takes_two_newcomers_from_the_event_page_to_a_confirmed_match(
    page, live_server, settings
):
    """Long because it follows two people step by step; split, the order would hide."""
    settings.SITE_URL = live_server.url  # the links in the e-mails lead here
    event, organiser, (anouk, johan), slots = event_with_dates(
        attendees=2, slots=3, password=DEFAULT_PASSWORD
    )
    # They still have to sign up, and the organiser still has to switch dates on.
    event.registrations.all().delete()
    DateSettings.objects.filter(event=event).update(enabled=False)
    anouk.name, johan.name = "Anouk Verbeek", "Johan Kuipers"
    anouk.save()
    johan.save()
    event_page = f"/bijeenkomsten/{event.slug}/"

    # The organiser switches dates on from the event page → dashboard → "Dates" tab.
    log_in(page, organiser)
    page.goto(event_page)
    page.get_by_role("link", name="Dashboard voor organisatoren").click()
    page.get_by_role("navigation", name="Deze bijeenkomst organiseren").get_by_role(
        "link", name="Dates"
    ).click()
    page.get_by_label("dates aan").check()
    page.get_by_role("button", name="Instellingen opslaan").click()
    assert page.get_by_text("De date-instellingen zijn opgeslagen.").is_visible()
    log_out(page)

    # Both sign up with a matchmaking profile: Anouk comes for knowledge, Johan offers it.
    for person, group in ((anouk, "Waarvoor kom je?"), (johan, "Wat kun je anderen bieden?")):
        log_in(page, person)
        page.goto(event_page)
        page.get_by_role("link", name="Aanmelden").first.click()
        page.get_by_role("group", name=group).get_by_label("kennis").check()
        page.get_by_role("group", name="Thema's waar je aan werkt").get_by_label("wonen").check()
        page.get_by_role("button", name="Aanmelden").click()
        assert page.get_by_role("heading", name="Wie kun je hier ontmoeten?").is_visible()
        if person == johan:
            meet = page.locator("section", has_text="Wie kun je hier ontmoeten?")
            assert meet.get_by_text("Anouk Verbeek", exact=True).is_visible()
            assert meet.get_by_text(
                "Jij kunt kennis bieden; daar komt Anouk Verbeek voor."
            ).is_visible()
            shot(page, "dates-registration")
            # Johan proposes a time.
            meet.get_by_role("link", name="Bekijk iedereen en vraag een date aan").click()
            page.get_by_role("link", name="Vraag Anouk Verbeek voor een date").click()
            page.get_by_label("Een kort bericht").fill("Ik help je graag met de aanvraag.")
            agreed = timezone.localtime(slots[1].starts_at).strftime("%H:%M")
            page.get_by_role("group", name="Tijden waarop je kunt").get_by_label(
                re.compile(f"{agreed}–")
            ).check()
            page.get_by_role("button", name="Verzoek versturen").click()
            assert page.get_by_text("Je verzoek is verstuurd.").is_visible()
        log_out(page)

    # Anouk accepts the proposed time from the link in her e-mail.
    log_in(page, anouk)
    page.goto(link_in_mail(r"/dates/#verzoek-\d+$"))
    page.get_by_role("button", name=re.compile(f"Accepteer om {agreed}")).click()
    assert page.get_by_text("Je hebt de date geaccepteerd.").is_visible()
    shot(page, "dates-accepted")
    log_out(page)

    # The organiser makes the schedule and publishes it.
    log_in(page, organiser)
    page.goto(event_page)
    page.get_by_role("link", name="Dates organiseren").click()
    page.get_by_role("button", name="Rooster maken").click()
    # the schedule is made in the background: the page says so, then a reload shows it
    expect(page.get_by_text("Het rooster wordt gemaakt")).to_be_visible()
    page.reload()
    page.get_by_role("button", name="1 date publiceren").click()
    assert page.get_by_text("Er zijn 1 dates gepubliceerd.").is_visible()
    shot(page, "dates-organise")
    log_out(page)

    # Both see their agreed time and table in their agenda.
    for person, other in ((anouk, "Johan Kuipers"), (johan, "Anouk Verbeek")):
        log_in(page, person)
        page.goto(event_page)
        page.get_by_role("link", name="Mijn dates", exact=True).click()
        row = page.get_by_role("row").filter(has_text=other)
        assert row.get_by_text("Tafel 1").is_visible() and row.get_by_text(agreed).is_visible()
        log_out(page)

    # The event takes place: move it (and its slots) into the past, server-side.
    shift = slots[-1].ends_at - timezone.now() + datetime.timedelta(minutes=5)
    Event.objects.filter(pk=event.pk).update(
        starts_at=F("starts_at") - shift, ends_at=F("ends_at") - shift
    )
    DateSlot.objects.filter(event=event).update(starts_at=F("starts_at") - shift)

    for person in (anouk, johan):
        log_in(page, person)
        page.goto(event_page)
        page.get_by_role("link", name="Mijn dates", exact=True).click()
        page.get_by_role("link", name="Heeft deze date plaatsgevonden?").click()
        page.get_by_role("group", name="Heeft deze date plaatsgevonden?").get_by_label("Ja").check()
        page.get_by_role("group", name="Leverde het iets op?").get_by_label("Ja").check()
        page.get_by_label("mag het op de pagina van de bijeenkomst staan").check()
        page.get_by_role("button", name="Opslaan").click()
        assert page.get_by_text("Dank je, we hebben je antwoord opgeslagen.").is_visible()
        log_out(page)

    # A confirmed match, with the event, on both sides: level, reason and contact.
    assert DateMatch.objects.get().event_id == event.pk
    for person, other in ((anouk, johan), (johan, anouk)):
        log_in(page, person)
        page.goto(event_page)
        page.get_by_role("link", name="Mijn dates", exact=True).click()
        matches = page.locator("h2:has-text('Je matches van deze bijeenkomst') + ul")
        assert matches.get_by_role("heading", name=re.compile(other.name)).is_visible()
        assert matches.get_by_text(f"gemaakt tijdens {event.title}").is_visible()
        assert matches.get_by_role("link", name=other.email).is_visible()
        assert not matches.get_by_text("0%").count()
        shot(page, f"dates-match-{person.pk}")
        log_out(page)

    # The organiser opens the event's "Dates en matches" page to the public.
    log_in(page, organiser)
    page.goto(event_page)
    page.get_by_role("link", name="Dates en matches").click()
    page.get_by_role("link", name="Matches vastleggen en deze pagina beheren").click()
    page.get_by_label("Laat de matches van deze bijeenkomst zien op een openbare pagina").check()
    page.get_by_role("button", name="Opslaan").click()
    log_out(page)

    page.goto(event_page)
    page.get_by_role("link", name="Dates en matches").click()
    listed = page.get_by_role("listitem").filter(has_text="Anouk Verbeek")
    assert listed.get_by_text("Johan Kuipers").is_visible()
    shot(page, "dates-event-matches")

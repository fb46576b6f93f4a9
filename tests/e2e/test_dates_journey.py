"""Two attendees make a date; the organiser schedules and publishes; both see slot and
table in their agenda."""

import os

import pytest

from tests.core.factories import DEFAULT_PASSWORD
from tests.e2e.conftest import log_in, log_out
from tests.matching.dates.factories import event_with_dates

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
SHOTS = os.environ.get("DATES_SCREENSHOTS")


def test_it_takes_two_attendees_from_request_to_a_table_in_their_agenda(page):
    event, organiser, (anouk, johan), _slots = event_with_dates(
        attendees=2, password=DEFAULT_PASSWORD
    )
    anouk.name, johan.name = "Anouk Verbeek", "Johan Kuipers"
    anouk.save()
    johan.save()
    dates = f"/matches/bijeenkomst/{event.slug}/dates/"

    log_in(page, anouk)
    page.goto(dates)
    assert page.get_by_role("heading", name="Wie kun je hier ontmoeten").is_visible()
    page.get_by_role("link", name="Vraag Johan Kuipers voor een date").click()
    page.get_by_label("Een kort bericht").fill("Ik wil je graag over onze moestuin vertellen.")
    page.get_by_role("button", name="Verzoek versturen").click()
    assert page.get_by_text("Je verzoek is verstuurd.").is_visible()
    log_out(page)

    log_in(page, johan)
    page.goto(dates)
    assert page.get_by_text("over onze moestuin").is_visible()
    page.get_by_role("button", name="Accepteren").click()
    assert page.get_by_text("Je hebt de date geaccepteerd.").is_visible()
    log_out(page)

    log_in(page, organiser)
    page.goto(dates + "organiseren/")
    page.get_by_role("button", name="Rooster maken").click()
    page.goto(dates + "organiseren/")
    assert page.get_by_role("table").get_by_text("Anouk Verbeek").is_visible()
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/dates-grid.png", full_page=True)
    page.get_by_role("button", name="1 date publiceren").click()
    assert page.get_by_text("Er zijn 1 dates gepubliceerd.").is_visible()
    log_out(page)

    for person, other in ((anouk, "Johan Kuipers"), (johan, "Anouk Verbeek")):
        log_in(page, person)
        page.goto(dates + "agenda/")
        row = page.get_by_role("row").filter(has_text=other)
        assert row.get_by_text("Tafel 1").is_visible()
        if SHOTS:
            page.screenshot(path=f"{SHOTS}/dates-agenda.png", full_page=True)
        log_out(page)

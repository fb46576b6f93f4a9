"""Journey: an organiser builds and publishes Samen Doen!, two people register, one
cancels and the waiting person moves up, the organiser exports the list and checks in."""

import datetime
from pathlib import Path

import pytest
from django.utils import timezone

from bijeenkomsten.models import Event, Registration
from tests.core.factories import UserFactory
from tests.e2e.conftest import log_in, log_out

pytestmark = pytest.mark.django_db(transaction=True)


def test_it_runs_an_event_from_programme_to_check_in(page):
    """Long because it follows an organiser step by step; split, the order would hide."""
    page.set_default_timeout(30_000)  # many pages on a shared CI machine
    organiser = UserFactory(verified=True, name="Marieke de Boer")
    anouk = UserFactory(verified=True, name="Anouk Verbeek", hats=["moeder"])
    peter = UserFactory(verified=True, name="Peter Hoekstra", hats=["ambtenaar"])

    log_in(page, organiser)
    page.goto("/bijeenkomsten/nieuw/")
    page.get_by_label("Soort").select_option(label="manifestatie")
    page.get_by_label("Titel").fill("Samen Doen! Zwolle")
    page.get_by_label("Gemeente").select_option(label="Zwolle")
    page.get_by_label("Begin", exact=True).fill("2030-02-16T13:00")
    page.get_by_label("Einde", exact=True).fill("2030-02-16T17:30")
    page.get_by_label("Plekken").fill("1")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url("**/programma/")

    round_form = page.locator("form", has=page.get_by_role("button", name="Ronde toevoegen"))
    for title, start, end in [("Ronde 1", "14:00", "15:00"), ("Ronde 2", "15:15", "16:15")]:
        round_form.get_by_label("Titel").fill(title)
        round_form.get_by_label("Begin", exact=True).fill(f"2030-02-16T{start}")
        round_form.get_by_label("Einde", exact=True).fill(f"2030-02-16T{end}")
        round_form.get_by_role("button", name="Ronde toevoegen").click()
        page.wait_for_load_state()
    session_form = page.locator("form", has=page.get_by_role("button", name="Sessie toevoegen"))
    for round_title in ["Ronde 1", "Ronde 2"]:
        for number in range(1, 4):
            session_form.get_by_label("Ronde", exact=True).select_option(label=round_title)
            session_form.get_by_label("Titel").fill(f"{round_title} workshop {number}")
            session_form.get_by_role("button", name="Sessie toevoegen").click()
            page.wait_for_load_state()
    assert page.get_by_role("cell", name="Ronde 2 workshop 3", exact=True).is_visible()

    page.get_by_role("link", name="Dashboard").click()
    page.get_by_role("button", name="Publiceren").click()
    assert page.get_by_text("De bijeenkomst is gepubliceerd").is_visible()
    log_out(page)

    for person in (anouk, peter):
        log_in(page, person)
        page.goto("/bijeenkomsten/")
        page.get_by_role("link", name="Samen Doen! Zwolle").click()
        page.get_by_role("link", name="Aanmelden").or_(
            page.get_by_role("link", name="Op de wachtlijst")
        ).first.click()
        page.get_by_label("Ronde 1 workshop 2").check()
        page.get_by_role("button").filter(has_text="Aanmelden").or_(
            page.get_by_role("button", name="Op de wachtlijst")
        ).first.click()
        page.wait_for_url("**/aanmelding/**")
        log_out(page)
    assert Registration.objects.get(user=peter).status == "waitlisted"

    log_in(page, anouk)
    page.goto("/bijeenkomsten/mijn/")
    page.get_by_role("link", name="Samen Doen! Zwolle").click()
    page.get_by_role("link", name="Annuleer mijn aanmelding").click()
    page.get_by_role("button", name="Ja, annuleer mijn aanmelding").click()
    assert page.get_by_text("Je aanmelding is geannuleerd.").is_visible()
    assert Registration.objects.get(user=peter).status == "confirmed"
    log_out(page)

    log_in(page, organiser)
    page.goto("/bijeenkomsten/")
    organised = page.get_by_role("region", name="Bijeenkomsten die jij organiseert")
    organised.get_by_role("link", name="Samen Doen! Zwolle").click()
    page.get_by_role("link", name="Deelnemers").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="Exporteer als CSV").click()
    assert "Peter Hoekstra" in Path(download.value.path()).read_text(encoding="utf-8-sig")
    # The day of the event arrives (check-in opens on that day only).
    now = timezone.now()
    Event.objects.filter(title="Samen Doen! Zwolle").update(
        starts_at=now - datetime.timedelta(minutes=30), ends_at=now + datetime.timedelta(hours=3)
    )
    page.get_by_role("link", name="Inchecken").first.click()
    page.get_by_role("button", name="Inchecken Peter Hoekstra").click()
    page.get_by_role("button", name="Ongedaan maken Peter Hoekstra").wait_for()
    assert Registration.objects.get(user=peter).checked_in_at is not None

"""Journey: an organiser edits a published programme. They edit a round, delete a
session someone chose (moving that choice, who then hears about it), move the event a
week and see the programme move along, and the attendee's page shows the new day."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from bijeenkomsten import services
from bijeenkomsten.models import Round, SessionChoice
from tests.bijeenkomsten.factories import EventFactory, RoundFactory, SessionFactory
from tests.core.factories import UserFactory
from tests.e2e.conftest import ARTIFACTS, log_in, log_out

pytestmark = pytest.mark.django_db(transaction=True)


def test_it_edits_a_programme_and_moves_it_with_the_event(page):
    organiser = UserFactory(verified=True, name="Marieke de Boer")
    anouk = UserFactory(verified=True, name="Anouk Verbeek")
    event = EventFactory(organiser=organiser, title="RollingStone Deventer", capacity=10)
    round_ = RoundFactory(event=event, title="Ronde 1")
    gone = SessionFactory(round=round_, title="Buurtkracht", capacity=5)
    target = SessionFactory(round=round_, title="Fondsenwerving", capacity=5)
    services.registration_create(event=event, user=anouk, choices={round_.pk: gone.pk})

    log_in(page, organiser)
    page.goto(f"/bijeenkomsten/{event.slug}/programma/")
    page.get_by_role("link", name="Ronde bewerken of verwijderen Ronde 1").click()
    page.get_by_label("Titel").fill("Ronde 1: verdieping")
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_text("De ronde is opgeslagen.").wait_for()

    page.get_by_role("link", name="Verwijderen Buurtkracht").click()
    page.get_by_text("1 persoon koos deze sessie").wait_for()
    page.get_by_label("Verplaats hun keuzes naar").select_option(label="Fondsenwerving")
    mail.outbox.clear()
    page.get_by_role("button", name="Sessie verwijderen").click()
    page.get_by_text("Verplaatst: 1").wait_for()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "events-programme.png"), full_page=True)
    assert SessionChoice.objects.get(registration__user=anouk).session_id == target.pk
    assert any(anouk.email in m.to and "Fondsenwerving" in m.body for m in mail.outbox)

    new_start = timezone.localtime(event.starts_at) + datetime.timedelta(days=7)
    page.get_by_role("link", name="Dashboard").click()
    page.goto(f"/bijeenkomsten/{event.slug}/bewerken/")
    page.get_by_label("Begin", exact=True).fill(new_start.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Einde", exact=True).fill(
        (new_start + datetime.timedelta(hours=4)).strftime("%Y-%m-%dT%H:%M")
    )
    page.get_by_label("Verplaats het programma mee").uncheck()
    page.get_by_role("button", name="Opslaan").click()
    refused = page.locator(".form-field__error", has_text="buiten de bijeenkomst vallen")
    refused.wait_for()  # at the field, not only in the summary
    page.get_by_label("Verplaats het programma mee").check()
    mail.outbox.clear()
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url("**/dashboard/")
    moved = Round.objects.get(event=event)
    assert timezone.localtime(moved.starts_at).date() == new_start.date()
    notice = [m for m in mail.outbox if anouk.email in m.to][0]
    assert notice.attachments and "SEQUENCE:1" in notice.attachments[0][1]
    log_out(page)

    log_in(page, anouk)
    page.goto("/bijeenkomsten/mijn/")
    page.get_by_role("link", name="RollingStone Deventer").click()
    programme = page.locator("li", has_text="Ronde 1: verdieping")
    start = timezone.localtime(moved.starts_at).strftime("%H:%M")
    assert programme.first.inner_text().startswith(f"Ronde 1: verdieping ({start}): Fondsenwerving")
    assert page.get_by_text(new_start.strftime("%Y")).first.is_visible()

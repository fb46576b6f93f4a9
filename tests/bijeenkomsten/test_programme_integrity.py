"""Regression tests for the programme-integrity bugs of issue 15."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.utils import timezone
from freezegun import freeze_time
from icalendar import Calendar

from bijeenkomsten import services
from bijeenkomsten.models import Event, Registration, Round, SessionChoice
from netwerkplatform.core import registry
from tests.bijeenkomsten.factories import EventFactory, RoundFactory, SessionFactory
from tests.core.factories import UserFactory

pytestmark = pytest.mark.django_db

AMS = ZoneInfo("Europe/Amsterdam")


def _at(y, m, d, h, minute=0):
    return datetime.datetime(y, m, d, h, minute, tzinfo=AMS)


def _local(moment):
    return moment.astimezone(AMS)


@pytest.mark.parametrize(
    ("start", "next_start"),
    [
        # Winter time → summer time (last Sunday of March 2027 is 28 March).
        (_at(2027, 3, 10, 13), _at(2027, 4, 7, 13)),
        # Summer time → winter time (last Sunday of October 2027 is 31 October).
        (_at(2027, 10, 20, 13), _at(2027, 11, 17, 13)),
    ],
    ids=["march", "october"],
)
def test_it_duplicates_across_daylight_saving_in_local_time(start, next_start):
    event = EventFactory(starts_at=start, ends_at=start + datetime.timedelta(hours=4))
    RoundFactory(
        event=event,
        starts_at=_at(start.year, start.month, start.day, 13, 30),
        ends_at=_at(start.year, start.month, start.day, 14, 30),
    )
    copy = services.event_duplicate(event=event, organiser=UserFactory(), starts_at=next_start)
    assert _local(copy.starts_at).hour == 13
    assert _local(copy.ends_at).hour == 17
    round_ = copy.rounds.get()
    assert (_local(round_.starts_at).hour, _local(round_.starts_at).minute) == (13, 30)
    assert _local(round_.starts_at).date() == next_start.date()


@pytest.mark.parametrize(
    "start", [_at(2027, 3, 3, 13), _at(2027, 10, 6, 13)], ids=["march", "october"]
)
def test_it_duplicates_eight_weeks_later_at_the_same_local_hour(start):
    event = EventFactory(starts_at=start, ends_at=start + datetime.timedelta(hours=4))
    copy = services.event_duplicate(event=event, organiser=UserFactory())
    assert _local(copy.starts_at).hour == 13
    assert _local(copy.starts_at).date() == (start + datetime.timedelta(weeks=8)).date()


def _april_event(**kwargs):
    event = EventFactory(starts_at=_at(2027, 4, 7, 13), ends_at=_at(2027, 4, 7, 17), **kwargs)
    RoundFactory(
        event=event,
        title="Ronde 1",
        starts_at=_at(2027, 4, 7, 13, 30),
        ends_at=_at(2027, 4, 7, 14, 30),
    )
    return event


@freeze_time(_at(2027, 1, 5, 9))
def test_it_moves_the_programme_with_the_event():
    event = _april_event()
    services.event_update(
        event=Event.objects.get(pk=event.pk),
        starts_at=_at(2027, 3, 10, 13),
        ends_at=_at(2027, 3, 10, 17),
    )
    round_ = event.rounds.get()
    assert _local(round_.starts_at) == _at(2027, 3, 10, 13, 30)
    assert _local(round_.ends_at) == _at(2027, 3, 10, 14, 30)


@freeze_time(_at(2027, 1, 5, 9))
def test_it_moves_what_other_apps_keep_at_the_event_time_through_the_registry_hook():
    moved = []
    registry.register_event_move_hook(
        registry.EventMoveHook(
            key="test-slots",
            label="date slots",
            count=lambda event: 3,
            move=lambda event, shift: moved.append(shift) or 3,
        )
    )
    try:
        event = _april_event()
        preview = services.event_move_preview(event=event, starts_at=_at(2027, 3, 10, 13))
        assert {"label": "date slots", "count": 3} in preview["items"]
        services.event_update(
            event=Event.objects.get(pk=event.pk),
            starts_at=_at(2027, 3, 10, 13),
            ends_at=_at(2027, 3, 10, 17),
        )
    finally:
        registry._event_move_hooks.pop("test-slots")
    assert moved == [datetime.timedelta(days=-28)]


@freeze_time(_at(2027, 1, 5, 9))
def test_it_refuses_moving_the_event_away_from_its_programme_when_not_moving_it_along():
    event = _april_event()
    with pytest.raises(
        services.EventError, match="1 ronde zou buiten de bijeenkomst vallen"
    ) as caught:
        services.event_update(
            event=Event.objects.get(pk=event.pk),
            move_programme=False,
            starts_at=_at(2027, 3, 10, 13),
            ends_at=_at(2027, 3, 10, 17),
        )
    assert caught.value.field == "starts_at"
    assert "Ronde 1" in caught.value.message
    event.refresh_from_db()
    assert _local(event.starts_at) == _at(2027, 4, 7, 13)


def test_it_refuses_a_round_outside_the_event():
    event = _april_event()
    with pytest.raises(services.EventError, match="De ronde eindigt na de bijeenkomst") as caught:
        services.round_create(
            event=event,
            title="Na afloop",
            starts_at=_at(2027, 4, 7, 16),
            ends_at=_at(2027, 4, 7, 18),
        )
    assert caught.value.field == "ends_at"
    assert event.rounds.count() == 1


@freeze_time(_at(2027, 1, 5, 9))
def test_it_tells_people_about_a_new_time_with_an_ics_of_the_same_uid_and_higher_sequence():
    event = _april_event(capacity=5)
    registration = services.registration_create(event=event, user=UserFactory())
    mail.outbox.clear()
    services.event_update(
        event=Event.objects.get(pk=event.pk),
        starts_at=_at(2027, 4, 7, 14),
        ends_at=_at(2027, 4, 7, 18),
    )
    [message] = [m for m in mail.outbox if registration.user.email in m.to]
    [(filename, content, mimetype)] = message.attachments
    assert mimetype == "text/calendar"
    vevent = [
        c for c in Calendar.from_ical(content).walk("VEVENT") if str(c["uid"]).startswith("event-")
    ][0]
    assert str(vevent["uid"]) == f"event-{event.pk}@netwerkplatform"
    assert int(vevent["sequence"]) == 1
    assert _local(vevent.decoded("dtstart")) == _at(2027, 4, 7, 14)
    assert "14:00" in message.body


@freeze_time(_at(2027, 1, 5, 9))
def test_it_does_not_mail_when_only_the_description_changes():
    event = _april_event(capacity=5)
    services.registration_create(event=event, user=UserFactory())
    mail.outbox.clear()
    services.event_update(event=Event.objects.get(pk=event.pk), description="Nieuw")
    assert mail.outbox == []
    event.refresh_from_db()
    assert event.ical_sequence == 0


@freeze_time(_at(2027, 1, 5, 9))
def test_it_deletes_a_round_with_choices_and_tells_those_people():
    event = _april_event(capacity=5)
    round_ = event.rounds.get()
    session = SessionFactory(round=round_, capacity=5)
    people = [
        services.registration_create(
            event=event, user=UserFactory(), choices={round_.pk: session.pk}
        )
        for _ in range(2)
    ]
    assert services.round_choice_count(round_=round_) == 2
    mail.outbox.clear()
    assert services.round_delete(round_=round_) == 2
    assert not Round.objects.filter(pk=round_.pk).exists()
    assert not SessionChoice.objects.filter(registration__in=people).exists()
    told = {address for m in mail.outbox for address in m.to}
    assert told == {p.user.email for p in people}
    assert all(
        r.status == "confirmed" for r in Registration.objects.filter(pk__in=[p.pk for p in people])
    )


@freeze_time(_at(2027, 1, 5, 9))
def test_it_moves_choices_of_a_deleted_session_to_another_with_places_then_its_waiting_list():
    event = _april_event(capacity=5)
    round_ = event.rounds.get()
    gone = SessionFactory(round=round_, capacity=5, title="Weg")
    target = SessionFactory(round=round_, capacity=1, title="Blijft")
    people = [
        services.registration_create(event=event, user=UserFactory(), choices={round_.pk: gone.pk})
        for _ in range(2)
    ]
    mail.outbox.clear()
    result = services.session_delete(session=gone, move_to=target)
    assert result == {"moved": 1, "waitlisted": 1, "released": 0}
    first, second = (SessionChoice.objects.get(registration=p) for p in people)
    assert (first.session, first.status) == (target, "confirmed")
    assert (second.session, second.status) == (target, "waitlisted")
    assert len(mail.outbox) == 2 and "Blijft" in mail.outbox[0].body


@freeze_time(_at(2027, 1, 5, 9))
def test_it_releases_choices_of_a_deleted_session():
    event = _april_event(capacity=5)
    round_ = event.rounds.get()
    gone = SessionFactory(round=round_, capacity=5)
    person = services.registration_create(
        event=event, user=UserFactory(), choices={round_.pk: gone.pk}
    )
    assert services.session_delete(session=gone)["released"] == 1
    assert not SessionChoice.objects.filter(registration=person).exists()


def test_it_refuses_cancelling_an_event_that_is_over():
    start = timezone.now() - datetime.timedelta(days=2)
    event = EventFactory(starts_at=start, ends_at=start + datetime.timedelta(hours=3))
    with pytest.raises(services.EventError, match="Deze bijeenkomst is voorbij"):
        services.event_cancel(event=event)
    event.refresh_from_db()
    assert event.status == "published"


def test_it_refuses_check_in_on_another_day_than_the_event():
    event = _april_event(capacity=5)
    with freeze_time(_at(2027, 1, 5, 9)):
        registration = services.registration_create(event=event, user=UserFactory())
    for moment in (_at(2027, 4, 6, 13), _at(2027, 4, 8, 9)):
        with (
            freeze_time(moment),
            pytest.raises(
                services.EventError, match="Inchecken kan alleen op de dag van de bijeenkomst"
            ),
        ):
            services.registration_check_in(registration=registration)
    with freeze_time(_at(2027, 4, 7, 12, 50)):
        services.registration_check_in(registration=registration)
    registration.refresh_from_db()
    assert _local(registration.checked_in_at) == _at(2027, 4, 7, 12, 50)

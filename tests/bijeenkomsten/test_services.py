import datetime

import pytest
from django.core import mail
from django.utils import timezone

from bijeenkomsten import services
from bijeenkomsten.models import DuoInvitation, Event, Registration, SessionChoice
from tests.bijeenkomsten.factories import EventFactory, RoundFactory, SessionFactory
from tests.core.factories import UserFactory

pytestmark = pytest.mark.django_db


def _register(event, user=None, **kwargs):
    return services.registration_create(event=event, user=user or UserFactory(), **kwargs)


def test_it_confirms_until_full_then_waitlists():
    event = EventFactory(capacity=2)
    first, second, third = (_register(event) for _ in range(3))
    assert [first.status, second.status, third.status] == ["confirmed", "confirmed", "waitlisted"]


def test_it_refuses_registering_twice():
    event = EventFactory()
    person = UserFactory()
    _register(event, person)
    with pytest.raises(services.RegistrationError, match="al aangemeld"):
        _register(event, person)
    assert event.registrations.count() == 1


@pytest.mark.parametrize(
    ("changes", "says"),
    [
        ({"registration_opens_at": timezone.now() + datetime.timedelta(days=1)}, "kan vanaf"),
        ({"registration_closes_at": timezone.now() - datetime.timedelta(days=1)}, "is gesloten"),
        ({"status": Event.Status.DRAFT}, "niet aanmelden"),
        ({"status": Event.Status.CANCELLED}, "is geannuleerd"),
    ],
)
def test_it_refuses_registering_outside_the_window(changes, says):
    event = EventFactory(**changes)
    with pytest.raises(services.RegistrationError, match=says):
        _register(event)
    assert not event.registrations.exists()


def test_it_promotes_the_first_waiting_person_on_cancel_and_mails_a_cancel_link():
    event = EventFactory(capacity=1)
    first = _register(event)
    waiting = [_register(event) for _ in range(2)]
    mail.outbox.clear()
    services.registration_cancel(registration=first)
    waiting[0].refresh_from_db()
    waiting[1].refresh_from_db()
    assert waiting[0].status == "confirmed" and waiting[0].promoted_at
    assert waiting[1].status == "waitlisted"
    promoted_mail = [m for m in mail.outbox if waiting[0].user.email in m.to][0]
    assert f"/bijeenkomsten/afmelden/{waiting[0].cancel_token}/" in promoted_mail.body


def test_it_promotes_when_the_capacity_is_raised():
    event = EventFactory(capacity=1)
    _register(event)
    waiting = _register(event)
    services.event_set_capacity(event=event, capacity=2)
    waiting.refresh_from_db()
    assert waiting.status == "confirmed"


def test_it_refuses_lowering_the_capacity_below_the_confirmed_count():
    event = EventFactory(capacity=3)
    _register(event)
    _register(event)
    with pytest.raises(services.EventError, match="Er komen al 2 mensen"):
        services.event_set_capacity(event=event, capacity=1)
    event.refresh_from_db()
    assert event.capacity == 3


def test_it_refuses_a_full_session_unless_asked_to_wait():
    session = SessionFactory(capacity=1)
    event = session.round.event
    choice = {session.round_id: session.pk}
    _register(event, choices=choice)
    person = UserFactory()
    with pytest.raises(services.RegistrationError, match="is vol"):
        _register(event, person, choices=choice)
    assert not event.registrations.filter(user=person).exists()
    later = _register(event, person, choices=choice, join_session_waitlist=True)
    assert later.session_choices.get().status == SessionChoice.Status.WAITLISTED


def test_it_gives_a_freed_session_place_to_the_session_waiting_list():
    session = SessionFactory(capacity=1)
    other = SessionFactory(round=session.round, capacity=5)
    event = session.round.event
    first = _register(event, choices={session.round_id: session.pk})
    second = _register(event, choices={session.round_id: session.pk}, join_session_waitlist=True)
    services.registration_choose_sessions(registration=first, choices={session.round_id: other.pk})
    assert second.session_choices.get().status == SessionChoice.Status.CONFIRMED
    assert first.session_choices.get().session == other


def test_it_refuses_a_session_of_another_event():
    session = SessionFactory()
    event = EventFactory()
    with pytest.raises(services.RegistrationError, match="Die sessie hoort niet bij dit programma"):
        _register(event, choices={session.round_id: session.pk})


def test_it_refuses_yourself_as_duo_partner():
    event = EventFactory(duos_welcome=True)
    person = UserFactory()
    with pytest.raises(services.RegistrationError, match="eigen netwerkduopartner"):
        _register(event, person, duo_email=person.email.upper())
    assert not event.registrations.exists()


def test_it_refuses_a_duo_when_only_one_place_is_left():
    event = EventFactory(capacity=2, duos_welcome=True)
    _register(event)
    with pytest.raises(services.RegistrationError, match="nog maar één plek"):
        _register(event, UserFactory(verified=True), duo_email="partner@example.nl")
    assert event.registrations.count() == 1
    assert not DuoInvitation.objects.exists()


def test_it_holds_the_duo_partners_place_until_they_accept():
    event = EventFactory(capacity=3, duos_welcome=True)
    inviter = _register(event, UserFactory(verified=True), duo_email="partner@example.nl")
    assert services.event_places_left(event=event) == 1
    invitation = DuoInvitation.objects.get()
    partner_user = UserFactory(email="partner@example.nl", verified=True)
    partner = services.duo_invitation_accept(invitation=invitation, user=partner_user)
    inviter.refresh_from_db()
    assert partner.status == "confirmed"
    assert inviter.duo_partner == partner and partner.duo_partner == inviter
    assert services.event_places_left(event=event) == 1


def test_it_releases_a_declined_duo_place_to_the_waiting_list():
    event = EventFactory(capacity=2, duos_welcome=True)
    _register(event, UserFactory(verified=True), duo_email="partner@example.nl")
    waiting = _register(event)
    services.duo_invitation_decline(invitation=DuoInvitation.objects.get())
    waiting.refresh_from_db()
    assert waiting.status == "confirmed"


def test_it_tells_organisers_once_at_50_80_and_100_percent():
    organiser = UserFactory()
    event = EventFactory(capacity=10, organiser=organiser)
    mail.outbox.clear()
    people = [_register(event) for _ in range(10)]
    fill_mails = [m.subject for m in mail.outbox if organiser.email in m.to]
    assert len(fill_mails) == 3
    assert "50%" in fill_mails[0] and "80%" in fill_mails[1] and "100%" in fill_mails[2]
    services.registration_cancel(registration=people[0])
    _register(event)
    assert len([m for m in mail.outbox if organiser.email in m.to]) == 3


def test_it_tells_everyone_registered_when_the_event_is_cancelled():
    event = EventFactory(capacity=1)
    people = [_register(event) for _ in range(2)]
    mail.outbox.clear()
    services.event_cancel(event=event)
    told = {address for m in mail.outbox for address in m.to}
    assert told == {p.user.email for p in people}


def test_it_duplicates_an_event_with_its_programme_as_a_draft():
    session = SessionFactory(title="Open space: geld")
    event = session.round.event
    copy = services.event_duplicate(event=event, organiser=UserFactory())
    assert copy.status == Event.Status.DRAFT and copy.slug != event.slug
    assert copy.starts_at == event.starts_at + datetime.timedelta(weeks=8)
    assert [s.title for r in copy.rounds.all() for s in r.sessions.all()] == ["Open space: geld"]


def test_it_sends_the_reminder_once_the_day_before():
    event = EventFactory(starts_at=timezone.now() + datetime.timedelta(days=1))
    _register(event)
    mail.outbox.clear()
    assert services.reminders_send() == 1
    assert services.reminders_send() == 0
    assert len(mail.outbox) == 1


def test_it_invites_attendees_to_evaluate_once_after_the_event():
    event = EventFactory()
    registration = _register(event)
    Event.objects.filter(pk=event.pk).update(
        starts_at=timezone.now() - datetime.timedelta(hours=5),
        ends_at=timezone.now() - datetime.timedelta(hours=1),
    )
    assert services.evaluations_invite() == 1
    assert services.evaluations_invite() == 0
    assert registration.evaluation.invited_at
    event.refresh_from_db()
    assert event.status == Event.Status.FINISHED


def test_it_reports_evaluation_percentages_and_response_rate():
    round_ = RoundFactory()
    event = round_.event
    people = [_register(event) for _ in range(4)]
    for registration, rating in zip(people[:2], ["good", "sufficient"], strict=True):
        services.evaluation_submit(
            registration=registration,
            data={"information_beforehand": rating, "round_ratings": {round_.pk: "good"}},
        )
    results = services.evaluation_results(event=event)
    assert results["response_rate"] == 50
    info = results["questions"][0]
    assert info["positive_percent"] == 100
    assert [p["percent"] for p in info["parts"]] == [50, 50, 0, 0]
    assert results["questions"][2]["parts"][0]["percent"] == 100


def test_it_admits_only_invited_people_to_a_closed_series():
    from tests.bijeenkomsten.factories import SeriesFactory

    series = SeriesFactory(is_closed=True)
    event = EventFactory(series=series, kind=Event.Kind.LEARNING_CIRCLE)
    with pytest.raises(services.RegistrationError, match="alleen op uitnodiging"):
        _register(event)
    invited = UserFactory(email="lid@leerkring.nl", verified=True)
    services.series_invite(
        series=series, emails=["Lid@Leerkring.nl"], sender=UserFactory(verified=True)
    )
    assert _register(event, invited).status == Registration.Status.CONFIRMED

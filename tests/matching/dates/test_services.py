"""Date requests, the schedule and the database's guard against double booking."""

import datetime
import threading

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from freezegun import freeze_time

from bijeenkomsten.models import Registration
from initiatieven.models import Membership
from matching.dates import services as svc
from matching.dates.models import DateBlock, DateRequest, DateSeat
from matching.dates.tasks import dates_expire_requests, dates_schedule_task
from matching.models import Match
from tests.core.factories import UserFactory
from tests.initiatieven.factories import InitiativeFactory
from tests.matching.dates.factories import accepted, date_end, event_with_dates
from tests.matching.factories import MatchFactory

pytestmark = pytest.mark.django_db


def test_it_refuses_a_request_to_oneself():
    event, _org, (a, *_rest), _slots = event_with_dates()
    with pytest.raises(svc.DateError, match="Je kunt jezelf niet voor een date vragen"):
        svc.date_request_create(event=event, sender=a, recipient=a)


def test_it_refuses_asking_twice():
    event, _org, (a, b, *_rest), _slots = event_with_dates()
    svc.date_request_create(event=event, sender=a, recipient=b)
    with pytest.raises(svc.DateError, match="al gevraagd|already asked"):
        svc.date_request_create(event=event, sender=a, recipient=b)


def test_it_makes_crossing_requests_one_mutual_date():
    event, _org, (a, b, *_rest), _slots = event_with_dates()
    first = svc.date_request_create(event=event, sender=a, recipient=b)
    again = svc.date_request_create(event=event, sender=b, recipient=a)
    assert again.pk == first.pk
    first.refresh_from_db()
    assert first.status == "accepted" and first.mutual
    assert DateRequest.objects.count() == 1


def test_it_limits_requests_per_person():
    event, _org, (a, b, c, d), _slots = event_with_dates(max_dates=2)
    svc.date_request_create(event=event, sender=a, recipient=b)
    svc.date_request_create(event=event, sender=a, recipient=c)
    with pytest.raises(
        svc.DateError, match="Je kunt bij deze bijeenkomst hooguit 2 date-verzoeken sturen"
    ):
        svc.date_request_create(event=event, sender=a, recipient=d)


def test_it_only_lets_confirmed_attendees_make_dates():
    event, _org, (a, *_rest), _slots = event_with_dates()
    outsider = UserFactory()
    waiting = UserFactory()
    Registration.objects.create(event=event, user=waiting, status="waitlisted")
    for other in (outsider, waiting):
        with pytest.raises(
            svc.DateError,
            match="Deze persoon heeft geen bevestigde aanmelding voor deze bijeenkomst",
        ):
            svc.date_request_create(event=event, sender=a, recipient=other)
        with pytest.raises(
            svc.DateError,
            match="Alleen deelnemers met een bevestigde aanmelding kunnen dates maken",
        ):
            svc.date_request_create(event=event, sender=other, recipient=a)


def test_it_refuses_requests_when_dates_are_off_or_after_the_deadline():
    event, _org, (a, b, *_rest), _slots = event_with_dates()
    late = event.date_settings.deadline + datetime.timedelta(minutes=1)
    with (
        freeze_time(late),
        pytest.raises(svc.DateError, match="De uiterste datum voor date-verzoeken is voorbij"),
    ):
        svc.date_request_create(event=event, sender=a, recipient=b)
    event.date_settings.enabled = False
    event.date_settings.save()
    with pytest.raises(
        svc.DateError, match=r"Bij deze bijeenkomst kun je \(nog\) geen dates maken"
    ):
        svc.date_request_create(event=event, sender=a, recipient=b)


def test_it_expires_unanswered_requests_at_the_deadline():
    event, _org, (a, b, c, _d), _slots = event_with_dates()
    open_one = svc.date_request_create(event=event, sender=a, recipient=b)
    answered = accepted(event, a, c)
    with freeze_time(event.date_settings.deadline + datetime.timedelta(minutes=5)):
        dates_expire_requests()
    open_one.refresh_from_db()
    answered.refresh_from_db()
    assert open_one.status == "expired"
    assert answered.status == "accepted"


def test_it_schedules_accepted_dates_without_double_booking():
    event, org, (a, b, c, d), slots = event_with_dates(tables=1)
    for x, y in [(a, b), (a, c), (a, d), (c, d)]:
        accepted(event, x, y)
    DateBlock.objects.create(slot=slots[0], user=d)
    dates_schedule_task(event.pk)
    placed = list(DateRequest.objects.filter(slot__isnull=False))
    assert len(placed) == 3  # one table per slot, three slots
    assert len({(r.slot_id, r.table) for r in placed}) == 3
    assert all(r.slot_id != slots[0].pk for r in placed if d.pk in (r.from_user_id, r.to_user_id))
    assert DateSeat.objects.count() == 6


def test_it_keeps_published_dates_in_place_when_run_again():
    event, org, (a, b, c, d), slots = event_with_dates(tables=2)
    first = accepted(event, a, b)
    svc.dates_schedule(event=event, actor=org)
    svc.dates_publish(event=event, actor=org)
    first.refresh_from_db()
    where = (first.slot_id, first.table)
    for x, y in [(a, c), (b, d), (c, d)]:
        accepted(event, x, y)
    result = svc.dates_schedule(event=event, actor=org)
    first.refresh_from_db()
    assert (first.slot_id, first.table) == where
    assert result["kept"] == 1 and result["placed"] == 3


def test_it_publishes_and_mails_each_person_their_agenda(mailoutbox):
    event, org, (a, b, *_rest), _slots = event_with_dates()
    accepted(event, a, b)
    svc.dates_schedule(event=event, actor=org)
    mailoutbox.clear()
    with pytest.MonkeyPatch.context():
        assert svc.dates_publish(event=event, actor=org) == 1
    assert len(svc.agenda_for(event, a)) == 1


def test_it_refuses_a_move_onto_a_taken_table_or_a_busy_person():
    event, org, (a, b, c, d), slots = event_with_dates(tables=2)
    one = accepted(event, a, b)
    two = accepted(event, a, c)
    three = accepted(event, c, d)
    svc.date_move(date_request=one, actor=org, slot=slots[0], table=1)
    with pytest.raises(svc.DateError, match="Een andere date zit in dat tijdslot al aan die tafel"):
        svc.date_move(date_request=three, actor=org, slot=slots[0], table=1)
    with pytest.raises(svc.DateError, match="heeft in dat tijdslot al een date"):
        svc.date_move(date_request=two, actor=org, slot=slots[0], table=2)  # a is busy then
    svc.date_move(date_request=three, actor=org, slot=slots[0], table=2)
    assert DateSeat.objects.filter(slot=slots[0]).count() == 4


def test_it_lets_only_organisers_schedule():
    event, _org, (a, *_rest), _slots = event_with_dates()
    with pytest.raises(
        svc.DateError, match="Alleen de organisatoren van deze bijeenkomst kunnen dat doen"
    ):
        svc.dates_schedule(event=event, actor=a)


def test_it_makes_the_database_refuse_two_dates_at_one_table():
    event, org, (a, b, c, d), slots = event_with_dates()
    one = accepted(event, a, b)
    two = accepted(event, c, d)
    DateRequest.objects.filter(pk=one.pk).update(slot=slots[0], table=1)
    with pytest.raises(IntegrityError, match="daterequest_one_per_table"), transaction.atomic():
        DateRequest.objects.filter(pk=two.pk).update(slot=slots[0], table=1)


def test_it_makes_the_database_refuse_a_person_twice_in_one_slot():
    event, org, (a, b, c, _d), slots = event_with_dates()
    one = accepted(event, a, b)
    two = accepted(event, a, c)
    DateSeat.objects.create(request=one, slot=slots[0], user=a)
    with pytest.raises(IntegrityError, match="dateseat_one_per_person_slot"), transaction.atomic():
        DateSeat.objects.create(request=two, slot=slots[0], user=a)


def test_it_turns_a_date_both_found_useful_into_a_match_made_at_the_event():
    event, org, (a, b, *_rest), _slots = event_with_dates()
    InitiativeFactory(initiator=a)
    InitiativeFactory(initiator=b)
    date = accepted(event, a, b)
    svc.dates_schedule(event=event, actor=org)
    svc.dates_publish(event=event, actor=org)
    with freeze_time(date_end(date)):
        svc.date_outcome_record(date_request=date, user=a, happened=True, useful=True)
        assert not Match.objects.exists()  # one yes is only a proposal
        svc.date_outcome_record(date_request=date, user=b, happened=True, useful=True)
    match = Match.objects.get()
    assert match.status == "matched" and match.event == event and match.source == "event"
    assert svc.dates_stats(event=event)["held"] == 1


def test_it_keeps_a_not_interested_answer_after_a_useful_date():
    event, org, (a, b, *_rest), _slots = event_with_dates()
    mine = InitiativeFactory(initiator=a)
    theirs = InitiativeFactory(initiator=b)
    MatchFactory(
        initiative=mine,
        other_initiative=theirs,
        score=40,
        status="declined",
        other_response="not_interested",
    )
    date = accepted(event, a, b)
    svc.dates_schedule(event=event, actor=org)
    svc.dates_publish(event=event, actor=org)
    with freeze_time(date_end(date)):
        svc.date_outcome_record(date_request=date, user=a, happened=True, useful=True)
        svc.date_outcome_record(date_request=date, user=b, happened=True, useful=True)
    match = Match.objects.get()
    assert match.status == "declined" and match.other_response == "not_interested"


def test_it_lets_a_plain_member_propose_but_not_answer_for_the_initiative():
    event, org, (a, b, *_rest), _slots = event_with_dates()
    InitiativeFactory(initiator=a)
    theirs = InitiativeFactory()
    Membership.objects.create(initiative=theirs, user=b, role=Membership.Role.MEMBER)
    date = accepted(event, a, b)
    svc.dates_schedule(event=event, actor=org)
    svc.dates_publish(event=event, actor=org)
    with freeze_time(date_end(date)):
        svc.date_outcome_record(date_request=date, user=a, happened=True, useful=True)
        svc.date_outcome_record(date_request=date, user=b, happened=True, useful=True)
    match = Match.objects.get()
    assert match.status == "suggested"  # b's team still has to say yes
    assert match.event == event


def test_it_ranks_attendees_by_match_score_with_dutch_reasons():
    event, _org, (a, b, c, _d), _slots = event_with_dates()
    mine = InitiativeFactory(initiator=a, themes=["wonen", "energie"])
    good = InitiativeFactory(initiator=b, themes=["energie"])
    InitiativeFactory(initiator=c, themes=["cultuur"])
    MatchFactory(initiative=mine, other_initiative=good, score=80)
    ranked = svc.attendees_ranked(event=event, user=a)
    assert ranked[0].person == b
    assert ranked[0].score >= 80  # the match score leads; the shared theme adds a little
    assert any("energie" in reason for reason in ranked[0].reasons)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_it_lets_only_one_of_two_organisers_take_the_same_table_at_once(postgres_only):
    event, org, (a, b, c, d), slots = event_with_dates()
    second = UserFactory()
    event.organisers.add(second)
    one = accepted(event, a, b)
    two = accepted(event, c, d)
    barrier = threading.Barrier(2)
    outcomes = []

    def act(actor, date):
        try:
            barrier.wait()
            svc.date_move(date_request=date, actor=actor, slot=slots[0], table=1)
            outcomes.append("ok")
        except svc.DateError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [
        threading.Thread(target=act, args=(org, one)),
        threading.Thread(target=act, args=(second, two)),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["ok", "refused"]
    assert DateRequest.objects.filter(slot=slots[0], table=1).count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_it_keeps_two_simultaneous_scheduler_runs_from_double_booking(postgres_only):
    event, org, people, slots = event_with_dates(attendees=6, tables=2)
    for i, x in enumerate(people):
        for y in people[i + 1 :]:
            if len(DateRequest.objects.filter(from_user=x)) < 3:
                accepted(event, x, y)
    errors = []

    def run():
        try:
            svc.dates_schedule(event=event, actor=org)
        except Exception as exc:  # noqa: BLE001 - any failure is a test failure
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    seats = DateSeat.objects.filter(slot__event=event)
    assert seats.count() == 2 * DateRequest.objects.filter(slot__isnull=False).count()
    assert timezone.now()

"""Dates end to end in the services: profiles make suggestions with reasons, proposed
times bind the schedule, the terugblik opens after the slot, and two yeses make a
confirmed match at the event; each e-mail links to its page."""

import re

import pytest
from freezegun import freeze_time

from matching.dates import services as svc
from matching.dates.models import DateMatch, DateRequest
from matching.dates.pinning import pin_agreed
from matching.dates.scheduler import DateSpec, FixedAssignment, SlotSpec
from tests.matching.dates.factories import accepted, date_end, event_with_dates, profile

pytestmark = pytest.mark.django_db


@pytest.fixture
def mails(django_capture_on_commit_callbacks, mailoutbox):
    """Mails go out on commit: run those callbacks, starting from an empty outbox."""

    def capture():
        return django_capture_on_commit_callbacks(execute=True)

    mailoutbox.clear()
    return capture


def published_date(event, org, a, b):
    date = accepted(event, a, b)
    svc.dates_schedule(event=event, actor=org)
    svc.dates_publish(event=event, actor=org)
    date.refresh_from_db()
    return date


def test_it_suggests_people_without_initiatives_by_their_profiles_with_a_reason():
    event, _org, (a, b, c, _d), _slots = event_with_dates()
    profile(event, a, looking_for=["knowledge"], themes=["wonen"])
    profile(event, b, offering=["knowledge"], themes=["wonen"])
    profile(event, c, offering=["space"], themes=["sport"])
    ranked = svc.attendees_ranked(event=event, user=a)
    assert ranked[0].person == b
    assert ranked[0].score > ranked[1].score
    assert f"{b.display_name} biedt kennis; daar kom jij voor." in ranked[0].reasons
    assert any("wonen" in reason for reason in ranked[0].reasons)


def test_it_opens_the_terugblik_only_after_the_slot_is_over():
    event, org, (a, b, *_rest), _slots = event_with_dates()
    date = published_date(event, org, a, b)
    with pytest.raises(svc.DateError, match="zodra hij voorbij is"):
        svc.date_outcome_record(date_request=date, user=a, happened=True, useful=True)
    with freeze_time(date_end(date)):
        outcome = svc.date_outcome_record(date_request=date, user=a, happened=True, useful=True)
    assert outcome.useful


def test_it_confirms_a_match_between_two_people_only_when_both_say_yes(mailoutbox, mails):
    event, org, (a, b, *_rest), _slots = event_with_dates()
    profile(event, a, looking_for=["network"])
    profile(event, b, offering=["network"])
    date = published_date(event, org, a, b)
    with freeze_time(date_end(date)):
        with mails():
            svc.date_outcome_record(
                date_request=date, user=a, happened=True, useful=True, public=True
            )
        assert not DateMatch.objects.exists()
        assert not mailoutbox  # no contact details after one yes
        with mails():
            svc.date_outcome_record(date_request=date, user=b, happened=True, useful=True)
    match = DateMatch.objects.get()
    assert match.event == event and match.score > 0
    assert match.reasons[0]["code"] == "offers"
    assert not match.public  # b did not agree to be named
    assert sorted(m.to[0] for m in mailoutbox) == sorted([a.email, b.email])
    mail_to_a = next(m for m in mailoutbox if m.to == [a.email])
    assert b.email in mail_to_a.body and "led to" not in mail_to_a.subject  # in Dutch
    assert f"/matches/bijeenkomst/{event.slug}/dates/agenda/" in mail_to_a.body


def test_it_makes_no_match_when_one_says_it_led_to_nothing():
    event, org, (a, b, *_rest), _slots = event_with_dates()
    date = published_date(event, org, a, b)
    with freeze_time(date_end(date)):
        svc.date_outcome_record(date_request=date, user=a, happened=True, useful=True)
        svc.date_outcome_record(date_request=date, user=b, happened=True, useful=False)
    assert not DateMatch.objects.exists()


def test_it_lets_the_receiver_accept_a_proposed_time_and_the_schedule_keeps_it():
    event, org, (a, b, c, d), slots = event_with_dates(tables=1)
    # c and d's date is worth more, but a and b agreed slot 2: that binds.
    request = svc.date_request_create(event=event, sender=a, recipient=b, proposed_slots=slots[1:])
    svc.date_request_respond(date_request=request, user=b, accept=True, slot=slots[1])
    other = svc.date_request_create(event=event, sender=c, recipient=d)
    svc.date_request_create(event=event, sender=d, recipient=c)  # mutual: worth more
    svc.dates_schedule(event=event, actor=org)
    request.refresh_from_db()
    other.refresh_from_db()
    assert request.slot == slots[1] and request.agreed_slot == slots[1]
    assert other.slot is not None and other.slot != slots[1]


def test_it_refuses_a_time_that_was_not_proposed():
    event, _org, (a, b, *_rest), slots = event_with_dates()
    request = svc.date_request_create(event=event, sender=a, recipient=b, proposed_slots=slots[:1])
    with pytest.raises(svc.DateError, match="voorgestelde tijden"):
        svc.date_request_respond(date_request=request, user=b, accept=True, slot=slots[2])
    assert DateRequest.objects.get().status == "requested"


def test_it_refuses_an_agreed_time_at_which_someone_already_has_a_date():
    event, _org, (a, b, c, _d), slots = event_with_dates()
    first = svc.date_request_create(event=event, sender=a, recipient=b, proposed_slots=slots[:1])
    svc.date_request_respond(date_request=first, user=b, accept=True, slot=slots[0])
    second = svc.date_request_create(event=event, sender=c, recipient=b, proposed_slots=slots[:2])
    with pytest.raises(svc.DateError, match="niet meer vrij"):
        svc.date_request_respond(date_request=second, user=b, accept=True, slot=slots[0])


def test_it_pins_agreed_dates_and_leaves_clashes_to_the_scheduler():
    slots = [SlotSpec(id=1, tables=1), SlotSpec(id=2, tables=1)]
    dates = [DateSpec(id=10, a="a", b="b", value=2), DateSpec(id=11, a="c", b="d", value=1)]
    pinned, rest = pin_agreed(slots=slots, dates=dates, agreed={10: 1, 11: 1})
    assert pinned == [FixedAssignment(id=10, a="a", b="b", slot=1, table=1)]
    assert [d.id for d in rest] == [11]  # slot 1 is full: scheduled normally


def test_it_counts_held_no_shows_and_outcomes_per_slot():
    event, org, (a, b, c, d), slots = event_with_dates(tables=2)
    one = published_date(event, org, a, b)
    two = published_date(event, org, c, d)
    with freeze_time(max(date_end(one), date_end(two))):
        svc.date_outcome_record(date_request=one, user=a, happened=True, useful=True)
        svc.date_outcome_record(date_request=one, user=b, happened=True, useful=True)
        svc.date_outcome_record(date_request=two, user=c, happened=False, useful=False)
    rows = {row["slot"].pk: row for row in svc.dates_stats_per_slot(event=event)}
    totals = {k: sum(r[k] for r in rows.values()) for k in ("placed", "held", "no_show", "useful")}
    assert totals == {"placed": 2, "held": 1, "no_show": 1, "useful": 1}
    assert rows[one.slot_id]["useful"] == 1


def test_it_links_the_request_and_acceptance_mails_to_the_request(mailoutbox, mails):
    event, _org, (a, b, *_rest), slots = event_with_dates()
    with mails():
        request = svc.date_request_create(
            event=event, sender=a, recipient=b, proposed_slots=slots[:1]
        )
        svc.date_request_respond(date_request=request, user=b, accept=True, slot=slots[0])
    anchor = f"/matches/bijeenkomst/{event.slug}/dates/#verzoek-{request.pk}"
    assert [anchor in m.body for m in mailoutbox] == [True, True]
    assert re.search(r"https?://", mailoutbox[0].body)


def test_it_links_the_agenda_mail_to_the_agenda_and_each_terugblik(mailoutbox, mails):
    event, org, (a, b, *_rest), _slots = event_with_dates()
    with mails():
        date = published_date(event, org, a, b)
    agenda = [m for m in mailoutbox if "/dates/agenda/" in m.body]
    assert sorted(m.to[0] for m in agenda) == sorted([a.email, b.email])
    assert all(f"/dates/terugblik/{date.pk}/" in m.body for m in agenda)

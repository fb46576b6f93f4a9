"""No overbooking, ever: concurrent sign-ups against one event on PostgreSQL."""

import threading

import pytest
from django.db import connection

from bijeenkomsten import services
from bijeenkomsten.models import Registration
from tests.bijeenkomsten.factories import EventFactory
from tests.core.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_it_confirms_exactly_ten_of_fifty_concurrent_sign_ups(postgres_only):
    event = EventFactory(capacity=10)
    people = [UserFactory() for _ in range(50)]
    start = threading.Barrier(50)
    errors: list[BaseException] = []

    def sign_up(person):
        try:
            start.wait()
            services.registration_create(event=event, user=person)
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=sign_up, args=(p,)) for p in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    in_order = list(event.registrations.order_by("queued_at", "pk"))
    assert [r.status for r in in_order] == ["confirmed"] * 10 + ["waitlisted"] * 40

    for cancelled in in_order[:3]:
        services.registration_cancel(registration=cancelled)
    confirmed = event.registrations.filter(status=Registration.Status.CONFIRMED)
    assert confirmed.count() == 10
    promoted = {r.pk for r in confirmed.filter(promoted_at__isnull=False)}
    assert promoted == {r.pk for r in in_order[10:13]}

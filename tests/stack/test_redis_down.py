"""Redis down while people sign up: every sign-up commits, and every confirmation mail
goes out exactly once when Redis is back (the transactional outbox, core/outbox.py)."""

import datetime
import http.client
import threading
import time

from django.utils import timezone

from bijeenkomsten.models import Event, Registration
from netwerkplatform.core.models import Municipality, OutboxMessage
from tests.core.factories import UserFactory
from tests.stack.harness import session_cookie, wait_until

PEOPLE = 20


def _event() -> Event:
    return Event.objects.create(
        kind=Event.Kind.MANIFESTATION,
        title="Samen Doen! Zwolle",
        slug="samen-doen-zwolle",
        municipality=Municipality.objects.get(name="Zwolle"),
        starts_at=timezone.now() + datetime.timedelta(days=10),
        ends_at=timezone.now() + datetime.timedelta(days=10, hours=4),
        capacity=100,
        status=Event.Status.PUBLISHED,
    )


def _sign_up(port: int, slug: str, session: str) -> tuple[int, str]:
    """POST the sign-up form, follow the redirect with the cookies it set; the page."""
    token = "t" * 32
    path = f"/bijeenkomsten/{slug}/aanmelden/"
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    conn.request(
        "POST",
        path,
        body="hats_today=vrijwilliger",
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"sessionid={session}; csrftoken={token}",
            "X-CSRFToken": token,
            "Referer": f"http://127.0.0.1:{port}{path}",
        },
    )
    response = conn.getresponse()
    response.read()
    if response.status != 302:
        return response.status, ""
    cookies = [f"sessionid={session}"] + [
        value.split(";", 1)[0]
        for name, value in response.getheaders()
        if name.lower() == "set-cookie"
    ]
    conn.request("GET", response.getheader("Location"), headers={"Cookie": "; ".join(cookies)})
    page = conn.getresponse()
    return page.status, page.read().decode()


def test_it_keeps_every_sign_up_and_mails_each_once_when_redis_returns(stack):
    event = _event()
    people = [UserFactory(verified=True) for _ in range(PEOPLE)]
    sessions = [session_cookie(person) for person in people]
    stack.start("worker")  # starts while gunicorn does
    stack.start("beat")
    stack.start_web()
    wait_until(lambda: "ready" in stack.log("worker"), seconds=60, what="the worker")

    stack.redis.stop()
    results: list[tuple[int, str]] = []
    lock = threading.Lock()

    def sign_up(session: str) -> None:
        result = _sign_up(stack.port, event.slug, session)
        with lock:
            results.append(result)

    started = time.monotonic()
    threads = [threading.Thread(target=sign_up, args=(s,)) for s in sessions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=90)
    elapsed = time.monotonic() - started

    assert [status for status, _ in results] == [200] * PEOPLE, stack.log("web")
    assert all("Je bent aangemeld" in page for _, page in results), results[0][1][:3000]
    assert elapsed < 30, f"sign-ups took {elapsed:.1f} s with Redis down"
    confirmed = Registration.objects.filter(event=event, status=Registration.Status.CONFIRMED)
    assert confirmed.count() == PEOPLE
    assert stack.smtp.messages == []
    pending = OutboxMessage.objects.filter(delivered_at__isnull=True)
    assert pending.count() == PEOPLE

    stack.redis.start()
    wait_until(
        lambda: len(stack.smtp.messages) >= PEOPLE,
        seconds=90,
        what=f"{PEOPLE} mails after Redis returned\n{stack.log('worker')}\n{stack.log('beat')}",
    )
    wait_until(
        lambda: not pending.exists(), seconds=30, what="every outbox row marked delivered"
    )
    time.sleep(3)  # a duplicate would arrive now: the relay runs every second
    for person in people:
        assert len(stack.smtp.to(person.email)) == 1, person.email
    assert len(stack.smtp.messages) == PEOPLE

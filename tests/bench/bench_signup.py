"""Benchmark ``signup``: concurrent sign-ups through gunicorn against the real stack.

Starts gunicorn on 127.0.0.1 (a free port) with the DATABASE_URL of the database Django
is using and the REDIS_URL it was given, then fires 300 concurrent sign-up POSTs at an
event with 100 places (``small``: 30 at 10). Logged-in sessions are made directly in the
session store so the measurement is the sign-up itself, not the login form.
Figures: signup.confirmed, signup.waitlisted, signup.errors, signup.per_second.

Then the door of an event that runs today: 300 confirmed people (``small``: 30) are
checked in one after the other by scanning their QR ticket code through the real scan
view, as a phone at the door does. Figures: checkin.checked_in, checkin.errors,
checkin.median_ms (per scan, over HTTP through gunicorn).
"""

import http.client
import os
import secrets
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _database_url() -> str:
    from django.conf import settings

    db = settings.DATABASES["default"]
    password = f":{quote(db['PASSWORD'])}" if db.get("PASSWORD") else ""
    return (
        f"postgres://{quote(db.get('USER') or '')}{password}@{db.get('HOST') or '127.0.0.1'}"
        f":{db.get('PORT') or 5432}/{db['NAME']}"
    )


def _wait_for(port: int, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/health/")
            connection.getresponse().read()
            return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("gunicorn did not start")


def _session_cookie(user) -> str:
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return store.session_key


def _setup(people: int, places: int):
    import datetime

    from django.utils import timezone

    from bijeenkomsten.models import Event
    from netwerkplatform.core.models import Municipality, User

    run = secrets.token_hex(4)
    event = Event.objects.create(
        kind=Event.Kind.MANIFESTATION,
        title=f"Bench {run}",
        slug=f"bench-signup-{run}",
        municipality=Municipality.objects.get(name="Zwolle"),
        starts_at=timezone.now() + datetime.timedelta(days=10),
        ends_at=timezone.now() + datetime.timedelta(days=10, hours=4),
        capacity=places,
        status=Event.Status.PUBLISHED,
    )
    users = User.objects.bulk_create(
        [User(email=f"bench-{run}-{n}@example.nl", name=f"Bench {n}") for n in range(people)]
    )
    users = list(User.objects.filter(email__startswith=f"bench-{run}-"))
    return event, [_session_cookie(u) for u in users]


def _gunicorn(port: int, workers: str) -> subprocess.Popen:
    """The site as production serves it (gunicorn, gthread, DEBUG off) on loopback."""
    from django.conf import settings

    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "DEBUG": "false",
        "SECRET_KEY": settings.SECRET_KEY,
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_HSTS_SECONDS": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SETTINGS_MODULE": "netwerkplatform.settings",
    }
    if settings.REDIS_URL:
        env["REDIS_URL"] = settings.REDIS_URL
    command = [sys.executable, "-m", "gunicorn", "netwerkplatform.wsgi:application"]
    command += ["--bind", f"127.0.0.1:{port}", "--workers", workers]
    command += ["--worker-class", "gthread", "--threads", "8", "--log-level", "warning"]
    return subprocess.Popen(command, cwd=ROOT, env=env)


def _sign_up_at_once(port: int, path: str, cookies: list[str]) -> tuple[list[int], float]:
    """Everyone posts the sign-up form at the same moment (a barrier); the status of
    each answer (0: no answer) and the seconds until the last one."""
    statuses: list[int] = []
    lock = threading.Lock()
    start = threading.Barrier(len(cookies) + 1)

    def sign_up(session_key: str) -> None:
        token = secrets.token_hex(16)
        start.wait()
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
            conn.request(
                "POST",
                path,
                body="hats_today=bench",
                headers={
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Cookie": f"sessionid={session_key}; csrftoken={token}",
                    "X-CSRFToken": token,
                    "Referer": f"http://127.0.0.1:{port}{path}",
                },
            )
            status = conn.getresponse().status
        except OSError:
            status = 0
        with lock:
            statuses.append(status)

    threads = [threading.Thread(target=sign_up, args=(c,)) for c in cookies]
    for thread in threads:
        thread.start()
    start.wait()
    began = time.monotonic()
    for thread in threads:
        thread.join()
    return statuses, time.monotonic() - began


def run(*, small: bool = False) -> dict:
    from django.db import connection

    from bijeenkomsten.models import Registration

    people, places = (30, 10) if small else (300, 100)
    event, cookies = _setup(people, places)
    connection.close()
    port = _free_port()
    server = _gunicorn(port, "2" if small else "4")
    try:
        _wait_for(port)
        path = f"/bijeenkomsten/{event.slug}/aanmelden/"
        statuses, elapsed = _sign_up_at_once(port, path, cookies)
        door = _check_in_at_the_door(port, 30 if small else 300)
    finally:
        server.terminate()
        server.wait(timeout=30)
    registrations = Registration.objects.filter(event=event)
    return {
        "signup.confirmed": (registrations.filter(status="confirmed").count(), "registrations"),
        "signup.waitlisted": (registrations.filter(status="waitlisted").count(), "registrations"),
        "signup.errors": (sum(1 for s in statuses if s != 302), "requests"),
        "signup.per_second": (round(len(statuses) / elapsed, 1), "requests/s"),
        **door,
    }


def _check_in_setup(people: int):
    import datetime

    from django.utils import timezone

    from bijeenkomsten.models import Event, Registration
    from netwerkplatform.core.models import Municipality, User

    run = secrets.token_hex(4)
    now = timezone.now()
    event = Event.objects.create(
        kind=Event.Kind.MANIFESTATION,
        title=f"Bench door {run}",
        slug=f"bench-door-{run}",
        municipality=Municipality.objects.get(name="Zwolle"),
        starts_at=now - datetime.timedelta(minutes=5),
        ends_at=now + datetime.timedelta(hours=4),
        capacity=people,
        status=Event.Status.PUBLISHED,
    )
    organiser = User.objects.create(email=f"bench-door-{run}@example.nl", name="Organiser")
    event.organisers.add(organiser)
    User.objects.bulk_create(
        [User(email=f"door-{run}-{n}@example.nl", name=f"Door {n}") for n in range(people)]
    )
    Registration.objects.bulk_create(
        [
            Registration(event=event, user=user, status=Registration.Status.CONFIRMED)
            for user in User.objects.filter(email__startswith=f"door-{run}-")
        ]
    )
    codes = list(event.registrations.values_list("ticket_code", flat=True))
    return event, _session_cookie(organiser), codes


def _check_in_at_the_door(port: int, people: int) -> dict:
    """Scan every ticket once, in a loop, through the real view; median ms per scan."""
    import statistics

    from django.db import connection

    from bijeenkomsten.models import Registration

    event, session_key, codes = _check_in_setup(people)
    connection.close()
    path = f"/bijeenkomsten/{event.slug}/inchecken/scan/"
    token = secrets.token_hex(16)
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    timings, errors = [], 0
    for code in codes:
        began = time.perf_counter()
        conn.request(
            "POST",
            path,
            body=f"code=NP1:{code}",
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": f"sessionid={session_key}; csrftoken={token}",
                "X-CSRFToken": token,
                "X-Scanner": "1",
                "Referer": f"http://127.0.0.1:{port}{path}",
            },
        )
        response = conn.getresponse()
        body = response.read()
        timings.append((time.perf_counter() - began) * 1000)
        if response.status != 200 or b'data-status="in"' not in body:
            errors += 1
    conn.close()
    checked_in = Registration.objects.filter(event=event, checked_in_at__isnull=False).count()
    return {
        "checkin.checked_in": (checked_in, "registrations"),
        "checkin.errors": (errors, "requests"),
        "checkin.median_ms": (round(statistics.median(timings), 1), "ms per scan"),
    }

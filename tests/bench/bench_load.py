"""Benchmark ``load``: bounded mixed load against gunicorn on PostgreSQL (``make bench
BENCH=load``).

50,000 generated initiatives; gunicorn as docker-compose.yml runs it (3 sync workers,
production settings, plain http on 127.0.0.1 through LOOPBACK_HTTP). Closed-loop clients
(threads, one connection per request, no think time) mix 80% browsing and search
(directory pages with search terms and filters, initiative pages), 15% event pages and 5%
sign-ups for one popular event with fewer places than people. The load rises in steps of
concurrent clients; each step lasts ``STEP_S`` seconds (all steps together ≤ 2 minutes).

Figures per step: requests/s, and p50/p95/p99 in ms per kind, errors (anything but 200
for pages and 302 for a sign-up, or no answer); at the end ``load.overbooked`` (confirmed
sign-ups beyond the event's capacity: must be 0).
"""

import datetime
import http.client
import os
import random
import secrets
import subprocess
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
STEP_S = float(os.environ.get("BENCH_LOAD_STEP_S", "30"))
STEPS = (2, 6, 12)
SEARCHES = [
    "?q=moestuin",
    "?q=vrijwilligers&needs=people",
    "?theme=groen&province=zuid-holland",
    "?q=taal+nieuwkomers&legal_form=informal",
    "?stage=start",
    "?pagina=3",
    "",
]


def _percentile(values: list[float], p: float) -> float:
    if not values:
        return 0.0
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]


def _setup(*, initiatives: int, people: int, places: int):
    from django.db import connection
    from django.test import override_settings
    from django.utils import timezone

    from bijeenkomsten.models import Event
    from initiatieven.fake import generate
    from initiatieven.models import Initiative
    from netwerkplatform.core.models import Municipality, User
    from tests.bench.bench_signup import _session_cookie

    if Initiative.objects.count() < initiatives:
        generate(
            initiatives=initiatives - Initiative.objects.count(),
            organisations=300,
            schemes=600,
            seed=42,
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    run = secrets.token_hex(4)
    zwolle = Municipality.objects.get(name="Zwolle")
    start = timezone.now() + datetime.timedelta(days=20)
    events = [
        Event.objects.create(
            kind=Event.Kind.MANIFESTATION,
            title=f"Load {run} {n}",
            slug=f"load-{run}-{n}",
            municipality=zwolle,
            starts_at=start,
            ends_at=start + datetime.timedelta(hours=4),
            capacity=places if n == 0 else 200,
            status=Event.Status.PUBLISHED,
        )
        for n in range(5)
    ]
    User.objects.bulk_create(
        [User(email=f"load-{run}-{n}@example.nl", name=f"Load {n}") for n in range(people)]
    )
    with override_settings(SECRET_KEY=_SECRET_KEY):
        cookies = [
            _session_cookie(u) for u in User.objects.filter(email__startswith=f"load-{run}-")
        ]
    slugs = list(
        Initiative.objects.filter(visibility="public")
        .order_by("?")
        .values_list("slug", flat=True)[:500]
    ) or list(Initiative.objects.values_list("slug", flat=True)[:500])
    return events, cookies, slugs


_SECRET_KEY = "bench-load-" + "s" * 50


def _gunicorn(port: int) -> subprocess.Popen:
    from django.conf import settings

    from tests.bench.bench_signup import _database_url

    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "DEBUG": "false",
        "SECRET_KEY": _SECRET_KEY,
        "ALLOWED_HOSTS": "127.0.0.1",
        "LOOPBACK_HTTP": "true",
        "LOG_LEVEL": "WARNING",
    }
    if settings.REDIS_URL:
        env["REDIS_URL"] = settings.REDIS_URL
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    # docker-compose.yml's web command: 3 sync workers.
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "netwerkplatform.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "3",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )


class Load:
    def __init__(self, port: int, events, cookies: list[str], slugs: list[str]) -> None:
        self.port = port
        self.popular = events[0].slug
        self.events = [e.slug for e in events]
        self.cookies = cookies
        self.slugs = slugs
        self.lock = threading.Lock()
        self.samples: dict[str, list[float]] = defaultdict(list)
        self.errors: dict[str, int] = defaultdict(int)
        self.signups_ok = 0

    def _request(self, method: str, path: str, **kwargs) -> int:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            conn.request(method, path, **kwargs)
            response = conn.getresponse()
            response.read()
            return response.status
        finally:
            conn.close()

    def one(self, rng: random.Random) -> None:
        roll = rng.random()
        if roll < 0.80:
            kind, expected = "browse", 200
            if rng.random() < 0.6:
                args = ("GET", "/initiatieven/" + rng.choice(SEARCHES))
            else:
                args = ("GET", f"/initiatieven/{rng.choice(self.slugs)}/")
        elif roll < 0.95:
            kind, expected = "event", 200
            args = ("GET", f"/bijeenkomsten/{rng.choice(self.events)}/")
        else:
            with self.lock:
                session = self.cookies.pop() if self.cookies else None
            if session is None:
                return
            kind, expected = "signup", 302
            token = secrets.token_hex(16)
            path = f"/bijeenkomsten/{self.popular}/aanmelden/"
            args = ("POST", path)
            extra = {
                "body": "hats_today=bench",
                "headers": {
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Cookie": f"sessionid={session}; csrftoken={token}",
                    "X-CSRFToken": token,
                    "Referer": f"http://127.0.0.1:{self.port}{path}",
                },
            }
        started = time.perf_counter()
        try:
            status = self._request(*args, **(extra if kind == "signup" else {}))
        except OSError:
            status = 0
        elapsed = (time.perf_counter() - started) * 1000
        with self.lock:
            self.samples[kind].append(elapsed)
            if status != expected:
                self.errors[kind] += 1
            elif kind == "signup":
                self.signups_ok += 1

    def step(self, clients: int, seconds: float) -> dict:
        self.samples.clear()
        self.errors.clear()
        stop = time.monotonic() + seconds

        def client(seed: int) -> None:
            rng = random.Random(seed)
            while time.monotonic() < stop:
                self.one(rng)

        threads = [
            threading.Thread(target=client, args=(clients * 100 + i,)) for i in range(clients)
        ]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started
        total = sum(len(v) for v in self.samples.values())
        figures = {f"load.c{clients}.requests_per_s": (round(total / elapsed, 1), "requests/s")}
        for kind in ("browse", "event", "signup"):
            values = self.samples.get(kind, [])
            for p in (50, 95, 99):
                figures[f"load.c{clients}.{kind}_p{p}_ms"] = (
                    round(_percentile(values, p), 1),
                    "ms",
                )
        figures[f"load.c{clients}.errors"] = (sum(self.errors.values()), "requests")
        return figures


def run(*, small: bool = False) -> dict:
    from django.db import connection

    from bijeenkomsten.models import Registration
    from tests.bench.bench_signup import _free_port, _wait_for

    places = 100
    events, cookies, slugs = _setup(
        initiatives=300 if small else 50_000, people=100 if small else 1500, places=places
    )
    connection.close()
    port = _free_port()
    server = _gunicorn(port)
    load = Load(port, events, cookies, slugs)
    figures: dict = {}
    try:
        _wait_for(port)
        for _ in range(20):  # warm every worker's imports and caches
            load._request("GET", "/initiatieven/?q=moestuin")
        steps = (2,) if small else STEPS
        for clients in steps:
            figures.update(load.step(clients, 3 if small else STEP_S))
    finally:
        server.terminate()
        server.wait(timeout=30)
    registrations = Registration.objects.filter(event=events[0])
    confirmed = registrations.filter(status="confirmed").count()
    figures["load.signups_ok"] = (load.signups_ok, "sign-ups")
    figures["load.signups_recorded"] = (registrations.count(), "sign-ups")
    figures["load.overbooked"] = (max(0, confirmed - places), "places")
    figures["load.loadavg_1min"] = (round(os.getloadavg()[0], 1), "")
    return figures

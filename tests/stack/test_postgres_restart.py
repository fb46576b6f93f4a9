"""PostgreSQL restarts under traffic: requests during the outage get the site's 503 page
(no traceback), and gunicorn recovers by itself (CONN_HEALTH_CHECKS); a sign-up made
after the restart still gets its mail through the worker that lived through it."""

import importlib.util
import shlex
import subprocess
import threading
import time
from pathlib import Path

from django.db import connection

from tests.core.factories import UserFactory
from tests.stack.harness import ROOT, get, session_cookie, wait_until
from tests.stack.test_redis_down import _event, _sign_up


def _with_services():
    spec = importlib.util.spec_from_file_location(
        "with_services", ROOT / "scripts/with_services.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _pg_ctl(services, datadir: Path, *args: str) -> None:
    pg_ctl = str(services.find_postgres_bin() / "pg_ctl")
    subprocess.run(
        services._as_postgres_user([pg_ctl, "-D", str(datadir), *args]),
        check=True,
        stdout=subprocess.DEVNULL,
        timeout=60,
    )


def test_it_shows_503_while_postgres_restarts_and_recovers_without_restarting_gunicorn(stack):
    """Long because the fault has phases (before, during, after) that only make sense together."""
    services = _with_services()
    with connection.cursor() as cursor:
        cursor.execute("SHOW data_directory")
        datadir = Path(cursor.fetchone()[0])
    # How the cluster was started, to start it again the same way.
    opts = shlex.split((datadir / "postmaster.opts").read_text())
    options = shlex.join(opts[3:]) if opts[1:2] == ["-D"] else shlex.join(opts[1:])
    event = _event()
    person = UserFactory(verified=True)
    session = session_cookie(person)
    stack.start("worker")  # starts while gunicorn does
    stack.start("beat")
    stack.start_web()
    web_pid = stack.processes["web"].pid
    assert get(stack.port, "/initiatieven/")[0] == 200

    statuses: list[tuple[int, str]] = []
    stop = threading.Event()

    def traffic() -> None:
        while not stop.is_set():
            try:
                statuses.append(get(stack.port, "/initiatieven/", timeout=20))
            except OSError as error:
                statuses.append((0, repr(error)))
            time.sleep(0.1)

    thread = threading.Thread(target=traffic)
    thread.start()
    connection.close()
    try:
        _pg_ctl(services, datadir, "-m", "fast", "-w", "stop")
        wait_until(lambda: any(s == 503 for s, _ in statuses), seconds=30, what="a 503")
        time.sleep(1)
        _pg_ctl(
            services,
            datadir,
            "-o",
            options,
            "-l",
            str(datadir.parent / "postgres.log"),
            "-w",
            "-t",
            "60",
            "start",
        )
        down_until = len(statuses)
        wait_until(
            lambda: len(statuses) > down_until + 3 and all(s == 200 for s, _ in statuses[-3:]),
            seconds=60,
            what="the site to recover",
        )
    finally:
        stop.set()
        thread.join(timeout=30)

    codes = {s for s, _ in statuses}
    assert codes <= {200, 503}, [(s, body[:300]) for s, body in statuses if s not in (200, 503)]
    outage = [body for s, body in statuses if s == 503]
    assert all("Het platform is zo weer terug" in body for body in outage)
    assert not any("Traceback" in body for body in outage)
    assert stack.processes["web"].poll() is None and stack.processes["web"].pid == web_pid

    status, page = _sign_up(stack.port, event.slug, session)
    assert status == 200 and "Je bent aangemeld" in page
    wait_until(
        lambda: stack.smtp.to(person.email),
        seconds=60,
        what=f"the confirmation mail after the restart\n{stack.log('worker')}",
    )

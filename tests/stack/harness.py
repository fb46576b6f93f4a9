"""The production shape on 127.0.0.1: what docker-compose.yml runs, started from its own
commands and environment, plus an SMTP sink that collects the mail.

The commands are read from docker-compose.yml, so a wrong command there fails here.
Only what cannot be the same on a test machine is changed, and only here: the bind
address and port (127.0.0.1 and a free port), the beat schedule file (one per beat) and
the number of gunicorn workers (2 cores). The environment is .env.example's production
values with ``LOOPBACK_HTTP=true`` (plain http on loopback) and the test's own database,
Redis and SMTP sink.
"""

from __future__ import annotations

import contextlib
import email
import email.policy
import http.client
import os
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import yaml

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = ROOT / "docker-compose.yml"
# gunicorn's key; sessions made by the test are signed with it (see ``session_cookie``).
SECRET_KEY = "stack-test-" + "k" * 50


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until(condition, *, seconds: float, what: str, interval: float = 0.2):
    """Poll ``condition`` until it returns something truthy; fail after ``seconds``."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(interval)
    raise AssertionError(f"timed out after {seconds} s waiting for {what}")


# --- SMTP sink ---------------------------------------------------------------------------
class SmtpSink:
    """An aiosmtpd server in a thread of the test process; keeps every message."""

    def __init__(self) -> None:
        from aiosmtpd.controller import Controller

        self.port = free_port()
        self.messages: list[email.message.EmailMessage] = []
        self._lock = threading.Lock()
        self._controller = Controller(self, hostname="127.0.0.1", port=self.port)

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self._lock:
            self.messages.append(message)
        return "250 Message accepted for delivery"

    def start(self) -> SmtpSink:
        self._controller.start()
        return self

    def stop(self) -> None:
        self._controller.stop()

    def to(self, address: str) -> list[email.message.EmailMessage]:
        with self._lock:
            return [m for m in self.messages if address in str(m["To"])]

    @staticmethod
    def body(message: email.message.EmailMessage) -> str:
        return message.get_body(preferencelist=("plain",)).get_content()


# --- Redis, restartable --------------------------------------------------------------------
class RedisServer:
    """A Redis of our own, so a test can stop and start it without touching the suite's.

    Without persistence: it comes back empty (what the outbox must survive anyway, since
    the tasks live in PostgreSQL) and without a "loading the dataset" window, during
    which the Redis transport of Celery's worker can fail to reconnect."""

    def __init__(self, workdir: Path) -> None:
        self.port = free_port()
        self.workdir = workdir
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                shutil.which("redis-server") or "redis-server",
                "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
                "--appendonly", "no", "--dir", str(self.workdir),
            ],
            stdout=subprocess.DEVNULL,
        )
        wait_until(lambda: _port_open(self.port), seconds=20, what="redis-server")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=20)


def _port_open(port: int) -> bool:
    with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.3):
        return True
    return False


# --- The compose commands ---------------------------------------------------------------
def compose_command(service: str) -> list[str]:
    """The service's command from docker-compose.yml as an argument list."""
    spec = yaml.safe_load(COMPOSE.read_text())["services"][service]
    command = spec["command"]
    return shlex.split(command) if isinstance(command, str) else list(command)


def compose_environment(service: str) -> dict[str, str]:
    spec = yaml.safe_load(COMPOSE.read_text())
    app = spec["services"][service]
    return {key: str(value) for key, value in (app.get("environment") or {}).items()}


def _localise(command: list[str], *, port: int, schedule: Path) -> list[str]:
    """Bind to loopback on a free port, a private beat schedule, 2 gunicorn workers."""
    text = shlex.join(command)
    text = text.replace("0.0.0.0:8000", f"127.0.0.1:{port}")
    text = re.sub(r"--workers \d+", "--workers 2", text)
    text = re.sub(r"--schedule=\S+", f"--schedule={schedule}", text)
    words = shlex.split(text)
    # Run the venv's python/celery/gunicorn: the image's PATH has them, ours has the venv.
    bindir = Path(sys.executable).parent
    if words[0] in {"celery", "gunicorn", "python"}:
        words[0] = str(bindir / words[0]) if words[0] != "python" else sys.executable
    if words[:2] == ["sh", "-c"]:
        words[2] = (
            words[2]
            .replace("python manage.py", f"{sys.executable} manage.py")
            .replace("gunicorn ", f"{bindir / 'gunicorn'} ")
        )
    return words


@dataclass
class Stack:
    """gunicorn (web), Celery worker and beat as compose runs them, on loopback."""

    database_url: str
    redis: RedisServer
    smtp: SmtpSink
    workdir: Path
    extra_env: dict[str, str] = field(default_factory=dict)
    port: int = field(default_factory=free_port)
    processes: dict[str, subprocess.Popen] = field(default_factory=dict)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def environment(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "DJANGO"))}
        env.update(compose_environment("web"))
        env.update(
            {
                # .env.example's production values, for loopback.
                "DEBUG": "false",
                "SECRET_KEY": SECRET_KEY,
                "ALLOWED_HOSTS": "127.0.0.1",
                "CSRF_TRUSTED_ORIGINS": self.url,
                "SITE_URL": self.url,
                "LOOPBACK_HTTP": "true",
                "EMAIL_HOST": "127.0.0.1",
                "EMAIL_PORT": str(self.smtp.port),
                "EMAIL_USE_TLS": "false",
                "LOG_LEVEL": "WARNING",
                # The test's own services instead of compose's db and redis hosts.
                "DATABASE_URL": self.database_url,
                "REDIS_URL": self.redis.url,
                "OUTBOX_RELAY_INTERVAL": "1",
                "OUTBOX_LEASE_SECONDS": "20",
                "PYTHONUNBUFFERED": "1",
            }
        )
        env.update(self.extra_env)
        return env

    def start(self, service: str, *, name: str | None = None) -> subprocess.Popen:
        name = name or service
        log = open(self.workdir / f"{name}.log", "w")  # noqa: SIM115 - closed with the process
        command = _localise(
            compose_command(service), port=self.port, schedule=self.workdir / f"{name}-schedule"
        )
        if service == "worker":
            command += [f"--hostname={name}@%h", "--without-gossip", "--without-mingle"]
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=self.environment(),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.processes[name] = process
        return process

    def start_web(self) -> None:
        self.start("web")
        wait_until(self._healthy, seconds=90, what=f"gunicorn on {self.url}\n{self.log('web')}")

    def _healthy(self) -> bool:
        if self.processes["web"].poll() is not None:
            raise AssertionError(f"gunicorn exited:\n{self.log('web')}")
        try:
            return get(self.port, "/health/")[0] == 200
        except OSError:
            return False

    def log(self, name: str) -> str:
        path = self.workdir / f"{name}.log"
        return path.read_text()[-4000:] if path.exists() else ""

    def kill(self, name: str, sig: int = signal.SIGKILL) -> None:
        process = self.processes[name]
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, sig)
        process.wait(timeout=30)

    def stop_all(self) -> None:
        for name, process in list(self.processes.items()):
            if process.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGTERM)
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    with contextlib.suppress(ProcessLookupError):
                        os.killpg(process.pid, signal.SIGKILL)
                    process.wait(timeout=10)
            del self.processes[name]


def get(port: int, path: str, *, cookie: str = "", timeout: float = 30) -> tuple[int, str]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    conn.request("GET", path, headers={"Cookie": cookie} if cookie else {})
    response = conn.getresponse()
    return response.status, response.read().decode("utf-8", "replace")


def database_url() -> str:
    """The URL of the database this pytest process uses (the test database)."""
    from django.conf import settings
    from django.db import connection

    db = settings.DATABASES["default"]
    password = f":{quote(db['PASSWORD'])}" if db.get("PASSWORD") else ""
    return (
        f"postgres://{quote(db.get('USER') or '')}{password}@{db.get('HOST') or '127.0.0.1'}"
        f":{db.get('PORT') or 5432}/{connection.settings_dict['NAME']}"
    )


def session_cookie(user) -> str:
    """A logged-in session made in the session store, so a test needs no login form."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.test import override_settings

    with override_settings(SECRET_KEY=SECRET_KEY):  # gunicorn signs and checks with it
        store = SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = "allauth.account.auth_backends.AuthenticationBackend"
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.create()
    return store.session_key

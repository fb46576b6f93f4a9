"""Start a real Celery worker process for a test, against the test database and Redis."""

import contextlib
import os
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent


def worker_environment(**extra: str) -> dict[str, str]:
    """The worker must see the *test* database, which Django renamed during setup."""
    env = dict(os.environ)
    db = settings.DATABASES["default"]
    credentials = f"{db['USER']}:{db.get('PASSWORD') or ''}"
    test_database = connection.settings_dict["NAME"]
    env["DATABASE_URL"] = f"postgres://{credentials}@{db['HOST']}:{db['PORT']}/{test_database}"
    env["REDIS_URL"] = settings.REDIS_URL
    env["CELERY_TASK_ALWAYS_EAGER"] = "false"
    env.update(extra)
    return env


@contextlib.contextmanager
def running_worker(*, concurrency: int = 1, name: str = "worker", **extra_env: str):
    """Start ``celery worker`` and wait until it answers a ping; stop it afterwards."""
    from netwerkplatform.celery import app

    command = [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "netwerkplatform",
        "worker",
        "--pool=solo" if concurrency == 1 else "--pool=prefork",
        f"--concurrency={concurrency}",
        "--loglevel=INFO",
        f"--hostname={name}@%h",
        "--without-gossip",
        "--without-mingle",
        "--without-heartbeat",
    ]
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        env=worker_environment(**extra_env),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise RuntimeError(f"worker exited early:\n{process.stdout.read()}")
            replies = app.control.ping(timeout=0.5) or []
            if any(name in reply_name for reply in replies for reply_name in reply):
                break
        else:
            raise RuntimeError("worker did not answer a ping within 60 s")
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()

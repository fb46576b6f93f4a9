"""Fixtures for the real-stack tests: gunicorn, Celery worker and beat as compose runs
them, a Redis of their own (so a test may stop it) and an SMTP sink."""

import subprocess
import sys

import pytest

from tests.stack.harness import ROOT, RedisServer, SmtpSink, Stack, database_url


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/stack/" in str(item.fspath).replace("\\", "/"):
            item.add_marker(pytest.mark.stack)
            item.add_marker(pytest.mark.django_db(transaction=True))


@pytest.fixture(scope="session")
def collected_static():
    """Production settings serve the whitenoise manifest, as the Dockerfile builds it."""
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=ROOT,
        env={
            **{k: v for k, v in __import__("os").environ.items() if not k.startswith("PYTEST")},
            "DEBUG": "false",
            "SECRET_KEY": "build-only-not-secret",
        },
        check=True,
        timeout=180,
    )


@pytest.fixture
def smtp():
    sink = SmtpSink().start()
    yield sink
    sink.stop()


@pytest.fixture
def stack(real_broker, transactional_db, smtp, tmp_path, collected_static):
    redis = RedisServer(tmp_path)
    redis.start()
    stack = Stack(database_url=database_url(), redis=redis, smtp=smtp, workdir=tmp_path)
    try:
        yield stack
    finally:
        stack.stop_all()
        redis.stop()

"""Fixtures shared by the whole suite."""

import os

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from hypothesis import settings as hypothesis_settings

from matching.engine.corpus import set_corpus
from netwerkplatform.celery import app as celery_app
from tests.browser import browser  # noqa: F401 - the session's one Chromium (a fixture)

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}

# Property tests explore new random examples on developers' machines; in CI they replay
# a fixed set so a landing never depends on luck (a failure there is reproducible).
hypothesis_settings.register_profile("ci", derandomize=True, print_blob=True)
if IN_CI:
    hypothesis_settings.load_profile("ci")


def pytest_collection_modifyitems(items):
    """Make every transactional test restore the reference data after its flush.

    A transactional test (a real worker, a browser, threads) ends by emptying every
    table, including what migrations loaded: municipalities, provinces and the curated
    themes. Serialized rollback puts that data back for the next transactional test
    (pytest-django runs those after all others), so no test depends on the order.
    """
    for item in items:
        marker = item.get_closest_marker("django_db")
        fixtures = getattr(item, "fixturenames", ())
        transactional = bool(marker and marker.kwargs.get("transaction")) or bool(
            {"transactional_db", "live_server"} & set(fixtures)
        )
        if transactional:
            kwargs = dict(marker.kwargs) if marker else {}
            kwargs.update(transaction=True, serialized_rollback=True)
            item.add_marker(pytest.mark.django_db(**kwargs), append=False)


def pytest_report_header(config):
    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    broker = settings.CELERY_BROKER_URL.split("://", 1)[0]
    cache_backend = settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]
    return f"netwerkplatform: database={engine} broker={broker} cache={cache_backend}"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup):
    """Keep the serialized reference data reachable from every connection object.

    Django stores it on the connection object that created the test database. Once
    Playwright's sync API is running, the test thread gets a fresh connection object
    (Django's connection storage is context-local), which would make serialized
    rollback silently restore nothing. Putting the data on the wrapper class shares it.
    """
    from django.db import connections

    for alias in connections:
        contents = getattr(connections[alias], "_test_serialized_contents", None)
        if contents is not None:
            type(connections[alias])._test_serialized_contents = contents
    yield


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Password hashing is slow on purpose (PBKDF2, a million rounds: ~0.5 s a hash on
    these machines). Tests create hundreds of people, so they use a fast hasher; what
    they prove does not depend on the hash's strength."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _sessions_outlive_the_frozen_clock(settings):
    """Tests log in now and then move the clock to an event's day (freezegun), which the
    factories put two weeks ahead at 13:00; with Django's two-week session age the login
    would have expired whenever the suite runs before 13:00. A login in a test lasts
    long enough for any clock move the tests make."""
    settings.SESSION_COOKIE_AGE = 60 * 60 * 24 * 90


@pytest.fixture(autouse=True)
def _eager_celery_and_clean_cache():
    """Tasks run in-process unless a test starts a real worker (see ``celery_worker``).

    The cache is cleared so allauth's rate limits and cached values never leak between
    tests (with Redis the cache outlives a test's database transaction).
    """
    celery_app.conf.task_always_eager = True
    cache.clear()
    yield
    celery_app.conf.task_always_eager = settings.CELERY_TASK_ALWAYS_EAGER
    cache.clear()


@pytest.fixture(autouse=True)
def _fresh_matching_corpus():
    """Each test starts without this process's cached matching corpus.

    The database is rolled back or flushed between tests, but the cache is not: a save
    in the next test would run an incremental match against initiatives that no longer
    exist (a foreign-key error in a test that merely creates data).
    """
    set_corpus(None)
    yield
    set_corpus(None)


@pytest.fixture
def on_commit_runs_at_once(request, monkeypatch):
    """Inside a test's wrapping transaction nothing commits, so mail queued with
    ``on_commit`` (the outbox) would never go; run it at once instead. Transactional
    tests commit for real and keep the real behaviour."""
    marker = request.node.get_closest_marker("django_db")
    if marker and marker.kwargs.get("transaction"):
        return
    monkeypatch.setattr(transaction, "on_commit", lambda func, using=None, robust=False: func())


@pytest.fixture
def postgres_only():
    """For behaviour that needs PostgreSQL (row locks, full-text search). In CI the suite
    always runs on PostgreSQL (scripts/with_services.py refuses otherwise)."""
    if not settings.USES_POSTGRES:
        if IN_CI:
            pytest.fail("CI must run on PostgreSQL")
        pytest.skip("needs PostgreSQL; run `make test` with PostgreSQL installed")


@pytest.fixture
def user(db):
    from tests.core.factories import UserFactory

    return UserFactory()


@pytest.fixture
def verified_user(db):
    from tests.core.factories import UserFactory

    return UserFactory(verified=True)


@pytest.fixture
def real_broker(postgres_only):
    """For tests that start a real Celery worker: PostgreSQL (shared with the worker
    process) and Redis. Always available in CI."""
    if not settings.REDIS_URL:
        if IN_CI:
            pytest.fail("CI must run with Redis")
        pytest.skip("needs Redis; run `make test` with redis-server installed")
